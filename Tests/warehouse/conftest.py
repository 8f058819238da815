"""Checks of the dbt-built warehouse (silver/gold), run against the PostgreSQL in POSTGRES_URL.

The suite builds its own copy side by side with the real one: bronze tables are cloned
(structure only, `LIKE bronze.<table>`, so bronze must exist — warehouse-loader's migrations
create it) into schema <prefix>bronze, dbt builds <prefix>staging (views), <prefix>silver and
<prefix>gold with --vars {schema_prefix, bronze_schema}; the real bronze/staging/silver/gold are
never touched.
Set DBT_TEST_SCHEMA_PREFIX (default dbtt_) and DBT_TEST_KEEP=1 to keep the schemas afterwards.
"""
import json
import os
import subprocess
import sys
import tempfile

import psycopg2
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
RUN_DBT = os.path.join(REPO, "dbt", "run-dbt")
PREFIX = os.environ.get("DBT_TEST_SCHEMA_PREFIX", "dbtt_")
BRONZE = PREFIX + "bronze"
STAGING = PREFIX + "staging"
SILVER = PREFIX + "silver"
GOLD = PREFIX + "gold"
BRONZE_TABLES = ["plays", "skips", "likes", "currently_playing", "load_history"]
# Deterministic simulated traffic: a first load and a later increment.
FIRST = dict(events=20000, users=60, seed=7, end="2025-11-18T00:00:00Z")
SECOND = dict(events=2000, users=60, seed=8, end="2025-11-19T00:00:00Z")


def postgres_url():
    url = os.environ.get("POSTGRES_URL")
    if not url:
        pytest.fail("POSTGRES_URL is not set: the dbt checks need the warehouse (never skipped)")
    return url


class Warehouse:
    def __init__(self, url):
        self.url = url
        self.conn = psycopg2.connect(url)
        self.conn.autocommit = True
        self.target_dir = tempfile.mkdtemp(prefix="dbt-target-")

    def query(self, sql, args=None):
        with self.conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall() if cur.description else None

    def scalar(self, sql, args=None):
        return self.query(sql, args)[0][0]

    def execute(self, sql, args=None):
        with self.conn.cursor() as cur:
            cur.execute(sql, args)

    def dbt(self, *args, **variables):
        env = dict(os.environ, DBT_TARGET_PATH=self.target_dir,
                   DBT_LOG_PATH=os.path.join(self.target_dir, "logs"))
        vars_ = json.dumps({"schema_prefix": PREFIX, "bronze_schema": BRONZE, **variables})
        proc = subprocess.run([RUN_DBT, *args, "--vars", vars_], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.last_output = proc.stdout
        if proc.returncode != 0:
            sys.stdout.write(proc.stdout[-20000:])
        assert proc.returncode == 0, f"dbt {' '.join(args)} failed (exit {proc.returncode})"
        with open(os.path.join(self.target_dir, "run_results.json")) as f:
            return json.load(f)

    def load(self, events, users, seed, end):
        env = dict(os.environ, POSTGRES_URL=self.url)
        proc = subprocess.run(
            [sys.executable, os.path.join(HERE, "load_bronze.py"), "--schema", BRONZE,
             "--events", str(events), "--users", str(users), "--seed", str(seed), "--end", end,
             "--label", f"test-seed-{seed}"],
            env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        assert proc.returncode == 0, proc.stdout
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def reset_schemas(self):
        for schema in (GOLD, SILVER, STAGING, BRONZE):
            self.execute(f'drop schema if exists "{schema}" cascade')
        self.execute(f'create schema "{BRONZE}"')
        for table in BRONZE_TABLES:
            exists = self.scalar("select to_regclass(%s) is not null", (f"bronze.{table}",))
            if not exists:
                pytest.fail(f"bronze.{table} does not exist: run warehouse-loader's migrations first")
            self.execute(f'create table "{BRONZE}"."{table}" (like bronze."{table}" including all)')


@pytest.fixture(scope="session")
def warehouse():
    wh = Warehouse(postgres_url())
    wh.reset_schemas()
    # 1. empty bronze: the whole project must build (and its tests pass) on no data.
    wh.empty_results = wh.dbt("build")
    wh.empty_counts = {t: wh.scalar(f'select count(*) from "{GOLD}"."{t}"')
                       for t in ("track_recommendations", "user_daily_listening")}
    # 2. simulator data.
    wh.first_load = wh.load(**FIRST)
    wh.first_results = wh.dbt("build")
    yield wh
    if os.environ.get("DBT_TEST_KEEP") != "1":
        wh.conn.autocommit = True
        for schema in (GOLD, SILVER, STAGING, BRONZE):
            wh.execute(f'drop schema if exists "{schema}" cascade')
    wh.conn.close()
