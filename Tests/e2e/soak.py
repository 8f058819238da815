#!/usr/bin/env python3
"""Soak: a steady rate of simulated events through the whole running pipeline for a long time,
reporting throughput, lake-writer lag, end-to-end freshness (a marked event's time from its 202 to
bronze with lake-writer and warehouse-loader on their own schedules) and each service's RSS over
time, which must stay flat. It ends with a reconciliation: lake-writer and warehouse-loader are
flushed and loaded, dbt builds silver, and every event the simulator had accepted must be in bronze
and exactly once in silver (the events are known beforehand: the simulator's output is a function of
its seed, settings and --end, so a --target stdout run lists them).

    eval "$(deploy/stack env)"; $STACK_PYTHON Tests/e2e/soak.py --minutes 30 --rate 2000

Exits non-zero when an event is lost or doubled in silver, or when any service's RSS in the last
quarter of the run exceeds its first quarter's by more than --max-rss-growth-percent (20).
Report: logs/soak-report.json (sent, accepted, in_bronze, in_silver, lost, rss_first_quarter_max,
rss_last_quarter_max, ...)."""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack_client import SERVICES, Stack, bronze_event_ids, write_report  # noqa: E402

SILVER_TABLES = {"play": ("silver_plays", "silver_plays_rejected"), "skip": ("silver_skips",), "like": ("silver_likes",)}


