"""What every DAG of the platform shares: owner, retries and the failure alert."""
from datetime import datetime, timezone

from spotify_platform import settings
from spotify_platform.alerts import alert_on_failure

# A fixed past start: with catchup=False only the latest interval runs.
START_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)


def default_args(retries: int = settings.RETRIES) -> dict:
    return {
        "owner": settings.OWNER,
        "retries": retries,
        "retry_delay": settings.RETRY_DELAY,
        "on_failure_callback": alert_on_failure,
    }
