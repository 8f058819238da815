#!/usr/bin/env python3
"""Soak: a steady rate of simulated events through the whole running pipeline for a long time,
reporting throughput, lake-writer lag, end-to-end freshness (a marked event's time from its 202 to
bronze with lake-writer and warehouse-loader on their own schedules) and each service's RSS over
time, which must stay flat.

    eval "$(deploy/stack env)"; $STACK_PYTHON Tests/e2e/soak.py --minutes 30 --rate 2000
"""
import argparse
import json
import os
import subprocess
import sys
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack_client import SERVICES, Stack, bronze_event_ids, write_report  # noqa: E402


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
    args = parser.parse_args()

    stack = Stack()
    stack.wait_ready()
    seconds = args.minutes * 60
    events = int(args.rate * seconds)
    users = max(1000, events // (7 * 250) + 1)   # the simulator refuses > 300 plays per user and day
    simulator = subprocess.Popen(
        [os.path.join(stack.bin_dir, "ingest-service"), "simulate", "--target", "http", "--rate", str(args.rate),
         "--events", str(events), "--users", str(users), "--seed", str(int(time.time()))],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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
    output = simulator.stdout.read()
    if simulator.returncode != 0 or not samples:
        sys.exit(f"the simulator failed (exit {simulator.returncode}):\n{output[-2000:]}")
    elapsed = time.monotonic() - started
    summary_line = [line for line in output.splitlines() if line.startswith("sent ")]
    quarter = samples[len(samples) // 4]["rss_mib"] if len(samples) >= 4 else samples[0]["rss_mib"]
    report = {
        "minutes": round(elapsed / 60, 1), "target_rate": args.rate,
        "simulator": summary_line[-1] if summary_line else output[-500:],
        "max_lake_writer_behind": max(s["lake_writer_behind"] for s in samples),
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
    sys.exit(simulator.returncode)


if __name__ == "__main__":
    main()
