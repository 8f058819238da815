#!/usr/bin/env python3
"""Freshness at default settings: how long a play takes from its 202 at ingest-service to bronze,
silver and gold, with nothing forced (no /flush, no /load, no dbt call): lake-writer's rolls,
warehouse-loader's polling and, when Airflow runs, its transformation DAG do the work.

    eval "$(deploy/stack env)"; $STACK_PYTHON Tests/stack_bench/freshness.py --minutes 15

Steady simulated traffic at --rate events/s runs for --minutes; every --marker-seconds a marker
play is sent, each with a user and a track of its own, so it is found in bronze and silver by
its event_id and in gold as a row of gold.user_daily_listening (its user) and of
gold.track_popularity (its track). After the traffic, markers are awaited up to --wait-minutes.
Then the run reconciles (flush, load, dbt run of silver, as soak.py does): every accepted event
in bronze and each play, skip and like once in silver. Files per topic-partition are counted
for every settled hour the run wrote to.

With each marker a now_playing event is sent too, and recommender-api's now-playing answer is
polled every 20 ms until it shows the track: the now-playing path's latency.

Goals (issue #17, at defaults, 2,000 events/s): p95 to bronze ≤ 90 s, max ≤ 150 s; p95 to gold
≤ 180 s, max ≤ 300 s; ≤ 2 files per topic-partition in every settled hour; now playing < 1 s;
0 lost. The report
says which are met. Without Airflow (the test stack) nothing builds silver and gold on its own:
those latencies are reported as not measured.

Report: logs/freshness-report.json. Exits non-zero when an event is lost (or, with --strict,
when a goal is not met)."""
import argparse
import calendar
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "e2e"))
from soak import expected_events, reconcile, simulator_count  # noqa: E402
from stack_client import Stack, write_report  # noqa: E402

GOALS = {"p95_s_to_bronze": 90, "max_s_to_bronze": 150, "p95_s_to_gold": 180, "max_s_to_gold": 300,
         "max_files_per_partition_hour": 2, "max_s_now_playing": 1}


