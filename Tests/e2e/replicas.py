#!/usr/bin/env python3
"""More than one of each (issue #19): the pipeline with 3 lake-writers in one consumer group, 2
ingest-services taking the clients' batches in turn and 2 warehouse-loaders, against the running
stack. The stack's own instance of each is the first replica; the others are started here with
the same binary and environment on ports of their own. Mid-run one lake-writer and one loader are
killed (SIGKILL, not restarted): Kafka gives the lake-writer's partitions to the others, and the
surviving loader loads what is left.

Checked afterwards (the report's `ok`):
- the partitions were spread over the three lake-writers (each held some, none held by two, all
  held), and the two survivors hold all of them after the kill;
- nothing lost: every accepted event in bronze, every valid play in silver;
- bronze exactly once per Kafka record (no (partition, offset) twice in any bronze table), while
  both loaders loaded files concurrently (each loaded some; they coordinate through PostgreSQL:
  a transaction-level advisory lock per file, and the (partition, offset) unique index);
- silver exactly once per event, gold totals equal silver.

    eval "$(deploy/stack env)"; $STACK_PYTHON Tests/e2e/replicas.py [--events 200000]
    (inside `deploy/stack test` through test_replicas.py; report: logs/replicas.json)

`--scaling` instead measures how fast 1, 2 and 3 lake-writers (one consumer group each, a new
one per count, a lake of their own) drain what the stack's topics hold: report
logs/replicas-scaling.json.
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stack_client import BRONZE_TABLES, Stack, StackError, reconcile, write_report  # noqa: E402
from traffic import simulate  # noqa: E402

REPLICAS = {"lake-writer": 3, "ingest-service": 2, "warehouse-loader": 2}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Replica:
    """One more process of a service, started as deploy/stack starts it (same binary and
    environment, the stack's variables), on a port of its own, logged to logs/<name>.log."""

    def __init__(self, stack, service, name, extra_env=None):
        self.stack, self.service, self.name, self.port = stack, service, name, free_port()
        env = dict(os.environ, PORT=str(self.port), **(extra_env or {}))
        self.log = open(os.path.join(stack.dir, "logs", f"{name}.log"), "ab")
        self.process = subprocess.Popen([os.path.join(stack.bin_dir, service)], env=env, stdout=self.log,
                                        stderr=self.log, stdin=subprocess.DEVNULL, start_new_session=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def alive(self):
        return self.process.poll() is None

    def cpu_seconds(self):
        """User + system CPU time the process has used so far (/proc/<pid>/stat, clock ticks)."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()


class Instance:
    """A replica seen over HTTP: the stack's own (by port) or one started here."""

    def __init__(self, stack, service, url, replica=None):
        self.stack, self.service, self.url, self.replica = stack, service, url, replica
        self.name = replica.name if replica else service

    def get(self, path, timeout=10):
        return self.stack.http.get(self.url + path, timeout=timeout)

    def post_admin(self, path, timeout=600):
        response = self.stack.http.post(self.url + path, json={}, headers=self.stack.admin(), timeout=timeout)
        if response.status_code >= 300:
            raise StackError(f"POST {self.name}{path} answered {response.status_code}: {response.text[:300]}")
        return response.json()

    def ready(self):
        try:
            return self.get("/ready", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def partitions(self):
        return {(p["topic"], p["partition"]) for p in self.get("/status").json()["partitions"]}

    def behind(self):
        return self.get("/status").json()["behind"]

    def metric(self, name):
        """The sum of the metric's samples (over all its labels)."""
        total = 0.0
        for line in self.get("/metrics", timeout=5).text.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0].split("{")[0] == name:
                total += float(parts[1])
        return total


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except (requests.RequestException, KeyError, ValueError):
            pass
        time.sleep(0.5)
    raise StackError(f"not within {timeout:.0f} s: {what}")


def start_replicas(stack, replicas, extra_env=None):
    instances = {}
    for service, count in REPLICAS.items():
        own = Instance(stack, service, f"http://127.0.0.1:{stack.ports[service]}")
        instances[service] = [own]
        for index in range(2, count + 1):
            replica = Replica(stack, service, f"{service}-replica-{index}", extra_env)
            replicas.append(replica)
            instances[service].append(Instance(stack, service, replica.url, replica))
    for instance in (i for group in instances.values() for i in group):
        wait_for(instance.ready, 120, f"{instance.name} ready")
    return instances


def spread(writers, all_partitions):
    """{writer: partition count} once the writers hold every partition, none twice; else None."""
    held = {w.name: w.partitions() for w in writers}
    union = set().union(*held.values())
    if union != all_partitions or sum(len(p) for p in held.values()) != len(all_partitions):
        return None
    return {name: len(p) for name, p in held.items()}


class Sender(threading.Thread):
    """Posts NDJSON batches to the ingest-services in turn (batch i to instance i mod n), from
    several threads, each batch retried whole on a 5xx or a broken connection, as a careful client
    behind a round-robin balancer would."""

    def __init__(self, stack, ingests, batches, progress, start, seconds_per_batch):
        super().__init__(daemon=True)
        self.stack, self.ingests, self.batches, self.progress = stack, ingests, batches, progress
        self.start_at, self.seconds_per_batch = start, seconds_per_batch
        self.accepted = self.rejected = self.retried = 0
        self.error = None

    def run(self):
        try:
            for index, lines in self.batches:
                # A steady pace, so that the kills fall in the middle of the traffic.
                time.sleep(max(0.0, self.start_at + index * self.seconds_per_batch - time.monotonic()))
                turn = [self.ingests[(index + k) % len(self.ingests)].url for k in range(len(self.ingests))]
                result = self.stack.post_events(lines, retry_for=300.0, instances=turn)
                self.accepted += result.get("accepted", 0)
                self.rejected += result.get("rejected", 0)
                self.retried += result["attempts"] - 1
                self.progress()
        except Exception as error:  # noqa: BLE001 - reported by the caller
            self.error = error


def all_topic_partitions(stack):
    """Every (topic, partition) lake-writer consumes, read from the stack's lake-writer while it is
    the group's only member: asked during a rebalance it holds none, and the set would be empty."""
    count = int(os.environ.get("KAFKA_TOPIC_PARTITIONS") or os.environ.get("STACK_KAFKA_PARTITIONS") or 6)
    topics = set()

    def known():
        topics.update(p["topic"] for p in stack.get("lake-writer", "/status").json()["partitions"])
        return bool(topics)
    wait_for(known, 60, "the stack's lake-writer holding partitions")
    return {(t, p) for t in topics for p in range(count)}


def run(events, log=print, traffic_seconds=60.0):
    stack = Stack()
    stack.wait_ready()
    started = time.monotonic()
    replicas = []
    try:
        all_partitions = all_topic_partitions(stack)
        instances = start_replicas(stack, replicas)
        writers, ingests, loaders = instances["lake-writer"], instances["ingest-service"], instances["warehouse-loader"]
        assignment = {}

        def three_way():
            nonlocal assignment
            assignment = spread(writers, all_partitions)
            return assignment is not None and all(n > 0 for n in assignment.values())
        wait_for(three_way, 120, f"the {len(all_partitions)} partitions spread over the three lake-writers")
        log(f"partitions per lake-writer: {assignment}")
        phases = {"replicas_started_and_spread": round(time.monotonic() - started, 1)}

        run_tag = f"replicas{int(time.time()) % 100000}"
        traffic = simulate(stack.bin_dir, events, users=max(100, events // 250), seed=int(time.time()), run_tag=run_tag)
        batches = [(i, traffic.lines[start:start + 1000]) for i, start in enumerate(range(0, len(traffic.lines), 1000))]
        sent = [0]
        lock = threading.Lock()
        milestones = {"concurrent loads at": 0.3, "lake-writer killed at": 0.45, "loader killed at": 0.6}
        reached = threading.Event()
        events_at = {}

        def progress():
            with lock:
                sent[0] += 1
                share = sent[0] / len(batches)
                for name, at in milestones.items():
                    if name not in events_at and share >= at:
                        events_at[name] = share
                        reached.set()

        start = time.monotonic()
        senders = [Sender(stack, ingests, batches[k::4], progress, start, traffic_seconds / len(batches)) for k in range(4)]
        for sender in senders:
            sender.start()
        victim_writer, victim_loader = writers[2], loaders[1]
        done = set()
        concurrent_loads = []
        victim_loader_counts = {}
        while any(s.is_alive() for s in senders):
            reached.wait(timeout=0.5)
            reached.clear()
            with lock:
                due = [name for name in events_at if name not in done]
            for name in due:
                done.add(name)
                if name == "lake-writer killed at":
                    victim_writer.replica.kill()
                elif name == "loader killed at":
                    victim_loader_counts = loader_counts(victim_loader)
                    victim_loader.replica.kill()
                else:
                    # The lake-writers write what they hold, and both loaders are asked to load
                    # at the same moment (besides their own polling every few seconds).
                    for writer in writers:
                        writer.post_admin("/flush")
                    results = [None, None]

                    def load(k, loader):
                        results[k] = loader.post_admin("/load")
                    threads = [threading.Thread(target=load, args=(k, loader)) for k, loader in enumerate(loaders)]
                    for t in threads:
                        t.start()
                    for t in threads:
                        t.join()
                    concurrent_loads = results
        for sender in senders:
            sender.join()
            if sender.error:
                raise sender.error
        if done != set(milestones):
            raise StackError(f"the traffic ended before {sorted(set(milestones) - done)}: the kills must fall inside it")
        phases["traffic"] = round(time.monotonic() - start, 1)
        accepted = sum(s.accepted for s in senders)
        rejected = sum(s.rejected for s in senders)
        log(f"traffic sent: {accepted} accepted, {rejected} rejected, {sum(s.retried for s in senders)} batches re-sent; "
            f"{', '.join(f'{k} {v:.0%}' for k, v in events_at.items())}")

        survivors = writers[:2]

        def survivors_hold_everything():
            return spread(survivors, all_partitions) is not None and all(w.behind() == 0 for w in survivors)
        wait_for(survivors_hold_everything, 300, "the two surviving lake-writers holding every partition, caught up")
        after_kill = spread(survivors, all_partitions)
        phases["survivors_caught_up"] = round(time.monotonic() - start - phases["traffic"], 1)
        checked = time.monotonic()
        for writer in survivors:
            writer.post_admin("/flush")
        loaders[0].post_admin("/load")
        doubled_records = sum(stack.scalar(
            f"SELECT count(*) - count(DISTINCT (_kafka_partition, _kafka_offset)) FROM bronze.{table} WHERE user_id LIKE %s",
            (run_tag + "_%",)) for table in BRONZE_TABLES.values())
        by_loader = {loaders[0].name: loader_counts(loaders[0]), victim_loader.name: victim_loader_counts}
        failed_files = stack.scalar("SELECT count(*) FROM bronze.load_history WHERE status = 'failed' AND updated_at > now() - %s::interval",
                                    (f"{int(time.monotonic() - started) + 60} seconds",))
        report = {
            "events_sent": len(traffic.lines), "accepted": accepted, "rejected": rejected,
            "replicas": REPLICAS,
            "partitions_per_lake_writer": assignment,
            "partitions_per_lake_writer_after_kill": after_kill,
            "killed": {"lake-writer": victim_writer.name, "warehouse-loader": victim_loader.name},
            "kill_points": events_at,
            # Files each loader loaded and failed (the killed one's as of its kill): both loaded,
            # and neither failed a file because the other held it.
            "files_by_loader": by_loader,
            "files_failed_in_load_history": failed_files,
            "concurrent_load_reports": [summarize_load(r) for r in concurrent_loads],
            "records_twice_in_bronze": doubled_records,
            **reconcile(stack, traffic, run_tag),
            "seconds": round(time.monotonic() - started, 1),
            "seconds_by_phase": dict(phases, checks=round(time.monotonic() - checked, 1)),
        }
        report["events_lost"] = report["missing_in_bronze"] + report["missing_in_silver"]
        report["ok"] = (report["events_lost"] == 0 and report["records_twice_in_bronze"] == 0
                        and failed_files == 0 and all(c["failed"] == 0 for c in by_loader.values())
                        and all(c["loaded"] > 0 for c in by_loader.values())
                        and report["unexpected_in_silver"] == 0 and report["silver_rows_with_copies"] == 0
                        and report["gold_equals_silver"] and accepted + rejected == len(traffic.lines)
                        and assignment is not None and len(assignment) == 3 and all(n > 0 for n in assignment.values())
                        and after_kill is not None and len(after_kill) == 2)
        path = write_report(stack, "replicas", report)
        log(json.dumps(report, indent=2))
        log(f"report: {path}")
        return report
    finally:
        for replica in replicas:
            replica.stop()


def loader_counts(loader):
    return {"loaded": loader.metric("warehouse_loader_files_loaded_total"),
            "failed": loader.metric("warehouse_loader_files_failed_total")}


def summarize_load(report):
    if not report:
        return None
    return {k: (len(v) if isinstance(v, list) else v) for k, v in report.items()
            if k in ("files_loaded", "rows_loaded", "failures", "skipped", "seconds")}


def scaling(counts=(1, 2, 3), repeat=3, log=print):
    """events/s for 1, 2 and 3 lake-writers draining what the stack's topics hold into files
    (consumed, written, committed): the counts in turn, `repeat` rounds, medians per count (a
    shared 2-core machine is noisy)."""
    stack = Stack()
    stack.wait_ready()
    all_partitions = all_topic_partitions(stack)
    results = []
    for count in [c for _ in range(repeat) for c in counts]:
        lake = tempfile.mkdtemp(prefix=f"replicas-scaling-{count}-", dir=stack.dir)
        group = f"scaling-{count}-{int(time.time())}"
        replicas = []
        try:
            started = time.monotonic()
            for index in range(count):
                replicas.append(Replica(stack, "lake-writer", f"lake-writer-scaling-{count}-{index + 1}",
                                        {"LAKE_WRITER_GROUP_ID": group, "LAKE_URI": f"file://{lake}"}))
            writers = [Instance(stack, "lake-writer", r.url, r) for r in replicas]
            assigned_at = [None]

            def drained():
                held = spread(writers, all_partitions)
                if held is not None and assigned_at[0] is None and all(n > 0 for n in held.values()):
                    assigned_at[0] = time.monotonic()
                statuses = [w.get("/status").json() for w in writers]
                return held is not None and all(s["behind"] == 0 for s in statuses)
            wait_for(drained, 900, f"{count} lake-writer(s) caught up")
            # Caught up means consumed into buffers; the drain ends when every record is in a
            # file and committed: a forced flush writes what the buffers still hold (with three
            # writers' budgets a backlog may fit in memory and nothing would be written yet).
            for writer in writers:
                writer.post_admin("/flush")
            finished = time.monotonic()
            cpu = sum(r.cpu_seconds() for r in replicas)
            statuses = [w.get("/status").json() for w in writers]
            records = sum(p["high_watermark"] for s in statuses for p in s["partitions"])
            seconds = finished - started
            results.append({"lake_writers": count, "records": records, "seconds_from_start": round(seconds, 1),
                            "events_per_s": round(records / seconds),
                            "cpu_seconds": round(cpu, 1), "events_per_cpu_second": round(records / cpu),
                            # rolls written while draining (compactions of settled hours not counted):
                            # many small ones mean the memory budget forced flushes
                            "files_written": round(sum(w.metric("lake_writer_files_written_total") for w in writers)),
                            "compactions": round(sum(w.metric("lake_writer_compactions_total") for w in writers)),
                            "seconds_after_every_writer_held_partitions": round(finished - assigned_at[0], 1)
                            if assigned_at[0] else None})
            log(json.dumps(results[-1]))
        finally:
            for replica in replicas:
                replica.stop()
            subprocess.run(["rm", "-rf", lake], check=False)
    medians = {}
    for count in counts:
        rates = sorted(r["events_per_s"] for r in results if r["lake_writers"] == count)
        medians[count] = rates[len(rates) // 2]
    def median_of(count, key):
        values = sorted(r[key] for r in results if r["lake_writers"] == count)
        return values[len(values) // 2]
    summary = [{"lake_writers": count, "median_events_per_s": medians[count],
                "speed_up_over_one": round(medians[count] / medians[counts[0]], 2),
                "median_events_per_cpu_second": median_of(count, "events_per_cpu_second")} for count in counts]
    log(json.dumps(summary))
    # The aim: a second lake-writer drains the backlog at least 1.5x as fast as one, where the
    # machine has a core for it. One lake-writer already keeps this machine's cores busy (its
    # encoding and writing run on threads of their own), so the aim is stated, not expected here.
    two = next((s for s in summary if s["lake_writers"] == 2), None)
    aim = {"aim": "2 lake-writers drain a backlog >= 1.5x as fast as 1, given a free core each",
           "speed_up_with_2": two and two["speed_up_over_one"],
           "met": bool(two and two["speed_up_over_one"] >= 1.5),
           "cores": os.cpu_count()}
    log(json.dumps(aim))
    report = {"machine_cores": os.cpu_count(), "binaries": stack.bin_dir, "summary": summary, "aim": aim, "runs": results,
              "note": "each run starts its lake-writers in a new consumer group over the same topics; the time "
                      "includes start-up and the group's rebalances, as a user scaling out sees it"}
    path = write_report(stack, "replicas-scaling", report)
    log(f"report: {path}")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--traffic-seconds", type=float, default=60.0, help="how long the traffic lasts (steady pace)")
    parser.add_argument("--scaling", action="store_true", help="measure 1, 2 and 3 lake-writers instead")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of the scaling measurement (medians)")
    args = parser.parse_args()
    if args.scaling:
        scaling(repeat=args.repeat)
        return
    report = run(args.events, traffic_seconds=args.traffic_seconds)
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
