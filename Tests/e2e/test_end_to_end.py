"""The whole pipeline, layer by layer, with the simulator's traffic (issue #13):
ingest-service → Kafka → lake-writer → lake → warehouse-loader → dbt → recommender-api → dashboard.

Every layer is checked against what was sent: accepted + rejected = sent; bronze ⊇ accepted;
silver = the distinct valid event_ids; gold totals = silver; recommendations served for the active
users; the dashboard's numbers = gold. End-to-end freshness is measured and reported in
$STACK_DIR/logs/e2e-report.json. E2E_EVENTS (default 100000) sizes the run."""
import json
import os
import re
import time
import uuid

from stack_client import bronze_event_ids, quote_path, write_report
from traffic import send, simulate

EVENTS = int(os.environ.get("E2E_EVENTS", "100000"))


def dead_letters_of(run_tag, expected, timeout=30):
    """Records of events_dlq whose original bytes carry run_tag, each with a reason header."""
    from confluent_kafka import Consumer
    consumer = Consumer({"bootstrap.servers": os.environ["KAFKA_BROKERS"], "group.id": f"e2e-dlq-{uuid.uuid4()}",
                         "auto.offset.reset": "earliest", "enable.auto.commit": False})
    consumer.subscribe(["events_dlq"])
    found, reasons = 0, set()
    deadline = time.monotonic() + timeout
    try:
        while found < expected and time.monotonic() < deadline:
            for message in consumer.consume(1000, timeout=1.0):
                if message.error() or run_tag.encode() not in (message.value() or b""):
                    continue
                headers = dict(message.headers() or [])
                assert headers.get("reason"), "a dead letter without a reason"
                reasons.add(headers["reason"].decode()[:60])
                found += 1
    finally:
        consumer.close()
    return found, reasons


def test_every_layer_holds_what_was_sent(stack):
    report = {"events_sent": EVENTS}
    run_tag = f"e2e{int(time.time()) % 100000}"
    traffic = simulate(stack.bin_dir, EVENTS, users=max(50, EVENTS // 250), seed=int(time.time()), run_tag=run_tag)

    # Ingestion: every line answered, accepted + rejected = sent, exactly the broken ones rejected.
    started = time.monotonic()
    accepted, rejected, retried = send(stack, traffic.lines)
    report["ingest_seconds"] = round(time.monotonic() - started, 2)
    report.update(accepted=accepted, rejected=rejected, retried_batches=retried)
    assert accepted + rejected == len(traffic.lines)
    assert rejected == traffic.rejected_lines, "ingest-service must reject exactly the structurally broken lines"
    assert accepted == traffic.accepted_lines

    # Rejected input is not lost: it is in the dead-letter topic with a reason.
    report["dead_letters"], reasons = dead_letters_of(run_tag, rejected)
    assert report["dead_letters"] == rejected, f"rejected {rejected}, dead letters {report['dead_letters']}"
    report["dead_letter_reasons"] = len(reasons)

    # Bronze ⊇ accepted (at least once: duplicates allowed, missing events not).
    stack.wait_lake_writer_caught_up()
    stack.flush_and_load()
    copies = bronze_event_ids(stack, traffic.accepted_ids)
    missing = traffic.accepted_ids - copies.keys()
    report["bronze_rows_of_run"] = sum(copies.values())
    report["bronze_duplicate_rows"] = sum(c - 1 for c in copies.values())
    assert not missing, f"{len(missing)} accepted events are not in bronze, e.g. {sorted(missing)[:3]}"

    # Silver = the distinct valid plays, each once.
    report["dbt_build_seconds"] = round(stack.dbt("build"), 1)
    silver = dict(stack.query(
        "SELECT event_id::text, count(*) FROM silver.silver_plays WHERE user_id LIKE %s GROUP BY 1", (run_tag + "_%",)))
    assert set(silver) == traffic.valid_play_ids
    assert all(count == 1 for count in silver.values())
    report["silver_plays_of_run"] = len(silver)

    # Gold totals = silver, table by table.
    silver_total = stack.scalar("SELECT count(*) FROM silver.silver_plays")
    for table in ("user_daily_listening", "track_popularity", "artist_stats", "device_usage", "hourly_listening_patterns"):
        total = stack.scalar(f"SELECT coalesce(sum(play_count), 0) FROM gold.{table}")
        assert total == silver_total, f"gold.{table} counts {total} plays, silver has {silver_total}"

    # Recommendations are served for the most active users of this run.
    active = stack.query(
        "SELECT user_id FROM silver.silver_plays WHERE user_id LIKE %s GROUP BY 1 ORDER BY count(*) DESC LIMIT 5",
        (run_tag + "_%",))
    served = 0
    for (user_id,) in active:
        response = stack.get("recommender-api", f"/users/{quote_path(user_id)}/recommendations?limit=10")
        assert response.status_code == 200, response.text
        served += bool(response.json()["recommendations"])
        top_track = stack.scalar(
            "SELECT track_id FROM silver.silver_plays WHERE user_id = %s GROUP BY 1 ORDER BY count(*) DESC LIMIT 1", (user_id,))
        by_track = stack.get("recommender-api", f"/recommendations/{quote_path(top_track)}?user_id={quote_path(user_id)}")
        assert by_track.status_code in (200, 404), by_track.text
    report["active_users_with_recommendations"] = f"{served}/{len(active)}"
    assert served == len(active), "every active user of the run gets recommendations"

    # The dashboard shows gold's numbers.
    page = stack.get("dashboard", "/")
    assert page.status_code == 200
    total_plays = stack.scalar("SELECT coalesce(sum(play_count), 0) FROM gold.user_daily_listening")
    shown = [int(n) for n in re.findall(r'data-metric="plays".*?data-value="(\d+)"', page.text)]
    assert shown == [total_plays], f"dashboard shows {shown}, gold has {total_plays}"

    report.update(freshness(stack, run_tag))
    path = write_report(stack, "e2e-report", report)
    print(json.dumps(report, indent=2), f"\nreport: {path}")


def freshness(stack, run_tag):
    """One new play: seconds from its 202 to bronze (driving flush + load as the DAG does) and to
    gold (one dbt build later)."""
    event = {"event_id": str(uuid.uuid4()), "user_id": f"{run_tag}_fresh", "event_type": "play",
             "track_id": "fresh0000000000000000a", "track_name": "Fresh", "artist_name": "Freshness",
             "duration_ms": 180000, "played_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    started = time.monotonic()
    assert stack.post_events([json.dumps(event)])["accepted"] == 1
    while True:
        stack.wait_lake_writer_caught_up(timeout=30)
        stack.flush_and_load()
        if bronze_event_ids(stack, [event["event_id"]]):
            break
        assert time.monotonic() - started < 120, "the event did not reach bronze within 120 s"
    to_bronze = time.monotonic() - started
    stack.dbt("build", "--select", "silver_plays+")
    in_gold = stack.scalar("SELECT count(*) FROM gold.user_daily_listening WHERE user_id = %s", (event["user_id"],))
    assert in_gold == 1
    return {"freshness_seconds_to_bronze": round(to_bronze, 2),
            "freshness_seconds_to_gold": round(time.monotonic() - started, 2)}