class Marker:
    def __init__(self, run, index):
        self.event_id = str(uuid.uuid4())
        self.user = f"fresh_{run}_{index}"
        self.track = f"fresh{run}t{index}"
        self.sent = None
        self.seen = {}    # layer -> seconds after the 202

    def event(self):
        return {"event_id": self.event_id, "user_id": self.user, "event_type": "play", "track_id": self.track,
                "track_name": "Freshness marker", "artist_name": "Bench", "duration_ms": 180000, "ms_played": 170000,
                "played_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def now_playing_seconds(stack, run, index, timeout=5.0):
    """Seconds from a now_playing event's 202 at ingest-service until recommender-api's
    `GET /users/{user}/now-playing` shows its track (the poller's path: topic → consumer → Redis);
    None when it never does within `timeout`."""
    user, track = f"fresh_np_{run}_{index}", f"fresh{run}np{index}"
    event = {"event_id": str(uuid.uuid4()), "user_id": user, "event_type": "now_playing", "track_id": track,
             "track_name": "Freshness marker", "artist_name": "Bench", "duration_ms": 180000,
             "played_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    stack.post_events([json.dumps(event)])
    sent = time.monotonic()
    while time.monotonic() - sent < timeout:
        body = stack.get("recommender-api", f"/users/{user}/now-playing", timeout=5).json()
        if (body.get("now_playing") or {}).get("track_id") == track:
            return round(time.monotonic() - sent, 3)
        time.sleep(0.02)
    return None


def look_for(stack, markers):
    """Notes the layers each marker has reached by now."""
    now = time.monotonic()
    pending = {layer: [m for m in markers if layer not in m.seen] for layer in ("bronze", "silver", "gold")}
    if pending["bronze"]:
        found = {r[0] for r in stack.query("SELECT event_id FROM bronze.plays WHERE event_id = ANY(%s)",
                                           ([m.event_id for m in pending["bronze"]],))}
        for m in pending["bronze"]:
            if m.event_id in found:
                m.seen["bronze"] = round(now - m.sent, 1)
    if pending["silver"] and relation_exists(stack, "silver.silver_plays"):
        found = {r[0] for r in stack.query("SELECT event_id::text FROM silver.silver_plays WHERE event_id::text = ANY(%s)",
                                           ([m.event_id for m in pending["silver"]],))}
        for m in pending["silver"]:
            if m.event_id in found:
                m.seen["silver"] = round(now - m.sent, 1)
    if pending["gold"] and relation_exists(stack, "gold.user_daily_listening") and relation_exists(stack, "gold.track_popularity"):
        users = {r[0] for r in stack.query("SELECT user_id FROM gold.user_daily_listening WHERE user_id = ANY(%s) AND play_count > 0",
                                           ([m.user for m in pending["gold"]],))}
        tracks = {r[0] for r in stack.query("SELECT track_id FROM gold.track_popularity WHERE track_id = ANY(%s)",
                                            ([m.track for m in pending["gold"]],))}
        for m in pending["gold"]:
            if m.user in users and m.track in tracks:
                m.seen["gold"] = round(now - m.sent, 1)


def relation_exists(stack, name):
    return stack.scalar("SELECT to_regclass(%s) IS NOT NULL", (name,))


def percentiles(values):
    if not values:
        return {"samples": 0, "p50": None, "p95": None, "max": None}
    ordered = sorted(values)
    pick = lambda q: ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]  # noqa: E731
    return {"samples": len(ordered), "p50": pick(0.5), "p95": pick(0.95), "max": ordered[-1]}


def files_per_partition_hour(lake_uri, since_epoch, settle_seconds):
    """{hour folder + topic-partition: files} for the settled hours (ended settle_seconds ago or
    more) holding a file written since the run started. A file:// lake only (the stacks' default)."""
    parsed = urllib.parse.urlparse(lake_uri)
    if parsed.scheme != "file":
        return None
    root = os.path.join(parsed.path, "bronze")
    counts, touched = Counter(), set()
    now = time.time()
    for folder, _, names in os.walk(root):
        for name in names:
            if not name.startswith("part-") or not name.endswith(".parquet"):
                continue
            relative = os.path.relpath(folder, root).split(os.sep)   # dataset, year=, month=, day=, hour=
            if len(relative) != 5:
                continue
            year, month, day, hour = (int(p.split("=")[1]) for p in relative[1:])
            hour_end = calendar.timegm((year, month, day, hour + 1, 0, 0))
            if hour_end + settle_seconds > now:
                continue
            topic_partition = name[len("part-"):].rsplit("-", 2)[0]
            group = f"{'/'.join(relative)}/{topic_partition}"
            counts[group] += 1
            if os.path.getmtime(os.path.join(folder, name)) >= since_epoch:
                touched.add(group)
    return {group: counts[group] for group in touched}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=15)
    parser.add_argument("--rate", type=int, default=2000, help="events per second")
    parser.add_argument("--marker-seconds", type=float, default=5)
    parser.add_argument("--wait-minutes", type=float, default=None,
                        help="how long to await markers after the traffic (default: 6 with Airflow running, else 3)")
    parser.add_argument("--settle-seconds", type=float, default=float(os.environ.get("LAKE_WRITER_COMPACT_AFTER_SECONDS") or 300),
                        help="an hour counts as settled this long after its end (lake-writer's default)")
    parser.add_argument("--strict", action="store_true", help="exit non-zero when a goal is not met")
    parser.add_argument("--require-all-markers", action="store_true",
                        help="exit non-zero when a marker did not reach every measured layer within the wait")
    args = parser.parse_args()

    stack = Stack()
    stack.wait_ready()
    transforming = stack.airflow_running()
    wait_seconds = 60 * (args.wait_minutes if args.wait_minutes is not None else (6 if transforming else 3))
    run = uuid.uuid4().hex[:8]
    seconds = args.minutes * 60
    events = int(args.rate * seconds)
    users = max(1000, events // (7 * 250) + 1)   # the simulator refuses > 300 plays per user and day
    settings = ["--events", str(events), "--users", str(users), "--seed", str(int(time.time())),
                "--end", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())]
    simulator_bin = os.path.join(stack.bin_dir, "ingest-service")
    planned = expected_events(simulator_bin, settings)
    started_epoch = time.time()
    # Output to a file: a pipe read only at the end would fill (a progress line every 5 s) and
    # block the simulator on a long run.
    simulator_log = tempfile.TemporaryFile(mode="w+")
    simulator = subprocess.Popen([simulator_bin, "simulate", "--target", "http", "--rate", str(args.rate), *settings],
                                 stdout=simulator_log, stderr=subprocess.STDOUT, text=True)
    markers, next_marker, now_playing = [], time.monotonic(), []
    while simulator.poll() is None:
        if time.monotonic() >= next_marker:
            marker = Marker(run, len(markers))
            stack.post_events([json.dumps(marker.event())])
            marker.sent = time.monotonic()
            markers.append(marker)
            next_marker = marker.sent + args.marker_seconds
            now_playing.append(now_playing_seconds(stack, run, len(markers)))
        look_for(stack, markers)
        time.sleep(1)
    simulator.wait()
    simulator_log.seek(0)
    output = simulator_log.read()
    if simulator.returncode != 0:
        sys.exit(f"the simulator failed (exit {simulator.returncode}):\n{output[-2000:]}")
    layers = ("bronze", "silver", "gold") if transforming else ("bronze",)
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline and any(layer not in m.seen for m in markers for layer in layers):
        look_for(stack, markers)
        time.sleep(1)
    # Rolls of the run's hours are compacted one pass after they settle.
    files = files_per_partition_hour(os.environ.get("LAKE_URI", ""), started_epoch, args.settle_seconds)

    seen = {layer: percentiles([m.seen[layer] for m in markers if layer in m.seen]) for layer in ("bronze", "silver", "gold")}
    print(f"freshness: {len(markers)} markers; seconds to {seen}; now playing {percentiles([s for s in now_playing if s is not None])}")
    # The reconciliation runs dbt itself: Airflow's transformation must not run meanwhile (the
    # DAGs are unpaused again afterwards, as they were).
    paused = stack.quiesce_transformation() if transforming else []
    summary_line = [line for line in output.splitlines() if line.startswith("sent ")]
    try:
        reconciliation = reconcile(stack, {**planned, **{m.event_id: "play" for m in markers}})
    finally:
        stack.unpause_dags(paused)
    latency = {layer: percentiles([m.seen[layer] for m in markers if layer in m.seen]) for layer in ("bronze", "silver", "gold")}
    report = {
        "minutes": args.minutes, "rate": args.rate, "transformation_scheduler_running": transforming,
        "sent": events + len(markers), "accepted": (simulator_count(summary_line, "accepted") or 0) + len(markers),
        "markers": len(markers), **reconciliation,
        "markers_not_seen": {layer: sum(1 for m in markers if layer not in m.seen) for layer in layers},
        "seconds_to": latency,
        "p95_s_to_bronze": latency["bronze"]["p95"], "max_s_to_bronze": latency["bronze"]["max"],
        "p95_s_to_gold": latency["gold"]["p95"], "max_s_to_gold": latency["gold"]["max"],
        "now_playing_seconds": percentiles([s for s in now_playing if s is not None]),
        "now_playing_not_seen": sum(1 for s in now_playing if s is None),
        # None (not met) when a now_playing event never showed within its 5 s.
        "max_s_now_playing": max(now_playing) if now_playing and None not in now_playing else None,
        "max_files_per_partition_hour": max(files.values(), default=0) if files is not None else None,
        "settled_partition_hours_checked": len(files) if files is not None else None,
        # Each marker: when it was sent (seconds into the run) and its seconds to each layer
        # (absent: not seen), for the chart of `deploy/stack charts`.
        "marker_series": [{"t": round(m.sent - markers[0].sent, 1), **m.seen} for m in markers if m.sent is not None],
    }
    report["goals"] = {name: {"aim": f"≤ {aim}", "measured": report[name],
                              "met": report[name] is not None and report[name] <= aim}
                       for name, aim in GOALS.items()}
    path = write_report(stack, "freshness-report", report)
    print(json.dumps(report, indent=2))
    print(f"report: {path}")
    if report["lost"] or report["missing_in_bronze"] or report["doubled_in_silver"]:
        sys.exit(f"freshness: {report['missing_in_bronze']} accepted events missing in bronze, {report['lost']} lost in silver, "
                 f"{report['doubled_in_silver']} doubled in silver")
    unseen = {layer: count for layer, count in report["markers_not_seen"].items() if count}
    if args.require_all_markers and (unseen or not markers):
        sys.exit(f"freshness: markers that never arrived within {wait_seconds:.0f} s of the traffic's end: {unseen}")
    unmet = [name for name, goal in report["goals"].items() if not goal["met"]]
    print(f"freshness: {report['sent']} sent, {report['in_silver']} in silver, 0 lost; goals not met: {unmet or 'none'}")
    if args.strict and unmet:
        sys.exit(1)


if __name__ == "__main__":
    main()
