"""dbt_transformation: silver and gold after every arrival, the recommendation models hourly,
then the recommender cache invalidated.

Each stage is one `dbt build` (its models, each followed by its tests; a failing test skips what
is built on it): silver and gold together, then the recommendation models; without the dbt unit
tests, which check the SQL and belong to CI (`deploy/stack test`), not to every run.

Runs when the bronze asset is marked (by bronze_arrivals within about a minute of new rows, and
by spotify_ingestion hourly) and at least every 6 hours; one run at a time, and events that
arrive during a run start the next one. Silver and gold are built and tested in every run, so a
play reaches gold within minutes. The recommendation models (track_cooccurrence,
artist_affinity, track_recommendations, track_neighbours) take most of a full build's time and change little from
one minute to the next: a run rebuilds them only when their last build (the recommendations
asset's last event) is older than DBT_RECOMMENDATIONS_INTERVAL_MINUTES (60), when one of them
has no table in the warehouse (an upgrade that adds a model builds it in the next run), or when
triggered with `rebuild_recommendations`. Otherwise that task ends skipped and the run still
succeeds. Silver and gold are incremental (they carry only the rows loaded since their last
build) and every model is idempotent, so a re-run is harmless."""
from airflow.sdk import DAG, AssetOrTimeSchedule, CronTriggerTimetable, Param, get_current_context, task

from spotify_platform import settings
from spotify_platform.assets import BRONZE, RECOMMENDATIONS
from spotify_platform.defaults import START_DATE, default_args

with DAG(
    dag_id="dbt_transformation",
    description="dbt build silver → gold (→ recommendations, hourly), then invalidate the recommender cache",
    schedule=AssetOrTimeSchedule(timetable=CronTriggerTimetable("0 */6 * * *", timezone="UTC"), assets=[BRONZE]),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    tags=["spotify", "dbt", "transformation"],
    params={"rebuild_recommendations": Param(False, type="boolean",
                                             description="Rebuild the recommendation models even if their interval has not passed")},
    doc_md=__doc__,
) as dag:

    def dbt_task(stage: str, outlets=()):
        @task(task_id=f"dbt_build_{stage}", outlets=list(outlets))
        def step():
            from spotify_platform.dbt_steps import run_dbt

            run_dbt("build", stage)

        return step()

    # Skips only the recommendation step (not the cache invalidation after them).
    @task.short_circuit(inlets=[RECOMMENDATIONS], ignore_downstream_trigger_rules=False)
    def recommendations_due(params=None) -> bool:
        from datetime import datetime, timezone

        from spotify_platform.dbt_steps import missing_recommendation_models
        from spotify_platform.dbt_steps import recommendations_due as due
        from spotify_platform.warehouse import connect

        with connect() as connection:
            missing = missing_recommendation_models(connection)
        events = list(get_current_context()["inlet_events"][RECOMMENDATIONS].ascending(False).limit(1))
        last_built = events[0].timestamp if events else None
        rebuild, reason = due(last_built, datetime.now(timezone.utc), settings.recommendations_interval(),
                              forced=bool(params["rebuild_recommendations"]), missing=missing)
        print(f"{'rebuilding' if rebuild else 'not rebuilding'} the recommendation models: {reason}")
        return rebuild

    @task(trigger_rule="none_failed")
    def invalidate_recommender_cache() -> int:
        from spotify_platform.service_client import call_service

        reply = call_service(settings.RECOMMENDER_API, "POST", "/cache/invalidate", timeout=60)
        print(f"recommender-api invalidated {reply.get('invalidated')} cache keys")
        return reply.get("invalidated")

    steps = [dbt_task("silver_gold"), recommendations_due(), dbt_task("recommendations", outlets=[RECOMMENDATIONS])]
    for earlier, later in zip(steps, steps[1:]):
        earlier >> later
    steps[-1] >> invalidate_recommender_cache()
