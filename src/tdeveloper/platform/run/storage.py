"""Where run artifacts live: `data_dir/artifacts/<tenant_id>/<run_id>.zip`.

Both path parts are UUIDs the platform made, never names a client chose, so a path can
not leave the folder. A write goes to a temporary file first and is renamed into place,
so a reader never sees half an archive."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from pathlib import Path

__all__ = ["artifact_path", "remove_artifacts", "write_artifact"]


def artifact_path(data_dir: Path, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Path:
    return data_dir / "artifacts" / str(uuid.UUID(str(tenant_id))) / f"{uuid.UUID(str(run_id))}.zip"


def write_artifact(data_dir: Path, tenant_id: uuid.UUID, run_id: uuid.UUID, data: bytes) -> Path:
    path = artifact_path(data_dir, tenant_id, run_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def remove_artifacts(data_dir: Path, tenant_id: uuid.UUID, run_ids: Iterable[uuid.UUID]) -> None:
    for run_id in run_ids:
        artifact_path(data_dir, tenant_id, run_id).unlink(missing_ok=True)
