"""Data-quality checks on bronze for one data interval, as SQL.

"Rows of the interval" are the rows lake-writer consumed (`_ingested_at`) within
[start, end): that is when data arrived, whatever time the events themselves carry, so a
re-run for the same interval sees the same rows (the checks are idempotent)."""
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from psycopg2 import sql

BRONZE_SCHEMA = "bronze"
COMMON_REQUIRED = ("event_id", "user_id", "event_type", "track_id", "played_at")
# Required columns per bronze table (docs/CONTRACT.md's event schema: plays carry names and duration).
EVENT_TABLES = {
    "plays": COMMON_REQUIRED + ("track_name", "artist_name", "duration_ms"),
    "skips": COMMON_REQUIRED,
    "likes": COMMON_REQUIRED,
    "currently_playing": COMMON_REQUIRED,
}
HOURS_IN_TRAILING_WEEK = 7 * 24


@dataclass(frozen=True)
class QualityThresholds:
    max_null_share: float = 0.01
    freshness: timedelta = timedelta(hours=2)
    # The interval's rows must reach this fraction of the trailing 7 days' hourly average.
    min_volume_fraction: float = 0.2
    # Client retries legitimately repeat an event_id (raw stays raw; silver deduplicates), so
    # repeated ids are bounded; the same Kafka record loaded twice is never allowed.
    max_duplicate_event_share: float = 0.05


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class TableInterval:
    table: str
    interval_rows: int
    trailing_rows: int
    null_counts: dict
    files: list


def run_bronze_checks(connection, start: datetime, end: datetime,
                      thresholds: QualityThresholds = QualityThresholds(), schema: str = BRONZE_SCHEMA) -> list[CheckResult]:
    with connection.cursor() as cursor:
        intervals = [_table_interval(cursor, schema, table, columns, start, end) for table, columns in EVENT_TABLES.items()]
        newest = _newest_event_time(cursor, schema, end)
        duplicates = {t.table: _duplicates(cursor, schema, t.table, t.files) for t in intervals}
    results = [_rows_arrived(intervals, start, end)]
    results += _null_shares(intervals, thresholds)
    results.append(_freshness(newest, end, thresholds))
    results.append(_volume(intervals, thresholds))
    results += _duplicate_checks(duplicates, thresholds)
    return results


def rows_arrived(connection, start: datetime, end: datetime, schema: str = BRONZE_SCHEMA) -> bool:
    """Whether any bronze row arrived within [start, end) (cheap: stops at the first)."""
    with connection.cursor() as cursor:
        for table in EVENT_TABLES:
            cursor.execute(sql.SQL("select exists (select 1 from {} where _ingested_at >= %s and _ingested_at < %s)")
                           .format(_table(schema, table)), (start, end))
            if cursor.fetchone()[0]:
                return True
    return False


def as_dicts(results: list[CheckResult]) -> list[dict]:
    return [asdict(result) for result in results]


def _table(schema: str, name: str) -> sql.Composed:
    return sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(name))


def _table_interval(cursor, schema, table, columns, start, end) -> TableInterval:
    # One scan over the trailing week and the interval together.
    nulls = [sql.SQL("count(*) filter (where _ingested_at >= %(start)s and {} is null)").format(sql.Identifier(c))
             for c in columns]
    query = sql.SQL("""
        select count(*) filter (where _ingested_at >= %(start)s),
               count(*) filter (where _ingested_at < %(start)s),
               coalesce(array_agg(distinct _source_file) filter (where _ingested_at >= %(start)s), '{{}}'),
               {nulls}
        from {table}
        where _ingested_at >= %(trailing_start)s and _ingested_at < %(end)s
    """).format(nulls=sql.SQL(", ").join(nulls), table=_table(schema, table))
    cursor.execute(query, {"start": start, "end": end, "trailing_start": start - timedelta(days=7)})
    row = cursor.fetchone()
    return TableInterval(table, row[0], row[1], dict(zip(columns, row[3:])), list(row[2]))


