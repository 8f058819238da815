"""lake-writer and the lake: flushing until what Kafka held is written, and checking that the
files lake-writer reports really are in the lake (LAKE_URI)."""
import os
import re
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit


class UnsupportedLake(ValueError):
    """LAKE_URI names a scheme the platform does not use."""


# part-<topic>-<partition>-<first offset>-<last offset>.parquet, in its hour's folder.
ROLL = re.compile(r"^(?P<folder>.*/)?part-(?P<topic>.+)-(?P<partition>\d+)-(?P<first>\d+)-(?P<last>\d+)\.parquet$")


def missing_lake_files(keys: list[str], lake_uri: str) -> list[str]:
    """The keys (relative to LAKE_URI, as lake-writer reports them) that are not in the lake.

    A roll that compaction has since rewritten into its hour's file counts as present: a file of
    the same topic and partition in the same folder whose offset range covers the roll's holds
    its records (bronze's exactly-once rests on offsets, not names)."""
    location = urlsplit(lake_uri)
    if location.scheme == "file":
        root = Path(unquote(location.path))
        absent = [key for key in keys if not (root / key).is_file()]
        list_folder = lambda folder: [p.name for p in (root / folder).glob("*.parquet")] if (root / folder).is_dir() else []  # noqa: E731
    elif location.scheme == "s3":
        bucket, prefix = location.netloc, location.path.strip("/")
        absent = _missing_s3_objects(keys, bucket=bucket, prefix=prefix)
        list_folder = lambda folder: _s3_names(bucket, f"{prefix}/{folder}" if prefix else folder)  # noqa: E731
    else:
        raise UnsupportedLake(f"LAKE_URI must be s3://bucket/prefix or file:///path, not {lake_uri!r}")
    folders = {}
    return [key for key in absent if not _compacted(key, folders, list_folder)]


def _compacted(key, folders, list_folder) -> bool:
    roll = ROLL.match(key)
    if not roll:
        return False
    folder = roll["folder"] or ""
    if folder not in folders:
        folders[folder] = list_folder(folder)
    for name in folders[folder]:
        other = ROLL.match(name)
        if (other and other["topic"] == roll["topic"] and other["partition"] == roll["partition"]
                and int(other["first"]) <= int(roll["first"]) and int(other["last"]) >= int(roll["last"])):
            return True
    return False


def _s3_names(bucket: str, folder: str) -> list[str]:
    import boto3

    client = boto3.client("s3", endpoint_url=os.environ.get("S3_ENDPOINT") or None,
                          region_name=os.environ.get("S3_REGION") or None)
    names = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=folder):
        names += [item["Key"].rsplit("/", 1)[-1] for item in page.get("Contents", [])]
    return names


def _missing_s3_objects(keys: list[str], bucket: str, prefix: str) -> list[str]:
    # boto3 is only needed for an S3 lake (the Docker Compose stack's MinIO).
    import boto3
    from botocore.exceptions import ClientError

    client = boto3.client("s3", endpoint_url=os.environ.get("S3_ENDPOINT") or None,
                          region_name=os.environ.get("S3_REGION") or None)
    missing = []
    for key in keys:
        object_key = f"{prefix}/{key}" if prefix else key
        try:
            client.head_object(Bucket=bucket, Key=object_key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") not in ("404", "NoSuchKey", "NotFound"):
                raise
            missing.append(key)
    return missing


class LakeWriterNotCaughtUp(RuntimeError):
    """lake-writer did not reach the offsets Kafka held when the task started, within the bound."""


def assigned_status(call, *, timeout: float = 120, pause: float = 2, clock=time.monotonic, sleep=time.sleep) -> dict:
    """lake-writer's `/status` once it holds partitions whose high watermarks it knows.

    Right after lake-writer (re)starts, its consumer group is still rebalancing: `/status` lists no
    partitions, and a flush then would write nothing although Kafka holds events. Wait for the
    assignment instead of mistaking it for an empty topic."""
    deadline = clock() + timeout
    while True:
        status = call("GET", "/status")
        partitions = status.get("partitions") or []
        if partitions and all(p.get("high_watermark") is not None for p in partitions):
            return status
        if clock() >= deadline:
            raise LakeWriterNotCaughtUp(
                f"lake-writer holds no partitions with known high watermarks after {timeout:.0f} s "
                f"(its consumer group may still be rebalancing): {partitions[:3]}")
        sleep(pause)


def flush_until_caught_up(call, *, timeout: float = 240, pause: float = 2, clock=time.monotonic, sleep=time.sleep) -> list[dict]:
    """Flushes lake-writer until every record Kafka held when this started is committed to the lake.

    `call(method, path)` is one request to lake-writer. A single `/flush` writes only what
    lake-writer has consumed so far; records still on their way (after a restart, or in a burst)
    would wait for the next run. Returns every file written."""
    deadline = clock() + timeout
    start = assigned_status(call, timeout=timeout, pause=pause, clock=clock, sleep=sleep)
    target = {(p["topic"], p["partition"]): p["high_watermark"] for p in start["partitions"]}
    files: list[dict] = []
    while True:
        files += call("POST", "/flush")["files"]
        committed = {(p["topic"], p["partition"]): p.get("committed_offset") or 0
                     for p in call("GET", "/status").get("partitions") or []}
        behind = {f"{topic}[{partition}]": high - committed.get((topic, partition), 0)
                  for (topic, partition), high in target.items() if committed.get((topic, partition), 0) < high}
        if not behind:
            return files
        if clock() >= deadline:
            raise LakeWriterNotCaughtUp(f"after {timeout:.0f} s lake-writer is still behind the offsets Kafka held "
                                        f"when the flush began: {dict(list(behind.items())[:6])}")
        sleep(pause)
