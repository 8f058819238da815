#!/usr/bin/env python3
"""Transformation cost on a large warehouse: how long dbt takes to carry a few minutes of new
traffic into silver and gold, against a full build of the same models in the same run.

    STACK_SEED_EVENTS=1000000 STACK_SEED_USERS=1000 deploy/stack up     # a 1M-event warehouse
    eval "$(deploy/stack env)"; $STACK_PYTHON Tests/stack_bench/transformation.py [--minutes 5 --rate 2000]
    # or on any stack: the same history made by the simulator straight into the scratch bronze
    eval "$(deploy/stack env)"; $STACK_PYTHON Tests/stack_bench/transformation.py --history-events 1000000

Nothing of the platform's own tables is touched: the warehouse's bronze (or, with
--history-events, that many simulator events over 7 days, 1,000 listeners) is copied into a
scratch schema (`bench_bronze`), and dbt builds side by side into `bench_silver` and `bench_gold`
(var `schema_prefix`), then the scratch schemas are dropped (`--keep` keeps them).

1. reference: a full build of what `dbt_transformation` runs after every arrival (silver and
   gold; the recommendation models are rebuilt hourly, see the DAG), the way the DAG runs it:
   `dbt build` of silver and gold together (then, untimed in the reference, of the recommendation
   models, so that every table exists as on a running platform);
2. --minutes × --rate simulated events (a day of played_at, so the newest two days and the day
   after each are touched; --traffic-days 7 spreads them over a week instead, the shape of a
   replayed week, where every listener's new plays fall before their latest sessions) are
   COPYed into the scratch bronze, loaded now;
3. the incremental run of the same steps, timed the same way; the models' own seconds come from
   dbt's run_results.json;
4. a `--full-refresh` of the same selection: every silver and gold table must hold the same rows
   as after the incremental run (count and an order-independent checksum of each table).

Aim (issue #17): the incremental run ≤ 15 s. Report: logs/transformation-report.json (the
stack's logs folder) with the full and incremental seconds, their ratio, the slowest models and
whether the aim is met. Exits non-zero when the incremental result differs from the full
refresh (never for speed: the machine is shared)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import psycopg2

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "airflow", "dags"))
from spotify_platform.dbt_steps import EVERY_RUN, dbt_command  # noqa: E402

AIM_INCREMENTAL_S = 15
PREFIX = "bench_"
BRONZE_TABLES = ("plays", "skips", "likes", "currently_playing", "load_history")
STAGES = EVERY_RUN


class Bench:
    def __init__(self, url, lookback_minutes):
        self.url = url
        self.lookback_minutes = lookback_minutes
        self.target = tempfile.mkdtemp(prefix="dbt-bench-")
        self.conn = psycopg2.connect(url)
        self.conn.autocommit = True

    def sql(self, statement, args=None):
        with self.conn.cursor() as cursor:
            cursor.execute(statement, args)
            return cursor.fetchall() if cursor.description else None

    def dbt(self, *args):
        """One dbt invocation: (wall seconds, run_results)."""
        variables = {"schema_prefix": PREFIX, "bronze_schema": PREFIX + "bronze"}
        if self.lookback_minutes is not None:
            variables.update(silver_lookback_minutes=self.lookback_minutes, gold_lookback_minutes=self.lookback_minutes)
        env = dict(os.environ, POSTGRES_URL=self.url, DBT_TARGET_PATH=self.target,
                   DBT_LOG_PATH=os.path.join(self.target, "logs"))
        started = time.monotonic()
        proc = subprocess.run([os.path.join(REPO, "dbt", "run-dbt"), *args, "--vars", json.dumps(variables)],
                              env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        seconds = time.monotonic() - started
        if proc.returncode != 0:
            sys.stdout.write(proc.stdout[-8000:])
            raise SystemExit(f"dbt {' '.join(args)} failed")
        with open(os.path.join(self.target, "run_results.json")) as f:
            return seconds, json.load(f)

    def transformation(self, *extra, stages=STAGES):
        """dbt_transformation's steps (a `dbt build` of silver and gold; the hourly
        recommendation stage only when asked): seconds per step, in total (of the stages of every run),
        and each model's own seconds."""
        steps, models, tests, startup = {}, {}, {}, {}
        for stage in stages:
            seconds, results = self.dbt(*dbt_command("build", stage)[1:], *extra)
            steps[f"dbt_build_{stage}"] = round(seconds, 1)
            # dbt's own start (imports, parsing, connecting): the wall time its run did not count
            startup[stage] = round(seconds - results["elapsed_time"], 1)
            tests[stage] = round(sum(r["execution_time"] for r in results["results"] if r["unique_id"].startswith("test.")), 1)
            for result in results["results"]:
                if result["unique_id"].startswith("model."):
                    models[result["unique_id"].rsplit(".", 1)[-1]] = round(result["execution_time"], 2)
        frequent = sum(steps[f"dbt_build_{stage}"] for stage in stages if stage in STAGES)
        return {"seconds": round(frequent, 1), "steps": steps, "models": models,
                "tests_seconds": tests, "dbt_startup_seconds": startup}

    # The history counts as loaded the way a running platform loads it: each row a minute after
    # it was played, up to a day ago. The incremental run's lookback then finds only the new
    # traffic, as it does in steady state (a single bulk load would put the whole history inside
    # the lookback window, which only happens right after a backfill).
    HISTORY_LOADED_AT = "least(coalesce(played_at, now()), now() - interval '1 day') + interval '1 minute'"

    def copy_bronze(self, history_events=0):
        self.drop()  # a kept run's schemas too: the reference must be a build from nothing
        self.sql(f'create schema "{PREFIX}bronze"')
        for table in BRONZE_TABLES:
            self.sql(f'create table "{PREFIX}bronze"."{table}" (like bronze."{table}" including all)')
            if history_events:
                continue
            columns = [name for (name,) in self.sql(
                "select column_name from information_schema.columns where table_schema = 'bronze' and table_name = %s "
                "order by ordinal_position", (table,))]
            values = ", ".join(self.HISTORY_LOADED_AT if c == "_loaded_at" else f'"{c}"' for c in columns)
            names = ", ".join(f'"{c}"' for c in columns)
            self.sql(f'insert into "{PREFIX}bronze"."{table}" ({names}) select {values} from bronze."{table}"')
        if history_events:
            # 7 days of listening that ended a day ago (new traffic is then played over the last day)
            end = self.sql("select to_char(now() at time zone 'UTC' - interval '1 day', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")[0][0]
            self.add_traffic(history_events, users=1000, seed=42, days=7, end=end)
            for table in BRONZE_TABLES[:-1]:
                self.sql(f'update "{PREFIX}bronze"."{table}" set _loaded_at = {self.HISTORY_LOADED_AT}')
        for table in BRONZE_TABLES:
            self.sql(f'vacuum analyze "{PREFIX}bronze"."{table}"')
        return self.sql(f'select count(*) from "{PREFIX}bronze".plays')[0][0]

    def add_traffic(self, events, users, seed, days=1, end=None):
        env = dict(os.environ, POSTGRES_URL=self.url)
        proc = subprocess.run([sys.executable, os.path.join(REPO, "Tests", "dbt", "load_bronze.py"),
                               "--schema", PREFIX + "bronze", "--events", str(events), "--users", str(users),
                               "--seed", str(seed), "--days", str(days), "--label", f"bench-{seed}",
                               *(["--end", end] if end else [])],
                              env=env, text=True, capture_output=True)
        if proc.returncode != 0:
            raise SystemExit(f"load_bronze.py failed: {proc.stdout}{proc.stderr}")
        return json.loads(proc.stdout.strip().splitlines()[-1])

    def tables(self):
        rows = self.sql("select table_schema, table_name from information_schema.tables "
                        "where table_schema in (%s, %s) and table_type = 'BASE TABLE' order by 1, 2",
                        (PREFIX + "silver", PREFIX + "gold"))
        return [(schema, name) for schema, name in rows]

    def fingerprint(self):
        """Per table: row count and an order-independent checksum of its rows (all columns but
        `_rebuilt_at`, which says when a row was last computed)."""
        fingerprints = {}
        for schema, name in self.tables():
            columns = [c for (c,) in self.sql("select column_name from information_schema.columns "
                                              "where table_schema = %s and table_name = %s and column_name <> '_rebuilt_at' "
                                              "order by column_name", (schema, name))]
            row = "row(" + ", ".join(f't."{c}"' for c in columns) + ")::text"
            fingerprints[f"{schema}.{name}"] = self.sql(
                f'select count(*), coalesce(sum(hashtext({row})::bigint), 0) from "{schema}"."{name}" t')[0]
        return fingerprints

    def drop(self):
        for schema in ("bronze", "staging", "silver", "gold"):
            self.sql(f'drop schema if exists "{PREFIX}{schema}" cascade')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5, help="minutes of new traffic (default 5)")
    parser.add_argument("--rate", type=int, default=2000, help="events/s of that traffic (default 2000)")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--lookback-minutes", type=int, default=None,
                        help="vars silver_lookback_minutes and gold_lookback_minutes (default: dbt_project.yml's)")
    parser.add_argument("--history-events", type=int, default=0,
                        help="build the history with the simulator (this many events over 7 days) instead of copying bronze")
    parser.add_argument("--traffic-days", type=int, default=1,
                        help="days of played_at the new traffic spans (default 1; 7 = a replayed week)")
    parser.add_argument("--keep", action="store_true", help="keep the bench_ schemas")
    args = parser.parse_args()
    url = os.environ.get("POSTGRES_URL")
    if not url:
        raise SystemExit("transformation.py: POSTGRES_URL is not set (eval \"$(deploy/stack env)\")")
    bench = Bench(url, args.lookback_minutes)
    report = {"aim_incremental_s": AIM_INCREMENTAL_S, "lookback_minutes": args.lookback_minutes,
              "new_events": int(args.minutes * 60 * args.rate), "minutes": args.minutes, "rate": args.rate,
              "traffic_days": args.traffic_days}
    try:
        started = time.monotonic()
        report["history"] = f"simulated, {args.history_events} events" if args.history_events else "the warehouse's bronze"
        report["bronze_plays"] = bench.copy_bronze(args.history_events)
        print(f"bronze copied ({report['bronze_plays']} plays) in {time.monotonic() - started:.0f} s", flush=True)
        # The first build includes the hourly recommendation stage, as on a running platform: gold's
        # tests also check relationships to its tables.
        full = bench.transformation(stages=(*STAGES, "recommendations"))
        print(f"full build: {full['seconds']} s {full['steps']}", flush=True)
        # The simulator caps a listener at 300 plays a day: enough listeners for the traffic.
        report["users"] = max(args.users, report["new_events"] // (250 * args.traffic_days) + 1)
        report["added"] = bench.add_traffic(report["new_events"], report["users"], seed=int(time.time()),
                                            days=args.traffic_days)
        print(f"added {report['added']}", flush=True)
        incremental = bench.transformation()
        print(f"incremental: {incremental['seconds']} s {incremental['steps']}", flush=True)
        after_incremental = bench.fingerprint()
        refreshed = bench.transformation("--full-refresh")
        print(f"full refresh: {refreshed['seconds']} s", flush=True)
        after_refresh = bench.fingerprint()
        differing = sorted(t for t in after_refresh if after_incremental.get(t) != after_refresh[t])
        report.update(
            full=full, incremental=incremental, full_refresh_seconds=refreshed["seconds"],
            incremental_over_full=round(incremental["seconds"] / full["seconds"], 3),
            slowest_incremental_models=sorted(incremental["models"].items(), key=lambda kv: -kv[1])[:10],
            tables_compared=len(after_refresh), tables_differing_from_full_refresh=differing,
            aim_met=incremental["seconds"] <= AIM_INCREMENTAL_S)
    finally:
        if not args.keep:
            bench.drop()
    logs = os.path.join(os.environ.get("STACK_DIR", os.path.join(REPO, ".stack")), "logs")
    os.makedirs(logs, exist_ok=True)
    path = os.path.join(logs, "transformation-report.json")
    with open(path, "w") as f:
        json.dump(report, f, indent=2, sort_keys=True)
    print(json.dumps({k: report[k] for k in ("full", "incremental", "incremental_over_full", "aim_met",
                                               "tables_differing_from_full_refresh")}, indent=2))
    print(f"report: {path}")
    if report["tables_differing_from_full_refresh"]:
        raise SystemExit(f"incremental result differs from a full refresh in {report['tables_differing_from_full_refresh']}")


if __name__ == "__main__":
    main()
