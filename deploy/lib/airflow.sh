# Airflow for the native stack: its own virtualenv (Airflow's pins must not fight dbt's), its
# home in $STACK_DIR/airflow, its metadata in the stack's PostgreSQL (database `airflow`), and
# its components (API server + UI, scheduler, DAG processor, triggerer) each in a restart loop of
# deploy/lib/airflow-supervisor.sh, all in one process group, so a component that dies comes back
# and `down` stops every process. Sourced after infra.sh.
# shellcheck shell=bash

AIRFLOW_VENV="$TOOLS_DIR/airflow-venv"
AIRFLOW_REQUIREMENTS="$REPO_ROOT/airflow/requirements.txt"

install_airflow() {
    local stamp; stamp="$(sha256sum "$AIRFLOW_REQUIREMENTS" | cut -c1-16)"
    if [ -f "$AIRFLOW_VENV/.installed" ] && [ "$(cat "$AIRFLOW_VENV/.installed")" = "$stamp" ]; then return 0; fi
    say "installing Airflow into $AIRFLOW_VENV (about two minutes)"
    mkdir -p "$TOOLS_DIR"
    [ -x "$AIRFLOW_VENV/bin/python" ] || python3 -m venv "$AIRFLOW_VENV" || die "cannot create a virtualenv at $AIRFLOW_VENV"
    "$AIRFLOW_VENV/bin/pip" install -q --disable-pip-version-check -r "$AIRFLOW_REQUIREMENTS" >"$TOOLS_DIR/airflow-pip.log" 2>&1 \
        || fail_component airflow "$TOOLS_DIR/airflow-pip.log" "pip install -r airflow/requirements.txt"
    echo "$stamp" > "$AIRFLOW_VENV/.installed"
}

# UI/API port: 8080 for the data stack, 28080 for the test stack (AIRFLOW_PORT overrides).
airflow_port() {
    if [ -n "${AIRFLOW_PORT:-}" ]; then echo "$AIRFLOW_PORT"
    elif [ "$STACK_NAME" = test ]; then echo 28080
    else echo 8080; fi
}

# Secrets the API server signs its tokens with, made once per stack (0600, never logged):
# every component of standalone must agree on them across restarts.
airflow_secrets() {
    local file="$STACK_DIR/airflow/secrets"
    mkdir -p "$STACK_DIR/airflow"
    if [ ! -f "$file" ]; then
        (umask 077; printf 'AIRFLOW__API_AUTH__JWT_SECRET=%s\nAIRFLOW__API__SECRET_KEY=%s\n' \
            "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
            "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$file")
    fi
    cat "$file"
}

# The environment Airflow runs with: its own settings, the connections and variables the DAGs
# read (contract additions: AIRFLOW_CONN_*, ADMIN_TOKEN, LAKE_URI, DBT_PROJECT_DIR), all
# derived from this stack's ports. One NAME=value a line.
airflow_environment() {
    stack_tokens
    local port; port="$(airflow_port)"
    # The data stack's DAGs run on their schedules at once; the test stack's stay paused so
    # nothing but the tests' own runs touches its warehouse.
    local paused=False; [ "$STACK_NAME" = test ] && paused=True
    cat <<ENV
PATH=$AIRFLOW_VENV/bin:$PATH
AIRFLOW_HOME=$STACK_DIR/airflow
AIRFLOW_PORT=$port
AIRFLOW__CORE__DAGS_FOLDER=$REPO_ROOT/airflow/dags
AIRFLOW__CORE__LOAD_EXAMPLES=False
AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=$paused
AIRFLOW__CORE__PARALLELISM=4
AIRFLOW__CORE__EXECUTION_API_SERVER_URL=http://127.0.0.1:$port/execution/
AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql+psycopg2://postgres@127.0.0.1:$POSTGRES_PORT/airflow
AIRFLOW__API__PORT=$port
AIRFLOW__API__BASE_URL=http://127.0.0.1:$port
AIRFLOW_CONN_INGEST_SERVICE=http://127.0.0.1:$INGEST_SERVICE_PORT
AIRFLOW_CONN_LAKE_WRITER=http://127.0.0.1:$LAKE_WRITER_PORT
AIRFLOW_CONN_WAREHOUSE_LOADER=http://127.0.0.1:$WAREHOUSE_LOADER_PORT
AIRFLOW_CONN_RECOMMENDER_API=http://127.0.0.1:$RECOMMENDER_API_PORT
AIRFLOW_CONN_POLLER=http://127.0.0.1:$POLLER_PORT
AIRFLOW_CONN_WAREHOUSE=postgresql://postgres@127.0.0.1:$POSTGRES_PORT/spotify_data
ADMIN_TOKEN=$ADMIN_TOKEN
LAKE_URI=file://$STACK_DIR/lake
DBT_PROJECT_DIR=$REPO_ROOT/dbt
ENV
    [ -n "${ALERT_WEBHOOK_URL:-}" ] && echo "ALERT_WEBHOOK_URL=$ALERT_WEBHOOK_URL"
    [ -n "${DBT_RECOMMENDATIONS_INTERVAL_MINUTES:-}" ] && echo "DBT_RECOMMENDATIONS_INTERVAL_MINUTES=$DBT_RECOMMENDATIONS_INTERVAL_MINUTES"
    airflow_secrets
}

