"""Where `tdev generate` writes, and the summary it prints."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tdeveloper.pipeline import RunResult
from tdeveloper.pipeline.assembly import write_tree
from tdeveloper.pipeline.download import Download, manifest
from tdeveloper.spec import Archive, MatchReport, ParsedApp, Project
from tdeveloper.spec.errors import InputError

__all__ = ["OutputTarget", "summary", "write_result"]

Format = Literal["zip", "tar.gz"]


@dataclass(frozen=True)
class OutputTarget:
    archive: Path | None
    directory: Path | None
    archive_format: Format
    force: bool

    @classmethod
    def decide(
        cls, output: Path | None, directory: Path | None, fmt: str | None, force: bool
    ) -> OutputTarget:
        """Check the requested output before any work is done, so nothing is lost."""
        if output is not None and directory is not None:
            raise InputError("give -o FILE or --dir DIR, not both")
        chosen = _format(output, fmt)
        if output is not None:
            _check_archive_path(output, force)
        if directory is not None and directory.exists():
            if not directory.is_dir():
                raise InputError(f"{directory} exists and is not a folder")
            if any(directory.iterdir()) and not force:
                raise InputError(f"{directory} is not empty; use --force to write into it")
        return cls(archive=output, directory=directory, archive_format=chosen, force=force)


def _format(output: Path | None, fmt: str | None) -> Format:
    if fmt is not None:
        return "tar.gz" if fmt == "tar.gz" else "zip"
    name = output.name.lower() if output is not None else ""
    return "tar.gz" if name.endswith((".tar.gz", ".tgz")) else "zip"


def _check_archive_path(path: Path, force: bool) -> None:
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name such as {path / 'app.zip'}")
    if path.exists() and not force:
        raise InputError(f"{path} exists; use --force to overwrite it")
    if not path.parent.exists():
        raise InputError(f"folder {path.parent} does not exist")


def write_result(result: RunResult, target: OutputTarget) -> Path:
    archive = result.state.archive
    assert isinstance(archive, Archive)
    if target.directory is not None:
        project = result.state.project
        assert isinstance(project, Project)
        data = Download().select(result.state)
        write_tree(target.directory, (*project.files, manifest(data)))
        return target.directory
    path = target.archive or Path(archive.filename)
    if target.archive is None:
        _check_archive_path(path, target.force)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(archive.data)
    os.replace(tmp, path)
    return path


def summary(result: RunResult, path: Path) -> dict[str, Any]:
    """The object `--json` prints: stable keys scripts can rely on."""
    state = result.state
    assert isinstance(state.match, MatchReport)
    assert isinstance(state.parsed, ParsedApp)
    assert isinstance(state.project, Project)
    assert isinstance(state.archive, Archive)
    return {
        "output": str(path),
        "name": state.parsed.spec.name,
        "coverage": state.match.coverage,
        "confidence": state.match.confidence,
        "gaps": [g.model_dump() for g in state.match.gaps],
        "entities": [e.name for e in state.parsed.spec.entities],
        "files": state.project.quality.files,
        "checks": {c.name: c.passed for c in state.project.quality.checks},
        "skipped": {c.name: c.detail for c in state.project.quality.checks if c.skipped},
        "verified": state.project.quality.verified,
        "sha256": state.archive.sha256,
        "notes": list(state.parsed.notes),
        "timings": {k: round(v, 6) for k, v in result.timings.items()},
    }
