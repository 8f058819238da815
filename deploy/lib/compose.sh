# The Compose platform for real: a Docker engine (Debian's docker.io, a private dockerd when none
# answers), Compose v2, the offline stand-in images of deploy/compose/offline.yml, and the
# `compose-test` phase that starts docker-compose.yml with that override, checks it end to end
# through the published 127.0.0.1 ports and takes it down again. Sourced after infra.sh.
# shellcheck shell=bash

# The engine's data root outlives a test stack (under the tools folder, like the virtualenvs), so
# a second run reuses the image layers; `rm -rf .stack` starts from nothing.
DOCKER_ROOT="${STACK_DOCKER_ROOT:-$TOOLS_DIR/docker}"
PRIVATE_DOCKER_HOST="unix://$DOCKER_ROOT/docker.sock"
# Debian's CLI (20.10): with DOCKER_BUILDKIT=1 it builds with BuildKit's built-in Dockerfile
# frontend (RUN --mount=type=cache) and needs no image from a registry.
DOCKER_CLI=/usr/bin/docker
COMPOSE_BIN="$TOOLS_DIR/bin/docker-compose"
COMPOSE_SUITE=trixie            # Debian 13's docker-compose package: Compose v2 as one Go binary
COMPOSE_PROJECT="${STACK_COMPOSE_PROJECT:-platform-compose-test}"
COMPOSE_FILES=(-f "$REPO_ROOT/docker-compose.yml" -f "$REPO_ROOT/deploy/compose/offline.yml")
OFFLINE_IMAGES=(swift-base postgres redis tansu moto airflow)

install_docker() {
    local missing=()
    for p in docker.io debootstrap; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]} (Debian)"
        apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$TOOLS_DIR/apt-docker.log" 2>&1 \
            || fail_component docker "$TOOLS_DIR/apt-docker.log" "apt-get install ${missing[*]}"
    fi
    [ -x "$COMPOSE_BIN" ] && return 0
    say "fetching Compose v2 from Debian $COMPOSE_SUITE's docker-compose package"
    local work="$TOOLS_DIR/compose-apt"; rm -rf "$work"; mkdir -p "$work/lists/partial" "$work/etc" "$work/archives/partial"
    echo "deb http://deb.debian.org/debian $COMPOSE_SUITE main" > "$work/etc/sources.list"
    local aptopts=(-o "Dir::Etc::SourceList=$work/etc/sources.list" -o "Dir::Etc::SourceParts=-" -o "Dir::State::Lists=$work/lists"
                   -o "Dir::Cache::Archives=$work/archives" -o "APT::Sandbox::User=root")
    (apt-get "${aptopts[@]}" update -qq && cd "$work" && apt-get "${aptopts[@]}" download docker-compose \
        && dpkg -x ./docker-compose_*.deb "$work/x") >"$work/apt.log" 2>&1 \
        || fail_component compose "$work/apt.log" "fetching docker-compose from Debian $COMPOSE_SUITE"
    mkdir -p "$(dirname "$COMPOSE_BIN")"
    cp "$work/x/usr/libexec/docker/cli-plugins/docker-compose" "$COMPOSE_BIN"
    rm -rf "$work"
}

docker_cli() { DOCKER_HOST="$DOCKER_HOST_IN_USE" DOCKER_BUILDKIT=1 "$DOCKER_CLI" "$@"; }

# Uses the engine DOCKER_HOST (or the default socket) points at when it answers; otherwise starts
# a private dockerd with its own data root, no bridge and no iptables rules: containers reach only
# each other and ports published on 127.0.0.1.
start_docker() {
    if [ -z "${STACK_PRIVATE_DOCKER:-}" ] && DOCKER_HOST="${DOCKER_HOST:-}" "$DOCKER_CLI" info >/dev/null 2>&1; then
        DOCKER_HOST_IN_USE="${DOCKER_HOST:-unix:///var/run/docker.sock}"; PRIVATE_DOCKERD=0
        say "using the running Docker engine at $DOCKER_HOST_IN_USE"
        return 0
    fi
    DOCKER_HOST_IN_USE="$PRIVATE_DOCKER_HOST"; PRIVATE_DOCKERD=1
    mkdir -p "$DOCKER_ROOT/data" "$DOCKER_ROOT/exec"
    local log="$STACK_DIR/logs/dockerd.log"
    if ! pid_alive "$DOCKER_ROOT/dockerd.pid"; then
        say "starting a private dockerd (data root $DOCKER_ROOT/data)"
        setsid dockerd --data-root "$DOCKER_ROOT/data" --exec-root "$DOCKER_ROOT/exec" --pidfile "$DOCKER_ROOT/dockerd.pid" \
            --host "$PRIVATE_DOCKER_HOST" --iptables=false --bridge=none --storage-driver=overlay2 >>"$log" 2>&1 < /dev/null &
    fi
    wait_until 60 dockerd docker_cli info || fail_component dockerd "$log" "dockerd did not answer on $PRIVATE_DOCKER_HOST within 60 s"
}

