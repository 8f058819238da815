"""`airflow dags test` of the platform's DAGs against the running stack: simulated traffic goes
in through simulate_traffic, spotify_ingestion carries it into bronze, dbt_transformation into
silver and gold and invalidates the recommender cache; a deliberately failing quality check
fails the run and fires the alert webhook.

The tests share one flow (module fixtures) and run in file order."""
import subprocess
import time
from datetime import datetime, timezone

import pytest
import requests

from conftest import require, stubbed

BRONZE_URI = "postgres://warehouse:5432/spotify_data/bronze/load_history"
RECOMMENDATIONS_URI = "postgres://warehouse:5432/spotify_data/gold/track_recommendations"
EVENT_TABLES = ("plays", "skips", "likes", "currently_playing")
SIMULATED_EVENTS = 3000
CACHE_PROBE_KEY = "rec:airflow-test-probe:10"


def assert_succeeded(result, expected_tasks):
    assert result.state == "success", result.describe()
    assert result.task_states == {task: "success" for task in expected_tasks}, result.describe()


def lake_writer_caught_up():
    status = requests.get(f"http://127.0.0.1:{require('LAKE_WRITER_PORT')}/status", timeout=10).json()
    return status["behind"] is not None and status["behind"] <= 0


def bronze_rows_since(warehouse, since):
    with warehouse.cursor() as cursor:
        total = 0
        for table in EVENT_TABLES:
            cursor.execute(f"select count(*) from bronze.{table} where _ingested_at >= %s", (since,))
            total += cursor.fetchone()[0]
        return total


@pytest.fixture(scope="module")
def simulation(airflow_cli):
    """simulate_traffic with a seed of its own, so its event ids are new to the warehouse."""
    started = datetime.now(timezone.utc)
    conf = {"events": SIMULATED_EVENTS, "users": 40, "seed": int(time.time()), "rate": 0}
    result = airflow_cli.dags_test("simulate_traffic", conf=conf)
    report = requests.get(f"{require('INGEST_URL')}/v1/simulate", timeout=10,
                          headers={"Authorization": f"Bearer {require('ADMIN_TOKEN')}"}).json()
    return {"started": started, "result": result, "report": report, "conf": conf}


@pytest.fixture(scope="module")
def ingestion(airflow_cli, simulation):
    deadline = time.time() + 90
    while not lake_writer_caught_up():
        assert time.time() < deadline, "lake-writer did not consume the simulated events within 90 s"
        time.sleep(1)
    return airflow_cli.dags_test("spotify_ingestion")


@pytest.fixture(scope="module")
def recommender(listener_module):
    """The recommender-api the DAGs call: the real one, or a stub while its endpoint is not deployed."""
    if stubbed("recommender-api"):
        return listener_module({("POST", "/cache/invalidate"): (200, {"invalidated": 1})})
    return None


@pytest.fixture(scope="module")
def listener_module():
    from conftest import _start_listener

    started = []
    yield lambda routes: started.append(_start_listener(routes)) or started[-1]
    for server in started:
        server.server.shutdown()


def redis_cli(*arguments):
    return subprocess.run(["redis-cli", "-u", require("REDIS_URL"), *arguments], capture_output=True, text=True,
                          timeout=10, check=True).stdout.strip()


@pytest.fixture(scope="module")
def transformation(airflow_cli, ingestion, recommender):
    environment = {}
    if recommender is not None:
        environment["AIRFLOW_CONN_RECOMMENDER_API"] = recommender.url
    else:
        # A cache entry the invalidation must remove (the real endpoint deletes every rec:* key).
        redis_cli("SET", CACHE_PROBE_KEY, "{}", "EX", "600")
    return airflow_cli.dags_test("dbt_transformation", environment=environment, timeout=900)


def test_simulate_traffic_sends_the_simulated_events_through_ingest_service(simulation):
    assert_succeeded(simulation["result"], ["start_simulation", "wait_for_simulation"])
    report = simulation["report"]
    assert report["state"] == "finished"
    assert report["seed"] == simulation["conf"]["seed"]
    assert report["report"]["accepted"] == SIMULATED_EVENTS


def test_spotify_ingestion_carries_the_simulated_events_into_bronze(simulation, ingestion, warehouse, airflow_cli):
    assert_succeeded(ingestion, ["check_for_new_data", "flush_lake_writer", "verify_lake_files", "load_warehouse",
                                 "check_bronze_quality", "mark_bronze_updated"])
    # Every accepted event is in bronze (other clients of the shared stack may add more).
    assert bronze_rows_since(warehouse, simulation["started"]) >= SIMULATED_EVENTS
    assert "PASS rows_arrived" in ingestion.output and "PASS volume" in ingestion.output, ingestion.describe()
    assert airflow_cli.asset_events(BRONZE_URI) == [("spotify_ingestion", "mark_bronze_updated")]


