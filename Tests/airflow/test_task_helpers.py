"""The DAGs' building blocks on their own: the bronze quality checks on crafted data in a
scratch schema of the stack's warehouse, the lake file check, the failure alert, service
calls and the dbt stage selections."""
import json
import os
import subprocess
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from conftest import REPO_ROOT, require
from spotify_platform.bronze_quality import QualityThresholds, rows_arrived, run_bronze_checks

START = datetime(2025, 6, 1, 10, tzinfo=timezone.utc)
END = START + timedelta(hours=1)


@pytest.fixture
def scratch_bronze(warehouse):
    """A private copy of bronze's event tables (structure only), dropped afterwards."""
    schema = f"airflow_test_{uuid.uuid4().hex[:10]}"
    with warehouse.cursor() as cursor:
        cursor.execute(f"create schema {schema}")
        for table in ("plays", "skips", "likes", "currently_playing"):
            cursor.execute(f"create table {schema}.{table} (like bronze.{table} including defaults)")
    yield schema
    with warehouse.cursor() as cursor:
        cursor.execute(f"drop schema {schema} cascade")


class Plays:
    """Inserts play rows into the scratch schema with controlled fields."""

    def __init__(self, warehouse, schema):
        self.warehouse, self.schema, self.offset = warehouse, schema, 0

    def add(self, count, ingested_at, played_at=None, user_id="user_1", event_id=None, offset=None, source_file="part-a.parquet"):
        with self.warehouse.cursor() as cursor:
            for _ in range(count):
                self.offset += 1
                cursor.execute(
                    f"insert into {self.schema}.plays (event_id, user_id, event_type, track_id, track_name, artist_name,"
                    " duration_ms, played_at, _kafka_partition, _kafka_offset, _ingested_at, _source_file)"
                    " values (%s, %s, 'play', 't1', 'Track', 'Artist', 200000, %s, 0, %s, %s, %s)",
                    (event_id or str(uuid.uuid4()), user_id, played_at or ingested_at - timedelta(minutes=1),
                     self.offset if offset is None else offset, ingested_at, source_file))


@pytest.fixture
def plays(warehouse, scratch_bronze):
    rows = Plays(warehouse, scratch_bronze)
    # A trailing week averaging 2 rows an hour, then 20 good rows in the interval.
    for hour in range(1, 7 * 24 + 1, 12):
        rows.add(24, START - timedelta(hours=hour), source_file=f"part-old-{hour}.parquet")
    rows.add(20, START + timedelta(minutes=30))
    return rows


def checks(warehouse, schema, **thresholds):
    results = run_bronze_checks(warehouse, START, END, QualityThresholds(**thresholds), schema=schema)
    return {result.name: result for result in results}


def failed(results):
    return sorted(name for name, result in results.items() if not result.passed)


def test_good_bronze_passes_every_check(warehouse, scratch_bronze, plays):
    results = checks(warehouse, scratch_bronze)
    assert failed(results) == []
    assert set(results) == {"rows_arrived", "null_share_plays", "freshness", "volume",
                            "duplicate_records_plays", "duplicate_event_ids_plays"}
    assert results["rows_arrived"].detail.startswith("20 rows arrived")
    assert "hourly average 2.0" in results["volume"].detail


def test_an_interval_without_rows_fails_rows_arrived(warehouse, scratch_bronze):
    Plays(warehouse, scratch_bronze).add(5, START - timedelta(hours=2))
    assert failed(checks(warehouse, scratch_bronze)) == ["freshness", "rows_arrived", "volume"]
    assert rows_arrived(warehouse, START, END, schema=scratch_bronze) is False
    assert rows_arrived(warehouse, START - timedelta(hours=3), START, schema=scratch_bronze) is True


def test_nulls_in_a_required_column_fail_above_the_limit(warehouse, scratch_bronze, plays):
    plays.add(1, START + timedelta(minutes=40), user_id=None)
    results = checks(warehouse, scratch_bronze)
    assert failed(results) == ["null_share_plays"]
    assert "(user_id)" in results["null_share_plays"].detail
    assert failed(checks(warehouse, scratch_bronze, max_null_share=0.1)) == []


def test_stale_events_fail_freshness(warehouse, scratch_bronze):
    rows = Plays(warehouse, scratch_bronze)
    rows.add(10, START + timedelta(minutes=10), played_at=END - timedelta(hours=3))
    assert failed(checks(warehouse, scratch_bronze)) == ["freshness"]
    assert failed(checks(warehouse, scratch_bronze, freshness=timedelta(hours=4))) == []


