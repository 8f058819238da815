"""A scratch warehouse for offline evaluation: a copy of a warehouse's bronze on the same
PostgreSQL server, in its own database, so dbt can rebuild silver/gold on the training part
without touching the real silver/gold that services and the dashboard read.

The scratch database is marked with a comment; an existing database is dropped only when it
carries that mark, so a mistyped name can never drop a real warehouse.
"""
import contextlib
import os
import threading

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import make_dsn, parse_dsn

SCRATCH_MARK = "scratch database of dbt/evaluate-recommendations (safe to drop)"
BRONZE_TABLES = ["plays", "skips", "likes", "currently_playing", "load_history"]
# Tables whose rows are a user's actions at a time: cut at the user's holdout cutoff.
BRONZE_EVENT_TABLES = ["skips", "likes", "currently_playing"]


class EvaluationError(Exception):
    """A problem the user can fix (bad URL, missing bronze, unsafe scratch name)."""


def with_database(url, dbname):
    """The connection string of another database on the same server."""
    return make_dsn(url, dbname=dbname)


@contextlib.contextmanager
def connect(url):
    """An autocommit connection, closed on exit (psycopg2's own `with` only ends a transaction)."""
    conn = psycopg2.connect(url)
    conn.autocommit = True
    try:
        yield conn
    finally:
        conn.close()


