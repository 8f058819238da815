"""The quick part of the fault suite inside `deploy/stack test` (faults.py --mode full on demand).
Named to sort last: pytest runs files in name order, and the faults restart the stack's servers."""
import faults


def test_pipeline_keeps_its_promises_through_kills_pauses_and_restarts(stack):
    report = faults.run("quick")
    assert report["accepted"] + report["rejected"] == report["events_sent"]
    assert report["missing_in_bronze"] == 0, "an accepted event never reached bronze"
    assert report["missing_in_silver"] == 0 and report["unexpected_in_silver"] == 0
    assert report["silver_rows_with_copies"] == 0, "silver must hold each event once"
    assert report["gold_equals_silver"]
    assert len(report["faults"]) >= 13

    # lake-writer was killed while it compacted settled hours, and warehouse-loader while it
    # merged a compacted file into bronze: each Kafka record is still in bronze and silver once.
    compaction = {f["fault"]: f["caught_in_the_act"] for f in report["faults"] if "caught_in_the_act" in f}
    assert compaction == {"kill -9 lake-writer during a compaction, restart": True,
                          "kill -9 warehouse-loader while it loads a compacted file, restart": True}, compaction

    # The README's figure: every service ready again within 10 s of each fault's end.
    slow = {f["fault"]: f["ready_again_s"] for f in report["faults"] if f["ready_again_s"] > faults.READY_AGAIN_LIMIT_S}
    assert not slow, f"not ready again within {faults.READY_AGAIN_LIMIT_S} s of the fault's end: {slow}"
    assert report["ready_again_max_s"] <= faults.READY_AGAIN_LIMIT_S

    # Airflow is part of "every component": deploy/stack test starts it for this suite, and after
    # every fault (PostgreSQL's crash-restart killed a component of `airflow standalone` for good)
    # its scheduler and DAG processor must report healthy again without manual action.
    assert report["airflow_checked"], "Airflow was not running: the fault suite must include it"
    unhealthy = {f["fault"]: f["airflow_healthy_again_s"] for f in report["faults"]
                 if f["airflow_healthy_again_s"] > faults.AIRFLOW_HEALTHY_AGAIN_LIMIT_S}
    assert not unhealthy, f"Airflow not healthy again within {faults.AIRFLOW_HEALTHY_AGAIN_LIMIT_S} s: {unhealthy}"

    # While PostgreSQL, the broker or Redis was paused, every service that checks it named it on
    # /ready (Redis as "degraded": recommender-api keeps answering 200 without it, by design).
    paused = [f for f in report["faults"] if f.get("dependency") in faults.DEPENDENTS_ON_READY]
    assert {f["dependency"] for f in paused} == {"postgres", "kafka", "redis"}, report["faults"]
    for fault in paused:
        dependents = faults.DEPENDENTS_ON_READY[fault["dependency"]]
        assert dependents <= set(fault["services_reporting_it_on_ready"]), \
            f"{fault['fault']}: not all of {sorted(dependents)} reported it on /ready ({fault})"
    assert report["dependency_outages_unreported"] == []
    assert report["ok"]