def marker(stack):
    event = {"event_id": str(uuid.uuid4()), "user_id": "soak_marker", "event_type": "play",
             "track_id": "soakmarker000000000000", "track_name": "Marker", "artist_name": "Soak",
             "duration_ms": 180000, "played_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    stack.post_events([json.dumps(event)])
    return event["event_id"], time.monotonic()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--rate", type=int, default=2000, help="events per second")
    parser.add_argument("--sample-seconds", type=float, default=30)
    parser.add_argument("--max-rss-growth-percent", type=float, default=20)
    args = parser.parse_args()

    stack = Stack()
    stack.wait_ready()
    seconds = args.minutes * 60
    events = int(args.rate * seconds)
    users = max(1000, events // (7 * 250) + 1)   # the simulator refuses > 300 plays per user and day
    settings = ["--events", str(events), "--users", str(users), "--seed", str(int(time.time())),
                "--end", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())]
    simulator_bin = os.path.join(stack.bin_dir, "ingest-service")
    planned = expected_events(simulator_bin, settings)
    # Its output (a progress line every 5 s, then the summary) goes to a file: a pipe read only at
    # the end would fill during a long soak and block the simulator.
    simulator_log = tempfile.TemporaryFile(mode="w+")
    simulator = subprocess.Popen(
        [simulator_bin, "simulate", "--target", "http", "--rate", str(args.rate), *settings],
        stdout=simulator_log, stderr=subprocess.STDOUT, text=True)
    started = time.monotonic()
    samples, freshness, pending = [], [], {}
    next_marker = started
    while simulator.poll() is None:
        now = time.monotonic()
        if now >= next_marker:
            event_id, sent = marker(stack)
            pending[event_id] = sent
            next_marker = now + 60
        found = bronze_event_ids(stack, pending) if pending else {}
        for event_id in found:
            freshness.append(round(time.monotonic() - pending.pop(event_id), 1))
        sample = {"t": round(now - started), "lake_writer_behind": stack.lake_writer_behind(),
                  "bronze_plays": stack.scalar("SELECT count(*) FROM bronze.plays"),
                  "rss_mib": {name: round((stack.rss_kib(name) or 0) / 1024, 1) for name in SERVICES}}
        samples.append(sample)
        print(json.dumps(sample), flush=True)
        time.sleep(args.sample_seconds)
    simulator.wait()
    simulator_log.seek(0)
    output = simulator_log.read()
    if simulator.returncode != 0 or not samples:
        sys.exit(f"the simulator failed (exit {simulator.returncode}):\n{output[-2000:]}")
    elapsed = time.monotonic() - started
    summary_line = [line for line in output.splitlines() if line.startswith("sent ")]
    accepted = simulator_count(summary_line, "accepted")
    reconciliation = reconcile(stack, planned)
    quarter = samples[len(samples) // 4]["rss_mib"] if len(samples) >= 4 else samples[0]["rss_mib"]
    first, last = rss_quarters(samples)
    grown = {name: round(100 * (last[name] - first[name]) / first[name], 1)
             for name in SERVICES if first.get(name) and last.get(name)}
    report = {
        "sent": events, "accepted": accepted, **reconciliation,
        "rss_first_quarter_max": first, "rss_last_quarter_max": last, "rss_growth_percent_quarters": grown,
        "max_rss_growth_percent": args.max_rss_growth_percent,
        "minutes": round(elapsed / 60, 1), "target_rate": args.rate,
        "simulator": summary_line[-1] if summary_line else output[-500:],
        "max_lake_writer_behind": max((s["lake_writer_behind"] for s in samples if s["lake_writer_behind"] is not None), default=None),
        "freshness_to_bronze_seconds": {"samples": len(freshness),
                                        "median": sorted(freshness)[len(freshness) // 2] if freshness else None,
                                        "max": max(freshness) if freshness else None},
        "rss_mib_after_first_quarter": quarter, "rss_mib_at_end": samples[-1]["rss_mib"],
        "rss_growth_percent_after_first_quarter": {
            name: round(100 * (samples[-1]["rss_mib"][name] - quarter[name]) / quarter[name], 1) if quarter[name] else None
            for name in SERVICES},
        "samples": samples,
    }
    path = write_report(stack, "soak-report", report)
    print(json.dumps({k: v for k, v in report.items() if k != "samples"}, indent=2))
    print(f"report: {path}")
    problems = []
    if accepted != events:
        problems.append(f"the simulator saw {accepted} of {events} events accepted")
    if reconciliation["lost"] or reconciliation["doubled_in_silver"] or reconciliation["missing_in_bronze"]:
        problems.append(f"{reconciliation['missing_in_bronze']} accepted events missing in bronze, {reconciliation['lost']} "
                        f"lost in silver, {reconciliation['doubled_in_silver']} doubled in silver")
    problems += [f"{name} RSS grew {value} % from the first quarter to the last" for name, value in grown.items()
                 if value > args.max_rss_growth_percent]
    if problems:
        sys.exit("soak failed: " + "; ".join(problems))
    print(f"soak: {events} events sent, {accepted} accepted, {reconciliation['in_bronze']} distinct in bronze, "
          f"{reconciliation['in_silver']} in silver, 0 lost")


def expected_events(simulator_bin, settings):
    """{event_id: event_type} of what the http run will send (the same seed, settings and --end)."""
    proc = subprocess.run([simulator_bin, "simulate", "--target", "stdout", *settings],
                          text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    planned = {}
    for line in proc.stdout.splitlines():
        event = json.loads(line)
        planned[event["event_id"]] = event["event_type"]
    return planned


def simulator_count(summary_line, word):
    """`sent 120000 events: 120000 accepted, 0 rejected, ...` → the number before word."""
    if not summary_line:
        return None
    words = summary_line[-1].replace(",", " ").split()
    return int(words[words.index(word) - 1]) if word in words else None


def reconcile(stack, planned):
    """Carries what Kafka holds to silver (flush, load, dbt build) and counts the planned events
    at each layer: every one in bronze, and each play/skip/like exactly once in silver."""
    stack.wait_lake_writer_caught_up(timeout=600)
    stack.flush_and_load()
    # Silver models only: `build` would also run the tests that compare gold (not rebuilt here) to silver.
    stack.dbt("run", "--select", "silver")
    ids = list(planned)
    in_bronze = bronze_event_ids(stack, ids)
    silver_copies = {}
    for event_type, tables in SILVER_TABLES.items():
        typed = [i for i in ids if planned[i] == event_type]
        for table in tables:
            for start in range(0, len(typed), 20000):
                # silver_plays_rejected also lists every further bronze copy of an event (reason
                # `duplicate`): the event itself is in silver once, as a play or as a rejection.
                extra = " AND reject_reason <> 'duplicate'" if table == "silver_plays_rejected" else ""
                rows = stack.query(f"SELECT event_id::text, count(*) FROM silver.{table} WHERE event_id::text = ANY(%s){extra} GROUP BY 1",
                                   (typed[start:start + 20000],))
                for event_id, count in rows:
                    silver_copies[event_id] = silver_copies.get(event_id, 0) + count
    with_silver = [i for i in ids if planned[i] in SILVER_TABLES]
    return {"distinct_events": len(ids), "in_bronze": len(in_bronze), "missing_in_bronze": len(set(ids) - set(in_bronze)),
            "in_silver": sum(1 for i in with_silver if i in silver_copies),
            "lost": sum(1 for i in with_silver if i not in silver_copies),
            "doubled_in_silver": sum(1 for c in silver_copies.values() if c > 1)}


def rss_quarters(samples):
    """Each service's highest RSS (MiB) in the first and in the last quarter of the samples."""
    size = max(1, len(samples) // 4)
    first, last = samples[:size], samples[-size:]
    return ({name: max(s["rss_mib"][name] for s in first) for name in SERVICES},
            {name: max(s["rss_mib"][name] for s in last) for name in SERVICES})


if __name__ == "__main__":
    main()