def test_bronze_arrivals_marks_the_asset_only_when_a_load_added_rows(ingestion, airflow_cli, warehouse):
    # spotify_ingestion just marked the asset after its loads: nothing has arrived since.
    idle = airflow_cli.dags_test("bronze_arrivals", conf={"watch_seconds": 0})
    assert idle.task_states == {"mark_new_bronze_rows": "skipped"}, idle.describe()
    # New traffic reaches bronze by itself (lake-writer's rolls, warehouse-loader's poll): the
    # next run sees the load and marks the asset, which is what schedules dbt_transformation.
    started = datetime.now(timezone.utc)
    sent = airflow_cli.dags_test("simulate_traffic", conf={"events": 200, "users": 5, "seed": int(time.time()) + 1, "rate": 0})
    assert sent.state == "success", sent.describe()
    arrived = airflow_cli.dags_test("bronze_arrivals", conf={"watch_seconds": 55})
    assert_succeeded(arrived, ["mark_new_bronze_rows"])
    assert bronze_rows_since(warehouse, started) > 0
    assert airflow_cli.asset_events(BRONZE_URI)[-1] == ("bronze_arrivals", "mark_new_bronze_rows")
    assert "files added" in arrived.output and "rows to bronze after" in arrived.output, arrived.describe()


def test_dbt_transformation_builds_silver_and_gold_and_invalidates_the_cache(simulation, transformation, warehouse, recommender):
    assert_succeeded(transformation, ["dbt_build_silver_gold", "recommendations_due",
                                      "dbt_build_recommendations", "invalidate_recommender_cache"])
    assert "rebuilding the recommendation models: the recommendation models were never built" in transformation.output
    with warehouse.cursor() as cursor:
        # Every valid simulated play is in silver ...
        cursor.execute("""
            select count(distinct b.event_id), count(distinct s.event_id)
            from bronze.plays b left join silver.silver_plays s on s.event_id::text = b.event_id
            where b._ingested_at >= %s and b.user_id is not null and b.duration_ms > 0 and b.duration_ms < 600000
        """, (simulation["started"],))
        valid, in_silver = cursor.fetchone()
        assert valid > SIMULATED_EVENTS / 2 and in_silver == valid
        # ... and gold was rebuilt from that silver: its daily totals count every silver play.
        cursor.execute("select (select sum(play_count) from gold.user_daily_listening), (select count(*) from silver.silver_plays)")
        gold_plays, silver_plays = cursor.fetchone()
        assert gold_plays == silver_plays
        cursor.execute("select count(*) from gold.track_recommendations")
        assert cursor.fetchone()[0] > 0
    if recommender is not None:
        calls = recommender.received("POST", "/cache/invalidate")
        assert len(calls) == 1
        assert calls[0]["headers"].get("Authorization") == f"Bearer {require('ADMIN_TOKEN')}"
    else:
        assert redis_cli("EXISTS", CACHE_PROBE_KEY) == "0"


def test_the_next_transformation_within_the_hour_builds_gold_but_not_the_recommendations(transformation, airflow_cli, warehouse, recommender):
    assert airflow_cli.asset_events(RECOMMENDATIONS_URI) == [("dbt_transformation", "dbt_build_recommendations")]
    with warehouse.cursor() as cursor:
        cursor.execute("select count(*) from gold.track_recommendations")
        recommendations_before = cursor.fetchone()[0]
    environment = {"AIRFLOW_CONN_RECOMMENDER_API": recommender.url} if recommender is not None else {}
    if recommender is None:
        redis_cli("SET", CACHE_PROBE_KEY, "{}", "EX", "600")
    again = airflow_cli.dags_test("dbt_transformation", environment=environment, timeout=900)
    assert again.state == "success", again.describe()
    assert again.task_states == {
        "dbt_build_silver_gold": "success",
        "recommendations_due": "success", "dbt_build_recommendations": "skipped",
        "invalidate_recommender_cache": "success"}, again.describe()
    assert "not rebuilding the recommendation models: last built" in again.output
    assert airflow_cli.asset_events(RECOMMENDATIONS_URI) == [("dbt_transformation", "dbt_build_recommendations")]
    with warehouse.cursor() as cursor:
        cursor.execute("select count(*) from gold.track_recommendations")
        assert cursor.fetchone()[0] == recommendations_before
    if recommender is None:
        assert redis_cli("EXISTS", CACHE_PROBE_KEY) == "0", "the cache is invalidated even when recommendations are not rebuilt"


