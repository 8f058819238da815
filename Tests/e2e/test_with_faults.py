"""The quick part of the fault suite inside `deploy/stack test` (faults.py --mode full on demand).
Named to sort last: pytest runs files in name order, and the faults restart the stack's servers."""
import faults


def test_pipeline_keeps_its_promises_through_kills_pauses_and_restarts(stack):
    report = faults.run("quick")
    assert report["accepted"] + report["rejected"] == report["events_sent"]
    assert report["missing_in_bronze"] == 0, "an accepted event never reached bronze"
    assert report["missing_in_silver"] == 0 and report["unexpected_in_silver"] == 0
    assert report["silver_rows_with_copies"] == 0, "silver must hold each event once"
    assert report["gold_equals_silver"]
    assert len(report["faults"]) >= 11
    assert report["ok"]
