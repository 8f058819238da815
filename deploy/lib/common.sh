# Shared helpers for deploy/stack: paths, logging, waiting. Sourced, never run.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Tools (virtualenv, librdkafka build) are shared by every stack of this checkout;
# data (databases, logs, pids, lake) belongs to one stack and lives in STACK_DIR.
TOOLS_DIR="${STACK_TOOLS_DIR:-$REPO_ROOT/.stack/tools}"
VENV="$TOOLS_DIR/venv"
RDKAFKA_PREFIX="$TOOLS_DIR/librdkafka"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# Colours only on a terminal: in a log file or CI the lines stay plain text.
if [ -t 2 ]; then BOLD='\033[1m' YELLOW='\033[33m' RED='\033[31m' PLAIN='\033[0m'; else BOLD='' YELLOW='' RED='' PLAIN=''; fi
say()  { printf "${BOLD}[stack]${PLAIN} %s\n" "$*" >&2; }
warn() { printf "${YELLOW}[stack]${PLAIN} %s\n" "$*" >&2; }
die()  { printf "${RED}[stack] error:${PLAIN} %s\n" "$*" >&2; exit 1; }

# Print the last lines of a component's log after it failed, so the cause is on screen.
fail_component() { # name logfile message
    printf "${RED}[stack] %s failed:${PLAIN} %s\n" "$1" "$3" >&2
    if [ -f "$2" ]; then
        printf -- '--- last lines of %s ---\n' "$2" >&2
        tail -n 30 "$2" >&2
        printf -- '---\n' >&2
    fi
    exit 1
}

# wait_until SECONDS DESCRIPTION COMMAND... — poll COMMAND every 0.2 s until it succeeds.
wait_until() {
    local deadline=$(( $(date +%s) + $1 )); local what="$2"; shift 2
    until "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -ge "$deadline" ] && return 1
        sleep 0.2
    done
}

# phase LABEL COMMAND... — runs COMMAND (in this shell, so the variables it sets stay) and says
# "LABEL: done in N s" after it. While it runs, a line every STACK_PROGRESS_SECONDS (30) says how
# long it has taken so far, so that a long Swift build or dbt build is never silent. The ticker
# stops with the phase, and by itself if the script exits (a failing step ends the script).
phase() {
    local label="$1"; shift
    local started; started=$(date +%s)
    local every="${STACK_PROGRESS_SECONDS:-30}" parent=$$
    ( while sleep "$every" && kill -0 "$parent" 2>/dev/null; do
          say "$label: $(( $(date +%s) - started )) s so far"
      done ) &
    local ticker=$!
    "$@"
    local status=$?
    kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null
    [ "$status" -eq 0 ] && say "$label: done in $(( $(date +%s) - started )) s"
    return "$status"
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Runtime and build flags so the Swift package finds the self-built librdkafka.
export PKG_CONFIG_PATH="$RDKAFKA_PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$RDKAFKA_PREFIX/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# The executables also carry the path themselves, so they run without LD_LIBRARY_PATH.
SWIFT_FLAGS=(-Xlinker -rpath -Xlinker "$RDKAFKA_PREFIX/lib")
