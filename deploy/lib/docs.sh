# `deploy/stack docs`: dbt's documentation site (models, columns, tests, lineage graph) for this
# stack's warehouse. Sourced after airflow.sh.
# shellcheck shell=bash

# DBT_DOCS_PORT, or 8088 (data stack) / 28088 (test stack). Published on 127.0.0.1 only.
docs_port() {
    if [ -n "${DBT_DOCS_PORT:-}" ]; then echo "$DBT_DOCS_PORT"
    elif [ "$STACK_NAME" = test ]; then echo 28088
    else echo 8088; fi
}

docs_dir() { echo "$STACK_DIR/dbt-docs"; }

# `dbt docs generate` against the running warehouse (the catalog reads its tables), then a static
# file server for the result in the background (pid file dbt-docs, stopped by `down`). Running it
# again regenerates and restarts the server.
cmd_docs() {
    local started port
    started=$(date +%s); port="$(docs_port)"
    export_stack_environment
    pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT" \
        || die "PostgreSQL of the $STACK_NAME stack is not running on port $POSTGRES_PORT: run 'deploy/stack up' first"
    say "generating dbt docs from the warehouse on :$POSTGRES_PORT (dbt docs generate)"
    mkdir -p "$STACK_DIR/logs/dbt"
    (cd "$REPO_ROOT" && DBT_TARGET_PATH="$(docs_dir)" DBT_LOG_PATH="$STACK_DIR/logs/dbt" \
        dbt/run-dbt docs generate >"$STACK_DIR/logs/dbt-docs-generate.log" 2>&1) \
        || fail_component dbt-docs "$STACK_DIR/logs/dbt-docs-generate.log" "dbt docs generate failed"
    for file in index.html manifest.json catalog.json; do
        [ -s "$(docs_dir)/$file" ] || fail_component dbt-docs "$STACK_DIR/logs/dbt-docs-generate.log" "dbt docs generate wrote no $file"
    done
    stop_pid dbt-docs
    # A plain static server: `dbt docs serve` would also open a browser and bind every interface.
    start_background dbt-docs "$STACK_DIR/logs/dbt-docs.log" \
        "$VENV/bin/python" -m http.server "$port" --bind 127.0.0.1 --directory "$(docs_dir)"
    wait_until 15 dbt-docs curl -sf -o /dev/null "http://127.0.0.1:$port/manifest.json" \
        || fail_component dbt-docs "$STACK_DIR/logs/dbt-docs.log" "the docs server did not answer on port $port"
    say "dbt docs in $(( $(date +%s) - started )) s: http://127.0.0.1:$port/ (lineage: the graph button, bottom right)"
}

docs_status() {
    local file="$STACK_DIR/pids/dbt-docs.pid"
    if pid_alive "$file"; then
        printf '%-18s %-8s %s\n' dbt-docs "$(cat "$file")" ":$(docs_port) serving $(docs_dir)"
    else
        printf '%-18s %-8s %s\n' dbt-docs - "not started ('deploy/stack docs')"
    fi
}

# `deploy/stack screenshots`: the README's pictures, from the running stack. The dashboard's
# pages are shot by the headless-Chromium suite (Tests/DashboardTests/BrowserTests) against this
# stack's warehouse and recommender-api, and the desktop shots are copied to docs/screenshots/;
# the soak and freshness charts are drawn from this stack's latest reports into docs/charts/.
cmd_screenshots() {
    export_stack_environment
    pg_isready -q -h 127.0.0.1 -p "$POSTGRES_PORT" \
        || die "PostgreSQL of the $STACK_NAME stack is not running on port $POSTGRES_PORT: run 'deploy/stack up' first"
    curl -sf -m 5 "$RECOMMENDER_URL/health" >/dev/null || die "recommender-api is not answering at $RECOMMENDER_URL: run 'deploy/stack up' first"
    phase "build the tests" bash -c "cd '$REPO_ROOT' && swift build --build-tests ${SWIFT_FLAGS[*]} >'$STACK_DIR/logs/screenshots-build.log' 2>&1" \
        || fail_component screenshots "$STACK_DIR/logs/screenshots-build.log" "swift build --build-tests failed"
    rm -rf "$STACK_DIR/logs/screenshots"
    phase "headless Chromium on every page" bash -c "cd '$REPO_ROOT' && swift test --skip-build ${SWIFT_FLAGS[*]} --filter 'DashboardTests.BrowserTests' >'$STACK_DIR/logs/screenshots.log' 2>&1" \
        || fail_component screenshots "$STACK_DIR/logs/screenshots.log" "the browser suite failed"
    mkdir -p "$REPO_ROOT/docs/screenshots"
    local page
    for page in overview trends top-content quality recommendations now-playing live-activity; do
        cp "$STACK_DIR/logs/screenshots/$page.png" "$REPO_ROOT/docs/screenshots/$page.png" \
            || die "the browser suite wrote no $page.png"
    done
    local charts=() soak="$STACK_DIR/logs/soak-report.json" fresh="$STACK_DIR/logs/freshness-report.json"
    if [ -f "$soak" ]; then charts+=(--soak "$soak"); else warn "no $soak: run Tests/e2e/soak.py for the soak charts"; fi
    if [ -f "$fresh" ]; then charts+=(--freshness "$fresh"); else warn "no $fresh: run Tests/stack_bench/freshness.py for the freshness chart"; fi
    if [ ${#charts[@]} -gt 0 ]; then
        "$VENV/bin/python" "$REPO_ROOT/Tests/stack_bench/report_charts.py" "${charts[@]}" --out "$REPO_ROOT/docs/charts" >&2 \
            || die "the charts could not be drawn"
    fi
    say "pictures in docs/screenshots and docs/charts (commit them with the reports they came from)"
}
