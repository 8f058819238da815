"""Simulated traffic for the end-to-end checks: the project's own simulator (its semantic dirt
included: re-sent duplicates, impossible durations, missing optional fields, late arrivals) plus a
share of structurally broken events that ingest-service must reject, and the expectations every
layer is checked against."""
import json
import os
import random
import subprocess
import uuid
from dataclasses import dataclass, field

# Structural defects ingest-service must reject (docs/CONTRACT.md: rejected at ingestion with a reason).
# Each keeps the run's user id somewhere in its bytes, so its dead-letter record can be found.
BROKEN = [
    lambda e: "{not json at all, from " + e["user_id"],
    lambda e: json.dumps({k: v for k, v in e.items() if k != "event_id"}),
    lambda e: json.dumps({**e, "event_id": "not-a-uuid"}),
    lambda e: json.dumps({**e, "played_at": "yesterday"}),
    lambda e: json.dumps({**e, "event_type": "rewind"}),
    lambda e: json.dumps({**e, "track_id": "../../etc/passwd"}),
    lambda e: json.dumps({**e, "duration_ms": "long"}),
    lambda e: json.dumps({**e, "user_id": e["user_id"] + "x" * 300}),
]


@dataclass
class Traffic:
    lines: list
    accepted_ids: set = field(default_factory=set)       # distinct event_ids ingest must accept
    valid_play_ids: set = field(default_factory=set)     # distinct event_ids silver_plays must hold
    accepted_lines: int = 0                              # lines (duplicates included) to be accepted
    rejected_lines: int = 0
    users: set = field(default_factory=set)


def simulate(bin_dir, events, users, seed, run_tag, broken_share=0.01, days=2):
    """Simulator events with user ids prefixed by run_tag (so this run's rows are identifiable
    among others) and broken_share of structurally broken lines mixed in."""
    proc = subprocess.run(
        [os.path.join(bin_dir, "ingest-service"), "simulate", "--target", "stdout", "--events", str(events),
         "--users", str(users), "--seed", str(seed), "--days", str(days)],
        text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    rng = random.Random(seed)
    traffic = Traffic(lines=[])
    for raw in proc.stdout.splitlines():
        event = json.loads(raw)
        event["user_id"] = f"{run_tag}_{event['user_id']}"
        if rng.random() < broken_share:
            broken = dict(event, event_id=str(uuid.UUID(int=rng.getrandbits(128), version=4)))
            traffic.lines.append(rng.choice(BROKEN)(broken))
            traffic.rejected_lines += 1
            continue
        traffic.lines.append(json.dumps(event))
        traffic.accepted_lines += 1
        traffic.accepted_ids.add(event["event_id"])
        traffic.users.add(event["user_id"])
        if event["event_type"] == "play" and 0 < event["duration_ms"] < 600000:
            traffic.valid_play_ids.add(event["event_id"])
    return traffic


def send(stack, lines, batch=1000):
    """Posts the lines in NDJSON batches; returns (accepted, rejected, retried batches)."""
    accepted = rejected = retried = 0
    for start in range(0, len(lines), batch):
        result = stack.post_events(lines[start:start + batch])
        accepted += result.get("accepted", 0)
        rejected += result.get("rejected", 0)
        retried += result["attempts"] - 1
    return accepted, rejected, retried
