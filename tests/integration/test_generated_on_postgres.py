"""Generated backends on a real PostgreSQL: migrations, their own test suite, and CRUD."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.crud import crud_every_entity, spec_of
from support.pg import fresh_database
from support.server import backend_env, migrate, serve
from tdeveloper.pipeline import generate
from tdeveloper.pipeline.assembly import write_tree
from tdeveloper.pipeline.download import Download, manifest

BRIEFS = {
    "shop": (
        "An online shop with products (name, sku, price, stock quantity, active flag), "
        "customers (name, email), orders (order date, status: pending/paid/shipped, total). "
        "An order belongs to a customer. Orders have many products (many-to-many)."
    ),
    "staff": (
        "HR app. Employees have a name, email, hire date, salary and a manager who is another "
        "employee. Departments have a name and a budget; each employee belongs to a department."
    ),
}


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh PostgreSQL database, dropped afterwards. PostgreSQL must be running."""
    with fresh_database("tdev_gen") as url:
        yield url


def write_project(brief: str, root: Path) -> Path:
    result = generate(brief)
    assert result.state.project is not None
    write_tree(root, (*result.state.project.files, manifest(Download().select(result.state))))
    return root


@pytest.mark.parametrize("brief", sorted(BRIEFS))
def test_generated_backend_runs_on_postgresql(brief: str, database: str, tmp_path: Path) -> None:
    project = write_project(BRIEFS[brief], tmp_path / "project")
    backend = project / "backend"
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=backend, env=backend_env(database), capture_output=True, text=True, timeout=600,
        check=False,
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout[-4000:]
    migrate(backend, database)
    with serve(backend, database) as base:
        crud_every_entity(base, spec_of(project))
