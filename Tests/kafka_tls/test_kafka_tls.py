"""The services reach a broker over TLS by configuration alone (KAFKA_PROPERTY_*, docs/CONTRACT.md).

A TLS terminator from Debian (stunnel4) stands in front of a Tansu broker of the test's own, with a
CA and a server certificate made here; the broker advertises the terminator's address, so every
connection a client makes (bootstrap, then the partition leader) goes through TLS. Through it:
the simulator produces (`--target kafka`), ingest-service produces what it is sent over HTTP, and
lake-writer consumes both into the lake. A client given another CA is refused with librdkafka's
reason, and a misspelt property stops every Kafka service at start (exit status 2) naming it,
without showing a password given beside it.

Needs the stack's binaries (STACK_BIN_DIR), its Tansu (STACK_TANSU), stunnel4 and openssl: a
missing one fails the test, it never skips."""
import glob
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pyarrow.parquet as pq
import pytest

BIN_DIR = os.environ.get("STACK_BIN_DIR", "")
TANSU = os.environ.get("STACK_TANSU", "")
TOPICS = ["listening_events", "now_playing", "user_events", "dead_letter_events"]


def base_environment(**variables):
    """Only what a process needs to run, plus `variables`: nothing of the running stack's own
    configuration (its broker, tokens, KAFKA_PROPERTY_*) leaks into the services started here."""
    keep = ("PATH", "HOME", "LD_LIBRARY_PATH", "TMPDIR", "LANG")
    return dict({k: os.environ[k] for k in keep if k in os.environ}, **variables)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*command, cwd=None):
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_certificates(folder):
    """A CA, a server certificate it signs for 127.0.0.1, and a second CA that signed nothing."""
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for ca in ("ca", "other-ca"):
        run("openssl", "req", "-x509", *ec, "-keyout", f"{ca}.key", "-out", f"{ca}.pem", "-days", "2",
            "-subj", f"/CN=listening platform test {ca}", cwd=folder)
    run("openssl", "req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", cwd=folder)
    with open(os.path.join(folder, "san.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\n")
    run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "san.ext", cwd=folder)


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"not within {seconds} s: {what}")


