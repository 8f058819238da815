# Ports, folders and the environment of one stack. Sourced after common.sh.
# shellcheck shell=bash

SERVICES=(ingest-service lake-writer warehouse-loader recommender-api poller dashboard)
TOPICS=(user_plays user_skips user_likes now_playing events_dlq)

# configure_stack NAME: `up` uses the "data" stack on the SPEC ports; `test` an isolated one.
configure_stack() {
    local offset=0
    if [ "$1" = test ]; then offset=20000; fi
    STACK_NAME="$1"
    STACK_DIR="${STACK_DIR:-$REPO_ROOT/.stack/$1}"
    POSTGRES_PORT="${STACK_POSTGRES_PORT:-$((5433 + offset))}"
    REDIS_PORT="${STACK_REDIS_PORT:-$((6380 + offset))}"
    KAFKA_PORT="${STACK_KAFKA_PORT:-$((9092 + offset))}"
    S3_PORT="${STACK_S3_PORT:-$((9000 + offset))}"
    KAFKA_PARTITIONS="${STACK_KAFKA_PARTITIONS:-6}"
    BUILD_CONFIGURATION="${STACK_BUILD_CONFIGURATION:-debug}"
    local base=$((8081 + (offset > 0 ? 20000 : 0)))
    INGEST_SERVICE_PORT="${INGEST_SERVICE_PORT:-$base}"
    LAKE_WRITER_PORT="${LAKE_WRITER_PORT:-$((base + 1))}"
    WAREHOUSE_LOADER_PORT="${WAREHOUSE_LOADER_PORT:-$((base + 2))}"
    RECOMMENDER_API_PORT="${RECOMMENDER_API_PORT:-$((base + 3))}"
    POLLER_PORT="${POLLER_PORT:-$((base + 4))}"
    DASHBOARD_PORT="${DASHBOARD_PORT:-$((base + 5))}"
    mkdir -p "$STACK_DIR/logs" "$STACK_DIR/pids" "$STACK_DIR/lake"
}

# service_port NAME — e.g. ingest-service -> $INGEST_SERVICE_PORT
service_port() {
    local var; var="$(echo "$1" | tr 'a-z-' 'A-Z_')_PORT"
    echo "${!var}"
}

# Tokens are made once per stack and kept in a 0600 file: never in the repository, never logged.
stack_tokens() {
    local file="$STACK_DIR/tokens"
    if [ ! -f "$file" ]; then
        (umask 077; printf 'INGEST_TOKEN=%s\nADMIN_TOKEN=%s\n' \
            "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
            "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$file")
    fi
    # shellcheck disable=SC1090
    source "$file"
}

# The environment every service and test of this stack sees (docs/CONTRACT.md's variables).
stack_environment() {
    stack_tokens
    cat <<ENV
KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
POSTGRES_URL=postgresql://postgres@127.0.0.1:$POSTGRES_PORT/spotify_data
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
LAKE_URI=file://$STACK_DIR/lake
S3_ENDPOINT=http://127.0.0.1:$S3_PORT
S3_REGION=us-east-1
AWS_ACCESS_KEY_ID=stack-access-key
AWS_SECRET_ACCESS_KEY=stack-secret-key
INGEST_URL=http://127.0.0.1:$INGEST_SERVICE_PORT
RECOMMENDER_URL=http://127.0.0.1:$RECOMMENDER_API_PORT
INGEST_TOKEN=$INGEST_TOKEN
ADMIN_TOKEN=$ADMIN_TOKEN
SPOTIFY_TOKEN_FILE=$STACK_DIR/spotify-token.json
INGEST_SERVICE_PORT=$INGEST_SERVICE_PORT
LAKE_WRITER_PORT=$LAKE_WRITER_PORT
WAREHOUSE_LOADER_PORT=$WAREHOUSE_LOADER_PORT
RECOMMENDER_API_PORT=$RECOMMENDER_API_PORT
POLLER_PORT=$POLLER_PORT
DASHBOARD_PORT=$DASHBOARD_PORT
AIRFLOW_PORT=$(airflow_port)
STACK_DIR=$STACK_DIR
STACK_BIN_DIR=${BIN_DIR:-$REPO_ROOT/.build/$BUILD_CONFIGURATION}
STACK_PYTHON=$VENV/bin/python
STACK_TANSU=$( [ -x "$VENV/bin/python" ] && tansu_bin 2>/dev/null )
STACK_PGDATA=$STACK_DIR/postgres
PKG_CONFIG_PATH=$PKG_CONFIG_PATH
LD_LIBRARY_PATH=$LD_LIBRARY_PATH
ENV
}

export_stack_environment() {
    while IFS='=' read -r name value; do export "$name=$value"; done < <(stack_environment)
}
