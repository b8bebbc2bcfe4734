from __future__ import annotations

import pytest

from tdeveloper.pipeline.assembly import Assembly, safe_path
from tdeveloper.pipeline.state import AssemblyInput
from tdeveloper.spec import AppSpec, FileSet, GeneratedFile
from tdeveloper.spec.errors import StageError

SPEC = AppSpec(name="demo", title="Demo")


def assemble(*files: GeneratedFile):  # type: ignore[no-untyped-def]
    return Assembly().run(AssemblyInput(spec=SPEC, fileset=FileSet(files=files)))


def test_formats_python_and_reports_checks() -> None:
    project = assemble(
        GeneratedFile(path="backend/app/x.py", content="x = {  'a':1 }\n"),
        GeneratedFile(path="README.md", content="# Demo\n"),
    )
    by_path = {f.path: f.content for f in project.files}
    assert by_path["backend/app/x.py"] == 'x = {"a": 1}\n'
    assert [f.path for f in project.files] == ["README.md", "backend/app/x.py"]
    checks = {c.name: c.passed for c in project.quality.checks}
    assert checks == {"ruff format": True, "ruff check": True, "python compiles": True}
    assert project.quality.passed and project.quality.files == 2


def test_syntax_and_lint_errors_are_reported() -> None:
    project = assemble(
        GeneratedFile(path="a.py", content="import os\n"),
        GeneratedFile(path="b.py", content="def f(:\n"),
    )
    checks = {c.name: c for c in project.quality.checks}
    assert not checks["python compiles"].passed
    assert "b.py:1" in checks["python compiles"].detail
    assert not project.quality.passed


@pytest.mark.parametrize(
    "path", ["../evil.py", "/etc/passwd", "a/../../b", "a\\b", "", "a//b", "./a", "a\x00b"]
)
def test_unsafe_paths_are_refused(path: str) -> None:
    with pytest.raises(StageError, match="unsafe"):
        safe_path(path)
    with pytest.raises(StageError):
        assemble(GeneratedFile(path=path, content="x"))


def test_duplicate_paths_are_refused() -> None:
    with pytest.raises(StageError, match="twice"):
        assemble(GeneratedFile(path="a.txt", content="1"), GeneratedFile(path="a.txt", content="2"))