def http(method, url, body=None, content_type="application/x-ndjson"):
    request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type} if body else {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class Processes:
    def __init__(self, folder):
        self.folder, self.running = folder, []

    def start(self, name, command, env=None):
        log = open(os.path.join(self.folder, f"{name}.log"), "wb")
        process = subprocess.Popen(command, env=base_environment(**(env or {})), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.running.append(process)
        return process

    def log(self, name):
        with open(os.path.join(self.folder, f"{name}.log"), errors="replace") as f:
            return f.read()

    def stop_all(self):
        for process in reversed(self.running):
            process.terminate()
        for process in self.running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def tls_broker(tmp_path_factory):
    for tool, path in (("STACK_BIN_DIR", BIN_DIR), ("STACK_TANSU", TANSU)):
        assert path and os.path.exists(path), f"{tool} is not set to an existing path (run through deploy/stack test)"
    stunnel = shutil.which("stunnel4") or shutil.which("stunnel")
    assert stunnel, "stunnel4 is not installed (deploy/stack installs it)"
    assert shutil.which("openssl"), "openssl is not installed"
    folder = str(tmp_path_factory.mktemp("kafka-tls"))
    make_certificates(folder)
    plain, tls = free_port(), free_port()
    processes = Processes(folder)
    processes.start("tansu", [TANSU, "broker", "--listener-url", f"tcp://127.0.0.1:{plain}",
                              "--advertised-listener-url", f"tcp://127.0.0.1:{tls}", "--storage-engine", "memory://tansu/"])
    with open(os.path.join(folder, "stunnel.conf"), "w") as f:
        f.write(f"foreground = yes\npid =\n[kafka]\naccept = 127.0.0.1:{tls}\nconnect = 127.0.0.1:{plain}\n"
                f"cert = {folder}/server.pem\nkey = {folder}/server.key\n")
    processes.start("stunnel", [stunnel, os.path.join(folder, "stunnel.conf")])
    try:
        wait_for(lambda: subprocess.run([TANSU, "topic", "list", "--broker", f"tcp://127.0.0.1:{plain}"],
                                        capture_output=True).returncode == 0, 20, "the broker answers on its plain port")
        for topic in TOPICS:
            run(TANSU, "topic", "create", "--broker", f"tcp://127.0.0.1:{plain}", "--partitions", "2", topic)
        wait_for(lambda: socket.create_connection(("127.0.0.1", tls), timeout=1).close() is None, 20, "stunnel listens")
        yield {"folder": folder, "tls": tls, "processes": processes}
    finally:
        processes.stop_all()


def tls_environment(broker, ca="ca.pem"):
    return {"KAFKA_BROKERS": f"127.0.0.1:{broker['tls']}", "KAFKA_PROPERTY_security_protocol": "SSL",
            "KAFKA_PROPERTY_ssl_ca_location": os.path.join(broker["folder"], ca)}


def simulated(events, seed, target="stdout", env=None):
    command = [os.path.join(BIN_DIR, "ingest-service"), "simulate", "--events", str(events), "--users", str(min(20, events)),
               "--seed", str(seed), "--days", "1", "--dirty-share", "0", "--target", target]
    return subprocess.run(command, env=base_environment(**(env or {})), capture_output=True, text=True, timeout=120)


def lake_event_ids(lake):
    ids = set()
    for path in glob.glob(os.path.join(lake, "**", "*.parquet"), recursive=True):
        ids.update(pq.read_table(path, columns=["event_id"]).column("event_id").to_pylist())
    return ids


def test_services_produce_and_consume_through_tls(tls_broker):
    processes, tls_env = tls_broker["processes"], tls_environment(tls_broker)

    # The simulator's producer, straight to Kafka through TLS.
    sent = simulated(300, seed=7, target="kafka", env=tls_env)
    assert sent.returncode == 0, sent.stderr[-2000:]
    lines = simulated(300, seed=7).stdout.splitlines()
    expected = {json.loads(line)["event_id"] for line in lines}

    # ingest-service: ready only once its admin client reached the broker, through TLS.
    ingest_port = free_port()
    processes.start("ingest-service", [os.path.join(BIN_DIR, "ingest-service")],
                    dict(tls_env, PORT=str(ingest_port), INGEST_SERVICE_TOPIC_PARTITIONS="2"))
    wait_for(lambda: http("GET", f"http://127.0.0.1:{ingest_port}/ready")[0] == 200, 30, "ingest-service ready over TLS")
    posted = simulated(150, seed=8).stdout
    status, body = http("POST", f"http://127.0.0.1:{ingest_port}/v1/events", posted.encode())
    assert status in (200, 202), body
    assert json.loads(body)["accepted"] == 150, body
    expected |= {json.loads(line)["event_id"] for line in posted.splitlines()}

    # lake-writer consumes everything through TLS into a lake of the test's own.
    lake, writer_port = os.path.join(tls_broker["folder"], "lake"), free_port()
    processes.start("lake-writer", [os.path.join(BIN_DIR, "lake-writer")],
                    dict(tls_env, PORT=str(writer_port), LAKE_URI=f"file://{lake}", LAKE_WRITER_GROUP_ID="tls-test",
                         LAKE_WRITER_SESSION_TIMEOUT_MS="6000", KAFKA_TOPIC_PARTITIONS="2"))
    wait_for(lambda: http("GET", f"http://127.0.0.1:{writer_port}/ready")[0] == 200, 30, "lake-writer ready over TLS")

    def all_in_the_lake():
        http("POST", f"http://127.0.0.1:{writer_port}/flush")
        return expected <= lake_event_ids(lake)
    wait_for(all_in_the_lake, 90, f"all {len(expected)} events in the lake")
    assert len(expected) == 450


def test_a_broker_certificate_from_another_ca_is_refused_with_the_reason(tls_broker):
    processes, port = tls_broker["processes"], free_port()
    processes.start("ingest-wrong-ca", [os.path.join(BIN_DIR, "ingest-service")],
                    dict(tls_environment(tls_broker, ca="other-ca.pem"), PORT=str(port), INGEST_SERVICE_KAFKA_TIMEOUT_MS="2000"))
    wait_for(lambda: http("GET", f"http://127.0.0.1:{port}/ready")[0] == 503, 30, "ingest-service answers /ready")
    wait_for(lambda: "certificate verify failed" in processes.log("ingest-wrong-ca"), 30,
             "librdkafka's reason (certificate verify failed) in the service's log")
    status, body = http("GET", f"http://127.0.0.1:{port}/ready")
    assert status == 503 and "kafka" in body, body
    events = simulated(5, seed=9).stdout
    assert events.strip(), "the simulator printed no event"
    status, body = http("POST", f"http://127.0.0.1:{port}/v1/events", events.encode())
    assert status == 503, f"an event the broker never acknowledged was answered {status}: {body}"


@pytest.mark.parametrize("service", ["ingest-service", "lake-writer", "recommender-api"])
def test_a_misspelt_property_stops_a_service_at_start_naming_it(tls_broker, service):
    env = base_environment(KAFKA_BROKERS=f"127.0.0.1:{tls_broker['tls']}", PORT=str(free_port()),
               LAKE_URI=f"file://{tls_broker['folder']}/lake-unused", POSTGRES_URL="postgresql://postgres@127.0.0.1:1/x",
               REDIS_URL="redis://127.0.0.1:1/0", KAFKA_PROPERTY_security_protocl="SSL",
               KAFKA_PROPERTY_sasl_password="hunter2-do-not-print")
    result = subprocess.run([os.path.join(BIN_DIR, service)], env=env, capture_output=True, text=True, timeout=30)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "KAFKA_PROPERTY_security_protocl" in output and "No such configuration property" in output, output
    assert "hunter2" not in output
