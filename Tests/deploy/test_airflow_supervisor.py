"""deploy/lib/airflow-supervisor.sh brings back an Airflow component that exits, and one that
announced its shutdown but hangs (the scheduler after a PostgreSQL crash: "Shutting down
LocalExecutor; waiting for running tasks to finish", then waiting forever), killing its workers
with it. Run with a fake `airflow` that records each start."""
import os
import signal
import subprocess
import textwrap
import time

from platform_sources import REPO_ROOT

SUPERVISOR = os.path.join(REPO_ROOT, "deploy", "lib", "airflow-supervisor.sh")

# scheduler: the first start forks a worker, announces its shutdown and then ignores TERM (only
# KILL ends it); later starts run quietly. dag-processor: exits at once on its first start.
# The others run quietly.
FAKE_AIRFLOW = textwrap.dedent("""\
    #!/usr/bin/env bash
    name="$1"; dir="$FAKE_DIR"
    echo "$$" >> "$dir/$name.starts"
    starts=$(wc -l < "$dir/$name.starts")
    if [ "$name" = scheduler ] && [ "$starts" -eq 1 ]; then
        sleep 1000 & echo "$!" > "$dir/worker.pid"
        trap '' TERM
        echo "[info] Shutting down LocalExecutor; waiting for running tasks to finish.  Signal again if you don't want to wait."
        while true; do sleep 0.2; done
    fi
    if [ "$name" = dag-processor ] && [ "$starts" -eq 1 ]; then echo "cannot reach the database"; exit 1; fi
    echo "$name running"
    exec sleep 1000
""")


def starts(directory, name):
    path = os.path.join(directory, f"{name}.starts")
    return open(path).read().split() if os.path.exists(path) else []


def alive(pid):
    try:
        os.kill(int(pid), 0)
        return True
    except ProcessLookupError:
        return False


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_a_hung_shutdown_and_an_exit_are_both_restarted(tmp_path):
    fake = tmp_path / "airflow"
    fake.write_text(FAKE_AIRFLOW)
    fake.chmod(0o755)
    log = open(tmp_path / "supervisor.log", "w")
    environment = dict(os.environ, FAKE_DIR=str(tmp_path), AIRFLOW_HOME=str(tmp_path / "home"),
                       AIRFLOW_SUPERVISOR_EXIT_GRACE_SECONDS="2")
    supervisor = subprocess.Popen([SUPERVISOR, str(fake)], env=environment, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        # The hung scheduler: TERM is ignored, so it takes grace (2 s) + 10 s to KILL + the 5 s
        # pause after a short run.
        assert wait_for(lambda: len(starts(tmp_path, "scheduler")) >= 2, 30), open(tmp_path / "supervisor.log").read()
        first_scheduler = starts(tmp_path, "scheduler")[0]
        assert not alive(first_scheduler)
        assert not alive(open(tmp_path / "worker.pid").read().strip()), "the hung scheduler's worker was left behind"
        assert len(starts(tmp_path, "dag-processor")) >= 2
        # Components that run quietly are left alone, and the restarted ones stay up.
        time.sleep(3)
        assert len(starts(tmp_path, "api-server")) == 1 and len(starts(tmp_path, "triggerer")) == 1
        assert len(starts(tmp_path, "scheduler")) == 2 and len(starts(tmp_path, "dag-processor")) == 2
        text = open(tmp_path / "supervisor.log").read()
        assert "scheduler | [info] Shutting down LocalExecutor" in text
        assert "supervisor | scheduler announced its shutdown 2 s ago and is still running" in text
        assert "supervisor | dag-processor exited with status 1; restarting in 5 s" in text
        assert "supervisor | api-server" not in text
    finally:
        os.killpg(supervisor.pid, signal.SIGTERM)
        supervisor.wait(timeout=10)
    # One TERM to the group stops every component (what `deploy/stack down` sends).
    running = [pid for name in ("api-server", "scheduler", "dag-processor", "triggerer")
               for pid in starts(tmp_path, name)[-1:]]
    assert wait_for(lambda: not any(alive(pid) for pid in running), 5), running
