"""The Compose platform checked from outside, through the ports it publishes on 127.0.0.1 only.

Run by `deploy/stack compose-test` once `docker compose up -d --wait` returned with every
container healthy (docker-compose.yml + deploy/compose/offline.yml, project environment in
COMPOSE_ENV_FILE). In order:
  1. every container is running and healthy (one-shots exited 0), and every published port is
     bound to 127.0.0.1;
  2. /ready answers 200 on all six services;
  3. the seeded events reached gold: the dashboard's total plays equal gold's, and
     recommender-api answers with recommendations for a seeded listener and a seeded track;
  4. fresh events are POSTed to ingest-service in batches while lake-writer's container is
     killed with SIGKILL mid-stream: its restart policy must bring it back, healthy;
  5. Airflow's REST API unpauses and triggers spotify_ingestion, which must succeed; the bronze
     asset it marks must start dbt_transformation, which must succeed too;
  6. every sent event is in bronze and exactly once in silver: 0 lost.
It prints one closing line, `compose: N containers healthy, E events sent, E events in silver,
0 lost`, writes a JSON report, and exits non-zero on any failure.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
import uuid

import psycopg2
import requests

SERVICES = {"ingest-service": "INGEST_SERVICE_PORT", "lake-writer": "LAKE_WRITER_PORT",
            "warehouse-loader": "WAREHOUSE_LOADER_PORT", "recommender-api": "RECOMMENDER_API_PORT",
            "poller": "POLLER_PORT", "dashboard": "DASHBOARD_PORT"}
SILVER = {"play": "silver_plays", "skip": "silver_skips", "like": "silver_likes"}
BRONZE = {"play": "plays", "skip": "skips", "like": "likes"}


class Failure(AssertionError):
    pass


def step(message):
    print(f"[compose-test] {message}", flush=True)


def read_env(path):
    values = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                name, value = line.split("=", 1)
                values[name] = value
    return values


class ComposePlatform:
    def __init__(self, env):
        self.env = env
        self.compose_cmd = os.environ["COMPOSE_CMD"].split()
        self.ports = {name: int(env[var]) for name, var in SERVICES.items()}
        self.http = requests.Session()
        # docker-compose.yml's development defaults (the test's env file leaves them unset).
        self.postgres_url = f"postgresql://platform:platform@127.0.0.1:{env['POSTGRES_PORT']}/spotify_data"
        self.airflow = f"http://127.0.0.1:{env['AIRFLOW_PORT']}"
        self._conn = None

    def compose(self, *args, check=True):
        proc = subprocess.run([*self.compose_cmd, *args], text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and proc.returncode != 0:
            raise Failure(f"docker compose {' '.join(args)} failed: {proc.stderr[-2000:]}")
        return proc.stdout

    def url(self, service, path):
        return f"http://127.0.0.1:{self.ports[service]}{path}"

    def query(self, sql, args=None):
        for attempt in (1, 2):
            try:
                if self._conn is None or self._conn.closed:
                    self._conn = psycopg2.connect(self.postgres_url, connect_timeout=10)
                    self._conn.autocommit = True
                with self._conn.cursor() as cur:
                    cur.execute(sql, args)
                    return cur.fetchall()
            except (psycopg2.OperationalError, psycopg2.InterfaceError):
                self._conn = None
                if attempt == 2:
                    raise

    def containers(self):
        """[{Service, State, Health, ExitCode, Publishers, ...}] of every container of the project."""
        out = self.compose("ps", "-a", "--format", "json")
        out = out.strip()
        if out.startswith("["):
            return json.loads(out)
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def container_id(self, service):
        ids = self.compose("ps", "-a", "-q", service).split()
        if len(ids) != 1:
            raise Failure(f"expected one container for {service}, found {ids}")
        return ids[0]

    def inspect(self, container, template):
        docker = os.environ.get("DOCKER_CLI", "/usr/bin/docker")
        proc = subprocess.run([docker, "inspect", "-f", template, container], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
        return proc.stdout.strip()


# ------------------------------------------------------------------ checks

def check_containers(platform):
    rows = platform.containers()
    healthy, problems = [], []
    for row in rows:
        service, state, health = row.get("Service"), row.get("State"), row.get("Health") or ""
        if state == "exited":
            if row.get("ExitCode") != 0:
                problems.append(f"{service} exited with status {row.get('ExitCode')}")
            continue
        if state != "running" or health not in ("healthy", ""):
            problems.append(f"{service} is {state} ({health or 'no health check'})")
            continue
        if health == "healthy":
            healthy.append(service)
        for publisher in row.get("Publishers") or []:
            if publisher.get("PublishedPort") and publisher.get("URL") not in ("127.0.0.1",):
                problems.append(f"{service} publishes {publisher.get('PublishedPort')} on {publisher.get('URL')}, not 127.0.0.1")
    if problems:
        raise Failure("; ".join(problems))
    if len(healthy) < 14:
        raise Failure(f"only {len(healthy)} healthy containers: {sorted(healthy)}")
    return sorted(healthy)


def check_ready(platform):
    """200 and every check "ok" (not degraded: recommender-api answers 200 without Redis)."""
    not_ready = {}
    for service in SERVICES:
        response = platform.http.get(platform.url(service, "/ready"), timeout=10)
        checks = response.json().get("checks", {}) if response.status_code == 200 else {}
        if response.status_code != 200 or response.json().get("status") != "ready" \
                or any(v != "ok" for k, v in checks.items() if k != "spotify-auth"):
            not_ready[service] = f"{response.status_code} {response.text[:300]}"
    if not_ready:
        raise Failure(f"/ready is not 200 with every check ok: {not_ready}")


def wait_for_one_shot(platform, service, timeout=900):
    """`up --wait` returns once long-running containers are healthy; a one-shot nothing depends on
    (seed-pipeline: flush, load, dbt build) may still be running. Waits for it to exit 0."""
    deadline = time.monotonic() + timeout
    container = platform.container_id(service)
    while time.monotonic() < deadline:
        status, code = platform.inspect(container, "{{.State.Status}} {{.State.ExitCode}}").split()
        if status == "exited":
            if code != "0":
                raise Failure(f"{service} exited with status {code}:\n{platform.compose('logs', '--no-color', '--tail', '30', service, check=False)}")
            return
        time.sleep(3)
    raise Failure(f"{service} still running after {timeout} s")


def check_seeded_gold(platform):
    started = time.monotonic()
    wait_for_one_shot(platform, "seed-pipeline")
    step(f"seed-pipeline (flush, load, dbt build) exited 0, {time.monotonic() - started:.0f} s after up returned")
    gold_plays = int(platform.query("SELECT coalesce(sum(play_count), 0) FROM gold.user_daily_listening")[0][0])
    silver_plays = platform.query("SELECT count(*) FROM silver.silver_plays")[0][0]
    if gold_plays <= 0:
        raise Failure("gold.user_daily_listening is empty: the seed did not reach gold")
    if gold_plays != silver_plays:
        raise Failure(f"gold counts {gold_plays} plays but silver holds {silver_plays}")
    first, last = platform.query("SELECT min(day), max(day) FROM gold.user_daily_listening")[0]
    page = platform.http.get(platform.url("dashboard", f"/?from={first}&to={last}"), timeout=30)
    match = re.search(r'data-metric="plays"><div class="label">[^<]*</div><div class="value" data-value="(\d+)"', page.text)
    if page.status_code != 200 or not match:
        raise Failure(f"the dashboard's Overview shows no total plays ({page.status_code}): {page.text[:300]}")
    if int(match.group(1)) != gold_plays:
        raise Failure(f"the dashboard shows {match.group(1)} plays, gold holds {gold_plays}")
    user = platform.query("SELECT user_id FROM gold.track_recommendations GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
    if not user:
        raise Failure("gold.track_recommendations is empty")
    answer = platform.http.get(platform.url("recommender-api", f"/users/{user[0][0]}/recommendations?limit=5"), timeout=30)
    if answer.status_code != 200 or not answer.json().get("recommendations"):
        raise Failure(f"recommender-api gave no recommendations for {user[0][0]}: {answer.status_code} {answer.text[:300]}")
    track = platform.query("SELECT track_a FROM gold.track_cooccurrence GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")[0][0]
    answer = platform.http.get(platform.url("recommender-api", f"/recommendations/{track}?limit=5"), timeout=30)
    if answer.status_code != 200 or not answer.json().get("recommendations"):
        raise Failure(f"recommender-api gave no recommendations for track {track}: {answer.status_code} {answer.text[:300]}")
    return {"gold_plays": gold_plays, "dashboard_plays": int(match.group(1))}


def fresh_events(platform, count, run_tag):
    """Clean simulator events (no deliberate dirt) from the ingest-service image itself, user ids
    tagged with run_tag; now_playing events are left out (they have no silver table)."""
    out = platform.compose("exec", "-T", "ingest-service", "/app/service", "simulate", "--target", "stdout",
                           "--events", str(count), "--users", "30", "--days", "1", "--dirty-share", "0",
                           "--seed", str(int(time.time())))
    events = []
    for line in out.splitlines():
        event = json.loads(line)
        if event["event_type"] not in SILVER:
            continue
        event["user_id"] = f"{run_tag}_{event['user_id']}"
        events.append(event)
    return events


def post_batch(platform, lines, token, retry_for=120.0):
    body = ("\n".join(lines) + "\n").encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/x-ndjson"}
    deadline = time.monotonic() + retry_for
    while True:
        try:
            response = platform.http.post(platform.url("ingest-service", "/v1/events"), data=body, headers=headers, timeout=30)
            if response.status_code == 202:
                result = response.json()
                if result.get("rejected"):
                    raise Failure(f"ingest-service rejected clean events: {result.get('errors', [])[:3]}")
                return result["accepted"]
            problem = f"{response.status_code} {response.text[:200]}"
        except requests.RequestException as error:
            problem = str(error)
        if time.monotonic() > deadline:
            raise Failure(f"ingest-service did not take a batch for {retry_for:.0f} s: {problem}")
        time.sleep(1)


def send_with_a_kill(platform, events, token, victim="lake-writer"):
    """Sends the events in batches; halfway, SIGKILLs the victim container's main process from the
    host (`docker kill` would mark it stopped by hand, and unless-stopped would not restart it)."""
    container = platform.container_id(victim)
    restarts_before = int(platform.inspect(container, "{{.RestartCount}}"))
    batches = [events[i:i + 250] for i in range(0, len(events), 250)]
    killed_at = None
    for number, batch in enumerate(batches):
        if number == len(batches) // 2:
            pid = int(platform.inspect(container, "{{.State.Pid}}"))
            os.kill(pid, 9)
            killed_at = time.monotonic()
            step(f"killed {victim} (host pid {pid}) with SIGKILL after {number} of {len(batches)} batches")
        post_batch(platform, [json.dumps(e) for e in batch], token)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        restarts = int(platform.inspect(container, "{{.RestartCount}}"))
        health = platform.inspect(container, "{{if .State.Health}}{{.State.Health.Status}}{{end}}")
        if restarts > restarts_before and health == "healthy":
            back = time.monotonic() - killed_at
            step(f"{victim} restarted by its restart policy (RestartCount {restarts}) and healthy {back:.1f} s after the kill")
            return {"victim": victim, "restart_count": restarts, "healthy_after_s": round(back, 1)}
        time.sleep(1)
    raise Failure(f"{victim} was not restarted and healthy within 180 s of the kill "
                  f"(RestartCount {platform.inspect(container, '{{.RestartCount}}')})")


class Airflow:
    def __init__(self, platform):
        self.base = platform.airflow
        self.http = platform.http
        passwords = platform.compose("exec", "-T", "airflow-apiserver", "cat",
                                     "/opt/airflow/passwords/simple_auth_manager_passwords.json.generated")
        username, password = next(iter(json.loads(passwords).items()))
        response = self.http.post(f"{self.base}/auth/token", json={"username": username, "password": password}, timeout=30)
        if response.status_code not in (200, 201):
            raise Failure(f"Airflow refused a token: {response.status_code} {response.text[:300]}")
        self.headers = {"Authorization": f"Bearer {response.json()['access_token']}"}

    def call(self, method, path, **kwargs):
        response = self.http.request(method, f"{self.base}/api/v2{path}", headers=self.headers, timeout=60, **kwargs)
        if response.status_code >= 300:
            raise Failure(f"Airflow {method} {path}: {response.status_code} {response.text[:500]}")
        return response.json()

    def wait_for_dag(self, dag_id, timeout=180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = self.http.get(f"{self.base}/api/v2/dags/{dag_id}", headers=self.headers, timeout=30)
            if response.status_code == 200:
                return
            time.sleep(2)
        raise Failure(f"Airflow has not parsed DAG {dag_id} after {timeout} s")

    def unpause(self, dag_id):
        self.wait_for_dag(dag_id)
        self.call("PATCH", f"/dags/{dag_id}", json={"is_paused": False})

    def trigger(self, dag_id, conf=None):
        run = self.call("POST", f"/dags/{dag_id}/dagRuns", json={"logical_date": None, "conf": conf or {}})
        return run["dag_run_id"]

    def runs(self, dag_id):
        return self.call("GET", f"/dags/{dag_id}/dagRuns", params={"order_by": "-run_after", "limit": 20})["dag_runs"]

    def wait_for_run(self, dag_id, run_id, timeout=900):
        deadline = time.monotonic() + timeout
        state = None
        while time.monotonic() < deadline:
            state = self.call("GET", f"/dags/{dag_id}/dagRuns/{run_id}")["state"]
            if state == "success":
                return
            if state == "failed":
                tasks = self.call("GET", f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances")["task_instances"]
                failed = [t["task_id"] for t in tasks if t["state"] == "failed"]
                raise Failure(f"{dag_id} run {run_id} failed (tasks {failed})")
            time.sleep(3)
        raise Failure(f"{dag_id} run {run_id} still {state} after {timeout} s")


def run_the_dags(platform):
    airflow = Airflow(platform)
    airflow.unpause("dbt_transformation")
    known = {r["dag_run_id"] for r in airflow.runs("dbt_transformation")}
    airflow.unpause("spotify_ingestion")
    # The fresh events span one day, not a steady hour: no volume floor for this run.
    run_id = airflow.trigger("spotify_ingestion", conf={"min_volume_fraction": 0})
    step(f"triggered spotify_ingestion through Airflow's REST API: {run_id}")
    started = time.monotonic()
    airflow.wait_for_run("spotify_ingestion", run_id)
    step(f"spotify_ingestion succeeded in {time.monotonic() - started:.0f} s")
    # Its last task marks the bronze asset, which schedules dbt_transformation.
    deadline = time.monotonic() + 120
    transformation = None
    while time.monotonic() < deadline and transformation is None:
        # Unpausing may also have started the latest 6-hourly run: the one to follow is the run
        # the asset event made.
        new = [r for r in airflow.runs("dbt_transformation")
               if r["dag_run_id"] not in known and r.get("run_type") == "asset_triggered"]
        transformation = new[0]["dag_run_id"] if new else None
        time.sleep(2)
    if transformation is None:
        raise Failure("the bronze asset event of spotify_ingestion did not start dbt_transformation within 120 s")
    step(f"dbt_transformation started by the bronze asset: {transformation}")
    started = time.monotonic()
    airflow.wait_for_run("dbt_transformation", transformation)
    step(f"dbt_transformation succeeded in {time.monotonic() - started:.0f} s")
    return {"spotify_ingestion": run_id, "dbt_transformation": transformation}


def reconcile(platform, events):
    ids = [e["event_id"] for e in events]
    in_bronze, in_silver, doubled = set(), set(), 0
    for event_type, table in BRONZE.items():
        typed = [e["event_id"] for e in events if e["event_type"] == event_type]
        rows = platform.query(f"SELECT event_id::text FROM bronze.{table} WHERE event_id::text = ANY(%s) GROUP BY 1", (typed,))
        in_bronze |= {r[0] for r in rows}
        rows = platform.query(f"SELECT event_id::text, count(*) FROM silver.{SILVER[event_type]} "
                              f"WHERE event_id::text = ANY(%s) GROUP BY 1", (typed,))
        in_silver |= {r[0] for r in rows}
        doubled += sum(1 for r in rows if r[1] > 1)
    lost = len(set(ids) - in_silver)
    return {"sent": len(ids), "in_bronze": len(in_bronze), "in_silver": len(in_silver), "doubled_in_silver": doubled,
            "lost": lost, "missing_examples": sorted(set(ids) - in_silver)[:5]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=int(os.environ.get("COMPOSE_TEST_EVENTS", "4000")))
    parser.add_argument("--report", required=True)
    args = parser.parse_args()
    platform = ComposePlatform(read_env(os.environ["COMPOSE_ENV_FILE"]))
    report = {"build_seconds": int(os.environ.get("COMPOSE_BUILD_SECONDS", 0)),
              "up_seconds": int(os.environ.get("COMPOSE_UP_SECONDS", 0))}
    try:
        healthy = check_containers(platform)
        report["healthy_containers"] = healthy
        step(f"{len(healthy)} containers healthy; one-shots exited 0; every port published on 127.0.0.1 only")
        check_ready(platform)
        step("/ready is 200 on all six services, every dependency check ok")
        report["seed"] = check_seeded_gold(platform)
        step(f"seeded events in gold: dashboard total plays = gold = {report['seed']['gold_plays']}; recommendations answer")
        run_tag = f"compose{uuid.uuid4().hex[:8]}"
        events = fresh_events(platform, args.events, run_tag)
        step(f"sending {len(events)} fresh events (plays, skips, likes) to ingest-service")
        report["kill"] = send_with_a_kill(platform, events, platform.env["INGEST_TOKEN"])
        report["dags"] = run_the_dags(platform)
        report.update(reconcile(platform, events))
        check_ready(platform)
        report["healthy_containers_at_end"] = check_containers(platform)
    except (Failure, psycopg2.Error, requests.RequestException, subprocess.CalledProcessError) as failure:
        report["failure"] = f"{type(failure).__name__}: {failure}"
        print(f"[compose-test] FAILED: {failure}", file=sys.stderr, flush=True)
    with open(args.report, "w") as f:
        json.dump(report, f, indent=2, sort_keys=True, default=str)
    if "failure" in report:
        return 1
    if report["lost"] or report["doubled_in_silver"] or report["in_bronze"] != report["sent"]:
        print(f"[compose-test] FAILED: {report['lost']} lost, {report['doubled_in_silver']} doubled in silver, "
              f"{report['in_bronze']} of {report['sent']} in bronze (e.g. {report['missing_examples']})", file=sys.stderr)
        return 1
    print(f"compose: {len(report['healthy_containers_at_end'])} containers healthy, {report['sent']} events sent, "
          f"{report['in_silver']} events in silver, {report['lost']} lost")
    return 0


if __name__ == "__main__":
    sys.exit(main())
