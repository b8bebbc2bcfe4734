"""Golden files: the stage's raw output for four varied specs, compared byte for byte.

Three specs are fixtures (no sign-in); `team_tasks` is built by hand (accounts and roles).

Regenerate after an intended change with
`UPDATE_GOLDEN=1 pytest tests/unit/generation/test_golden.py`
and review the diff. Each file is stored as `<path>.golden` so that tools never mistake the
snapshots for live code (pytest would collect `test_*.py`, git would obey `.gitignore`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from support.specs import team_tasks_spec
from tdeveloper.spec import AppSpec

pytestmark = pytest.mark.golden

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
SUFFIX = ".golden"
BUILT = {"team_tasks": team_tasks_spec}  # specs built in code rather than loaded
# Of the frontend, only the files rendered from the spec: the rest is the same for every
# app (and is exercised by building and running it, tests/e2e/test_generated_frontends.py).
FRONTEND_FROM_SPEC = frozenset(
    {
        "frontend/package.json",
        "frontend/src/entities.ts",
        "frontend/src/api/resources.ts",
        "frontend/src/api/session.ts",
    }
)


def _kept(path: str) -> bool:
    return not path.startswith("frontend/") or path in FRONTEND_FROM_SPEC


def _stored(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix().removesuffix(SUFFIX): path.read_text(encoding="utf-8")
        for path in sorted(root.rglob(f"*{SUFFIX}"))
    }


def _write(root: Path, files: dict[str, str]) -> None:
    shutil.rmtree(root, ignore_errors=True)
    for path, content in files.items():
        target = root / f"{path}{SUFFIX}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8", newline="\n")


@pytest.mark.parametrize("name", ["conference", "shop", "vet_clinic", *BUILT])
def test_output_matches_golden_files(
    name: str, load: Callable[[str], AppSpec], render: Callable[[AppSpec], dict[str, str]]
) -> None:
    rendered = render(BUILT[name]() if name in BUILT else load(name))
    files = {path: content for path, content in rendered.items() if _kept(path)}
    root = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        _write(root, files)
    stored = _stored(root)
    assert sorted(files) == sorted(stored), "file list changed (UPDATE_GOLDEN=1 regenerates)"
    for path, content in files.items():
        assert content == stored[path], f"{path} differs from its golden file"