def test_events_dated_after_the_interval_do_not_make_it_fresh(warehouse, scratch_bronze):
    rows = Plays(warehouse, scratch_bronze)
    rows.add(10, START + timedelta(minutes=10), played_at=END - timedelta(hours=3))
    rows.add(1, START + timedelta(minutes=10), played_at=END + timedelta(hours=5))
    assert "freshness" in failed(checks(warehouse, scratch_bronze))


def test_a_thin_interval_fails_volume(warehouse, scratch_bronze, plays):
    # 20 rows against an hourly average of 2: passes at 10×, fails at 11×.
    assert failed(checks(warehouse, scratch_bronze, min_volume_fraction=10)) == []
    assert failed(checks(warehouse, scratch_bronze, min_volume_fraction=11)) == ["volume"]


def test_the_same_kafka_record_twice_fails_duplicate_records(warehouse, scratch_bronze, plays):
    event_id = str(uuid.uuid4())
    plays.add(1, START + timedelta(minutes=5), event_id=event_id, offset=9999, source_file="part-b.parquet")
    plays.add(1, START + timedelta(minutes=6), event_id=event_id, offset=9999, source_file="part-b-again.parquet")
    results = checks(warehouse, scratch_bronze)
    assert failed(results) == ["duplicate_records_plays"]
    assert results["duplicate_records_plays"].detail.startswith("1 Kafka records")


def test_repeated_event_ids_fail_above_their_share(warehouse, scratch_bronze, plays):
    event_id = str(uuid.uuid4())
    plays.add(3, START + timedelta(minutes=5), event_id=event_id)  # 2 surplus copies of 23 rows ≈ 8.7 %
    assert failed(checks(warehouse, scratch_bronze)) == ["duplicate_event_ids_plays"]
    assert failed(checks(warehouse, scratch_bronze, max_duplicate_event_share=0.1)) == []


def test_duplicates_count_only_within_the_files_of_the_interval(warehouse, scratch_bronze, plays):
    event_id = str(uuid.uuid4())
    plays.add(1, START - timedelta(days=2), event_id=event_id, source_file="part-old-copy.parquet")
    plays.add(1, START + timedelta(minutes=5), event_id=event_id)
    assert failed(checks(warehouse, scratch_bronze)) == []


def test_a_compacted_roll_is_not_missing(tmp_path):
    """Compaction rewrote the hour's rolls into one file: the roll's records are there."""
    from spotify_platform.lake import missing_lake_files

    folder = tmp_path / "bronze/skips/year=2026/month=12/day=04/hour=22"
    folder.mkdir(parents=True)
    (folder / "part-user_skips-5-100-900.parquet").write_bytes(b"x")
    hour = "bronze/skips/year=2026/month=12/day=04/hour=22"
    compacted = f"{hour}/part-user_skips-5-328-329.parquet"
    other_partition = f"{hour}/part-user_skips-4-328-329.parquet"
    outside = f"{hour}/part-user_skips-5-901-950.parquet"
    other_hour = "bronze/skips/year=2026/month=12/day=04/hour=23/part-user_skips-5-328-329.parquet"
    assert missing_lake_files([compacted, other_partition, outside, other_hour], f"file://{tmp_path}") == \
        [other_partition, outside, other_hour]


def test_missing_lake_files_are_reported(tmp_path):
    from spotify_platform.lake import UnsupportedLake, missing_lake_files

    present = "bronze/plays/year=2025/month=06/day=01/hour=10/part-user_plays-0-1-5.parquet"
    (tmp_path / present).parent.mkdir(parents=True)
    (tmp_path / present).write_bytes(b"PAR1")
    absent = "bronze/plays/year=2025/month=06/day=01/hour=10/part-user_plays-1-1-5.parquet"
    assert missing_lake_files([present, absent], f"file://{tmp_path}") == [absent]
    assert missing_lake_files([], f"file://{tmp_path}") == []
    with pytest.raises(UnsupportedLake):
        missing_lake_files([present], "hdfs://namenode/lake")


class FakeTaskInstance:
    dag_id, task_id, run_id, try_number = "spotify_ingestion", "check_bronze_quality", "manual__1", 1


def failure_context():
    return {"task_instance": FakeTaskInstance(), "exception": ValueError("volume: 3 rows"),
            "logical_date": END, "data_interval_start": START, "data_interval_end": END}


