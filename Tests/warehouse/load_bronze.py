#!/usr/bin/env python3
"""Fill bronze tables with simulated events, without the rest of the pipeline.

Reads NDJSON events (from `ingest-service simulate --target stdout`, a file, or stdin), routes
them by event_type (play → plays, skip → skips, like → likes, now_playing → currently_playing)
and COPYs them into <schema>.<table> with a fake _source_file, like warehouse-loader would.

  load_bronze.py --events 10000 --users 100 --seed 7            # runs the simulator
  load_bronze.py --input events.ndjson                           # or reads a file / '-'
Environment: POSTGRES_URL (required), INGEST_SERVICE_BIN (default .build/debug/ingest-service).
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timezone

import psycopg2

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TABLES = {"play": "plays", "skip": "skips", "like": "likes", "now_playing": "currently_playing"}
FIELDS = ["event_id", "user_id", "event_type", "track_id", "track_name", "artist_name",
          "album_name", "duration_ms", "played_at", "device_type", "ms_played", "position_ms",
          "context_type", "artist_id", "album_id", "album_image_url", "source", "schema_version"]
COLUMNS = FIELDS + ["_kafka_partition", "_kafka_offset", "_ingested_at", "_source_file"]
CHUNK = 100_000


def simulator_command(args):
    binary = os.environ.get("INGEST_SERVICE_BIN", os.path.join(REPO, ".build/debug/ingest-service"))
    cmd = [binary, "simulate", "--events", str(args.events), "--users", str(args.users),
           "--seed", str(args.seed), "--target", "stdout"]
    if args.end:
        cmd += ["--end", args.end]
    if args.days:
        cmd += ["--days", str(args.days)]
    return cmd


def copy_chunk(cur, schema, buffers):
    for table, buf in buffers.items():
        if buf.tell() == 0:
            continue
        buf.seek(0)
        cur.copy_expert(
            f'COPY "{schema}"."{table}" ({", ".join(COLUMNS)}) FROM STDIN WITH (FORMAT csv)', buf)


def load(lines, url, schema, label, ingested):
    counts = {t: 0 for t in TABLES.values()}
    skipped = 0
    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cur:
            chunk_no, n = 0, 0
            buffers = {t: io.StringIO() for t in TABLES.values()}
            writers = {t: csv.writer(b) for t, b in buffers.items()}
            for line in lines:
                line = line.strip()
                if not line:
                    continue
                try:
                    event = json.loads(line)
                    table = TABLES[event.get("event_type")]
                except (ValueError, KeyError):
                    skipped += 1
                    continue
                row = [event.get(f) for f in FIELDS]
                row += [n % 6, n, ingested, f"{label}/{table}/part-{chunk_no:05d}.parquet"]
                writers[table].writerow(["" if v is None else v for v in row])
                counts[table] += 1
                n += 1
                if n % CHUNK == 0:
                    copy_chunk(cur, schema, buffers)
                    chunk_no += 1
                    buffers = {t: io.StringIO() for t in TABLES.values()}
                    writers = {t: csv.writer(b) for t, b in buffers.items()}
            copy_chunk(cur, schema, buffers)
    finally:
        conn.close()
    return counts, skipped


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--input", help="NDJSON file or '-' for stdin (default: run the simulator)")
    p.add_argument("--events", type=int, default=10_000)
    p.add_argument("--users", type=int, default=100)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--end", help="latest played_at (RFC 3339) for the simulator")
    p.add_argument("--days", type=int)
    p.add_argument("--schema", default="bronze")
    p.add_argument("--label", default=None, help="prefix of the fake _source_file")
    args = p.parse_args()
    url = os.environ.get("POSTGRES_URL")
    if not url:
        sys.exit("load_bronze.py: POSTGRES_URL is not set")
    label = args.label or f"sim-{args.seed}-{int(time.time())}"
    # _ingested_at: the simulated traffic "arrives" at its --end (now by default), so the
    # is_future / is_very_old flags behave as with live traffic.
    ingested = args.end or datetime.now(timezone.utc).isoformat()
    start = time.time()
    if args.input:
        stream = sys.stdin if args.input == "-" else open(args.input, encoding="utf-8")
        counts, skipped = load(stream, url, args.schema, label, ingested)
    else:
        proc = subprocess.Popen(simulator_command(args), stdout=subprocess.PIPE, text=True,
                                bufsize=1 << 20)
        counts, skipped = load(proc.stdout, url, args.schema, label, ingested)
        if proc.wait() != 0:
            sys.exit(f"load_bronze.py: simulator exited with {proc.returncode}")
    print(json.dumps({"loaded": counts, "skipped_lines": skipped,
                      "seconds": round(time.time() - start, 2)}))


if __name__ == "__main__":
    main()
