"""New rows in bronze since a watermark, for bronze_arrivals.

warehouse-loader writes one bronze.load_history row per file; `rows_added` is what the file
added to bronze (0 for a compacted file whose records were already loaded from its rolls), so
only loads that added rows count as arrivals."""
import time
from datetime import datetime

from psycopg2 import sql

NEWEST_LOAD = sql.SQL("""
select max(loaded_at), count(*), coalesce(sum(rows_added), 0)
from {schema}.load_history
where status = 'loaded' and rows_added > 0 and (%(after)s::timestamptz is null or loaded_at > %(after)s::timestamptz)
""")


def loads_after(connection, after: datetime | None, schema: str = "bronze") -> tuple[datetime | None, int, int]:
    """(newest loaded_at, files, rows) of the loads that added rows after `after` (all when None)."""
    with connection.cursor() as cursor:
        cursor.execute(NEWEST_LOAD.format(schema=sql.Identifier(schema)), {"after": after})
        newest, files, rows = cursor.fetchone()
    connection.commit()  # a fresh snapshot for the next poll
    return newest, files, int(rows)


def wait_for_loads_after(connection, after: datetime | None, *, within: float, pause: float = 5, schema: str = "bronze",
                         clock=time.monotonic, sleep=time.sleep) -> tuple[datetime | None, int, int]:
    """Polls until a load adds rows after `after`, for at most `within` seconds."""
    deadline = clock() + within
    while True:
        found = loads_after(connection, after, schema)
        if found[1] or clock() >= deadline:
            return found
        sleep(pause)
