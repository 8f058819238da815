"""Names the deployment provides: connection ids (AIRFLOW_CONN_<ID>) and plain environment
variables. Read when a task runs, never while a DAG file is parsed, so a missing variable fails
the task that needs it with a clear message instead of breaking the whole DAG folder."""
import os
from datetime import timedelta
from pathlib import Path

# Connection ids: AIRFLOW_CONN_INGEST_SERVICE=http://host:8081 and so on.
INGEST_SERVICE = "ingest_service"
LAKE_WRITER = "lake_writer"
WAREHOUSE_LOADER = "warehouse_loader"
RECOMMENDER_API = "recommender_api"
POLLER = "poller"
WAREHOUSE = "warehouse"

OWNER = "data-platform"
RETRIES = 3
RETRY_DELAY = timedelta(minutes=5)

# The repository's dbt/ folder, found from this file (airflow/dags/spotify_platform/settings.py).
REPOSITORY_DBT_DIR = Path(__file__).resolve().parents[3] / "dbt"


class MissingSetting(RuntimeError):
    """A variable the deployment must set is not set."""


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise MissingSetting(f"{name} is not set: the deployment must export it to Airflow")
    return value


def optional(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def admin_token() -> str | None:
    """Services accept admin calls without a token only when they run without ADMIN_TOKEN too."""
    return optional("ADMIN_TOKEN")


def lake_uri() -> str:
    return required("LAKE_URI")


def alert_webhook_url() -> str | None:
    return optional("ALERT_WEBHOOK_URL")


def dbt_project_dir() -> Path:
    return Path(optional("DBT_PROJECT_DIR") or REPOSITORY_DBT_DIR)


def dbt_profiles_dir() -> str | None:
    return optional("DBT_PROFILES_DIR")


def airflow_home() -> Path:
    return Path(optional("AIRFLOW_HOME") or Path.home() / "airflow")


# How often dbt_transformation rebuilds the recommendation models (track_cooccurrence,
# artist_affinity, track_recommendations): they take most of a full build (dbt/README.md: 24–32 s
# and 14–18 s for the first two on a 1M-event warehouse) and a listener's recommendations barely move in an hour, while silver and
# gold follow every arrival.
DEFAULT_RECOMMENDATIONS_INTERVAL = timedelta(minutes=60)


def recommendations_interval() -> timedelta:
    value = optional("DBT_RECOMMENDATIONS_INTERVAL_MINUTES")
    if value is None:
        return DEFAULT_RECOMMENDATIONS_INTERVAL
    try:
        minutes = float(value)
    except ValueError:
        raise MissingSetting(f"DBT_RECOMMENDATIONS_INTERVAL_MINUTES must be a number of minutes, not {value!r}") from None
    if minutes < 0:
        raise MissingSetting(f"DBT_RECOMMENDATIONS_INTERVAL_MINUTES must not be negative, not {value!r}")
    return timedelta(minutes=minutes)
