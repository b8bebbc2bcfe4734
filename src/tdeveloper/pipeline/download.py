"""download: the archive (zip or tar.gz) with `tdeveloper.json`: spec, reports, checksums.

The archive is deterministic: entries sorted, timestamps and owners fixed, so the same
input and options give byte-identical bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import zipfile
from typing import Any

from tdeveloper import __version__
from tdeveloper.pipeline.assembly import safe_path
from tdeveloper.pipeline.state import DownloadInput, RunState
from tdeveloper.spec import (
    Architecture,
    Archive,
    GeneratedFile,
    GenerateOptions,
    MatchReport,
    ParsedApp,
    Project,
    Requirements,
    Selection,
    UiChoice,
)

__all__ = ["MANIFEST", "Download", "manifest"]

MANIFEST = "tdeveloper.json"
_EPOCH = (1980, 1, 1, 0, 0, 0)
_EPOCH_SECONDS = 315532800  # 1980-01-01, the earliest time zip can store


class Download:
    name = "download"
    output = "archive"

    def __init__(self, options: GenerateOptions | None = None) -> None:
        self.options = options or GenerateOptions()

    def select(self, state: RunState) -> DownloadInput:
        return DownloadInput(
            requirements=state.need("requirements", Requirements),
            ui=state.need("ui", UiChoice),
            parsed=state.need("parsed", ParsedApp),
            architecture=state.need("architecture", Architecture),
            match=state.need("match", MatchReport),
            selection=state.need("selection", Selection),
            project=state.need("project", Project),
        )

    def run(self, data: DownloadInput, /) -> Archive:
        files = [*data.project.files, manifest(data)]
        files.sort(key=lambda f: f.path)
        fmt = self.options.archive_format
        blob = _zip(data.project.name, files) if fmt == "zip" else _tgz(data.project.name, files)
        return Archive(
            filename=f"{data.project.name}.{fmt}",
            format=fmt,
            sha256=hashlib.sha256(blob).hexdigest(),
            size=len(blob),
            data=blob,
        )


def manifest(data: DownloadInput) -> GeneratedFile:
    """`tdeveloper.json`: the spec, every stage's report and a SHA-256 of every file."""
    checksums = {f.path: hashlib.sha256(f.content.encode()).hexdigest() for f in data.project.files}
    body: dict[str, Any] = {
        "generator": {"name": "tdeveloper", "version": __version__},
        "spec": data.parsed.spec.model_dump(mode="json"),
        "reports": {
            "nl_input": data.requirements.model_dump(mode="json", exclude={"description"}),
            "ui_selection": data.ui.model_dump(mode="json"),
            "parser": {"notes": list(data.parsed.notes), "tables": _dump(data.parsed.tables)},
            "component_decision": data.architecture.model_dump(mode="json"),
            "match_rate": data.match.model_dump(mode="json"),
            "search": data.selection.model_dump(mode="json"),
            "assembly": data.project.quality.model_dump(mode="json"),
        },
        "openapi": data.parsed.openapi,
        "files": dict(sorted(checksums.items())),
    }
    text = json.dumps(body, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return GeneratedFile(path=MANIFEST, content=text)


def _dump(items: tuple[Any, ...]) -> list[Any]:
    return [i.model_dump(mode="json") for i in items]


def _zip(name: str, files: list[GeneratedFile]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for f in files:
            info = zipfile.ZipInfo(f"{name}/{safe_path(f.path)}", date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100755 if f.executable else 0o100644) << 16
            info.create_system = 3  # unix, so the permission bits are honoured
            zf.writestr(info, f.content.encode())
    return buf.getvalue()


def _tgz(name: str, files: list[GeneratedFile]) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tf:
        for f in files:
            data = f.content.encode()
            info = tarfile.TarInfo(f"{name}/{safe_path(f.path)}")
            info.size, info.mtime = len(data), _EPOCH_SECONDS
            info.mode = 0o755 if f.executable else 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tf.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), compresslevel=6, mtime=0)
