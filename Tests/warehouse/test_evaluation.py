"""dbt/evaluate-recommendations: the ranking metrics on a hand-made example, and the command end
to end on the warehouse in POSTGRES_URL (read only: it works in its own scratch database)."""
import json
import math
import os
import subprocess
import sys

import psycopg2
import pytest

from conftest import REPO, postgres_url

sys.path.insert(0, os.path.join(REPO, "dbt", "evaluation"))
from evaluate_recommendations import table  # noqa: E402
from holdout_warehouse import with_database  # noqa: E402
from ranking_metrics import (evaluate, hit_at_k, most_popular_recommendations,  # noqa: E402
                             ndcg_at_k, relevant_tracks)

COMMAND = os.path.join(REPO, "dbt", "evaluate-recommendations")


def test_hit_and_ndcg_on_a_hand_made_example():
    relevant = {"u1": {"x", "y"}, "u2": {"z"}, "u3": set(), "u4": {"w"}}
    recommendations = {"u1": ["a", "x", "b", "y"], "u2": ["z", "a"], "u3": ["a"]}
    # u1: x at rank 2 counts, y at rank 4 is outside k = 3; the ideal list has both on top
    assert hit_at_k(recommendations["u1"], relevant["u1"], 3) == 1.0
    assert math.isclose(ndcg_at_k(recommendations["u1"], relevant["u1"], 3),
                        (1 / math.log2(3)) / (1 + 1 / math.log2(3)))
    assert hit_at_k(["a", "b", "c", "y"], relevant["u1"], 3) == 0.0
    assert ndcg_at_k(["z"], {"z"}, 3) == 1.0
    result = evaluate(recommendations, relevant, 3)
    # u3 has nothing new to find (not evaluated); u4 got no recommendations (a miss)
    assert result["users"] == 3
    assert result["users_with_recommendations"] == 2
    assert math.isclose(result["hit_rate"], 2 / 3)
    assert math.isclose(result["ndcg"], ((1 / math.log2(3)) / (1 + 1 / math.log2(3)) + 1 + 0) / 3)


def test_relevant_tracks_leave_out_repeats_of_training_tracks():
    training = [("u1", "a"), ("u1", "b"), ("u2", "a")]
    holdout = [("u1", "a"), ("u1", "c"), ("u1", "c"), ("u2", "a"), ("u3", "d")]
    assert relevant_tracks(training, holdout) == {"u1": {"c"}, "u3": {"d"}}


def test_most_popular_baseline_skips_played_tracks_and_breaks_ties_by_id():
    training = [("u1", "hit"), ("u1", "hit"), ("u2", "hit"), ("u2", "b"), ("u3", "a"), ("u3", "c"),
                ("u3", "c")]
    # chart: hit 3, c 2, then a and b with 1 each (a before b)
    baseline = most_popular_recommendations(training, ["u1", "u2", "u9"], 2)
    assert baseline == {"u1": ["c", "a"], "u2": ["c", "a"], "u9": ["hit", "c"]}


def run_command(*args, url=None):
    env = dict(os.environ)
    env.pop("POSTGRES_URL", None)
    if url:
        env["POSTGRES_URL"] = url
    return subprocess.run([COMMAND, *args], env=env, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=1800)


def database_exists(url, name):
    conn = psycopg2.connect(url)
    try:
        with conn.cursor() as cur:
            cur.execute("select count(*) from pg_database where datname = %s", (name,))
            return cur.fetchone()[0] == 1
    finally:
        conn.close()


def test_command_reports_both_metrics_for_model_and_baseline_on_the_warehouse():
    url = postgres_url()
    scratch = f"spotify_eval_test_{os.getpid()}"
    proc = run_command("--json", "--scratch-db", scratch, url=url)
    assert proc.returncode == 0, proc.stderr[-5000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["k"] == 10 and report["holdout_share"] == 0.2
    assert report["holdout_plays"] > 0 and report["evaluated_users"] > 0
    for name in ("model", "baseline"):
        assert report[name]["users"] == report["evaluated_users"]
        assert 0.0 <= report[name]["ndcg"] <= report[name]["hit_rate"] <= 1.0, report[name]
    assert report["model"]["users_with_recommendations"] > 0
    # simulated listeners have tastes: co-occurrence must beat the global chart, by the README's
    # aim of at least twice the baseline's HitRate@10 (not merely more)
    assert report["model"]["hit_rate"] > report["baseline"]["hit_rate"], report
    assert report["model"]["hit_rate"] >= 2 * report["baseline"]["hit_rate"], report
    assert not database_exists(url, scratch), "the scratch database must be dropped afterwards"
    text = table(report)
    assert "HitRate@10" in text and "NDCG@10" in text
    assert "gold.track_recommendations" in text and "most-popular baseline" in text


def test_command_never_drops_a_database_it_did_not_create():
    url = postgres_url()
    proc = run_command("--scratch-db", "postgres", url=url)
    assert proc.returncode != 0
    assert "not an evaluation scratch database" in proc.stderr
    assert database_exists(url, "postgres")
    evaluated = psycopg2.extensions.parse_dsn(url).get("dbname", "spotify_data")
    proc = run_command("--scratch-db", evaluated, url=url)
    assert proc.returncode != 0
    assert "must not be the evaluated one" in proc.stderr


def test_command_without_a_warehouse_fails_clearly():
    proc = run_command("--json")
    assert proc.returncode == 2
    assert "POSTGRES_URL is not set" in proc.stderr


def test_scratch_url_names_another_database_on_the_same_server():
    url = with_database("postgresql://postgres@127.0.0.1:5433/spotify_data", "spotify_eval")
    parsed = psycopg2.extensions.parse_dsn(url)
    assert (parsed["host"], parsed["port"], parsed["user"], parsed["dbname"]) == \
        ("127.0.0.1", "5433", "postgres", "spotify_eval")
