"""The README's charts are drawn from the reports (Tests/stack_bench/report_charts.py): every sample
becomes a point, the layers and services are all there, and a report without its series is an
error rather than an empty picture."""
import importlib.util
import json
import subprocess
import sys

import pytest

from platform_sources import REPO_ROOT

SCRIPT = REPO_ROOT / "Tests" / "stack_bench" / "report_charts.py"
spec = importlib.util.spec_from_file_location("report_charts", SCRIPT)
report_charts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(report_charts)

SOAK = {"minutes": 2.0, "target_rate": 500, "lost": 0, "max_lake_writer_behind": 900,
        "samples": [{"t": t, "lake_writer_behind": t * 3, "rss_mib": {"lake-writer": 100 + t / 10, "ingest-service": 60.0}}
                    for t in range(0, 121, 10)]}
FRESHNESS = {"minutes": 3, "rate": 500, "p95_s_to_gold": 109.0,
             "marker_series": [{"t": 5 * i, "bronze": 30 + i, "silver": 60 + i, "gold": 80 + i} for i in range(12)]
             + [{"t": 60, "bronze": 31}]}


def test_soak_charts_have_every_service_and_sample():
    rss, lag = report_charts.soak_charts(SOAK)
    assert rss.count("<polyline") == 2 and "lake-writer" in rss and "ingest-service" in rss
    assert rss.count(",") >= 2 * len(SOAK["samples"])
    assert "records behind" in lag and lag.count("<polyline") == 1


def test_freshness_chart_has_a_point_per_marker_and_layer():
    svg = report_charts.freshness_chart(FRESHNESS)
    assert svg.count("<circle") == 12 * 3 + 1
    for layer in ("bronze", "silver", "gold"):
        assert f">{layer}</text>" in svg


def test_reports_without_series_are_refused(tmp_path):
    with pytest.raises(SystemExit):
        report_charts.freshness_chart({"minutes": 3, "rate": 500})
    with pytest.raises(SystemExit):
        report_charts.soak_charts({"minutes": 30, "target_rate": 2000})


def test_the_command_writes_the_three_files(tmp_path):
    (tmp_path / "soak.json").write_text(json.dumps(SOAK))
    (tmp_path / "fresh.json").write_text(json.dumps(FRESHNESS))
    result = subprocess.run([sys.executable, str(SCRIPT), "--soak", str(tmp_path / "soak.json"),
                             "--freshness", str(tmp_path / "fresh.json"), "--out", str(tmp_path / "charts")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for name in ("soak-rss.svg", "soak-backlog.svg", "freshness.svg"):
        assert (tmp_path / "charts" / name).read_text().startswith("<svg")
