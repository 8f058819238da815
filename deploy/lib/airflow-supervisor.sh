#!/usr/bin/env bash
# Airflow's components for the native stack, each brought back when it exits, as Compose's restart
# policies bring back containers: `airflow standalone` starts the same four but never restarts one
# that died (a PostgreSQL restart killed its dag-processor for good). Run by deploy/lib/airflow.sh
# in a process group of its own, so `deploy/stack down` stops every component with one signal.
#   airflow-supervisor.sh AIRFLOW_BIN
#
# A component that announces it is shutting down must be gone within
# AIRFLOW_SUPERVISOR_EXIT_GRACE_SECONDS (15): after a PostgreSQL crash the scheduler leaves its
# loop and logs "Shutting down LocalExecutor; waiting for running tasks to finish", then can wait
# for its workers forever. It never exits, so a loop that only restarts what exits would leave
# Airflow without a scheduler. Past the grace it gets TERM (the executor's "signal again"), then
# KILL with its workers; its running tasks are then failed and retried by the next scheduler.
set -u
airflow="$1"
grace="${AIRFLOW_SUPERVISOR_EXIT_GRACE_SECONDS:-15}"
markers="${AIRFLOW_HOME:-${TMPDIR:-/tmp}}/supervisor"
mkdir -p "$markers"
trap 'trap - TERM INT; kill -TERM 0 2>/dev/null; exit 0' TERM INT

# Prefixes each line with the component's name, and marks the moment it says it is shutting down.
label() { # NAME MARKER
    local line
    while IFS= read -r line || [ -n "$line" ]; do
        printf '%s | %s\n' "$1" "$line"
        case "$line" in *"Shutting down"*"waiting for running tasks"*) [ -f "$2" ] || touch "$2" ;; esac
    done
}

descendants() { # PID — every process under PID, deepest first
    local child
    for child in $(pgrep -P "$1"); do descendants "$child"; echo "$child"; done
}

stop_tree() { # PID — TERM to PID and everything under it, KILL to what is left 10 s later
    local pids; pids="$(descendants "$1") $1"
    # shellcheck disable=SC2086
    kill -TERM $pids 2>/dev/null
    local waited=0
    while kill -0 "$1" 2>/dev/null && [ $waited -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null
}

supervise() { # NAME ARGS... — run `airflow ARGS`, again 2 s after every exit (5 s after a fast crash)
    local name="$1"; shift
    local marker="$markers/$name.shutting-down"
    while true; do
        rm -f "$marker"
        local started; started=$(date +%s)
        "$airflow" "$@" > >(label "$name" "$marker") 2>&1 &
        local pid=$!
        while kill -0 "$pid" 2>/dev/null; do
            if [ -f "$marker" ] && [ $(( $(date +%s) - $(stat -c %Y "$marker") )) -ge "$grace" ]; then
                echo "supervisor | $name announced its shutdown ${grace} s ago and is still running; stopping it and its workers"
                stop_tree "$pid"
            fi
            sleep 1
        done
        wait "$pid"
        local status=$? pause=2
        [ $(( $(date +%s) - started )) -lt 10 ] && pause=5
        echo "supervisor | $name exited with status $status; restarting in $pause s"
        sleep "$pause"
    done
}

supervise api-server api-server --port "${AIRFLOW_PORT:-8080}" &
supervise scheduler scheduler &
supervise dag-processor dag-processor &
supervise triggerer triggerer &
wait
