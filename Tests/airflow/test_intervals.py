"""spotify_ingestion's interval for scheduled runs and for runs triggered by hand (REST API or UI
with no logical date, which Airflow 3 gives no data interval: found by the Compose phase)."""
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from spotify_platform.intervals import run_interval


def test_a_scheduled_run_checks_its_data_interval():
    start = datetime(2026, 12, 4, 16, tzinfo=timezone.utc)
    context = {"data_interval_start": start, "data_interval_end": start + timedelta(hours=1), "dag_run": None}
    assert run_interval(context) == (start, start + timedelta(hours=1))


def test_a_manual_run_without_a_logical_date_checks_the_hour_before_it_was_triggered():
    after = datetime(2026, 12, 4, 17, 0, 55, tzinfo=timezone.utc)
    context = {"dag_run": SimpleNamespace(run_after=after, queued_at=None, start_date=None)}
    assert run_interval(context) == (after - timedelta(hours=1), after)
    context = {"data_interval_start": None, "data_interval_end": None, "dag_run": SimpleNamespace(run_after=after)}
    assert run_interval(context) == (after - timedelta(hours=1), after)