airflow_health_url() { echo "http://127.0.0.1:$(airflow_port)/api/v2/monitor/health"; }

start_airflow() {
    install_airflow
    local log="$STACK_DIR/logs/airflow.log" environment=()
    pid_alive "$STACK_DIR/pids/airflow.pid" && return 0
    while IFS= read -r line; do environment+=("$line"); done < <(airflow_environment)
    psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='airflow'" | grep -q 1 \
        || psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -qc "CREATE DATABASE airflow" \
        || fail_component airflow "$STACK_DIR/logs/postgres.log" "cannot create database airflow"
    env "${environment[@]}" "$AIRFLOW_VENV/bin/airflow" db migrate >"$STACK_DIR/logs/airflow-migrate.log" 2>&1 \
        || fail_component airflow "$STACK_DIR/logs/airflow-migrate.log" "airflow db migrate"
    say "starting Airflow (api-server, scheduler, dag-processor, triggerer, each supervised) on port $(airflow_port)"
    start_background airflow "$log" env "${environment[@]}" "$REPO_ROOT/deploy/lib/airflow-supervisor.sh" "$AIRFLOW_VENV/bin/airflow"
    if ! wait_until "${STACK_AIRFLOW_TIMEOUT:-240}" airflow airflow_healthy; then
        pid_alive "$STACK_DIR/pids/airflow.pid" || fail_component airflow "$log" "the Airflow supervisor exited"
        fail_component airflow "$log" "not healthy on port $(airflow_port) (GET /api/v2/monitor/health)"
    fi
}

# The airflow command line with this stack's environment (its metadata database, DAG folder).
airflow_cli() {
    local environment=()
    while IFS= read -r line; do environment+=("$line"); done < <(airflow_environment)
    env "${environment[@]}" "$AIRFLOW_VENV/bin/airflow" "$@"
}

# Unpauses the DAGs; fails while the DAG processor has not yet stored one of them.
airflow_unpause() {
    local dag
    for dag in "$@"; do airflow_cli dags unpause "$dag" >/dev/null 2>&1 || return 1; done
}

# Healthy once the API server answers and the scheduler and DAG processor report in.
airflow_healthy() {
    curl -sf -m 5 "$(airflow_health_url)" | "$VENV/bin/python" -c '
import json, sys
health = json.load(sys.stdin)
sys.exit(0 if all(health.get(c, {}).get("status") == "healthy" for c in ("metadatabase", "scheduler", "dag_processor")) else 1)'
}

# TERM to the whole process group (the supervisor, its four components and their workers), up to
# 20 s for them to finish, then KILL whatever is left of the group.
stop_airflow() {
    local file="$STACK_DIR/pids/airflow.pid"
    [ -f "$file" ] || return 0
    local pid; pid="$(cat "$file")"
    if kill -0 -- "-$pid" 2>/dev/null; then
        kill -TERM -- "-$pid" 2>/dev/null || true
        local waited=0
        while kill -0 -- "-$pid" 2>/dev/null && [ $waited -lt 200 ]; do sleep 0.1; waited=$((waited + 1)); done
        if kill -0 -- "-$pid" 2>/dev/null; then
            warn "Airflow did not stop within 20 s; killing its process group"
            kill -KILL -- "-$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}

# One status row (same columns as cmd_status); non-zero when Airflow is not healthy.
airflow_status() {
    local file="$STACK_DIR/pids/airflow.pid"
    if pid_alive "$file"; then
        local state="unhealthy"; airflow_healthy && state="healthy"
        printf '%-18s %-8s %s\n' airflow "$(cat "$file")" ":$(airflow_port) $state"
        [ "$state" = healthy ]
    else
        printf '%-18s %-8s %s\n' airflow - stopped
        return 1
    fi
}

# Tests/airflow (pytest in Airflow's virtualenv) against this stack: DAG integrity, the task
# helpers, and `airflow dags test` of the DAGs against the running services and warehouse.
airflow_tests() {
    install_airflow
    export_stack_environment
    local log="$STACK_DIR/logs/pytest-airflow.log"
    (cd "$REPO_ROOT" && AIRFLOW_PORT="$(airflow_port)" STACK_AIRFLOW_VENV="$AIRFLOW_VENV" \
        "$AIRFLOW_VENV/bin/python" -m pytest -q -p no:cacheprovider Tests/airflow 2>&1 | tee "$log"; exit "${PIPESTATUS[0]}")
}
