#!/usr/bin/env bash
# recommender-api benchmark (issue #8 "Measure"): wrk at 32 connections on the cache-hit path and
# the cache-miss path (p50/p99, requests/s), with the service's own /health measured the same way
# in the same run as the reference, and the ratios.
#
#   eval "$(deploy/stack env)"
#   BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:55434/spotify_data Tests/stack_bench/recommender-api.sh
#
# It starts its own recommender-api (release build) on a free port against BENCH_POSTGRES_URL
# (default POSTGRES_URL; read only) and BENCH_REDIS_URL (default: REDIS_URL's server, database 15,
# whose rec:* keys it invalidates). Settings: BENCH_DURATION (10s), BENCH_CONNECTIONS (32),
# BENCH_THREADS (wrk threads, 1), RECOMMENDER_BIN (default: `swift build -c release` here).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-32}"
threads="${BENCH_THREADS:-1}"
postgres_url="${BENCH_POSTGRES_URL:-${POSTGRES_URL:?set POSTGRES_URL or BENCH_POSTGRES_URL}}"
redis_url="${BENCH_REDIS_URL:-${REDIS_URL:?set REDIS_URL or BENCH_REDIS_URL}}"
[[ -n "${BENCH_REDIS_URL:-}" ]] || redis_url="${redis_url%/*}/15"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

if [[ -z "${RECOMMENDER_BIN:-}" ]]; then
    (cd "$repo" && swift build -c release --product recommender-api ${SWIFT_BUILD_FLAGS:-} >&2)
    RECOMMENDER_BIN="$repo/.build/release/recommender-api"
fi

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
PORT="$port" POSTGRES_URL="$postgres_url" REDIS_URL="$redis_url" KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:1}" \
    RECOMMENDER_API_NOW_PLAYING_GROUP="recommender-bench-$$" LOG_LEVEL=warning ADMIN_TOKEN= \
    "$RECOMMENDER_BIN" >"$work/service.log" 2>&1 &
service_pid=$!
trap 'kill "$service_pid" 2>/dev/null; wait "$service_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$base/health" >/dev/null || { echo "recommender-api did not start:" >&2; cat "$work/service.log" >&2; exit 1; }

# Paths: the hit run cycles over 500 popular tracks (all cached first); the miss run walks
# unique (track, limit) pairs, so no key repeats within the run.
psql "$postgres_url" -XAtq -c "select track_a from gold.track_cooccurrence group by track_a order by count(*) desc, track_a limit 500" \
    | sed 's|^|/recommendations/|; s|$|?limit=10|' >"$work/hit.txt"
psql "$postgres_url" -XAtq -c "select '/recommendations/' || t.track_a || '?limit=' || l
    from (select distinct track_a from gold.track_cooccurrence) t cross join generate_series(1, 50) l order by l, md5(t.track_a)" >"$work/miss.txt"
cat >"$work/paths.lua" <<'LUA'
local next_id = 0
function setup(thread) thread:set("id", next_id); next_id = next_id + 1 end
function init(args)
    paths = {}
    for line in io.lines(args[1]) do paths[#paths + 1] = line end
    stride = tonumber(args[2])
    counter = id
end
function request()
    local path = paths[(counter % #paths) + 1]
    counter = counter + stride
    return wrk.format("GET", path)
end
LUA

stats() { curl -fs "$base/cache/stats"; }
invalidate() { curl -fs -X POST "$base/cache/invalidate" >/dev/null; }
# run NAME URL [PATHS]: wrk, then "NAME p50_ms p99_ms rps" on stdout (full output in $work).
run() {
    local name="$1" url="$2" paths="${3:-}" clients="${4:-$connections}" workers="$threads"
    (( clients < workers )) && workers="$clients"
    local args=(-t"$workers" -c"$clients" -d"$duration" --latency --timeout 5s)
    if [[ -n "$paths" ]]; then wrk "${args[@]}" -s "$work/paths.lua" "$url" -- "$paths" "$workers" >"$work/$name.out"
    else wrk "${args[@]}" "$url" >"$work/$name.out"; fi
    python3 - "$name" "$work/$name.out" <<'PY'
import re, sys
name, text = sys.argv[1], open(sys.argv[2]).read()
def ms(label):
    m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{name} {ms('50%'):.3f} {ms('99%'):.3f} {rps:.0f} {errors.group(1) if errors else 0}")
PY
}

invalidate
while read -r path; do curl -fs "$base$path" >/dev/null; done <"$work/hit.txt"
reference="$(run health "$base/health")"
before="$(stats)"
hit="$(run hit "$base" "$work/hit.txt")"
after_hit="$(stats)"
invalidate
miss="$(run miss "$base" "$work/miss.txt")"
after_miss="$(stats)"
# The same miss path one request at a time: its latency without queueing behind 31 others.
invalidate
serial="$(run serial "$base" "$work/miss.txt" 1)"
after_serial="$(stats)"

python3 - "$reference" "$hit" "$miss" "$serial" "$before" "$after_hit" "$after_miss" "$after_serial" "$connections" "$threads" "$duration" "$postgres_url" <<'PY'
import json, sys
ref, hit, miss, serial = (line.split() for line in sys.argv[1:5])
before, after_hit, after_miss, after_serial = (json.loads(s) for s in sys.argv[5:9])
connections, threads, duration, pg = sys.argv[9:13]
def share(a, b):
    hits, misses = b["hits"] - a["hits"], b["misses"] - a["misses"]
    return f"{hits} hits / {misses} misses"
print(f"recommender-api benchmark: wrk -t{threads} -c{connections} -d{duration}, warehouse {pg.split('@')[-1]}")
print(f"{'path':<12}{'p50 ms':>10}{'p99 ms':>10}{'req/s':>10}{'non-2xx':>9}  cache")
print(f"{'/health':<12}{float(ref[1]):>10.3f}{float(ref[2]):>10.3f}{int(ref[3]):>10}{int(ref[4]):>9}  (reference)")
print(f"{'cache hit':<12}{float(hit[1]):>10.3f}{float(hit[2]):>10.3f}{int(hit[3]):>10}{int(hit[4]):>9}  {share(before, after_hit)}")
print(f"{'cache miss':<12}{float(miss[1]):>10.3f}{float(miss[2]):>10.3f}{int(miss[3]):>10}{int(miss[4]):>9}  {share(after_hit, after_miss)}")
print(f"{'miss, 1 conn':<12}{float(serial[1]):>10.3f}{float(serial[2]):>10.3f}{int(serial[3]):>10}{int(serial[4]):>9}  {share(after_miss, after_serial)}")
print(f"hit vs /health: p99 x{float(hit[2]) / float(ref[2]):.2f}, throughput {int(hit[3]) / int(ref[3]):.0%}")
print(f"aims: hit p99 < 5 ms at >= 10,000 req/s; miss p99 < 25 ms")
PY
