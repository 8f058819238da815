#!/usr/bin/env python3
"""Offline quality of gold.track_recommendations: HitRate@k and NDCG@k on a time-based holdout,
next to a most-popular-tracks baseline on the same split.

1. Copies the warehouse's bronze into a scratch database on the same server (--scratch-db).
2. Builds silver_plays there with dbt (the warehouse's own cleaning rules), holds out each user's
   most recent --holdout-share of clean plays (by played_at), and deletes them from bronze.
3. Rebuilds silver and gold (+track_recommendations) with dbt on the remaining plays.
4. Scores the top k of gold.track_recommendations and of the baseline (tracks by training play
   count, minus the user's played tracks) against each user's held-out tracks they had not
   played before. The scratch database is dropped afterwards unless --keep.

  POSTGRES_URL=postgresql://postgres@127.0.0.1:5433/spotify_data dbt/evaluate-recommendations [--json]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from holdout_warehouse import EvaluationError, HoldoutWarehouse
from ranking_metrics import evaluate, most_popular_recommendations, relevant_tracks

DBT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUN_DBT = os.path.join(DBT_DIR, "run-dbt")


def run_dbt(scratch_url, target_dir, *args):
    env = dict(os.environ, POSTGRES_URL=scratch_url, DBT_TARGET_PATH=target_dir,
               DBT_LOG_PATH=os.path.join(target_dir, "logs"))
    # the scratch database is a plain copy: the default vars (schemas silver/gold, bronze) apply
    for name in ("DBT_DATABASE", "DBT_HOST", "DBT_PORT", "DBT_USER", "DBT_PASSWORD"):
        env.pop(name, None)
    proc = subprocess.run([RUN_DBT, *args], env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-20000:])
        raise EvaluationError(f"dbt {' '.join(args)} failed on the scratch database (exit {proc.returncode})")


def measure(warehouse, k):
    training = warehouse.fetch("select user_id, track_id from silver.silver_plays")
    holdout = warehouse.fetch("select user_id, track_id from eval.holdout")
    relevant = relevant_tracks(training, holdout)
    model = {}
    for user, track in warehouse.fetch(
            "select user_id, track_id from gold.track_recommendations "
            "where recommendation_rank <= %s order by user_id, recommendation_rank", (k,)):
        model.setdefault(user, []).append(track)
    baseline = most_popular_recommendations(training, relevant.keys(), k)
    return {"model": evaluate(model, relevant, k), "baseline": evaluate(baseline, relevant, k),
            "relevant_tracks": sum(len(t) for t in relevant.values())}


def table(report):
    k = report["k"]
    lines = [f"Recommendation quality, holdout = most recent {report['holdout_share']:.0%} of each "
             f"user's plays ({report['holdout_users']} users, {report['holdout_plays']} plays; "
             f"{report['evaluated_users']} users with new tracks in it)",
             f"{'':<34}{'HitRate@' + str(k):>12}{'NDCG@' + str(k):>12}{'users w/ recs':>15}"]
    for name, label in (("model", "gold.track_recommendations"), ("baseline", "most-popular baseline")):
        m = report[name]
        lines.append(f"{label:<34}{m['hit_rate']:>12.4f}{m['ndcg']:>12.4f}"
                     f"{m['users_with_recommendations']:>15}")
    ratio = report["hit_rate_ratio"]
    lines.append(f"model / baseline HitRate@{k}: " + ("n/a" if ratio is None else f"{ratio:.2f}x"))
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--postgres-url", default=os.environ.get("POSTGRES_URL"),
                   help="warehouse to evaluate (default: $POSTGRES_URL); only read")
    p.add_argument("--scratch-db", default="spotify_eval",
                   help="scratch database created on the same server (default spotify_eval)")
    p.add_argument("--holdout-share", type=float, default=0.2)
    p.add_argument("--min-plays", type=int, default=5,
                   help="users with fewer clean plays are not split (default 5)")
    p.add_argument("-k", type=int, default=10)
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--vars", help="dbt --vars for the rebuild, e.g. '{cooccurrence_aggregation: mean}'")
    p.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    args = p.parse_args()
    if not args.postgres_url:
        p.error("POSTGRES_URL is not set (or pass --postgres-url)")
    if not 0 < args.holdout_share < 1 or args.k < 1 or args.min_plays < 2:
        p.error("need 0 < --holdout-share < 1, -k >= 1, --min-plays >= 2")

    started = time.time()

    def progress(message):
        print(f"[{time.time() - started:6.1f}s] {message}", file=sys.stderr, flush=True)

    warehouse = HoldoutWarehouse(args.postgres_url, args.scratch_db)
    target_dir = tempfile.mkdtemp(prefix="dbt-eval-")
    try:
        progress(f"copying bronze into scratch database {args.scratch_db}")
        warehouse.create()
        progress("dbt: silver_plays (and its staging view) on the full bronze")
        run_dbt(warehouse.scratch_url, target_dir, "run", "--select", "+silver_plays", "--full-refresh")
        holdout_users, holdout_plays = warehouse.split(args.holdout_share, args.min_plays)
        progress(f"held out {holdout_plays} plays of {holdout_users} users; dbt: +track_recommendations")
        run_dbt(warehouse.scratch_url, target_dir, "run", "--select", "+track_recommendations",
                "--full-refresh", *(["--vars", args.vars] if args.vars else []))
        progress("scoring")
        measured = measure(warehouse, args.k)
    finally:
        shutil.rmtree(target_dir, ignore_errors=True)
        if not args.keep:
            warehouse.drop()
    model, baseline = measured["model"], measured["baseline"]
    report = {
        "k": args.k, "holdout_share": args.holdout_share, "min_plays": args.min_plays,
        "holdout_users": holdout_users, "holdout_plays": holdout_plays,
        "evaluated_users": model["users"], "relevant_tracks": measured["relevant_tracks"],
        "model": model, "baseline": baseline,
        "hit_rate_ratio": model["hit_rate"] / baseline["hit_rate"] if baseline["hit_rate"] else None,
        "seconds": round(time.time() - started, 1),
        "scratch_db": args.scratch_db if args.keep else None,
    }
    print(json.dumps(report) if args.json else table(report))


if __name__ == "__main__":
    try:
        main()
    except EvaluationError as error:
        sys.exit(f"evaluate-recommendations: {error}")
