"""More than one of each (issue #19): 3 lake-writers in one group, 2 ingest-services, 2 loaders,
one lake-writer and one loader killed mid-run (Tests/e2e/replicas.py says what is checked)."""
import os

import replicas


def test_replicas_share_the_work_and_lose_nothing_when_one_of_each_dies():
    report = replicas.run(int(os.environ.get("REPLICAS_EVENTS", "200000")),
                          traffic_seconds=float(os.environ.get("REPLICAS_TRAFFIC_SECONDS", "60")))
    spread = report["partitions_per_lake_writer"]
    assert spread and len(spread) == 3 and all(n > 0 for n in spread.values()), spread
    assert report["partitions_per_lake_writer_after_kill"] and len(report["partitions_per_lake_writer_after_kill"]) == 2
    assert report["missing_in_bronze"] == 0 and report["missing_in_silver"] == 0, report
    assert report["records_twice_in_bronze"] == 0
    assert report["files_failed_in_load_history"] == 0, report["files_by_loader"]
    assert all(counts["failed"] == 0 for counts in report["files_by_loader"].values()), report["files_by_loader"]
    # both loaders took part (the killed one as of its kill), not one loading while the other idled
    assert all(counts["loaded"] > 0 for counts in report["files_by_loader"].values()), report["files_by_loader"]
    assert report["unexpected_in_silver"] == 0 and report["silver_rows_with_copies"] == 0
    assert report["gold_equals_silver"]
    assert report["accepted"] + report["rejected"] == report["events_sent"]
    assert report["ok"]
