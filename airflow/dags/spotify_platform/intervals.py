"""The hour a run of spotify_ingestion covers.

Scheduled runs carry a data interval (CronTriggerTimetable with a one-hour interval). A run
triggered by hand from the UI or the REST API with no logical date (Airflow 3's default) has
none: `data_interval_start` is then missing from the context, and the run covers the hour before
it was asked to run."""
from datetime import timedelta

MANUAL_RUN_INTERVAL = timedelta(hours=1)


def run_interval(context):
    """(start, end) of the data the run checks."""
    start, end = context.get("data_interval_start"), context.get("data_interval_end")
    if start is not None and end is not None:
        return start, end
    dag_run = context["dag_run"]
    end = getattr(dag_run, "run_after", None) or getattr(dag_run, "queued_at", None) or getattr(dag_run, "start_date")
    return end - MANUAL_RUN_INTERVAL, end
