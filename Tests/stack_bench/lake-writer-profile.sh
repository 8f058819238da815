#!/usr/bin/env bash
# Where lake-writer's time goes on the 7-day backlog (issue #18, section 1): one run of
# `platform-bench lake-writer --shapes 7d` with `perf record -a` on the CPU lake-writer is pinned
# to, so that every thread it starts (a file's encoding and its write each run on one of their
# own) and the CPU's idle time are in the profile. Idle time while it drains would be the writer
# waiting on storage; busy time is what it computes.
#
#   eval "$(deploy/stack env)"      # STACK_TANSU: the broker the benchmark starts its own of
#   swift build -c release --product platform-bench && swift build -c release --product lake-writer \
#       && swift build -c release --product ingest-service
#   Tests/stack_bench/lake-writer-profile.sh docs/reports/lake-writer-profile-$(date -u +%F).txt
#
# Needs perf (Debian's linux-perf) and root or kernel.perf_event_paranoid <= 0. BENCH_CPU (1) is
# the CPU both the benchmark's sides are pinned to.
set -euo pipefail

out="${1:?usage: $0 REPORT_FILE}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cpu="${BENCH_CPU:-1}"
: "${STACK_TANSU:?eval \"\$(deploy/stack env)\" first}"
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$repo/.build/release/platform-bench" lake-writer --shapes 7d --runs 1 --duration 0 --cpu "$cpu" > "$work/bench.log" 2>&1 &
bench=$!
pid=""
for _ in $(seq 1 3000); do
    pid="$(pgrep -f "release/lake-writer$" | head -1 || true)"
    [[ -n "$pid" ]] && break
    kill -0 "$bench" 2>/dev/null || { cat "$work/bench.log" >&2; exit 1; }
    sleep 0.2
done
[[ -n "$pid" ]] || { echo "lake-writer never started" >&2; exit 1; }
perf record -F 999 -g -a -C "$cpu" -o "$work/perf.data" > "$work/perf.log" 2>&1 &
recorder=$!
wait "$bench"
kill -INT "$recorder" 2>/dev/null || true
wait "$recorder" 2>/dev/null || true

report() { perf report -i "$work/perf.data" --stdio -g none "$@" 2>/dev/null | grep "%" | grep -v "^#"; }
demangle() { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; }
{
    echo "# lake-writer (release, default settings, pinned to CPU $cpu) draining the 7-day simulator backlog (1M events), $(date -u +%F)"
    echo "# command: Tests/stack_bench/lake-writer-profile.sh: platform-bench lake-writer --shapes 7d --runs 1 --duration 0,"
    echo "# with perf record -F 999 -g -a -C $cpu from lake-writer's start to the benchmark's end"
    echo
    echo "## the benchmark's output"
    grep -v "info bench\|librdkafka" "$work/bench.log"
    echo
    echo "## CPU $cpu, every half second from lake-writer's start: samples in lake-writer (pid $pid), idle, anything else (about 500 a bucket)"
    perf script -i "$work/perf.data" -F pid,time 2>/dev/null | awk -v pid="$pid" '
        { t = $2; sub(":", "", t); b = int(t * 2) / 2; if (!(b in seen)) { seen[b] = 1; order[++k] = b; if (k == 1) first = b }
          if ($1 == pid) lw[b]++; else if ($1 == 0) idle[b]++; else other[b]++ }
        END { for (i = 1; i <= k; i++) { b = order[i]; printf "  %5.1f s  lake-writer %3d  idle %3d  other %3d\n", b - first, lw[b], idle[b], other[b] } }'
    echo
    perf script -i "$work/perf.data" -F pid 2>/dev/null | awk -v pid="$pid" '
        { if ($1 == pid) lw++; else if ($1 == 0) idle++; else other++ }
        END { t = lw + idle + other; printf "## totals: lake-writer %d samples of %d (%.1f %%), idle %d (%.1f %%: mostly before the drain, while the service starts and joins its group), other %d (%.1f %%)\n", lw, t, 100 * lw / t, idle, 100 * idle / t, other, 100 * other / t }'
    echo
    echo "## lake-writer's share of every sample on CPU $cpu, inclusive (children), top entries"
    report --pid "$pid" --children --sort sym | demangle | cut -c1-180 | head -60
    echo
    echo "## lake-writer, self time, top entries"
    report --pid "$pid" --no-children --sort dso,sym | demangle | cut -c1-180 | head -25
} > "$out"
echo "wrote $out"
