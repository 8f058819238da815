#!/usr/bin/env bash
# Airflow's components for the native stack, each brought back when it exits, as Compose's restart
# policies bring back containers: `airflow standalone` starts the same four but never restarts one
# that died (a PostgreSQL restart killed its dag-processor for good). Run by deploy/lib/airflow.sh
# in a process group of its own, so `deploy/stack down` stops every component with one signal.
#   airflow-supervisor.sh AIRFLOW_BIN
set -u
airflow="$1"
trap 'trap - TERM INT; kill -TERM 0 2>/dev/null; exit 0' TERM INT

supervise() { # NAME ARGS... — run `airflow ARGS`, again 2 s after every exit (5 s after a fast crash)
    local name="$1"; shift
    while true; do
        local started; started=$(date +%s)
        "$airflow" "$@" 2>&1 | sed -u "s/^/$name | /"
        local status=${PIPESTATUS[0]} pause=2
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
