"""Checks that files lake-writer reports as written really are in the lake (LAKE_URI)."""
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit


class UnsupportedLake(ValueError):
    """LAKE_URI names a scheme the platform does not use."""


def missing_lake_files(keys: list[str], lake_uri: str) -> list[str]:
    """The keys (relative to LAKE_URI, as lake-writer reports them) that are not in the lake."""
    location = urlsplit(lake_uri)
    if location.scheme == "file":
        root = Path(unquote(location.path))
        return [key for key in keys if not (root / key).is_file()]
    if location.scheme == "s3":
        return _missing_s3_objects(keys, bucket=location.netloc, prefix=location.path.strip("/"))
    raise UnsupportedLake(f"LAKE_URI must be s3://bucket/prefix or file:///path, not {lake_uri!r}")


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
