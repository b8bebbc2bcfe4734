"""Checkpoint stores: a run that stopped after stage k resumes at stage k+1.

A store keeps each finished stage's output as JSON under (run_id, stage). The platform adds
a database-backed store with the same three methods.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Protocol

__all__ = ["CheckpointStore", "DirectoryCheckpoints", "MemoryCheckpoints"]

_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")


class CheckpointStore(Protocol):
    def save(self, run_id: str, stage: str, payload: str) -> None: ...

    def load(self, run_id: str) -> dict[str, str]: ...

    def clear(self, run_id: str) -> None: ...


class MemoryCheckpoints:
    def __init__(self) -> None:
        self._runs: dict[str, dict[str, str]] = {}

    def save(self, run_id: str, stage: str, payload: str) -> None:
        self._runs.setdefault(run_id, {})[stage] = payload

    def load(self, run_id: str) -> dict[str, str]:
        return dict(self._runs.get(run_id, {}))

    def clear(self, run_id: str) -> None:
        self._runs.pop(run_id, None)


class DirectoryCheckpoints:
    """One folder per run, one JSON file per stage, written atomically (rename)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _dir(self, run_id: str) -> Path:
        if not _SAFE.match(run_id):
            raise ValueError(f"run id {run_id!r} is not a safe file name")
        return self.root / run_id

    def save(self, run_id: str, stage: str, payload: str) -> None:
        folder = self._dir(run_id)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{stage}.json.tmp"
        tmp.write_text(payload, encoding="utf-8")
        os.replace(tmp, folder / f"{stage}.json")

    def load(self, run_id: str) -> dict[str, str]:
        folder = self._dir(run_id)
        if not folder.is_dir():
            return {}
        return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.json"))}

    def clear(self, run_id: str) -> None:
        folder = self._dir(run_id)
        for path in folder.glob("*.json"):
            path.unlink()
        if folder.is_dir():
            folder.rmdir()
