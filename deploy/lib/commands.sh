# The subcommands of deploy/stack. Sourced last.
# shellcheck shell=bash

cmd_up() {
    local started; started=$(date +%s)
    install_all
    say "starting the $STACK_NAME stack in $STACK_DIR"
    start_postgres; start_redis; start_kafka
    if [ "${STACK_S3:-0}" = 1 ] || [ "$STACK_NAME" = test ]; then start_s3; fi
    build_services
    start_services
    say "up in $(( $(date +%s) - started )) s — 'deploy/stack status' for health, 'eval \"\$(deploy/stack env)\"' for the variables"
}

cmd_down() {
    stop_services
    stop_pid s3
    stop_pid kafka
    stop_pid redis
    stop_postgres
    say "the $STACK_NAME stack is stopped (data kept in $STACK_DIR)"
}

cmd_env() {
    stack_environment | sed 's/^/export /; s/=\(.*\)$/="\1"/'
}

# One line per component: name, pid, state and, for services, what /ready says.
cmd_status() {
    local failures=0
    row() { printf '%-18s %-8s %s\n' "$1" "$2" "$3"; }
    row COMPONENT PID STATE
    local pg_state="stopped"
    pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT" 2>/dev/null && pg_state="ready on :$POSTGRES_PORT"
    row postgres "$(head -1 "$STACK_DIR/postgres/postmaster.pid" 2>/dev/null || echo -)" "$pg_state"
    [ "$pg_state" = stopped ] && failures=$((failures + 1))
    for name in redis kafka s3; do
        local file="$STACK_DIR/pids/$name.pid"
        if pid_alive "$file"; then row "$name" "$(cat "$file")" "running"
        elif [ "$name" != s3 ]; then row "$name" - stopped; failures=$((failures + 1)); fi
    done
    for name in "${SERVICES[@]}"; do
        local file="$STACK_DIR/pids/$name.pid" port; port="$(service_port "$name")"
        if pid_alive "$file"; then
            local ready; ready="$(curl -s -m 5 "http://127.0.0.1:$port/ready" || echo 'no answer')"
            row "$name" "$(cat "$file")" ":$port $ready"
            case "$ready" in *'"status":"ready"'*) ;; *) failures=$((failures + 1)) ;; esac
        else
            row "$name" - stopped; failures=$((failures + 1))
        fi
    done
    [ $failures -eq 0 ]
}

# An isolated stack from scratch, every suite against it, then teardown — even on failure.
cmd_test() {
    local started; started=$(date +%s)
    cmd_down >/dev/null 2>&1
    rm -rf "$STACK_DIR"
    configure_stack test
    trap 'cmd_down >/dev/null 2>&1' EXIT
    STACK_PG_FSYNC=off cmd_up
    export_stack_environment
    local failed=()
    say "running swift test"
    (cd "$REPO_ROOT" && swift test "${SWIFT_FLAGS[@]}" 2>&1 | tee "$STACK_DIR/logs/swift-test.log"; exit "${PIPESTATUS[0]}") || failed+=("swift test")
    check_tests_ran "$STACK_DIR/logs/swift-test.log" || failed+=("swift test ran too few tests")
    say "tests finished in $(( $(date +%s) - started )) s"
    if [ ${#failed[@]} -gt 0 ]; then
        printf '\033[31m[stack] FAILED: %s\033[0m\n' "${failed[*]}" >&2
        return 1
    fi
    say "all suites passed"
}

# A filter or a build change that silently ran nothing must not pass: demand a real count.
check_tests_ran() {
    local count
    count="$(grep -Eo 'Test run with [0-9]+ tests' "$1" | tail -1 | grep -Eo '[0-9]+')"
    if [ -z "$count" ] || [ "$count" -lt "${STACK_MIN_TESTS:-50}" ]; then
        warn "swift test reported ${count:-no} tests; at least ${STACK_MIN_TESTS:-50} expected"
        return 1
    fi
}
