"""The native stack's Airflow comes back by itself when one of its components dies, as a container
with a restart policy does: deploy/lib/airflow-supervisor.sh restarts each component. Checked on
the stack's running Airflow by killing its DAG processor with SIGKILL."""
import json
import os
import signal
import time
import urllib.request

from conftest import require


def health():
    url = f"http://127.0.0.1:{require('AIRFLOW_PORT')}/api/v2/monitor/health"
    with urllib.request.urlopen(url, timeout=5) as answer:
        return json.load(answer)


def component_pids(name, group):
    """Pids of processes in the Airflow process group whose command line is `airflow NAME`."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            if os.getpgid(int(entry)) != group:
                continue
        except (OSError, ProcessLookupError):
            continue
        words = " ".join(a.decode(errors="replace") for a in argv if a).split()
        # `python .../airflow NAME`, or the title Airflow gives itself (`airflow NAME ...`); not
        # the supervisor's bash loops nor the sed that prefixes the component's log lines.
        if words and os.path.basename(words[0]) not in ("bash", "sed") and "airflow" in " ".join(words[:2]) and name in words[1:3]:
            pids.append(int(entry))
    return pids


def test_a_killed_dag_processor_is_restarted_and_airflow_is_healthy_again():
    with open(os.path.join(require("STACK_DIR"), "pids", "airflow.pid")) as f:
        group = int(f.read().strip())
    before = component_pids("dag-processor", group)
    assert before, "no `airflow dag-processor` process in the stack's Airflow process group"
    for pid in before:
        os.kill(pid, signal.SIGKILL)
    killed = time.monotonic()
    deadline = killed + 120
    state = None
    while time.monotonic() < deadline:
        now = component_pids("dag-processor", group)
        try:
            state = health().get("dag_processor", {}).get("status")
        except OSError as error:
            state = f"no answer ({error})"
        if now and not set(now) & set(before) and state == "healthy":
            break
        time.sleep(2)
    else:
        raise AssertionError(f"the DAG processor was not back and healthy within 120 s of SIGKILL (last: {state})")
