"""spotify_ingestion: every hour, carry what Kafka holds into bronze and check it.

check_for_new_data → flush_lake_writer → verify_lake_files → load_warehouse →
check_bronze_quality → mark_bronze_updated (asset postgres://warehouse:5432/spotify_data/bronze/load_history,
which schedules dbt_transformation). The data interval is the hour before the run
(CronTriggerTimetable with a one-hour interval); every task is safe to re-run for it."""
from datetime import timedelta

from airflow.sdk import DAG, CronTriggerTimetable, Param, get_current_context, task

from airflow.sdk.exceptions import AirflowFailException

from spotify_platform import settings
from spotify_platform.assets import BRONZE
from spotify_platform.defaults import START_DATE, default_args
from spotify_platform.intervals import run_interval

with DAG(
    dag_id="spotify_ingestion",
    description="Flush lake-writer, load bronze, check its quality, mark the bronze asset",
    schedule=CronTriggerTimetable("0 * * * *", timezone="UTC", interval=timedelta(hours=1)),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    tags=["spotify", "ingestion", "bronze"],
    params={
        "max_null_share": Param(0.01, type="number", minimum=0, maximum=1,
                                description="Highest share of NULLs allowed in a required column"),
        "freshness_hours": Param(2, type="number", minimum=0,
                                 description="Newest event at most this many hours before the interval's end"),
        "min_volume_fraction": Param(0.2, type="number", minimum=0,
                                     description="Interval rows ≥ this fraction of the trailing 7-day hourly average"),
        "max_duplicate_event_share": Param(0.05, type="number", minimum=0, maximum=1,
                                           description="Highest share of repeated event_id copies in the interval's files"),
    },
    doc_md=__doc__,
) as dag:

    @task.short_circuit
    def check_for_new_data() -> bool:
        """Skips the rest of the run cleanly when nothing is waiting and nothing arrived."""
        from spotify_platform.bronze_quality import rows_arrived
        from spotify_platform.service_client import call_service
        from spotify_platform.warehouse import connect

        from spotify_platform.lake import assigned_status

        lake = assigned_status(lambda method, path: call_service(settings.LAKE_WRITER, method, path, timeout=30))
        waiting = sum(p.get("buffered_events") or 0 for p in lake["partitions"]) + \
            sum(max(p.get("lag") or 0, 0) for p in lake["partitions"])
        pending_files = call_service(settings.WAREHOUSE_LOADER, "GET", "/status", timeout=30).get("files_pending") or 0
        context = get_current_context()
        with connect() as connection:
            arrived = rows_arrived(connection, *run_interval(context))
        print(f"lake-writer: {waiting} events buffered or not yet consumed; warehouse-loader: "
              f"{pending_files} files pending; bronze rows in the interval: {arrived}")
        return waiting > 0 or pending_files > 0 or arrived

    @task
    def flush_lake_writer() -> list[str]:
        from spotify_platform.lake import flush_until_caught_up
        from spotify_platform.service_client import call_service

        written = flush_until_caught_up(lambda method, path: call_service(settings.LAKE_WRITER, method, path, timeout=300))
        print(f"lake-writer wrote {len(written)} files ({sum(f['events'] for f in written)} events)")
        return [file["key"] for file in written]

    @task
    def verify_lake_files(files: list[str]) -> int:
        from spotify_platform.lake import missing_lake_files

        missing = missing_lake_files(files, settings.lake_uri())
        if missing:
            raise RuntimeError(f"{len(missing)} of {len(files)} files lake-writer reported are not in the lake: {missing[:10]}")
        return len(files)

    @task
    def load_warehouse() -> dict:
        from spotify_platform.service_client import call_service

        report = call_service(settings.WAREHOUSE_LOADER, "POST", "/load", body={}, timeout=900)
        print(f"warehouse-loader loaded {report.get('files_loaded_count')} files, {report.get('rows_loaded')} rows")
        if report.get("failures"):
            # Failed files are quarantined by the loader: a retry would pass without them, so fail now.
            raise AirflowFailException(f"warehouse-loader could not load {len(report['failures'])} files: {report['failures'][:5]}")
        return {key: report.get(key) for key in ("files_loaded_count", "rows_loaded", "skipped", "quarantined")}

    @task
    def check_bronze_quality(params=None) -> list[dict]:
        from spotify_platform.bronze_quality import QualityThresholds, as_dicts, run_bronze_checks
        from spotify_platform.warehouse import connect

        context = get_current_context()
        thresholds = QualityThresholds(
            max_null_share=float(params["max_null_share"]),
            freshness=timedelta(hours=float(params["freshness_hours"])),
            min_volume_fraction=float(params["min_volume_fraction"]),
            max_duplicate_event_share=float(params["max_duplicate_event_share"]),
        )
        with connect() as connection:
            results = run_bronze_checks(connection, *run_interval(context), thresholds)
        for result in results:
            print(f"{'PASS' if result.passed else 'FAIL'} {result.name}: {result.detail}")
        failed = [result for result in results if not result.passed]
        if failed:
            # Data does not get better by retrying the same interval: fail at once and alert.
            raise AirflowFailException("bronze quality checks failed: " + "; ".join(f"{r.name}: {r.detail}" for r in failed))
        return as_dicts(results)

    @task(outlets=[BRONZE])
    def mark_bronze_updated(checks: list[dict]) -> int:
        print(f"bronze passed {len(checks)} checks; marking {BRONZE.uri} updated")
        return len(checks)

    files = flush_lake_writer()
    check_for_new_data() >> files
    loaded = load_warehouse()
    verify_lake_files(files) >> loaded
    checks = check_bronze_quality()
    loaded >> checks
    mark_bronze_updated(checks)
