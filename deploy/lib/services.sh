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
    date -u +%FT%TZ > "$STACK_DIR/seeded"
}
