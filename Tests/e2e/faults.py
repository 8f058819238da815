#!/usr/bin/env python3
"""The fault suite (issue #13): traffic flows through the whole pipeline while services are killed
with SIGKILL and restarted, and PostgreSQL, Redis, the broker (and the S3 endpoint when the lake is
on S3) are paused (SIGSTOP … SIGCONT, as Confluent's network-chaos tests pause containers) or
really restarted. Afterwards the end-to-end promises must hold — every accepted event in bronze,
each valid play exactly once in silver, gold totals = silver — every service must be ready again
without manual action, and the report states the duplicates in bronze and the time to recover.

    eval "$(deploy/stack env)"; $STACK_PYTHON Tests/e2e/faults.py --mode full     # on demand
    (the quick mode runs inside `deploy/stack test`, through test_with_faults.py)

The broker's memory storage forgets everything on a restart, so a broker *restart* is only part
of the run when the stack's broker runs on its s3:// storage engine (STACK_KAFKA_STORAGE=s3://…);
otherwise the broker is paused, which is what a network partition looks like to its clients.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack_client import SERVICES, Stack, reconcile, write_report  # noqa: E402
from traffic import send, simulate  # noqa: E402

# The README's promise: after any fault, every service answers /ready 200 again within this
# many seconds of the fault's end, with no manual action.
READY_AGAIN_LIMIT_S = 10

# Airflow, when it runs (the data stack, and `deploy/stack test` for this suite), must be healthy
# again too: its supervisor restarts a component that died, and the scheduler and DAG processor
# report in by heartbeat (every 5 s; health allows 30 s), so its bound is looser.
AIRFLOW_HEALTHY_AGAIN_LIMIT_S = 60

# How long the two compaction faults wait for their moment: lake-writer compacts every 30 s once
# rolls of a settled hour exist (the simulated traffic spans two days, so most of its hours are
# settled), and warehouse-loader polls every 10 s.
COMPACTION_WAIT_S = 150

# Which services check each paused dependency on /ready (its `checks` name it): while it is down,
# every one of them must say so there. Redis is an optional check of recommender-api: it answers
# from PostgreSQL without it, so /ready stays 200 with `"redis": "degraded: ..."`. The S3
# endpoint (paused only on an s3:// lake) is left to LakeWriterFaultTests, which asserts
# lake-writer's /ready 503 during an S3 outage.
DEPENDENTS_ON_READY = {
    "postgres": {"warehouse-loader", "recommender-api", "dashboard"},
    "kafka": {"ingest-service", "lake-writer", "recommender-api"},
    "redis": {"recommender-api"},
}

MODES = {
    # events, pause seconds, SIGKILL rounds per service
    "quick": dict(events=20000, pause=10, kill_rounds=1),
    "full": dict(events=100000, pause=30, kill_rounds=3),
}


class Sender(threading.Thread):
    """Sends the traffic in small batches at a steady pace, retrying through outages."""

    def __init__(self, lines, seconds):
        super().__init__(daemon=True)
        self.lines, self.seconds = lines, seconds
        self.accepted = self.rejected = self.retried = 0
        self.error = None

    def run(self):
        stack = Stack()
        batch = 250
        batches = max(1, len(self.lines) // batch)
        pause = self.seconds / batches
        try:
            for start in range(0, len(self.lines), batch):
                accepted, rejected, retried = send(stack, self.lines[start:start + batch], batch=batch)
                self.accepted += accepted
                self.rejected += rejected
                self.retried += retried
                time.sleep(pause)
        except Exception as error:  # reported by the main thread
            self.error = error


class FaultInjector:
    def __init__(self, stack, pause_seconds, log, airflow=False):
        self.stack, self.pause_seconds, self.log, self.airflow = stack, pause_seconds, log, airflow
        self.results = []

    def record(self, fault, started, reported_unready=None, dependency=None, caught_in_the_act=None):
        """Called right after the fault ended: `ready_again_s` is the time from there until every
        service answers /ready 200 (Stack.wait_ready polls them all every 0.25 s), and, when Airflow
        runs, `airflow_healthy_again_s` until its health endpoint reports every component healthy."""
        ended = time.monotonic()
        recovered = self.stack.wait_ready(timeout=180)
        entry = {"fault": fault, "outage_seconds": round(ended - started, 1),
                 "ready_again_s": round(recovered, 1)}
        if self.airflow:
            entry["airflow_healthy_again_s"] = round(recovered + self.stack.wait_airflow_healthy(timeout=300), 1)
        if dependency is not None:
            entry["dependency"] = dependency
        if reported_unready is not None:
            entry["services_reporting_it_on_ready"] = reported_unready
        if caught_in_the_act is not None:
            entry["caught_in_the_act"] = caught_in_the_act
        self.results.append(entry)
        self.log(f"{fault}: every service ready {entry['ready_again_s']} s after it ended"
                 + (f", Airflow healthy {entry['airflow_healthy_again_s']} s" if self.airflow else ""))

    def kill_service(self, name):
        started = time.monotonic()
        self.stack.kill_service(name)
        time.sleep(random.uniform(0.5, 2.0))
        self.stack.start_service(name)
        self.record(f"kill -9 {name}, restart", started)

    def kill_during(self, name, moment, caught, timeout=COMPACTION_WAIT_S):
        """kill -9 `name` as soon as `caught()` holds (polled every 50 ms for up to `timeout` s),
        then restart it. The entry's `caught_in_the_act` says whether the moment came; if it did
        not, the service is killed anyway, at the end of the wait."""
        started = time.monotonic()
        seen = False
        while not seen and time.monotonic() - started < timeout:
            try:
                seen = bool(caught())
            except Exception:  # the service or PostgreSQL is still coming back from the last fault
                seen = False
            if not seen:
                time.sleep(0.05)
        self.stack.kill_service(name)
        killed = time.monotonic()
        time.sleep(random.uniform(0.5, 2.0))
        self.stack.start_service(name)
        self.record(f"kill -9 {name} {moment}, restart", killed, caught_in_the_act=seen)

    def kill_lake_writer_while_compacting(self):
        # lake_writer_compacting is 1 while a pass rewrites settled partition-hours: the kill lands
        # between a compacted file's PUT and its rolls' DELETEs, or in the middle of either.
        self.kill_during("lake-writer", "during a compaction",
                         lambda: self.stack.metric("lake-writer", "lake_writer_compacting") == 1)

    def kill_loader_while_loading_a_compacted_file(self):
        # A file whose records bronze may already hold (a compacted file) is copied into a staging
        # table and merged with ON CONFLICT DO NOTHING: kill the loader inside that transaction.
        self.kill_during("warehouse-loader", "while it loads a compacted file", lambda: self.stack.scalar(
            "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid()"
            " AND query LIKE %s", ("%bronze_load_staging%",)) > 0)

    def pause(self, name, pids, dependency):
        started = time.monotonic()
        self.stack.signal(pids, signal.SIGSTOP)
        try:
            # Half-way through, which services name the paused dependency as failing (or degraded)
            # on /ready?
            time.sleep(self.pause_seconds / 2)
            unready = [service for service in SERVICES
                       if self.stack.ready_checks(service).get(dependency, "ok") != "ok"]
            time.sleep(max(0.0, self.pause_seconds - (time.monotonic() - started)))
        finally:
            self.stack.signal(pids, signal.SIGCONT)
        self.record(f"{name} paused {self.pause_seconds} s", started, reported_unready=unready, dependency=dependency)

    def restart_postgres(self):
        started = time.monotonic()
        data = os.path.join(self.stack.dir, "postgres")
        command = ["/usr/lib/postgresql/15/bin/pg_ctl", "-D", data, "-m", "immediate", "-w", "restart"]
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        self.record("PostgreSQL restarted (immediate: a crash)", started)

    def restart_broker(self):
        """kill -9 the broker and start it again with the same command line and environment:
        only meaningful on s3:// storage (memory storage starts empty)."""
        started = time.monotonic()
        pid = self.stack.pid("kafka")
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = [a.decode() for a in f.read().split(b"\0") if a]
        with open(f"/proc/{pid}/environ", "rb") as f:
            env = dict(item.decode().split("=", 1) for item in f.read().split(b"\0") if b"=" in item)
        self.stack.signal([pid], signal.SIGKILL)
        time.sleep(1)
        log = open(os.path.join(self.stack.dir, "logs", "kafka.log"), "ab")
        proc = subprocess.Popen(argv, env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL, start_new_session=True)
        with open(os.path.join(self.stack.dir, "pids", "kafka.pid"), "w") as f:
            f.write(str(proc.pid))
        self.record("Kafka broker killed and restarted (s3:// storage)", started)

    def restart_redis(self):
        started = time.monotonic()
        port = os.environ["REDIS_URL"].rsplit(":", 1)[1].split("/")[0]
        pid = self.stack.pid("redis")
        self.stack.signal([pid], signal.SIGKILL)
        time.sleep(1)
        subprocess.run(["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                        "--daemonize", "yes", "--pidfile", os.path.join(self.stack.dir, "pids", "redis.pid"),
                        "--logfile", os.path.join(self.stack.dir, "logs", "redis.log"), "--dir", self.stack.dir],
                       check=True)
        self.record("Redis killed and restarted (cache empty)", started)


