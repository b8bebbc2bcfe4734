"""Assembly's frontend work: the backend's OpenAPI document, and --verify without Node.js."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from support.generation import generation_input
from tdeveloper.pipeline import verify
from tdeveloper.pipeline.assembly import CONTRACT, Assembly, write_tree
from tdeveloper.pipeline.generation import Generation
from tdeveloper.pipeline.served_openapi import openapi_document
from tdeveloper.pipeline.state import AssemblyInput
from tdeveloper.pipeline.verify import verify_frontend
from tdeveloper.spec import FileSet
from tdeveloper.spec.errors import StageError
from unit.generation.conftest import load_spec


@pytest.fixture(scope="module")
def fileset() -> FileSet:
    return Generation().run(generation_input(load_spec("vet_clinic")))


def test_assembly_adds_the_document_the_backend_serves(fileset: FileSet) -> None:
    project = Assembly().run(AssemblyInput(spec=load_spec("vet_clinic"), fileset=fileset))
    document = json.loads(next(f.content for f in project.files if f.path == CONTRACT))
    assert document["info"]["title"] == "Vet Clinic"
    assert "/api/pets/{pet_id}" in document["paths"]
    schemas = set(document["components"]["schemas"])
    assert {"PetCreate", "PetRead", "PetUpdate", "PetPage"} <= schemas


def test_the_document_is_read_once_per_backend(
    fileset: FileSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, fileset.files)
    first = openapi_document(tmp_path / "backend")
    calls: list[object] = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a))
    assert openapi_document(tmp_path / "backend") == first
    assert calls == []  # answered from the cache


def test_a_backend_that_does_not_import_is_a_stage_error(fileset: FileSet, tmp_path: Path) -> None:
    write_tree(tmp_path, fileset.files)
    (tmp_path / "backend" / "app" / "main.py").write_text("raise SystemExit('broken')\n")
    with pytest.raises(StageError, match="OpenAPI document"):
        openapi_document(tmp_path / "backend")


def test_verify_says_plainly_when_node_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no node, no npm
    [check] = verify_frontend(tmp_path, timeout=10)
    assert check.skipped and check.passed
    assert check.detail.startswith("skipped: Node.js and npm were not found on PATH")


def test_verify_skips_a_node_too_old_for_vite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "_node_version", lambda: (18, 20))
    [check] = verify_frontend(tmp_path, timeout=10)
    assert check.skipped
    assert "Node.js 18.20 is older than 20.19" in check.detail