def test_the_failure_alert_posts_a_json_message(listener, monkeypatch):
    from spotify_platform.alerts import alert_on_failure

    webhook = listener({("POST", "/hook"): (200, {"ok": True})})
    monkeypatch.setenv("ALERT_WEBHOOK_URL", f"{webhook.url}/hook")
    alert_on_failure(failure_context())
    [call] = webhook.received("POST", "/hook")
    assert call["headers"]["Content-Type"] == "application/json"
    assert call["body"]["dag_id"] == "spotify_ingestion" and call["body"]["task_id"] == "check_bronze_quality"
    assert call["body"]["exception"] == "volume: 3 rows"
    assert call["body"]["data_interval_start"] == START.isoformat()
    assert "spotify_ingestion.check_bronze_quality failed" in call["body"]["text"]


def test_the_failure_alert_never_raises_when_the_webhook_is_down(monkeypatch, caplog):
    from spotify_platform.alerts import alert_on_failure

    monkeypatch.setenv("ALERT_WEBHOOK_URL", "http://127.0.0.1:9/unreachable")
    alert_on_failure(failure_context())
    assert "could not be posted" in caplog.text


def test_the_failure_alert_only_logs_without_a_webhook(monkeypatch, caplog):
    from spotify_platform.alerts import alert_on_failure

    monkeypatch.delenv("ALERT_WEBHOOK_URL", raising=False)
    alert_on_failure(failure_context())
    assert "ALERT Airflow: task spotify_ingestion.check_bronze_quality failed" in caplog.text


def test_service_calls_carry_the_admin_token_and_report_error_bodies(listener, monkeypatch):
    from spotify_platform.service_client import ServiceCallFailed, call_service

    service = listener({("POST", "/flush"): (200, {"files": []}),
                        ("POST", "/load"): (503, {"error": "load_failed", "message": "The warehouse is down."})})
    monkeypatch.setenv("AIRFLOW_CONN_FAKE_SERVICE", service.url)
    monkeypatch.setenv("ADMIN_TOKEN", "test-admin-token")
    assert call_service("fake_service", "POST", "/flush") == {"files": []}
    assert service.received("POST", "/flush")[0]["headers"]["Authorization"] == "Bearer test-admin-token"
    with pytest.raises(ServiceCallFailed) as failure:
        call_service("fake_service", "POST", "/load", body={})
    assert failure.value.status == 503 and "The warehouse is down." in str(failure.value)
    assert service.received("POST", "/load")[0]["body"] == {}


def dbt_models(*selection, resource_type="model"):
    """Model (or test) names a selection picks, from the real project (dbt ls parses, it does not query)."""
    completed = subprocess.run([str(REPO_ROOT / "dbt" / "run-dbt"), "ls", "--resource-type", resource_type, "--output", "name",
                                "--quiet", *selection], capture_output=True, text=True, timeout=300,
                               env={**os.environ, "POSTGRES_URL": require("POSTGRES_URL"),
                                    "DBT_TARGET_PATH": os.environ.get("AIRFLOW_HOME", "/tmp") + "/dbt-ls-target"})
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return set(completed.stdout.split())


def test_the_dbt_stages_build_every_model_exactly_once():
    from spotify_platform.dbt_steps import RECOMMENDATION_MODELS, SELECTIONS

    stages = {stage: dbt_models(*selection) for stage, selection in SELECTIONS.items()}
    everything = dbt_models()
    assert stages["recommendations"] == set(RECOMMENDATION_MODELS)
    assert {"stg_plays", "silver_plays", "silver_play_sessions", "user_daily_listening", "track_popularity"} <= stages["silver_gold"]
    assert not stages["silver_gold"] & set(RECOMMENDATION_MODELS)
    assert sum(len(models) for models in stages.values()) == len(everything)
    assert set().union(*stages.values()) == everything


def dbt_tests(*selection):
    return dbt_models(*selection, resource_type="test")


def test_each_dbt_test_runs_in_exactly_one_stage_and_gold_never_tests_a_recommendation_table():
    from spotify_platform.dbt_steps import SELECTIONS

    stages = {stage: dbt_tests(*selection, "--indirect-selection", "buildable") for stage, selection in SELECTIONS.items()}
    # the staging views' data tests read all of bronze: CI runs them, no stage does
    staging = dbt_tests("--select", "path:models/staging")
    assert staging and all("_stg_" in test for test in staging), staging
    assert sum(len(tests) for tests in stages.values()) == len(dbt_tests() - staging)
    assert set().union(*stages.values()) == dbt_tests() - staging
    # A relationship from artist_affinity to artist_stats: a recommendation table, tested with them.
    relationship = "relationships_artist_affinity_artist_name__artist_name__ref_artist_stats_"
    assert relationship in stages["recommendations"] and relationship not in stages["silver_gold"]
    assert not {t for t in stages["silver_gold"] if any(m in t for m in ("affinity", "cooccurrence", "track_recommendations", "track_neighbours"))}