def unreported_dependency_outages(results):
    """The pause faults during which a service that checks the paused dependency did not name it
    on /ready (S3 is not in DEPENDENTS_ON_READY: see there)."""
    return [f"{f['fault']}: {sorted(DEPENDENTS_ON_READY[f['dependency']] - set(f.get('services_reporting_it_on_ready', [])))}"
            for f in results
            if f.get("dependency") in DEPENDENTS_ON_READY
            and DEPENDENTS_ON_READY[f["dependency"]] - set(f.get("services_reporting_it_on_ready", []))]


def broker_storage_survives_restart(stack):
    try:
        with open(f"/proc/{stack.pid('kafka')}/cmdline", "rb") as f:
            return b"s3://" in f.read()
    except OSError:
        return False


def run(mode, log=print):
    settings = MODES[mode]
    stack = Stack()
    stack.wait_ready()
    airflow = stack.airflow_running()
    if airflow:
        stack.wait_airflow_healthy()
    run_tag = f"fault{int(time.time()) % 100000}"
    traffic = simulate(stack.bin_dir, settings["events"], users=max(100, settings["events"] // 250), seed=int(time.time()), run_tag=run_tag)
    injector = FaultInjector(stack, settings["pause"], log, airflow=airflow)
    schedule = [lambda name=name: injector.kill_service(name) for name in SERVICES] * settings["kill_rounds"]
    schedule += [
        lambda: injector.pause("PostgreSQL", stack.postgres_pids(), "postgres"),
        lambda: injector.pause("Redis", [stack.pid("redis")], "redis"),
        lambda: injector.pause("the Kafka broker", [stack.pid("kafka")], "kafka"),
        injector.restart_postgres,
        injector.restart_redis,
        injector.kill_lake_writer_while_compacting,
        injector.kill_loader_while_loading_a_compacted_file,
    ]
    if broker_storage_survives_restart(stack):
        schedule.append(injector.restart_broker)
    if os.environ.get("LAKE_URI", "").startswith("s3://") and stack.pid("s3"):
        schedule.append(lambda: injector.pause("the S3 endpoint", [stack.pid("s3")], "s3"))
    random.shuffle(schedule)

    sender = Sender(traffic.lines, seconds=len(schedule) * (settings["pause"] / 2 + 4))
    started = time.monotonic()
    sender.start()
    for fault in schedule:
        time.sleep(random.uniform(0.5, 3.0))
        fault()
    sender.join()
    if sender.error:
        raise sender.error
    log(f"traffic sent: {sender.accepted} accepted, {sender.rejected} rejected, {sender.retried} batches re-sent")

    # Afterwards: carry everything through and check the promises.
    stack.wait_ready(timeout=120)
    stack.wait_lake_writer_caught_up(timeout=300)
    stack.flush_and_load()
    report = {
        "mode": mode, "events_sent": len(traffic.lines), "accepted": sender.accepted, "rejected": sender.rejected,
        "batches_re_sent_by_client": sender.retried, "faults": injector.results,
        **reconcile(stack, traffic, run_tag),
        "ready_again_max_s": max(f["ready_again_s"] for f in injector.results),
        # The two compaction faults found their moment (a kill outside it proves less).
        "compaction_faults_caught_in_the_act": all(f["caught_in_the_act"] for f in injector.results if "caught_in_the_act" in f),
        "airflow_checked": airflow,
        "airflow_healthy_again_max_s": max((f["airflow_healthy_again_s"] for f in injector.results), default=None),
        # Paused dependencies with a required /ready check that no dependent service reported.
        "dependency_outages_unreported": unreported_dependency_outages(injector.results),
        "seconds": round(time.monotonic() - started, 1),
    }
    report["events_lost"] = report["missing_in_bronze"] + report["missing_in_silver"]
    report["ok"] = (report["events_lost"] == 0 and report["unexpected_in_silver"] == 0
                    and report["silver_rows_with_copies"] == 0 and report["gold_equals_silver"]
                    and sender.accepted + sender.rejected == len(traffic.lines)
                    and report["ready_again_max_s"] <= READY_AGAIN_LIMIT_S
                    and (not airflow or report["airflow_healthy_again_max_s"] <= AIRFLOW_HEALTHY_AGAIN_LIMIT_S)
                    and not report["dependency_outages_unreported"]
                    and report["compaction_faults_caught_in_the_act"])
    path = write_report(stack, f"faults-{mode}", report)
    log(json.dumps(report, indent=2))
    log(f"report: {path}")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=sorted(MODES), default="full")
    parser.add_argument("--seed", type=int, default=None, help="seed of the fault schedule")
    args = parser.parse_args()
    random.seed(args.seed)
    report = run(args.mode)
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
