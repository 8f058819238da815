"""bronze_arrivals: marks the bronze asset within seconds of warehouse-loader adding rows.

dbt_transformation is scheduled on the bronze asset. spotify_ingestion marks it once an hour,
after its quality checks; with only that, a play would wait up to an hour for silver and gold.
This DAG starts every minute, watches bronze.load_history for up to 50 s and, as soon as a load
added rows after the watermark, marks the asset (its extra `loaded_through` is the new
watermark). A minute without new rows ends skipped and marks nothing, so dbt_transformation
runs only when there is something to transform; with max_active_runs=1 there, asset events
that arrive during a run start one more run afterwards, never a second one at the same time.
After an outage the first run finds every load since the watermark: one catch-up run."""
from datetime import datetime

from airflow.sdk import DAG, CronTriggerTimetable, Param, get_current_context, task

from spotify_platform.assets import BRONZE
from spotify_platform.defaults import START_DATE, default_args

with DAG(
    dag_id="bronze_arrivals",
    description="Mark the bronze asset as soon as warehouse-loader adds rows (dbt_transformation follows)",
    schedule=CronTriggerTimetable("* * * * *", timezone="UTC"),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=default_args(retries=0),
    tags=["spotify", "bronze", "freshness"],
    params={"watch_seconds": Param(50, type="number", minimum=0, maximum=55,
                                   description="How long one run watches load_history before it ends skipped")},
    doc_md=__doc__,
) as dag:

    @task(inlets=[BRONZE], outlets=[BRONZE])
    def mark_new_bronze_rows(params=None) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        from spotify_platform.arrivals import wait_for_loads_after
        from spotify_platform.warehouse import connect

        context = get_current_context()
        newest_first = list(context["inlet_events"][BRONZE].ascending(False).limit(1))
        last = newest_first[0] if newest_first else None
        # Our own events carry the newest loaded_at they covered; spotify_ingestion's are marked
        # after its loads finished, so their timestamp is a safe watermark.
        through = (last.extra or {}).get("loaded_through") if last else None
        after = datetime.fromisoformat(through) if through else (last.timestamp if last else None)
        with connect() as connection:
            newest, files, rows = wait_for_loads_after(connection, after, within=float(params["watch_seconds"]))
        if not files:
            raise AirflowSkipException(f"no load added rows to bronze after {after}")
        context["outlet_events"][BRONZE].extra = {"loaded_through": newest.isoformat(), "files": files, "rows": rows}
        print(f"{files} files added {rows} rows to bronze after {after}; marking {BRONZE.uri}")
        return {"after": after.isoformat() if after else None, "loaded_through": newest.isoformat(), "files": files, "rows": rows}

    mark_new_bronze_rows()
