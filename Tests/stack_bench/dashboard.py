#!/usr/bin/env python3
"""dashboard benchmark (issue #10 "Measure"): server time per page and full load time in headless
Chromium, against whatever warehouse BENCH_POSTGRES_URL names (e.g. a 1,000,000-event one).

    eval "$(deploy/stack env)"
    BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5433/spotify_data $STACK_PYTHON Tests/stack_bench/dashboard.py

It starts its own dashboard (release build unless DASHBOARD_BIN is given) on a free port, reads the
warehouse only, and measures in the same run:
  - every page, unfiltered and with the filters people use (a near-full date range, the last
    week, a device, a user): --requests sequential requests after warm-up, p50/p95/max in ms;
  - the service's own /health the same way, as the reference (HTTP and process overhead);
  - each unfiltered page in headless Chromium (`--dump-dom`, median of --browser-runs) next to
    the same browser loading about:blank: the difference is the page's full load time.
RECOMMENDER_URL (default: the stack's recommender-api) feeds the Recommendations page.
"""
import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(url, sql):
    out = subprocess.run(["psql", url, "-XAtq", "-c", sql], check=True, capture_output=True, text=True).stdout
    return out.strip()


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def time_requests(port, path, count, warmup=3):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    samples = []
    for i in range(warmup + count):
        start = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}: {body[:300]!r}")
        if i >= warmup:
            samples.append(elapsed)
    conn.close()
    return samples


def chromium_load(url, runs):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        return None
    times = []
    with tempfile.TemporaryDirectory() as profile:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                            "--window-size=1280,900", "--dump-dom", url],
                           check=True, capture_output=True, timeout=120)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page (default 40)")
    parser.add_argument("--browser-runs", type=int, default=3, help="Chromium loads per page (default 3)")
    args = parser.parse_args()

    postgres_url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("POSTGRES_URL")
    if not postgres_url:
        raise SystemExit("set BENCH_POSTGRES_URL or POSTGRES_URL (eval \"$(deploy/stack env)\")")
    binary = os.environ.get("DASHBOARD_BIN")
    if not binary:
        subprocess.run(["swift", "build", "-c", "release", "--product", "dashboard"], cwd=REPO, check=True,
                       stdout=sys.stderr)
        binary = str(REPO / ".build" / "release" / "dashboard")

    events = psql(postgres_url, "select count(*) from silver.silver_plays")
    first, last = psql(postgres_url, "select min(played_at)::date, max(played_at)::date from silver.silver_plays").split("|")
    user = psql(postgres_url, "select user_id from silver.silver_plays group by user_id order by count(*) desc, user_id limit 1")
    device = psql(postgres_url, "select device_type from silver.silver_plays group by 1 order by count(*) desc limit 1")
    week_start = psql(postgres_url, f"select (date '{last}' - 6)::text")

    port = free_port()
    env = dict(os.environ, PORT=str(port), POSTGRES_URL=postgres_url, LOG_LEVEL="warning",
               RECOMMENDER_URL=os.environ.get("RECOMMENDER_URL", "http://127.0.0.1:1"))
    log = tempfile.TemporaryFile()
    service = subprocess.Popen([binary], env=env, stdout=log, stderr=log)
    try:
        deadline = time.time() + 30
        while True:
            try:
                time_requests(port, "/health", 1, warmup=0)
                break
            except (OSError, SystemExit):
                if time.time() > deadline or service.poll() is not None:
                    log.seek(0)
                    raise SystemExit("dashboard did not start:\n" + log.read().decode(errors="replace"))
                time.sleep(0.2)

        pages = [
            ("/health (reference)", "/health"),
            ("Overview", "/"),
            ("Overview, full range", f"/?from={first}&to={last}"),
            ("Overview, last 7 days", f"/?from={week_start}&to={last}"),
            ("Overview, one device", f"/?device={device}"),
            ("Overview, one user", f"/?user={user}"),
            ("Trends", "/trends"),
            ("Trends, full range", f"/trends?from={first}&to={last}"),
            ("Trends, device + user", f"/trends?device={device}&user={user}"),
            ("Top content", "/top"),
            ("Top content, full range", f"/top?from={first}&to={last}"),
            ("Top content, one user", f"/top?user={user}"),
            ("Recommendations", f"/recommendations?user={user}"),
        ]
        print(f"dashboard benchmark: {events} plays in silver ({first} .. {last}), "
              f"{args.requests} sequential requests per page after warm-up")
        print(f"{'page':<28}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
        worst = 0.0
        for name, path in pages:
            samples = time_requests(port, path, args.requests)
            p95 = percentile(samples, 0.95)
            if not path.startswith("/health"):
                worst = max(worst, p95)
            print(f"{name:<28}{statistics.median(samples):>9.1f}{p95:>9.1f}{max(samples):>9.1f}")
        print(f"slowest page p95: {worst:.1f} ms (aim < 200 ms)")

        blank = chromium_load("about:blank", args.browser_runs)
        if blank is None:
            print("Chromium not installed: browser load times skipped")
            return
        print(f"\nheadless Chromium, median of {args.browser_runs} (browser start included in 'total')")
        print(f"{'page':<28}{'total ms':>10}{'page ms':>10}")
        print(f"{'about:blank (reference)':<28}{blank:>10.0f}{0:>10.0f}")
        for name, path in [("Overview", "/"), ("Trends", "/trends"), ("Top content", "/top"),
                           ("Recommendations", f"/recommendations?user={user}")]:
            total = chromium_load(f"http://127.0.0.1:{port}{path}", args.browser_runs)
            print(f"{name:<28}{total:>10.0f}{total - blank:>10.0f}")
    finally:
        service.terminate()
        service.wait(timeout=15)


if __name__ == "__main__":
    main()
