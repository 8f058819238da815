"""Shared building blocks of the platform's DAGs: settings, service calls, alerts, lake checks,
bronze quality checks and dbt steps. Kept out of DAG parsing by `.airflowignore`: the DAG files
import it, the DAG processor never scans it for DAGs."""