def test_a_failing_quality_check_fails_the_run_and_posts_the_alert(airflow_cli, ingestion, listener):
    webhook = listener({("POST", "/alert"): (200, {"ok": True})})
    # A freshness limit of zero hours: the newest event is always some time before the interval's
    # end, so the check fails whatever the stack holds (the volume check, by contrast, passes on
    # a young stack that has no trailing week to compare with).
    result = airflow_cli.dags_test("spotify_ingestion", conf={"freshness_hours": 0},
                                   environment={"ALERT_WEBHOOK_URL": f"{webhook.url}/alert"})
    assert result.state == "failed", result.describe()
    assert result.task_states["check_bronze_quality"] == "failed", result.describe()
    assert result.task_states["mark_bronze_updated"] == "upstream_failed", result.describe()
    assert "FAIL freshness" in result.output
    alerts = webhook.received("POST", "/alert")
    assert len(alerts) == 1, result.describe()
    alert = alerts[0]["body"]
    assert alert["dag_id"] == "spotify_ingestion" and alert["task_id"] == "check_bronze_quality"
    assert alert["state"] == "failed" and "freshness" in alert["exception"]
    assert alert["data_interval_start"] and alert["data_interval_end"]


def test_spotify_ingestion_skips_cleanly_when_nothing_is_new(airflow_cli, listener):
    # An hour long before the warehouse existed (but after the DAG's start_date: runs before it have
    # no task instances), with services that have nothing waiting.
    services = listener({
        ("GET", "/status"): (200, {"partitions": [{"topic": "user_plays", "partition": 0, "buffered_events": 0, "lag": 0,
                                                   "committed_offset": 5, "high_watermark": 5, "last_files": []}],
                                   "files_pending": 0}),
    })
    result = airflow_cli.dags_test("spotify_ingestion", logical_date="2025-01-02T05:00:00+00:00",
                                   environment={"AIRFLOW_CONN_LAKE_WRITER": services.url,
                                                "AIRFLOW_CONN_WAREHOUSE_LOADER": services.url})
    assert result.state == "success", result.describe()
    assert result.task_states["check_for_new_data"] == "success"
    assert {task: state for task, state in result.task_states.items() if task != "check_for_new_data"} == {
        task: "skipped" for task in ("flush_lake_writer", "verify_lake_files", "load_warehouse",
                                     "check_bronze_quality", "mark_bronze_updated")}, result.describe()
    assert services.received("POST", "/flush") == [] and services.received("POST", "/load") == []


@pytest.fixture
def poller(listener):
    if stubbed("poller"):
        return listener({("GET", "/status"): (200, {"auth_state": "authorized", "queued_events": 0}),
                         ("POST", "/sync"): (200, {"fetched": 2, "posted": 2, "cursor": "1700000000000"})})
    return None


def test_spotify_recently_played_asks_the_poller_to_sync(airflow_cli, poller):
    environment = {"AIRFLOW_CONN_POLLER": poller.url} if poller else {}
    result = airflow_cli.dags_test("spotify_recently_played", environment=environment)
    assert result.state == "success", result.describe()
    if poller:
        assert result.task_states == {"sync_recently_played": "success"}
        calls = poller.received("POST", "/sync")
        assert len(calls) == 1 and calls[0]["headers"].get("Authorization") == f"Bearer {require('ADMIN_TOKEN')}"
    else:
        # The stack has no Spotify account connected: the sync is skipped, not failed.
        status = requests.get(f"http://127.0.0.1:{require('POLLER_PORT')}/status", timeout=10).json()
        expected = "skipped" if status["auth_state"] == "not_authorized" else "success"
        assert result.task_states == {"sync_recently_played": expected}, result.describe()


def test_spotify_recently_played_skips_without_a_spotify_account(airflow_cli, listener):
    poller = listener({("GET", "/status"): (200, {"auth_state": "not_authorized"}),
                       ("POST", "/sync"): (503, {"error": "not_authorized", "message": "no account"})})
    result = airflow_cli.dags_test("spotify_recently_played", environment={"AIRFLOW_CONN_POLLER": poller.url})
    assert result.state == "success", result.describe()
    assert result.task_states == {"sync_recently_played": "skipped"}
    assert poller.received("POST", "/sync") == []
