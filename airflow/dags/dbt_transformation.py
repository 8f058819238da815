"""dbt_transformation: silver, gold and recommendations, each built then tested, then the
recommender cache invalidated. Runs when the bronze asset is marked (by bronze_arrivals within
about a minute of new rows, and by spotify_ingestion hourly) and at least every 6 hours; one run
at a time, and events that arrive during a run start the next one. Every step is a full dbt run
of its models, so a re-run is harmless."""
from airflow.sdk import DAG, AssetOrTimeSchedule, CronTriggerTimetable, task


from spotify_platform import settings
from spotify_platform.assets import BRONZE
from spotify_platform.defaults import START_DATE, default_args

with DAG(
    dag_id="dbt_transformation",
    description="dbt run/test silver → gold → recommendations, then invalidate the recommender cache",
    schedule=AssetOrTimeSchedule(timetable=CronTriggerTimetable("0 */6 * * *", timezone="UTC"), assets=[BRONZE]),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    tags=["spotify", "dbt", "transformation"],
    doc_md=__doc__,
) as dag:

    def dbt_task(command: str, stage: str):
        @task(task_id=f"dbt_{command}_{stage}")
        def step():
            from spotify_platform.dbt_steps import run_dbt

            run_dbt(command, stage)

        return step()

    @task
    def invalidate_recommender_cache() -> int:
        from spotify_platform.service_client import call_service

        reply = call_service(settings.RECOMMENDER_API, "POST", "/cache/invalidate", timeout=60)
        print(f"recommender-api invalidated {reply.get('invalidated')} cache keys")
        return reply.get("invalidated")

    steps = [dbt_task(command, stage) for stage in ("silver", "gold", "recommendations") for command in ("run", "test")]
    for earlier, later in zip(steps, steps[1:]):
        earlier >> later
    steps[-1] >> invalidate_recommender_cache()
