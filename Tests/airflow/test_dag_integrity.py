"""DAG integrity: the folder imports cleanly and every DAG has the ids, schedules, retries,
owners, tags, task order and failure callback the platform relies on."""
from datetime import timedelta

import pytest

from conftest import DAGS_FOLDER

EXPECTED_DAG_IDS = {"spotify_ingestion", "bronze_arrivals", "dbt_transformation", "spotify_recently_played", "simulate_traffic"}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import BundleDagBag

    return BundleDagBag(dag_folder=str(DAGS_FOLDER), bundle_path=DAGS_FOLDER, bundle_name="dags-folder")


def chain_of(dag):
    """The tasks in order when the DAG is a single chain; fails the test when it is not one."""
    roots = [t for t in dag.tasks if not t.upstream_task_ids]
    assert len(roots) == 1, f"{dag.dag_id} has roots {[t.task_id for t in roots]}"
    order, task = [], roots[0]
    while True:
        order.append(task.task_id)
        downstream = sorted(task.downstream_task_ids)
        if not downstream:
            break
        assert len(downstream) == 1, f"{task.task_id} fans out to {downstream}"
        task = dag.get_task(downstream[0])
    assert len(order) == len(dag.tasks), f"{dag.dag_id}: {order} leaves out tasks"
    return order


def test_the_folder_imports_without_errors_and_has_exactly_the_platform_dags(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == EXPECTED_DAG_IDS


def test_spotify_ingestion_is_hourly_without_catchup_and_runs_one_at_a_time(dagbag):
    from airflow.sdk import CronTriggerTimetable

    dag = dagbag.dags["spotify_ingestion"]
    assert isinstance(dag.timetable, CronTriggerTimetable)
    assert dag.timetable.expression == "0 * * * *"
    # The data interval is the hour before each run: the quality checks cover exactly it.
    assert dag.timetable.interval == timedelta(hours=1)
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert set(dag.tags) == {"spotify", "ingestion", "bronze"}


def test_spotify_ingestion_task_order(dagbag):
    assert chain_of(dagbag.dags["spotify_ingestion"]) == [
        "check_for_new_data", "flush_lake_writer", "verify_lake_files", "load_warehouse",
        "check_bronze_quality", "mark_bronze_updated",
    ]


def test_spotify_ingestion_marks_the_bronze_asset_only_from_its_last_task(dagbag):
    dag = dagbag.dags["spotify_ingestion"]
    outlets = {task.task_id: [a.uri for a in task.outlets] for task in dag.tasks if task.outlets}
    assert outlets == {"mark_bronze_updated": ["postgres://warehouse:5432/spotify_data/bronze/load_history"]}


def test_bronze_arrivals_watches_every_minute_and_marks_the_bronze_asset(dagbag):
    dag = dagbag.dags["bronze_arrivals"]
    assert dag.timetable.expression == "* * * * *"
    assert dag.catchup is False and dag.max_active_runs == 1
    assert dag.params["watch_seconds"] < 60, "a run must end before the next minute's run is due"
    (task,) = dag.tasks
    assert [a.uri for a in task.outlets] == ["postgres://warehouse:5432/spotify_data/bronze/load_history"]
    assert [a.uri for a in task.inlets] == [a.uri for a in task.outlets]
    assert set(dag.tags) == {"spotify", "bronze", "freshness"}


def test_dbt_transformation_runs_on_the_bronze_asset_and_at_least_every_six_hours(dagbag):
    from airflow.sdk import AssetOrTimeSchedule

    dag = dagbag.dags["dbt_transformation"]
    assert isinstance(dag.timetable, AssetOrTimeSchedule)
    assert dag.timetable.timetable.expression == "0 */6 * * *"
    assert [a.uri for a in dag.timetable.asset_condition.objects] == ["postgres://warehouse:5432/spotify_data/bronze/load_history"]
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert set(dag.tags) == {"spotify", "dbt", "transformation"}


def test_dbt_transformation_task_order(dagbag):
    assert chain_of(dagbag.dags["dbt_transformation"]) == [
        "dbt_build_silver_gold", "recommendations_due", "dbt_build_recommendations", "invalidate_recommender_cache",
    ]


def test_dbt_transformation_rebuilds_recommendations_only_when_due_and_always_invalidates_the_cache(dagbag):
    dag = dagbag.dags["dbt_transformation"]
    gate = dag.get_task("recommendations_due")
    assert type(gate).__name__ == "_ShortCircuitDecoratedOperator"
    # Skips the recommendation step only; the cache invalidation still runs.
    assert gate.ignore_downstream_trigger_rules is False
    assert dag.get_task("invalidate_recommender_cache").trigger_rule == "none_failed"
    recommendations = "postgres://warehouse:5432/spotify_data/gold/track_recommendations"
    assert [a.uri for a in gate.inlets] == [recommendations]
    outlets = {task.task_id: [a.uri for a in task.outlets] for task in dag.tasks if task.outlets}
    assert outlets == {"dbt_build_recommendations": [recommendations]}
    assert dag.params["rebuild_recommendations"] is False


def test_spotify_recently_played_is_hourly(dagbag):
    dag = dagbag.dags["spotify_recently_played"]
    assert dag.timetable.expression == "30 * * * *"
    assert dag.catchup is False
    assert chain_of(dag) == ["sync_recently_played"]
    assert set(dag.tags) == {"spotify", "poller"}


def test_simulate_traffic_is_manual_with_its_parameters(dagbag):
    dag = dagbag.dags["simulate_traffic"]
    assert type(dag.timetable).__name__ == "NullTimetable"  # schedule=None: manual runs only
    assert chain_of(dag) == ["start_simulation", "wait_for_simulation"]
    defaults = {name: dag.params[name] for name in ("events", "users", "seed", "rate")}
    assert defaults == {"events": 10000, "users": 100, "seed": 42, "rate": 0}
    assert set(dag.tags) == {"spotify", "simulator"}


@pytest.mark.parametrize("dag_id", sorted(EXPECTED_DAG_IDS))
def test_every_task_has_the_owner_retries_and_failure_alert(dagbag, dag_id):
    from spotify_platform.alerts import alert_on_failure

    dag = dagbag.dags[dag_id]
    # A retried simulation would send its traffic twice, and bronze_arrivals' next run is a
    # minute away (a retry would only overlap it): those two never retry.
    retries = 0 if dag_id in ("simulate_traffic", "bronze_arrivals") else 3
    for task in dag.tasks:
        assert task.owner == "data-platform", task.task_id
        assert task.retries == retries, task.task_id
        if retries:
            assert task.retry_delay == timedelta(minutes=5), task.task_id
        assert list(task.on_failure_callback or []) == [alert_on_failure], task.task_id


def test_no_dag_file_reads_connections_or_calls_services_while_parsed():
    # The DAG processor parses every file every few seconds: connections, HTTP and SQL belong in tasks.
    for path in DAGS_FOLDER.glob("*.py"):
        top_level = [line for line in path.read_text().splitlines() if line and not line.startswith((" ", "#", '"'))]
        for line in top_level:
            assert "call_service(" not in line and "connect(" not in line and "get_connection" not in line, f"{path.name}: {line}"