# Ended by pid (TERM, then KILL after 30 s), never by name: another engine may run beside it.
stop_docker() {
    [ "${PRIVATE_DOCKERD:-0}" = 1 ] || return 0
    local file="$DOCKER_ROOT/dockerd.pid"
    pid_alive "$file" || return 0
    local pid; pid="$(cat "$file")"
    kill -TERM "$pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    rm -f "$file"
}

# local/debian:bookworm: debootstrap's minimal Debian, with this machine's extra CA certificates
# (an intercepting proxy's, if any) so apt and pip inside image builds trust what the host trusts.
build_debian_image() {
    docker_cli image inspect local/debian:bookworm >/dev/null 2>&1 && return 0
    say "making the local/debian:bookworm base image (debootstrap, about a minute)"
    local root="$DOCKER_ROOT/rootfs" log="$STACK_DIR/logs/debootstrap.log"
    rm -rf "$root"
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$log" 2>&1 \
        || fail_component debootstrap "$log" "debootstrap bookworm"
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
    rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
    tar -C "$root" -c . | docker_cli import \
        --change 'ENV PIP_CERT=/etc/ssl/certs/ca-certificates.crt REQUESTS_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt' \
        --change 'CMD ["/bin/bash"]' - local/debian:bookworm >>"$log" 2>&1 \
        || fail_component debootstrap "$log" "docker import"
    rm -rf "$root"
}

# local/swift:offline: the swift-base image plus this machine's Swift toolchain and Swift package
# copies (git reads github.com addresses from them, as on the host).
build_swift_image() {
    docker_cli image inspect local/swift:offline >/dev/null 2>&1 && return 0
    local toolchain="${SWIFT_TOOLCHAIN_DIR:-/opt/swift}" packages="${SWIFT_PACKAGES_DIR:-/opt/swift-packages}"
    local log="$STACK_DIR/logs/image-swift.log"
    [ -x "$toolchain/usr/bin/swift" ] || die "no Swift toolchain at $toolchain (SWIFT_TOOLCHAIN_DIR)"
    say "making local/swift:offline (the toolchain and Swift package copies in an image, about a minute)"
    docker_cli rm -f platform-swift-staging >/dev/null 2>&1
    docker_cli run --name platform-swift-staging --network none -v "$toolchain:/mnt/swift:ro" -v "$packages:/mnt/swift-packages:ro" \
        local/swift-base:offline sh -c 'cp -a /mnt/swift /opt/swift && cp -a /mnt/swift-packages /opt/swift-packages \
            && git config --system url./opt/swift-packages/.insteadOf https://github.com/ && /opt/swift/usr/bin/swift --version' >"$log" 2>&1 \
        && docker_cli commit --change 'ENV PATH=/opt/swift/usr/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            platform-swift-staging local/swift:offline >>"$log" 2>&1 \
        || { docker_cli rm -f platform-swift-staging >/dev/null 2>&1; fail_component swift-image "$log" "making local/swift:offline"; }
    docker_cli rm -f platform-swift-staging >/dev/null 2>&1
}

build_offline_images() {
    build_debian_image
    # In parallel: mostly downloads (apt, PyPI), little CPU.
    local name pids=() names=()
    for name in "${OFFLINE_IMAGES[@]}"; do
        docker_cli build --network host -t "local/$name:offline" "$REPO_ROOT/deploy/compose/images/$name" \
            >"$STACK_DIR/logs/image-$name.log" 2>&1 &
        pids+=($!); names+=("$name")
    done
    local i
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || fail_component "image ${names[$i]}" "$STACK_DIR/logs/image-${names[$i]}.log" \
            "docker build deploy/compose/images/${names[$i]}"
    done
    build_swift_image
}

# The Compose project of the test: its own name, ports offset by 30000 from the defaults (the data
# stack and the native test stack keep theirs), tokens of the test stack, DAGs paused at creation
# (the test triggers what it runs). Written to a 0600 env file; compose runs with nothing else
# from this shell's environment.
compose_environment() {
    stack_tokens
    cat <<ENV
COMPOSE_PROJECT_NAME=$COMPOSE_PROJECT
PUBLISH_ADDRESS=127.0.0.1
INGEST_SERVICE_PORT=38081
LAKE_WRITER_PORT=38082
WAREHOUSE_LOADER_PORT=38083
RECOMMENDER_API_PORT=38084
POLLER_PORT=38085
DASHBOARD_PORT=38086
AIRFLOW_PORT=38080
POSTGRES_PORT=35432
REDIS_PORT=36379
MINIO_PORT=39000
MINIO_CONSOLE_PORT=39001
KAFKA_EXTERNAL_PORT=39094
INGEST_TOKEN=$INGEST_TOKEN
ADMIN_TOKEN=$ADMIN_TOKEN
SEED_EVENTS=${COMPOSE_SEED_EVENTS:-5000}
SEED_USERS=50
AIRFLOW_DAGS_PAUSED_AT_CREATION=True
ENV
}