def test_dbt_steps_run_the_repository_runner_with_the_warehouse_of_the_connection(monkeypatch):
    from spotify_platform.dbt_steps import dbt_command, dbt_environment

    monkeypatch.setenv("AIRFLOW_CONN_WAREHOUSE", "postgresql://reader:s3cret@db.example:6543/spotify_data")
    monkeypatch.delenv("DBT_PROJECT_DIR", raising=False)
    assert dbt_command("run", "recommendations")[:4] == [str(REPO_ROOT / "dbt" / "run-dbt"), "run", "--select", "track_cooccurrence"]
    assert dbt_command("run", "silver_gold")[2:6] == ["--select", "path:models/staging", "path:models/silver", "path:models/gold"]
    assert dbt_command("test", "silver_gold")[-2:] == ["--indirect-selection", "buildable"]
    assert dbt_command("build", "silver_gold")[-4:] == ["--indirect-selection", "buildable", "--exclude-resource-type", "unit_test"]
    environment = dbt_environment()
    assert dict(part.split("=", 1) for part in environment["POSTGRES_URL"].split()) == {
        "host": "db.example", "port": "6543", "dbname": "spotify_data", "user": "reader", "password": "s3cret"}


def test_recommendations_are_due_when_never_built_forced_or_older_than_the_interval():
    from spotify_platform.dbt_steps import recommendations_due

    now = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
    hour = timedelta(hours=1)
    assert recommendations_due(None, now, hour)[0] is True
    assert recommendations_due(now - timedelta(minutes=59), now, hour) == (
        False, "last built 59.0 min ago, within the interval of 60 min")
    assert recommendations_due(now - timedelta(minutes=60), now, hour)[0] is True
    assert recommendations_due(now - timedelta(minutes=1), now, hour, forced=True)[0] is True
    assert recommendations_due(now, now, timedelta(0))[0] is True, "an interval of 0 rebuilds in every run"


def test_recommendations_are_due_when_a_model_is_missing_even_within_the_interval():
    from spotify_platform.dbt_steps import recommendations_due

    now = datetime(2026, 12, 5, 12, 0, tzinfo=timezone.utc)
    assert recommendations_due(now - timedelta(minutes=5), now, timedelta(hours=1), missing=("track_neighbours",)) == (
        True, "the warehouse has no track_neighbours yet")


def test_missing_recommendation_models_are_found_in_the_warehouse(warehouse):
    """A warehouse built before gold.track_neighbours existed: only that model is missing."""
    from spotify_platform.dbt_steps import RECOMMENDATION_MODELS, missing_recommendation_models

    schema = f"airflow_test_{uuid.uuid4().hex[:10]}"
    with warehouse.cursor() as cursor:
        cursor.execute(f"create schema {schema}")
    try:
        assert missing_recommendation_models(warehouse, schema) == RECOMMENDATION_MODELS
        with warehouse.cursor() as cursor:
            for model in RECOMMENDATION_MODELS:
                if model != "track_neighbours":
                    cursor.execute(f"create table {schema}.{model} (id int)")
        assert missing_recommendation_models(warehouse, schema) == ("track_neighbours",)
        with warehouse.cursor() as cursor:
            cursor.execute(f"create view {schema}.track_neighbours as select 1 as id")
        assert missing_recommendation_models(warehouse, schema) == ()
    finally:
        with warehouse.cursor() as cursor:
            cursor.execute(f"drop schema {schema} cascade")


def test_the_recommendations_interval_comes_from_the_environment(monkeypatch):
    from spotify_platform import settings

    monkeypatch.delenv("DBT_RECOMMENDATIONS_INTERVAL_MINUTES", raising=False)
    assert settings.recommendations_interval() == timedelta(minutes=60)
    monkeypatch.setenv("DBT_RECOMMENDATIONS_INTERVAL_MINUTES", "15")
    assert settings.recommendations_interval() == timedelta(minutes=15)
    for bad in ("soon", "-5"):
        monkeypatch.setenv("DBT_RECOMMENDATIONS_INTERVAL_MINUTES", bad)
        with pytest.raises(settings.MissingSetting, match="DBT_RECOMMENDATIONS_INTERVAL_MINUTES"):
            settings.recommendations_interval()


