"""The warehouse (PostgreSQL) as the deployment's `warehouse` connection describes it."""
import psycopg2
from psycopg2.extensions import make_dsn

from airflow.sdk import BaseHook

from spotify_platform import settings


def warehouse_dsn() -> str:
    """A libpq conninfo string (for psycopg2 and for dbt/run-dbt's POSTGRES_URL)."""
    connection = BaseHook.get_connection(settings.WAREHOUSE)
    parts = {"host": connection.host, "port": connection.port, "dbname": connection.schema,
             "user": connection.login, "password": connection.password}
    return make_dsn(**{key: value for key, value in parts.items() if value not in (None, "")})


def connect():
    return psycopg2.connect(warehouse_dsn(), connect_timeout=10, application_name="airflow")