def _newest_event_time(cursor, schema, end):
    # Events dated after the interval's end (clock skew, allowed up to 24 h) do not count.
    parts = [sql.SQL("select max(played_at) as newest from {} where _ingested_at < %(end)s and played_at <= %(end)s")
             .format(_table(schema, table)) for table in EVENT_TABLES]
    cursor.execute(sql.SQL("select max(newest) from ({}) per_table").format(sql.SQL(" union all ").join(parts)),
                   {"end": end})
    return cursor.fetchone()[0]


def _duplicates(cursor, schema, table, files):
    """(rows in the interval's files, Kafka records present more than once, surplus copies of event_ids)."""
    if not files:
        return 0, 0, 0
    cursor.execute(sql.SQL("""
        with file_rows as (
            select event_id, _kafka_partition, _kafka_offset from {table} where _source_file = any(%(files)s)
        )
        select (select count(*) from file_rows),
               -- The event_id too: offsets restart when a memory-backed broker restarts.
               (select count(*) from (select 1 from file_rows group by event_id, _kafka_partition, _kafka_offset
                                      having count(*) > 1) records),
               (select coalesce(sum(copies - 1), 0) from (select count(*) as copies from file_rows
                                                         group by event_id having count(*) > 1) ids)
    """).format(table=_table(schema, table)), {"files": files})
    return tuple(int(value) for value in cursor.fetchone())


def _rows_arrived(intervals, start, end) -> CheckResult:
    total = sum(t.interval_rows for t in intervals)
    per_table = ", ".join(f"{t.table}={t.interval_rows}" for t in intervals)
    return CheckResult("rows_arrived", total > 0, f"{total} rows arrived in [{start.isoformat()}, {end.isoformat()}) ({per_table})")


def _null_shares(intervals, thresholds) -> list[CheckResult]:
    results = []
    for interval in intervals:
        if interval.interval_rows == 0:
            continue
        worst = max(interval.null_counts, key=interval.null_counts.get)
        share = interval.null_counts[worst] / interval.interval_rows
        nulls = ", ".join(f"{column}={count}" for column, count in interval.null_counts.items() if count)
        results.append(CheckResult(
            f"null_share_{interval.table}", share <= thresholds.max_null_share,
            f"highest null share {share:.4f} ({worst}) of {interval.interval_rows} rows, limit {thresholds.max_null_share}"
            + (f"; nulls: {nulls}" if nulls else "")))
    return results


def _freshness(newest, end, thresholds) -> CheckResult:
    if newest is None:
        return CheckResult("freshness", False, "bronze holds no event dated before the interval's end")
    age = end - newest
    return CheckResult("freshness", age <= thresholds.freshness,
                       f"newest event {newest.isoformat()} is {age} before the interval's end, limit {thresholds.freshness}")


def _volume(intervals, thresholds) -> CheckResult:
    rows = sum(t.interval_rows for t in intervals)
    hourly_average = sum(t.trailing_rows for t in intervals) / HOURS_IN_TRAILING_WEEK
    minimum = thresholds.min_volume_fraction * hourly_average
    return CheckResult("volume", rows >= minimum,
                       f"{rows} rows in the interval; trailing 7-day hourly average {hourly_average:.1f}, "
                       f"minimum {minimum:.1f} ({thresholds.min_volume_fraction} of it)")


def _duplicate_checks(duplicates, thresholds) -> list[CheckResult]:
    results = []
    for table, (rows, repeated_records, surplus_copies) in duplicates.items():
        if rows == 0:
            continue
        results.append(CheckResult(f"duplicate_records_{table}", repeated_records == 0,
                                   f"{repeated_records} Kafka records present more than once in the interval's files ({rows} rows)"))
        share = surplus_copies / rows
        results.append(CheckResult(f"duplicate_event_ids_{table}", share <= thresholds.max_duplicate_event_share,
                                   f"{surplus_copies} repeated event_id copies in the interval's files = {share:.4f} of {rows} rows, "
                                   f"limit {thresholds.max_duplicate_event_share}"))
    return results