class FakeLakeWriter:
    """lake-writer's /status and /flush on a fake clock: no partitions until `assigned_after`
    seconds (a consumer group still rebalancing), then records that reach its buffer over time."""

    def __init__(self, assigned_after=0.0, high=10, consumed_per_second=2):
        self.now, self.assigned_after, self.high, self.rate = 0.0, assigned_after, high, consumed_per_second
        self.committed, self.flushes = 0, 0

    def sleep(self, seconds):
        self.now += seconds

    def call(self, method, path):
        assigned = self.now >= self.assigned_after
        consumed = min(self.high, int((self.now - self.assigned_after) * self.rate)) if assigned else 0
        if (method, path) == ("POST", "/flush"):
            self.flushes += 1
            written = consumed - self.committed
            self.committed = consumed
            return {"files": [{"key": f"f{self.flushes}", "events": written, "bytes": 1}] if written else []}
        partitions = [{"topic": "user_plays", "partition": 0, "high_watermark": self.high,
                       "committed_offset": self.committed or None}] if assigned else []
        return {"partitions": partitions}


def test_the_flush_waits_for_an_assignment_and_for_every_record_kafka_held():
    from spotify_platform.lake import flush_until_caught_up

    lake_writer = FakeLakeWriter(assigned_after=30, high=10, consumed_per_second=2)
    files = flush_until_caught_up(lake_writer.call, clock=lambda: lake_writer.now, sleep=lake_writer.sleep)
    # A single flush at once would have written nothing: the partitions were not assigned yet.
    assert sum(f["events"] for f in files) == 10 and lake_writer.committed == 10
    assert lake_writer.now >= 35 and lake_writer.flushes > 1


def test_the_flush_fails_clearly_when_lake_writer_never_catches_up():
    from spotify_platform.lake import LakeWriterNotCaughtUp, flush_until_caught_up

    stalled = FakeLakeWriter(high=10, consumed_per_second=0)
    with pytest.raises(LakeWriterNotCaughtUp, match=r"still behind .*user_plays\[0\]': 10"):
        flush_until_caught_up(stalled.call, timeout=20, clock=lambda: stalled.now, sleep=stalled.sleep)
    unassigned = FakeLakeWriter(assigned_after=10_000)
    with pytest.raises(LakeWriterNotCaughtUp, match="holds no partitions"):
        flush_until_caught_up(unassigned.call, timeout=20, clock=lambda: unassigned.now, sleep=unassigned.sleep)


@pytest.fixture
def scratch_load_history(warehouse):
    schema = f"airflow_test_{uuid.uuid4().hex[:10]}"
    with warehouse.cursor() as cursor:
        cursor.execute(f"create schema {schema}")
        cursor.execute(f"create table {schema}.load_history (like bronze.load_history including defaults)")
    yield schema
    with warehouse.cursor() as cursor:
        cursor.execute(f"drop schema {schema} cascade")


def record_load(warehouse, schema, key, loaded_at, rows_added, status="loaded"):
    with warehouse.cursor() as cursor:
        cursor.execute(f"insert into {schema}.load_history (key, dataset, size, fingerprint, status, loaded_at, rows_added) "
                       "values (%s, 'plays', 1, 'f', %s, %s, %s)", (key, status, loaded_at, rows_added))


def test_arrivals_count_only_loads_that_added_rows_after_the_watermark(warehouse, scratch_load_history):
    from spotify_platform.arrivals import loads_after, wait_for_loads_after

    schema = scratch_load_history
    record_load(warehouse, schema, "roll-1", START, 40)
    record_load(warehouse, schema, "roll-2", START + timedelta(minutes=1), 10)
    # A compacted file of rolls already loaded adds nothing: no arrival, however new.
    record_load(warehouse, schema, "compacted", START + timedelta(minutes=5), 0)
    record_load(warehouse, schema, "broken", START + timedelta(minutes=6), None, status="failed")
    assert loads_after(warehouse, None, schema) == (START + timedelta(minutes=1), 2, 50)
    assert loads_after(warehouse, START, schema) == (START + timedelta(minutes=1), 1, 10)
    assert loads_after(warehouse, START + timedelta(minutes=1), schema) == (None, 0, 0)

    clock = {"now": 0.0, "loaded": False}

    def sleep(seconds):
        clock["now"] += seconds
        if clock["now"] >= 10 and not clock["loaded"]:
            record_load(warehouse, schema, "roll-3", START + timedelta(minutes=7), 5)
            clock["loaded"] = True

    found = wait_for_loads_after(warehouse, START + timedelta(minutes=1), within=30, schema=schema,
                                 clock=lambda: clock["now"], sleep=sleep)
    assert found == (START + timedelta(minutes=7), 1, 5) and clock["now"] == 10
    assert wait_for_loads_after(warehouse, START + timedelta(minutes=7), within=12, schema=schema,
                                clock=lambda: clock["now"], sleep=sleep)[1] == 0