compose() {
    env -i PATH="$PATH" HOME="${HOME:-/root}" DOCKER_HOST="$DOCKER_HOST_IN_USE" DOCKER_BUILDKIT=1 \
        "$COMPOSE_BIN" --env-file "$STACK_DIR/compose.env" --project-directory "$REPO_ROOT" "${COMPOSE_FILES[@]}" "$@"
}

# The failing containers' last log lines (unhealthy or still starting, restarting, or exited with
# a non-zero status).
compose_failure_logs() {
    local id line name status health code
    for id in $(compose ps -a -q 2>/dev/null); do
        line="$(docker_cli inspect -f '{{index .Config.Labels "com.docker.compose.service"}} {{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}-{{end}} {{.State.ExitCode}}' "$id" 2>/dev/null)" || continue
        read -r name status health code <<<"$line"
        if [ "$health" = unhealthy ] || [ "$health" = starting ] || [ "$status" = restarting ] || { [ "$status" = exited ] && [ "$code" != 0 ]; }; then
            printf -- '--- %s (%s, health %s, exit status %s): last lines ---\n' "$name" "$status" "$health" "$code" >&2
            compose logs --no-color --tail 40 "$name" >&2 2>&1
        fi
    done
}

# deploy/stack compose-test: build, start, check end to end, kill -9 a service mid-stream, take down.
cmd_compose_test() {
    local started; started=$(date +%s)
    export_stack_environment
    install_docker
    start_docker
    # Whatever happens from here, the project's containers and volumes go, and a private dockerd stops.
    trap 'compose down -v --remove-orphans >/dev/null 2>&1; stop_docker' EXIT
    local umask_before; umask_before="$(umask)"; umask 077
    compose_environment > "$STACK_DIR/compose.env"; umask "$umask_before"
    build_offline_images
    say "building the platform's images with docker compose (deploy/Dockerfile builds the Swift code once for all six)"
    local build_started; build_started=$(date +%s)
    # One service first (with the Airflow image beside it): its build stage is then in the layer
    # cache for the other five.
    compose build ingest-service airflow-init >"$STACK_DIR/logs/compose-build.log" 2>&1 \
        && compose build >>"$STACK_DIR/logs/compose-build.log" 2>&1 \
        || { stop_docker; fail_component compose-build "$STACK_DIR/logs/compose-build.log" "docker compose build"; }
    local build_seconds=$(( $(date +%s) - build_started ))
    # Image sizes, for the README (the Swift base they are built from is the first line).
    docker_cli images --format '{{.Repository}}:{{.Tag}} {{.Size}}' \
        | grep -E '^(local/swift:offline|local/debian:bookworm|local/[a-z-]+:offline|spotify-platform/)' | sort \
        > "$STACK_DIR/logs/compose-images.txt"
    say "docker compose up -d --wait (every container healthy, bounded by ${COMPOSE_WAIT_S:-900} s)"
    compose down -v --remove-orphans >/dev/null 2>&1
    local up_started; up_started=$(date +%s)
    if ! compose up -d --wait --wait-timeout "${COMPOSE_WAIT_S:-900}" >"$STACK_DIR/logs/compose-up.log" 2>&1; then
        warn "docker compose up did not get every container healthy"
        tail -n 20 "$STACK_DIR/logs/compose-up.log" >&2
        compose_failure_logs
        compose down -v --remove-orphans >/dev/null 2>&1; stop_docker
        return 1
    fi
    local up_seconds=$(( $(date +%s) - up_started )) status=0
    (cd "$REPO_ROOT" && DOCKER_HOST="$DOCKER_HOST_IN_USE" DOCKER_CLI="$DOCKER_CLI" COMPOSE_BUILD_SECONDS="$build_seconds" COMPOSE_UP_SECONDS="$up_seconds" \
        COMPOSE_ENV_FILE="$STACK_DIR/compose.env" COMPOSE_CMD="$REPO_ROOT/deploy/stack compose" \
        "$VENV/bin/python" Tests/compose/compose_test.py --report "$STACK_DIR/logs/compose-report.json" 2>&1 \
        | tee "$STACK_DIR/logs/compose-test.log"; exit "${PIPESTATUS[0]}") || status=1
    if [ $status -ne 0 ]; then compose_failure_logs; fi
    compose down -v --remove-orphans >"$STACK_DIR/logs/compose-down.log" 2>&1 || warn "docker compose down failed"
    stop_docker
    say "compose phase finished in $(( $(date +%s) - started )) s (image builds ${build_seconds} s, up ${up_seconds} s)"
    return $status
}

# deploy/stack compose ARGS... — docker compose with the test project's files and environment
# (for the checks, and for a person looking at a running compose-test project).
cmd_compose() {
    DOCKER_HOST_IN_USE="${DOCKER_HOST_IN_USE:-${DOCKER_HOST:-$PRIVATE_DOCKER_HOST}}"
    pid_alive "$DOCKER_ROOT/dockerd.pid" && DOCKER_HOST_IN_USE="$PRIVATE_DOCKER_HOST"
    compose "$@"
}
