"""simulate_traffic (manual): start the ingest-service's event simulator with the run's
parameters and wait until it has finished. The same seed gives the same event ids, so running
it twice adds copies that silver deduplicates, not new listening."""
import time

from airflow.sdk import DAG, Param, task
from airflow.sdk.exceptions import AirflowFailException

from spotify_platform import settings
from spotify_platform.defaults import START_DATE, default_args

POLL_SECONDS = 2

with DAG(
    dag_id="simulate_traffic",
    description="POST /v1/simulate on ingest-service",
    schedule=None,
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    # Retrying would start a second simulation: a failure is reported, never repeated.
    default_args=default_args(retries=0),
    tags=["spotify", "simulator"],
    params={
        "events": Param(10000, type="integer", minimum=1, description="How many events to simulate"),
        "users": Param(100, type="integer", minimum=1, description="How many listeners"),
        "seed": Param(42, type="integer", minimum=0, description="Same seed, same events"),
        "rate": Param(0, type="number", minimum=0, description="Events per second; 0 = as fast as possible"),
    },
    doc_md=__doc__,
) as dag:

    @task
    def start_simulation(params=None) -> dict:
        from spotify_platform.service_client import ServiceCallFailed, call_service

        body = {name: params[name] for name in ("events", "users", "seed", "rate")}
        try:
            status = call_service(settings.INGEST_SERVICE, "POST", "/v1/simulate", body=body, timeout=60)
        except ServiceCallFailed as error:
            if error.status == 409:
                raise AirflowFailException("a simulation is already running on ingest-service") from error
            raise
        print(f"simulation started: {status}")
        return body

    @task
    def wait_for_simulation(settings_used: dict) -> dict:
        from spotify_platform.service_client import call_service

        # Generous: the paced duration plus a minute per 100,000 events of headroom.
        rate = float(settings_used["rate"])
        budget = 120 + settings_used["events"] / 100_000 * 60 + (settings_used["events"] / rate if rate > 0 else 0)
        deadline = time.monotonic() + budget
        while True:
            status = call_service(settings.INGEST_SERVICE, "GET", "/v1/simulate", timeout=30)
            if status.get("state") == "finished":
                print(f"simulation finished: {status.get('report')}")
                return status.get("report") or {}
            if status.get("state") == "failed":
                raise AirflowFailException(f"the simulation failed: {status.get('error')}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the simulation did not finish within {budget:.0f} s: {status}")
            time.sleep(POLL_SECONDS)

    wait_for_simulation(start_simulation())
