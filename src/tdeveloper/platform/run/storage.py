"""Where run artifacts live: a local folder (`data_dir/artifacts/<tenant_id>/<run_id>.zip`,
the default) or an S3-compatible bucket (`<prefix><tenant_id>/<run_id>.zip`).

Both name parts are UUIDs the platform made, never names a client chose, so a name can
not leave its folder or prefix. A local write goes to a temporary file first and is
renamed into place, and an S3 PUT appears whole or not at all, so a reader never sees
half an archive. A download streams: an archive is never held whole in memory."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from tdeveloper.platform.kit.settings import Settings

__all__ = ["ArtifactStore", "LocalStore", "S3Store", "Stream", "make_store"]

CHUNK = 64 * 1024
_DELETE_BATCH = 1000  # the most keys one DeleteObjects request takes


@dataclass(frozen=True)
class Stream:
    """An archive read piece by piece: its size in bytes and its chunks (read once)."""

    size: int
    chunks: Iterator[bytes]


class ArtifactStore(Protocol):
    def put(self, tenant_id: uuid.UUID, run_id: uuid.UUID, data: bytes) -> None: ...

    def open(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Path | Stream | None:
        """A local file (served as is), a stream, or None when there is no archive."""

    def exists(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> bool: ...

    def remove(self, tenant_id: uuid.UUID, run_ids: Iterable[uuid.UUID]) -> None: ...


def _name(tenant_id: uuid.UUID, run_id: uuid.UUID) -> str:
    """`<tenant>/<run>.zip`, each part re-parsed as a UUID so nothing else gets through."""
    return f"{uuid.UUID(str(tenant_id))}/{uuid.UUID(str(run_id))}.zip"


class LocalStore:
    """Archives under `data_dir/artifacts`."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "artifacts"

    def path(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Path:
        return self.root / _name(tenant_id, run_id)

    def put(self, tenant_id: uuid.UUID, run_id: uuid.UUID, data: bytes) -> None:
        path = self.path(tenant_id, run_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)  # atomic: readers see the old file or the whole new one
        finally:
            tmp.unlink(missing_ok=True)

    def open(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Path | None:
        path = self.path(tenant_id, run_id)
        return path if path.is_file() else None

    def exists(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> bool:
        return self.path(tenant_id, run_id).is_file()

    def remove(self, tenant_id: uuid.UUID, run_ids: Iterable[uuid.UUID]) -> None:
        for run_id in run_ids:
            self.path(tenant_id, run_id).unlink(missing_ok=True)


class S3Store:
    """Archives in an S3 bucket (AWS, or any S3-compatible server by `endpoint_url`).
    Empty keys: boto3's default credential chain (environment, profile, instance role)."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "artifacts/",
        *,
        endpoint_url: str = "",
        region: str = "us-east-1",
        access_key_id: str = "",
        secret_access_key: str = "",
    ) -> None:
        import boto3  # type: ignore[import-untyped]  # only when S3 is configured
        from botocore.config import Config  # type: ignore[import-untyped]

        self.bucket, self.prefix = bucket, prefix
        # Self-hosted servers (MinIO, moto, Ceph) rarely resolve <bucket>.<host> names.
        style = "path" if endpoint_url else "auto"
        self.client: Any = boto3.session.Session().client(  # clients are thread-safe
            "s3",
            endpoint_url=endpoint_url or None,
            region_name=region or None,
            aws_access_key_id=access_key_id or None,
            aws_secret_access_key=secret_access_key or None,
            config=Config(s3={"addressing_style": style}, retries={"mode": "standard"}),
        )

    def key(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> str:
        return self.prefix + _name(tenant_id, run_id)

    def put(self, tenant_id: uuid.UUID, run_id: uuid.UUID, data: bytes) -> None:
        self.client.put_object(
            Bucket=self.bucket,
            Key=self.key(tenant_id, run_id),
            Body=data,
            ContentType="application/zip",
        )

    def open(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Stream | None:
        try:
            obj = self.client.get_object(Bucket=self.bucket, Key=self.key(tenant_id, run_id))
        except self.client.exceptions.NoSuchKey:
            return None
        return Stream(int(obj["ContentLength"]), _chunks(obj["Body"]))

    def exists(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(tenant_id, run_id))
        except self.client.exceptions.ClientError as exc:  # HEAD has no body: only a code
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def remove(self, tenant_id: uuid.UUID, run_ids: Iterable[uuid.UUID]) -> None:
        keys = [{"Key": self.key(tenant_id, run_id)} for run_id in run_ids]
        for start in range(0, len(keys), _DELETE_BATCH):
            batch = keys[start : start + _DELETE_BATCH]
            # Missing keys count as deleted, so removing twice is harmless.
            self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})


def _chunks(body: Any) -> Iterator[bytes]:
    """The object's bytes as they arrive; the connection goes back to the pool at the end,
    also when the client stops reading early."""
    try:
        yield from body.iter_chunks(CHUNK)
    finally:
        body.close()


def make_store(config: Settings) -> ArtifactStore:
    """The store the settings name (they were checked when they were read)."""
    if config.artifact_store == "s3":
        return S3Store(
            config.s3_bucket,
            config.s3_prefix,
            endpoint_url=config.s3_endpoint_url,
            region=config.s3_region,
            access_key_id=config.s3_access_key_id,
            secret_access_key=config.s3_secret_access_key,
        )
    return LocalStore(config.data_dir)
