"""The running stack of `deploy/stack` seen from outside: its HTTP endpoints, its warehouse and its
processes. Shared by the end-to-end test, the fault suite and the soak command.

Everything comes from the variables `deploy/stack env` exports (the test phase exports them too);
a missing variable is an error, never a skip.
"""
import json
import os
import signal
import subprocess
import time
import urllib.parse

import psycopg2
import requests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVICES = ["ingest-service", "lake-writer", "warehouse-loader", "recommender-api", "poller", "dashboard"]
BRONZE_TABLES = {"play": "plays", "skip": "skips", "like": "likes", "now_playing": "currently_playing"}


class StackError(AssertionError):
    pass


def require(name):
    value = os.environ.get(name)
    if not value:
        raise StackError(f"{name} is not set: run this through `deploy/stack test` or after "
                         f"`eval \"$(deploy/stack env)\"`")
    return value


class Stack:
    def __init__(self):
        self.dir = require("STACK_DIR")
        self.postgres_url = require("POSTGRES_URL")
        self.ingest_token = require("INGEST_TOKEN")
        self.admin_token = require("ADMIN_TOKEN")
        self.ports = {name: int(require(name.upper().replace("-", "_") + "_PORT")) for name in SERVICES}
        self.bin_dir = os.environ.get("STACK_BIN_DIR") or os.path.join(REPO, ".build", "debug")
        self.http = requests.Session()
        self._conn = None

    # --- HTTP ---------------------------------------------------------------------------------

    def url(self, service, path):
        return f"http://127.0.0.1:{self.ports[service]}{path}"

    def admin(self):
        return {"Authorization": f"Bearer {self.admin_token}"}

    def get(self, service, path, **kwargs):
        kwargs.setdefault("timeout", 30)
        return self.http.get(self.url(service, path), **kwargs)

    def post_admin(self, service, path, body=None, timeout=600):
        response = self.http.post(self.url(service, path), json=body if body is not None else {},
                                  headers=self.admin(), timeout=timeout)
        if response.status_code >= 300:
            raise StackError(f"POST {service}{path} answered {response.status_code}: {response.text[:500]}")
        return response.json()

    def post_events(self, lines, retry_for=120.0, instances=None):
        """POSTs NDJSON lines to ingest-service as a careful client does: a connection error, a 5xx
        or a 503 is retried (the batch is re-sent whole, so a retry may duplicate events in Kafka —
        at-least-once; silver deduplicates). Returns the 202/400 body. `instances` (base URLs)
        replaces the stack's ingest-service: attempt k goes to instances[k mod n], as a
        round-robin balancer would send a retry elsewhere."""
        body = ("\n".join(lines) + "\n").encode()
        headers = {"Authorization": f"Bearer {self.ingest_token}", "Content-Type": "application/x-ndjson"}
        deadline = time.monotonic() + retry_for
        attempt = 0
        while True:
            attempt += 1
            try:
                url = (instances[(attempt - 1) % len(instances)] + "/v1/events" if instances
                       else self.url("ingest-service", "/v1/events"))
                response = self.http.post(url, data=body, headers=headers, timeout=30)
                if response.status_code in (202, 400):
                    result = response.json()
                    result["attempts"] = attempt
                    return result
                problem = f"{response.status_code} {response.text[:200]}"
            except requests.RequestException as error:
                problem = str(error)
            if time.monotonic() > deadline:
                raise StackError(f"ingest-service did not take a batch for {retry_for:.0f} s: {problem}")
            time.sleep(min(0.2 * attempt, 2.0))

    def ready(self, service):
        try:
            return self.get(service, "/ready", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def ready_checks(self, service):
        """/ready's `checks` ({dependency: "ok" | what is wrong | "degraded: ..."}), {} without an answer."""
        try:
            return self.get(service, "/ready", timeout=5).json().get("checks", {})
        except (requests.RequestException, ValueError):
            return {}

    # --- Airflow (started by `deploy/stack up`, and by `deploy/stack test` for its fault suite) ----

    # The components deploy/lib/airflow.sh's airflow_healthy waits for.
    AIRFLOW_COMPONENTS = ("metadatabase", "scheduler", "dag_processor")

    def airflow_running(self):
        pid = self.pid("airflow")
        return pid is not None and os.path.exists(f"/proc/{pid}")

    def airflow_health(self):
        """{component: status} from Airflow's /api/v2/monitor/health, {} without an answer."""
        try:
            port = int(require("AIRFLOW_PORT"))
            body = self.http.get(f"http://127.0.0.1:{port}/api/v2/monitor/health", timeout=5).json()
            return {name: (body.get(name) or {}).get("status") for name in self.AIRFLOW_COMPONENTS}
        except (requests.RequestException, ValueError):
            return {}

    def airflow_healthy(self):
        health = self.airflow_health()
        return bool(health) and all(status == "healthy" for status in health.values())

    def airflow_api(self, method, path, **kwargs):
        """One call to Airflow's REST API (/api/v2), with a token for the simple auth manager's
        generated user (its password file is in the stack's AIRFLOW_HOME)."""
        base = f"http://127.0.0.1:{int(require('AIRFLOW_PORT'))}"
        if not getattr(self, "_airflow_token", None):
            with open(os.path.join(self.dir, "airflow", "simple_auth_manager_passwords.json.generated")) as file:
                username, password = next(iter(json.load(file).items()))
            answer = self.http.post(f"{base}/auth/token", json={"username": username, "password": password}, timeout=30)
            if answer.status_code not in (200, 201):
                raise StackError(f"Airflow refused a token: {answer.status_code} {answer.text[:300]}")
            self._airflow_token = answer.json()["access_token"]
        response = self.http.request(method, f"{base}/api/v2{path}", timeout=60,
                                     headers={"Authorization": f"Bearer {self._airflow_token}"}, **kwargs)
        if response.status_code >= 300:
            raise StackError(f"Airflow {method} {path}: {response.status_code} {response.text[:300]}")
        return response.json()

    def quiesce_transformation(self, trigger="bronze_arrivals", transformation="dbt_transformation", timeout=600.0):
        """Stops Airflow from touching the warehouse: pauses the DAG that triggers the
        transformation, lets a run of it already under way end (its task watches for at most
        55 s), then waits for the transformation's queued and running runs to finish. The
        transformation itself is not paused: a paused DAG's running run stops scheduling its
        remaining tasks and would stay running forever. Returns [trigger] when it was unpaused,
        for `unpause_dags`."""
        unpaused = [] if self.airflow_api("GET", f"/dags/{trigger}")["is_paused"] else [trigger]
        for dag_id in unpaused:
            self.airflow_api("PATCH", f"/dags/{dag_id}", json={"is_paused": True})
        deadline = time.monotonic() + timeout
        quiet_since = None
        while True:
            active = [run["dag_run_id"] for state in ("queued", "running")
                      for run in self.airflow_api("GET", f"/dags/{transformation}/dagRuns", params={"state": state})["dag_runs"]]
            quiet_since = (quiet_since or time.monotonic()) if not active else None
            if quiet_since and time.monotonic() - quiet_since >= 60:
                return unpaused
            if time.monotonic() > deadline:
                raise StackError(f"{transformation} runs still active {timeout:.0f} s after pausing {trigger}: {active}")
            time.sleep(2)

    def unpause_dags(self, dag_ids):
        for dag_id in dag_ids:
            self.airflow_api("PATCH", f"/dags/{dag_id}", json={"is_paused": False})

    def wait_airflow_healthy(self, timeout=180.0):
        """Seconds until Airflow's health endpoint reports every component healthy."""
        started = time.monotonic()
        while not self.airflow_healthy():
            if time.monotonic() - started > timeout:
                raise StackError(f"Airflow not healthy after {timeout:.0f} s: {self.airflow_health()}")
            time.sleep(0.5)
        return time.monotonic() - started

    def wait_ready(self, services=SERVICES, timeout=120.0):
        """Seconds until every service answers /ready with 200."""
        started = time.monotonic()
        pending = list(services)
        while pending:
            pending = [s for s in pending if not self.ready(s)]
            if not pending:
                break
            if time.monotonic() - started > timeout:
                raise StackError(f"not ready after {timeout:.0f} s: {', '.join(pending)}")
            time.sleep(0.25)
        return time.monotonic() - started

    # --- pipeline steps (what the Airflow DAGs do on schedule) ---------------------------------

    def metric(self, service, name):
        """The value of an unlabelled metric on the service's /metrics (None when absent)."""
        for line in self.get(service, "/metrics", timeout=5).text.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == name:
                return float(parts[1])
        return None

    def lake_writer_behind(self):
        """Records in the topics that lake-writer neither buffered nor committed yet; None while it
        does not know (no partition held, or a high watermark not fetched yet after a start)."""
        return self.get("lake-writer", "/status", timeout=10).json()["behind"]

    def wait_lake_writer_caught_up(self, timeout=180.0):
        deadline = time.monotonic() + timeout
        behind = None
        while time.monotonic() < deadline:
            try:
                behind = self.lake_writer_behind()
                if behind is not None and behind <= 0:
                    return
            except (requests.RequestException, KeyError, ValueError):
                pass
            time.sleep(0.5)
        raise StackError(f"lake-writer still {behind} records behind after {timeout:.0f} s")

    def flush_and_load(self):
        flushed = self.post_admin("lake-writer", "/flush")
        loaded = self.post_admin("warehouse-loader", "/load")
        return flushed, loaded

    def dbt(self, *args):
        env = dict(os.environ)
        env.setdefault("DBT_TARGET_PATH", os.path.join(self.dir, "dbt-target"))
        env.setdefault("DBT_LOG_PATH", os.path.join(self.dir, "logs", "dbt"))
        started = time.monotonic()
        proc = subprocess.run([os.path.join(REPO, "dbt", "run-dbt"), *args], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            raise StackError(f"dbt {' '.join(args)} failed:\n{proc.stdout[-4000:]}")
        return time.monotonic() - started

    # --- warehouse ----------------------------------------------------------------------------

    def conn(self):
        if self._conn is None or self._conn.closed:
            self._conn = psycopg2.connect(self.postgres_url, connect_timeout=10)
            self._conn.autocommit = True
        return self._conn

    def query(self, sql, args=None):
        """Reconnects once when the server went away (the fault suite restarts PostgreSQL)."""
        for attempt in (1, 2):
            try:
                with self.conn().cursor() as cur:
                    cur.execute(sql, args)
                    return cur.fetchall()
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                self._conn = None
                if attempt == 2:
                    raise

    def scalar(self, sql, args=None):
        return self.query(sql, args)[0][0]

    # --- processes ----------------------------------------------------------------------------

    def pid(self, name):
        try:
            with open(os.path.join(self.dir, "pids", f"{name}.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def postgres_pids(self):
        """The postmaster and its children: pausing only the postmaster would leave the open
        backends serving, which is not an outage."""
        with open(os.path.join(self.dir, "postgres", "postmaster.pid")) as f:
            postmaster = int(f.readline())
        children = subprocess.run(["pgrep", "-P", str(postmaster)], text=True, stdout=subprocess.PIPE).stdout.split()
        return [postmaster, *map(int, children)]

    def signal(self, pids, sig):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    def kill_service(self, name):
        pid = self.pid(name)
        if pid is None:
            raise StackError(f"{name} has no pid file in {self.dir}/pids")
        os.kill(pid, signal.SIGKILL)
        for _ in range(100):
            if not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z":
                break
            time.sleep(0.05)

    def start_service(self, name, extra_env=None):
        """Starts a service the way deploy/stack does (same binary, environment, log and pid file)."""
        env = dict(os.environ, PORT=str(self.ports[name]), **(extra_env or {}))
        log = open(os.path.join(self.dir, "logs", f"{name}.log"), "ab")
        proc = subprocess.Popen([os.path.join(self.bin_dir, name)], env=env, stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        with open(os.path.join(self.dir, "pids", f"{name}.pid"), "w") as f:
            f.write(str(proc.pid))
        return proc.pid

    def rss_kib(self, name):
        pid = self.pid(name)
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except (OSError, TypeError):
            return None
        return None


def bronze_event_ids(stack, event_ids):
    """{event_id: copies in bronze} over all four bronze tables, for the given ids."""
    ids = list(event_ids)
    copies = {}
    for table in BRONZE_TABLES.values():
        for start in range(0, len(ids), 20000):
            rows = stack.query(f"SELECT event_id, count(*) FROM bronze.{table} WHERE event_id = ANY(%s) GROUP BY 1",
                               (ids[start:start + 20000],))
            for event_id, count in rows:
                copies[event_id] = copies.get(event_id, 0) + count
    return copies


def reconcile(stack, traffic, run_tag):
    """What became of a run's traffic (its users are `<run_tag>_...`) once it has been flushed and
    loaded: the bronze copies of each accepted event, silver built from them (dbt build of
    silver_plays and what follows it), and the counts every run's report asserts on."""
    copies = bronze_event_ids(stack, traffic.accepted_ids)
    stack.dbt("build", "--select", "silver_plays+")
    silver = dict(stack.query("SELECT event_id::text, count(*) FROM silver.silver_plays WHERE user_id LIKE %s GROUP BY 1",
                              (run_tag + "_%",)))
    silver_total = stack.scalar("SELECT count(*) FROM silver.silver_plays")
    gold_total = stack.scalar("SELECT coalesce(sum(play_count), 0) FROM gold.user_daily_listening")
    return {
        "missing_in_bronze": len(traffic.accepted_ids - copies.keys()),
        "duplicate_rows_in_bronze": sum(c - 1 for c in copies.values()),
        # the simulator re-sends some events on purpose (a client retry); the rest come from faults
        "deliberate_duplicates_sent": traffic.accepted_lines - len(traffic.accepted_ids),
        "missing_in_silver": len(traffic.valid_play_ids - silver.keys()),
        "unexpected_in_silver": len(silver.keys() - traffic.valid_play_ids),
        "silver_rows_with_copies": sum(1 for c in silver.values() if c != 1),
        "gold_equals_silver": gold_total == silver_total,
    }


def quote_path(segment):
    return urllib.parse.quote(segment, safe="")


def write_report(stack, name, report):
    path = os.path.join(stack.dir, "logs", f"{name}.json")
    with open(path, "w") as f:
        json.dump(report, f, indent=2, sort_keys=True)
    return path