class HoldoutWarehouse:
    def __init__(self, source_url, scratch_name, bronze_schema="bronze"):
        self.source_url = source_url
        self.bronze_schema = bronze_schema
        source_db = parse_dsn(source_url).get("dbname") or os.environ.get("USER", "postgres")
        if scratch_name == source_db:
            raise EvaluationError(f"the scratch database must not be the evaluated one ({source_db})")
        self.scratch_name = scratch_name
        self.scratch_url = with_database(source_url, scratch_name)

    # -- scratch database -------------------------------------------------------------------

    def create(self):
        """(Re)creates the scratch database with an empty bronze shaped like the source's."""
        with connect(self.source_url) as src:
            self._require_bronze(src)
            columns = {t: self._columns(src, t) for t in BRONZE_TABLES}
            self._drop_if_scratch(src)
            with src.cursor() as cur:
                cur.execute(sql.SQL("create database {}").format(sql.Identifier(self.scratch_name)))
                cur.execute(sql.SQL("comment on database {} is %s").format(
                    sql.Identifier(self.scratch_name)), (SCRATCH_MARK,))
        with connect(self.scratch_url) as dst, dst.cursor() as cur:
            cur.execute("create schema bronze")
            for table, cols in columns.items():
                cur.execute(sql.SQL("create table bronze.{} ({})").format(
                    sql.Identifier(table),
                    sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(t))
                                       for n, t in cols)))
        for table in BRONZE_TABLES:
            self._copy_table(table, [n for n, _ in columns[table]])
        with connect(self.scratch_url) as dst, dst.cursor() as cur:
            # the indexes warehouse-loader's migrations give bronze, for the holdout deletes
            for column in ("event_id", "user_id"):
                for table in ["plays"] + BRONZE_EVENT_TABLES:
                    cur.execute(sql.SQL("create index on bronze.{} ({})").format(
                        sql.Identifier(table), sql.Identifier(column)))
            cur.execute("analyze")

    def drop(self):
        with connect(self.source_url) as src:
            self._drop_if_scratch(src)

    def _require_bronze(self, conn):
        with conn.cursor() as cur:
            for table in BRONZE_TABLES:
                cur.execute("select to_regclass(%s) is not null", (f"{self.bronze_schema}.{table}",))
                if not cur.fetchone()[0]:
                    raise EvaluationError(f"{self.bronze_schema}.{table} does not exist in the evaluated "
                                          "warehouse (run warehouse-loader's migrations and load data first)")

    def _columns(self, conn, table):
        with conn.cursor() as cur:
            cur.execute("""select attname, format_type(atttypid, atttypmod)
                           from pg_attribute
                           where attrelid = to_regclass(%s) and attnum > 0 and not attisdropped
                           order by attnum""", (f"{self.bronze_schema}.{table}",))
            return cur.fetchall()

    def _drop_if_scratch(self, conn):
        with conn.cursor() as cur:
            cur.execute("""select shobj_description(oid, 'pg_database') from pg_database
                           where datname = %s""", (self.scratch_name,))
            row = cur.fetchone()
            if row is None:
                return
            if row[0] != SCRATCH_MARK:
                raise EvaluationError(f"database {self.scratch_name} exists and is not an evaluation "
                                      "scratch database: choose another --scratch-db")
            cur.execute(sql.SQL("drop database {} with (force)").format(sql.Identifier(self.scratch_name)))

    def _copy_table(self, table, column_names):
        """Streams the table from the source to the scratch database (binary COPY through a
        pipe, so a million-row bronze never sits in memory or on disk)."""
        cols = sql.SQL(", ").join(sql.Identifier(c) for c in column_names)
        copy_out = sql.SQL("copy (select {} from {}.{}) to stdout with (format binary)").format(
            cols, sql.Identifier(self.bronze_schema), sql.Identifier(table))
        copy_in = sql.SQL("copy bronze.{} ({}) from stdin with (format binary)").format(
            sql.Identifier(table), cols)
        read_fd, write_fd = os.pipe()
        failure = []

        def produce():
            try:
                with connect(self.source_url) as src, src.cursor() as cur, \
                        os.fdopen(write_fd, "wb", buffering=1 << 20) as sink:
                    cur.copy_expert(copy_out.as_string(src), sink, size=1 << 20)
            except Exception as error:  # reported after the consumer side finishes
                failure.append(error)

        producer = threading.Thread(target=produce, daemon=True)
        producer.start()
        try:
            with os.fdopen(read_fd, "rb", buffering=1 << 20) as source, \
                    connect(self.scratch_url) as dst, dst.cursor() as cur:
                cur.copy_expert(copy_in.as_string(dst), source, size=1 << 20)
        finally:
            producer.join()
            # the reading side only sees a truncated stream: the writing side's error is the cause
            if failure:
                raise failure[0]

    # -- holdout ----------------------------------------------------------------------------

    def split(self, holdout_share, min_plays):
        """Moves each user's most recent `holdout_share` of clean plays (silver_plays, by
        played_at then event_id) into eval.holdout and deletes them from bronze, together with
        the user's skips/likes/now-playing from the first held-out moment on.

        Needs silver.silver_plays built on the full bronze first (the cleaning rules are dbt's).
        Users with fewer than `min_plays` plays keep everything. Returns (users, held-out plays).
        """
        with connect(self.scratch_url) as conn, conn.cursor() as cur:
            cur.execute("create schema eval")
            cur.execute("""
                create table eval.holdout as
                select event_id, user_id, track_id, played_at
                from (
                    select event_id, user_id, track_id, played_at,
                           row_number() over (partition by user_id
                                              order by played_at desc, event_id desc) as recent_rank,
                           count(*) over (partition by user_id) as plays
                    from silver.silver_plays
                ) ranked
                where plays >= %s and recent_rank <= floor(plays * %s)""", (min_plays, holdout_share))
            cur.execute("""create table eval.cutoff as
                           select user_id, min(played_at) as cutoff from eval.holdout group by user_id""")
            cur.execute("create index on eval.holdout (event_id)")
            cur.execute("""delete from bronze.plays b using eval.holdout h
                           where lower(b.event_id) = h.event_id::text""")
            # rows silver rejected never reach training anyway; this only makes sure nothing
            # after a user's cutoff does (plays tied with the cutoff may be training plays)
            cur.execute("""delete from bronze.plays b using eval.cutoff c
                           where b.user_id = c.user_id and b.played_at > c.cutoff""")
            for table in BRONZE_EVENT_TABLES:
                cur.execute(sql.SQL("""delete from bronze.{} b using eval.cutoff c
                                       where b.user_id = c.user_id and b.played_at >= c.cutoff""")
                            .format(sql.Identifier(table)))
            cur.execute("drop schema silver cascade")
            cur.execute("analyze")
            cur.execute("select count(distinct user_id), count(*) from eval.holdout")
            return cur.fetchone()

    def fetch(self, query, args=None):
        with connect(self.scratch_url) as conn, conn.cursor() as cur:
            cur.execute(query, args)
            return cur.fetchall()
