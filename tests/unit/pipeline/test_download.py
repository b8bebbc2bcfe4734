from __future__ import annotations

import hashlib
import io
import json
import tarfile
import zipfile

import pytest

from support.specs import vet_requirements
from tdeveloper.pipeline.component_decision import ComponentDecision
from tdeveloper.pipeline.download import Download
from tdeveloper.pipeline.match_rate import MatchRate
from tdeveloper.pipeline.parser import Parser
from tdeveloper.pipeline.search import Search
from tdeveloper.pipeline.state import DownloadInput, MatchInput, ParserInput, SearchInput
from tdeveloper.pipeline.ui_selection import UiSelection
from tdeveloper.spec import GeneratedFile, GenerateOptions, Project, QualityReport


def download_input() -> DownloadInput:
    req = vet_requirements()
    ui = UiSelection().run(req)
    parsed = Parser().run(ParserInput(requirements=req, ui=ui))
    arch = ComponentDecision().run(parsed.spec)
    match = MatchRate().run(MatchInput(requirements=req, spec=parsed.spec, architecture=arch))
    selection = Search().run(SearchInput(spec=parsed.spec, ui=ui, architecture=arch, match=match))
    files = (
        GeneratedFile(path="backend/run.sh", content="#!/bin/sh\necho hi\n", executable=True),
        GeneratedFile(path="README.md", content="# Vet Clinic\n"),
    )
    project = Project(name=parsed.spec.name, files=files, quality=QualityReport(files=2))
    return DownloadInput(
        requirements=req, ui=ui, parsed=parsed, architecture=arch, match=match,
        selection=selection, project=project,
    )  # fmt: skip


def test_zip_is_deterministic_sorted_and_has_a_manifest() -> None:
    data = download_input()
    first, second = Download().run(data), Download().run(data)
    assert first.data == second.data
    assert first.sha256 == hashlib.sha256(first.data).hexdigest()
    assert first.filename == "vet-clinic.zip"
    with zipfile.ZipFile(io.BytesIO(first.data)) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert names == [
            "vet-clinic/README.md",
            "vet-clinic/backend/run.sh",
            "vet-clinic/tdeveloper.json",
        ]
        info = zf.getinfo("vet-clinic/backend/run.sh")
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert (info.external_attr >> 16) & 0o777 == 0o755
        manifest = json.loads(zf.read("vet-clinic/tdeveloper.json"))
        readme = zf.read("vet-clinic/README.md")
    assert manifest["files"]["README.md"] == hashlib.sha256(readme).hexdigest()
    assert manifest["spec"]["name"] == "vet-clinic"
    assert set(manifest["reports"]) == {
        "nl_input", "ui_selection", "parser", "component_decision", "match_rate", "search",
        "assembly",
    }  # fmt: skip
    assert "/api/pets" in manifest["openapi"]["paths"]


@pytest.mark.parametrize("fmt", ["tar.gz"])
def test_tar_gz_is_deterministic(fmt: str) -> None:
    data = download_input()
    stage = Download(GenerateOptions(archive_format=fmt))  # type: ignore[arg-type]
    first, second = stage.run(data), stage.run(data)
    assert first.data == second.data and first.filename == "vet-clinic.tar.gz"
    with tarfile.open(fileobj=io.BytesIO(first.data), mode="r:gz") as tf:
        members = tf.getmembers()
        assert [m.name for m in members] == sorted(m.name for m in members)
        assert all(m.mtime == 315532800 and m.uid == 0 for m in members)
        assert all(".." not in m.name.split("/") for m in members)
