"""The asset spotify_ingestion marks after each good load and dbt_transformation is scheduled on.

The URI names the table every load writes a row to (bronze.load_history), in the
host:port/database/schema/table form that apache-airflow-providers-postgres' normalizer demands,
so the DAGs also import where that provider is installed (the official Airflow image)."""
from airflow.sdk import Asset

BRONZE_URI = "postgres://warehouse:5432/spotify_data/bronze/load_history"
BRONZE = Asset(uri=BRONZE_URI, name="bronze")
