"""Fixtures of the Airflow suite. Runs in Airflow's virtualenv (deploy/stack: airflow_tests)
with the stack's variables exported; a missing variable or server is a failure, never a skip.

`airflow dags test` runs against a private AIRFLOW_HOME with its own SQLite metadata database,
so the suite never touches the Airflow the stack runs (nor does its scheduler pick up the
tests' runs), while the DAGs' tasks call the stack's real services and warehouse."""
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
DAGS_FOLDER = REPO_ROOT / "airflow" / "dags"
AIRFLOW_BIN = Path(sys.executable).parent / "airflow"

# In-process Airflow imports (the integrity tests) read these at import time: set them before
# any test module imports airflow.
_HOME = Path(tempfile.mkdtemp(prefix="airflow-tests-"))
AIRFLOW_SETTINGS = {
    "AIRFLOW_HOME": str(_HOME),
    "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_FOLDER),
    "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
    "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{_HOME}/airflow.db",
    "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
}
os.environ.update(AIRFLOW_SETTINGS)
sys.path.insert(0, str(DAGS_FOLDER))


def require(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run this suite through `deploy/stack test` (or with `deploy/stack env` evaluated)")
    return value


def stubbed(service):
    """Services the run is told to replace by a local stub (AIRFLOW_TESTS_STUB=recommender-api,poller)
    while their real endpoints are not deployed yet; by default every service is the real one."""
    return service in {s.strip() for s in os.environ.get("AIRFLOW_TESTS_STUB", "").split(",") if s.strip()}


@dataclass
class Listener:
    """A local HTTP server that records every request and answers from `routes`."""
    routes: dict = field(default_factory=dict)  # (method, path) -> (status, json body)
    requests: list = field(default_factory=list)
    server: ThreadingHTTPServer = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def received(self, method, path):
        return [r for r in self.requests if r["method"] == method and r["path"] == path]


def _start_listener(routes):
    listener = Listener(routes=dict(routes))

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            listener.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers),
                                      "body": json.loads(body) if body else None})
            status, reply = listener.routes.get((self.command, self.path), (404, {"error": "not_found", "message": "no route"}))
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    listener.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=listener.server.serve_forever, daemon=True).start()
    return listener


@pytest.fixture
def listener():
    """Factory: listener(routes) → a running Listener, shut down after the test."""
    started = []

    def make(routes=None):
        started.append(_start_listener(routes or {}))
        return started[-1]

    yield make
    for server in started:
        server.server.shutdown()


@dataclass
class DagTestResult:
    dag_id: str
    returncode: int
    output: str
    state: str
    task_states: dict

    def describe(self):
        return f"{self.dag_id}: run {self.state}, tasks {self.task_states}\n--- output (last 4000 chars) ---\n{self.output[-4000:]}"


class AirflowCLI:
    """`airflow dags test` against the stack, in a private AIRFLOW_HOME."""

    def __init__(self, home: Path):
        self.home = home
        self.database = home / "airflow.db"
        self.environment = {
            **os.environ,
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS_FOLDER),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{self.database}",
            "PATH": f"{AIRFLOW_BIN.parent}:{os.environ.get('PATH', '')}",
            "AIRFLOW_CONN_INGEST_SERVICE": f"http://127.0.0.1:{require('INGEST_SERVICE_PORT')}",
            "AIRFLOW_CONN_LAKE_WRITER": f"http://127.0.0.1:{require('LAKE_WRITER_PORT')}",
            "AIRFLOW_CONN_WAREHOUSE_LOADER": f"http://127.0.0.1:{require('WAREHOUSE_LOADER_PORT')}",
            "AIRFLOW_CONN_RECOMMENDER_API": f"http://127.0.0.1:{require('RECOMMENDER_API_PORT')}",
            "AIRFLOW_CONN_POLLER": f"http://127.0.0.1:{require('POLLER_PORT')}",
            "AIRFLOW_CONN_WAREHOUSE": require("POSTGRES_URL"),
            "ADMIN_TOKEN": require("ADMIN_TOKEN"),
            "LAKE_URI": require("LAKE_URI"),
            "DBT_PROJECT_DIR": str(REPO_ROOT / "dbt"),
        }
        self.environment.pop("ALERT_WEBHOOK_URL", None)
        self.run("db", "migrate", timeout=180)

    def run(self, *arguments, environment=None, timeout=600):
        completed = subprocess.run([str(AIRFLOW_BIN), *arguments], env={**self.environment, **(environment or {})},
                                   capture_output=True, text=True, timeout=timeout, cwd=str(self.home))
        if arguments[:2] == ("db", "migrate") and completed.returncode != 0:
            pytest.fail(f"airflow db migrate failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")
        return completed

    def dags_test(self, dag_id, conf=None, logical_date=None, environment=None, timeout=600) -> DagTestResult:
        arguments = ["dags", "test", dag_id]
        if logical_date:
            arguments.append(logical_date)
        if conf is not None:
            arguments += ["--conf", json.dumps(conf)]
        started = time.time()
        completed = self.run(*arguments, environment=environment, timeout=timeout)
        state, task_states = self._last_run(dag_id)
        output = completed.stdout + completed.stderr
        print(f"airflow dags test {dag_id}: {state} in {time.time() - started:.1f} s")
        return DagTestResult(dag_id, completed.returncode, output, state, task_states)

    def _last_run(self, dag_id):
        with sqlite3.connect(self.database) as db:
            run = db.execute("select run_id, state from dag_run where dag_id = ? order by id desc limit 1", (dag_id,)).fetchone()
            if run is None:
                return None, {}
            tasks = dict(db.execute("select task_id, state from task_instance where dag_id = ? and run_id = ?",
                                    (dag_id, run[0])).fetchall())
            return run[1], tasks

    def asset_events(self, uri):
        with sqlite3.connect(self.database) as db:
            return db.execute("select e.source_dag_id, e.source_task_id from asset_event e join asset a on a.id = e.asset_id "
                              "where a.uri = ? order by e.id", (uri,)).fetchall()


@pytest.fixture(scope="session")
def airflow_cli(tmp_path_factory):
    return AirflowCLI(tmp_path_factory.mktemp("airflow-home"))


@pytest.fixture(scope="session")
def warehouse():
    import psycopg2

    connection = psycopg2.connect(require("POSTGRES_URL"), connect_timeout=10)
    connection.autocommit = True
    yield connection
    connection.close()
