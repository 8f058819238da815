"""The assets of the platform's DAGs.

BRONZE: what spotify_ingestion and bronze_arrivals mark after loads, and dbt_transformation is
scheduled on. RECOMMENDATIONS: marked by dbt_transformation each time it rebuilds the
recommendation models; its last event tells the next run whether a rebuild is due.

The URI names the table every load writes a row to (bronze.load_history), in the
host:port/database/schema/table form that apache-airflow-providers-postgres' normalizer demands,
so the DAGs also import where that provider is installed (the official Airflow image)."""
from airflow.sdk import Asset

BRONZE_URI = "postgres://warehouse:5432/spotify_data/bronze/load_history"
BRONZE = Asset(uri=BRONZE_URI, name="bronze")

RECOMMENDATIONS_URI = "postgres://warehouse:5432/spotify_data/gold/track_recommendations"
RECOMMENDATIONS = Asset(uri=RECOMMENDATIONS_URI, name="recommendations")
