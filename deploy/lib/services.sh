# Builds the Swift package and starts/stops the six services. Sourced after infra.sh.
# shellcheck shell=bash

build_services() {
    say "building the Swift package ($BUILD_CONFIGURATION; the first build takes a few minutes)"
    (cd "$REPO_ROOT" && swift build -c "$BUILD_CONFIGURATION" "${SWIFT_FLAGS[@]}" >"$STACK_DIR/logs/build.log" 2>&1) \
        || fail_component build "$STACK_DIR/logs/build.log" "swift build"
    BIN_DIR="$(cd "$REPO_ROOT" && swift build -c "$BUILD_CONFIGURATION" "${SWIFT_FLAGS[@]}" --show-bin-path)"
}

start_service() {
    local name="$1" port; port="$(service_port "$1")"
    [ -x "$BIN_DIR/$name" ] || die "no executable for $name in $BIN_DIR"
    start_background "$name" "$STACK_DIR/logs/$name.log" env PORT="$port" "$BIN_DIR/$name"
}

# wait_ready NAME — until GET /ready answers 200, or fail with the log and the last answer.
wait_ready() {
    local name="$1" port; port="$(service_port "$1")"
    if ! wait_until "${STACK_READY_TIMEOUT:-60}" "$name" curl -sf "http://127.0.0.1:$port/ready"; then
        local answer; answer="$(curl -s "http://127.0.0.1:$port/ready" 2>&1 || true)"
        pid_alive "$STACK_DIR/pids/$name.pid" || answer="the process exited"
        fail_component "$name" "$STACK_DIR/logs/$name.log" "not ready on port $port: ${answer:-no answer}"
    fi
}

start_services() {
    export_stack_environment
    for name in "${SERVICES[@]}"; do start_service "$name"; done
    for name in "${SERVICES[@]}"; do wait_ready "$name"; done
}

stop_services() {
    # Reverse order: consumers of others' output stop before their producers.
    for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_pid "${SERVICES[$i]}"; done
}

# A new stack gets simulated traffic so a newcomer sees the platform working at once.
# Skipped once done (the marker survives restarts) or with STACK_SEED_EVENTS=0.
seed_events() {
    local count="${STACK_SEED_EVENTS:-50000}"
    [ "$count" -gt 0 ] || return 0
    [ -f "$STACK_DIR/seeded" ] && return 0
    say "seeding $count simulated events through ingest-service (STACK_SEED_EVENTS=0 skips this)"
    "$BIN_DIR/ingest-service" simulate --events "$count" --users "${STACK_SEED_USERS:-200}" --seed "${STACK_SEED:-42}" \
        --target http >"$STACK_DIR/logs/seed.log" 2>&1 \
        || fail_component seed "$STACK_DIR/logs/seed.log" "simulated traffic was not accepted"
    tail -n 1 "$STACK_DIR/logs/seed.log" >&2
    load_and_transform $(( 90 + count / 5000 ))
    date -u +%FT%TZ > "$STACK_DIR/seeded"
}

# Carries what is in Kafka through to gold at once, as the Airflow DAGs do on schedule:
# lake-writer flushes, warehouse-loader loads, dbt builds silver and gold. $1: how long lake-writer
# may take to catch up with the topics (seconds; a 1M-event seed needs more than the default).
load_and_transform() {
    local catch_up="${1:-90}" auth=(-H "Authorization: Bearer $ADMIN_TOKEN")
    say "flushing lake-writer, loading bronze, building silver and gold with dbt"
    # Wait until lake-writer holds (buffered or committed) everything the topics have.
    wait_until "$catch_up" lake-writer "$VENV/bin/python" -c '
import json, sys, urllib.request
status = json.load(urllib.request.urlopen(sys.argv[1]))
parts = status["partitions"]
behind = status["behind"]  # null until lake-writer knows every high watermark it holds
sys.exit(0 if behind is not None and behind <= 0 and sum(p["high_watermark"] for p in parts) > 0 else 1)
' "http://127.0.0.1:$LAKE_WRITER_PORT/status" \
        || fail_component lake-writer "$STACK_DIR/logs/lake-writer.log" "did not consume the seeded events within $catch_up s"
    curl -sf -m 120 -X POST "${auth[@]}" "http://127.0.0.1:$LAKE_WRITER_PORT/flush" >"$STACK_DIR/logs/flush.json" \
        || fail_component lake-writer "$STACK_DIR/logs/lake-writer.log" "POST /flush failed"
    curl -sf -m 600 -X POST "${auth[@]}" -H "Content-Type: application/json" -d '{}' \
        "http://127.0.0.1:$WAREHOUSE_LOADER_PORT/load" >"$STACK_DIR/logs/load.json" \
        || fail_component warehouse-loader "$STACK_DIR/logs/warehouse-loader.log" "POST /load failed"
    DBT_TARGET_PATH="$STACK_DIR/dbt-target" DBT_LOG_PATH="$STACK_DIR/logs/dbt" \
        "$REPO_ROOT/dbt/run-dbt" build >"$STACK_DIR/logs/dbt-build.log" 2>&1 \
        || fail_component dbt "$STACK_DIR/logs/dbt-build.log" "dbt build"
    grep -E "Completed successfully|PASS=" "$STACK_DIR/logs/dbt-build.log" | tail -n 1 >&2
}
