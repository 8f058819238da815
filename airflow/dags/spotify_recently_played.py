"""spotify_recently_played: every hour, ask the poller to fetch the account's recently played
tracks now. With no Spotify account connected the run is skipped (nothing is broken); when the
account needs authorizing again it fails and alerts, since only a person can fix that."""
from datetime import timedelta

from airflow.sdk import DAG, CronTriggerTimetable, task

from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

from spotify_platform import settings
from spotify_platform.defaults import START_DATE, default_args

with DAG(
    dag_id="spotify_recently_played",
    description="POST /sync on the poller: recently played tracks into the platform",
    schedule=CronTriggerTimetable("30 * * * *", timezone="UTC", interval=timedelta(hours=1)),
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    tags=["spotify", "poller"],
    doc_md=__doc__,
) as dag:

    @task
    def sync_recently_played() -> dict:
        from spotify_platform.service_client import call_service

        status = call_service(settings.POLLER, "GET", "/status", timeout=30)
        state = status.get("auth_state")
        if state == "not_authorized":
            raise AirflowSkipException("no Spotify account is connected (run `poller auth` to connect one)")
        if state == "reauthorization_required":
            raise AirflowFailException("the Spotify account must be authorized again: run `poller auth`")
        reply = call_service(settings.POLLER, "POST", "/sync", timeout=120)
        print(f"poller fetched {reply.get('fetched')} and posted {reply.get('posted')} events (cursor {reply.get('cursor')})")
        return reply

    sync_recently_played()
