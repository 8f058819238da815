"""deploy/stack's long phases say how long they take: `phase` (deploy/lib/common.sh) prints a
line every STACK_PROGRESS_SECONDS while a step runs and "done in N s" after it, keeps the step's
exit status, and leaves no ticker behind."""
import re
import subprocess
import time

from platform_sources import REPO_ROOT


def run_bash(script):
    return subprocess.run(["bash", "-c", f'source "{REPO_ROOT}/deploy/lib/common.sh"; {script}'],
                          capture_output=True, text=True, timeout=60)


def test_a_slow_phase_reports_while_it_runs_and_when_done():
    started = time.monotonic()
    result = run_bash('STACK_PROGRESS_SECONDS=1 phase "slow step" sleep 3.5; echo "status=$?"')
    assert "status=0" in result.stdout
    lines = [line for line in result.stderr.splitlines() if "slow step" in line]
    so_far = [line for line in lines if "s so far" in line]
    assert len(so_far) >= 2, result.stderr
    assert re.search(r"slow step: done in [3-9] s$", lines[-1]), lines
    assert time.monotonic() - started < 10
    assert "\x1b" not in result.stderr, "plain lines when stderr is not a terminal"


def test_a_failing_phase_keeps_its_status_and_says_no_done():
    result = run_bash('STACK_PROGRESS_SECONDS=1 phase "broken step" bash -c "exit 3"; echo "status=$?"')
    assert "status=3" in result.stdout
    assert "broken step: done" not in result.stderr


def test_variables_set_by_a_phase_stay_and_no_ticker_survives():
    result = run_bash('set_it() { RESULT=kept; }; STACK_PROGRESS_SECONDS=1 phase "assign" set_it; echo "RESULT=$RESULT"; '
                      'sleep 2.2; jobs -p | wc -l')
    assert "RESULT=kept" in result.stdout
    assert result.stdout.strip().splitlines()[-1].strip() == "0", result.stdout
    assert "assign: 1 s so far" not in result.stderr and "assign: 2 s so far" not in result.stderr
