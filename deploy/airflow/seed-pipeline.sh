#!/usr/bin/env bash
# docker compose's one-shot `seed-pipeline`: carries the events of the `seed-simulator` run
# through to gold once, as deploy/stack's load_and_transform does natively and the Airflow DAGs
# do on schedule: wait until lake-writer holds everything in the topics, POST /flush, POST /load,
# then `dbt build`. A marker in its volume makes later `docker compose up`s skip it.
#   LAKE_WRITER_URL, WAREHOUSE_LOADER_URL, POSTGRES_URL (required), ADMIN_TOKEN (when the
#   services have one), SEED_EVENTS (0 skips), SEED_STATE_DIR (where the marker is kept).
set -euo pipefail

state_dir="${SEED_STATE_DIR:-/opt/platform/state}"
marker="$state_dir/seed-pipeline.done"
say() { printf '[seed-pipeline] %s\n' "$*" >&2; }

if [ "${SEED_EVENTS:-50000}" -le 0 ]; then say "SEED_EVENTS=0: nothing to carry"; exit 0; fi
if [ -f "$marker" ]; then say "already done at $(cat "$marker")"; exit 0; fi
: "${LAKE_WRITER_URL:?LAKE_WRITER_URL is required}" "${WAREHOUSE_LOADER_URL:?WAREHOUSE_LOADER_URL is required}"
: "${POSTGRES_URL:?POSTGRES_URL is required}"

auth=()
if [ -n "${ADMIN_TOKEN:-}" ]; then auth=(-H "Authorization: Bearer $ADMIN_TOKEN"); fi

say "waiting until lake-writer has consumed the seeded events"
deadline=$(( $(date +%s) + ${SEED_CONSUME_TIMEOUT_S:-300} ))
until python - "$LAKE_WRITER_URL/status" <<'PY'
import json, sys, urllib.request
status = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))
parts = status["partitions"]
behind = status["behind"]  # null until lake-writer knows every high watermark it holds
sys.exit(0 if behind is not None and behind <= 0 and sum(p["high_watermark"] for p in parts) > 0 else 1)
PY
do
    if [ "$(date +%s)" -ge "$deadline" ]; then say "lake-writer did not consume the seeded events in time"; exit 1; fi
    sleep 2
done

say "POST /flush (lake-writer)"
curl -fsS -m 300 -X POST "${auth[@]}" "$LAKE_WRITER_URL/flush" >/dev/null
say "POST /load (warehouse-loader)"
curl -fsS -m 900 -X POST "${auth[@]}" -H "Content-Type: application/json" -d '{}' "$WAREHOUSE_LOADER_URL/load" >/dev/null
say "dbt build (silver and gold)"
/opt/platform/dbt/run-dbt build

mkdir -p "$state_dir"
date -u +%FT%TZ > "$marker"
say "done: gold holds the seeded events"
