"""End to end: six varied descriptions become projects that install, pass their own tests
(the backend's, and the frontend's build and unit tests), run under uvicorn, serve CRUD for
every entity, and survive schemathesis; one of them, and a spec built by hand, have accounts
and roles, which are checked against the running server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from support.crud import check_access, crud_every_entity, has_accounts, spec_of
from support.generation import generation_input
from support.server import migrate, serve
from support.specs import team_tasks_spec
from tdeveloper.pipeline.assembly import Assembly, write_tree
from tdeveloper.pipeline.generation import Generation
from tdeveloper.pipeline.state import AssemblyInput
from tdeveloper.spec import GenerateOptions

pytestmark = pytest.mark.e2e

DESCRIPTIONS = {
    "vet": (
        "A veterinary clinic: owners (name, email, phone), pets (name, species: dog/cat/bird, "
        "date of birth, weight), vets (name, specialty) and appointments (starts at, reason, "
        "paid flag). Each owner can have several pets; an appointment links a pet and a vet."
    ),
    "library": (
        "Library system\n"
        "- Members: name, email, membership number\n"
        "- Books: title, author, ISBN, number of copies, published date\n"
        "- Loans: borrow date, due date, returned flag\n"
        "A loan belongs to a member and a book."
    ),
    "conference": (
        "Conference app. Talks have a title, abstract, level (beginner, intermediate, advanced) "
        "and a start time. Speakers have a name, bio and website. Each talk belongs to a "
        "speaker. Attendees have a name and email, and attendees can bookmark talks."
    ),
    "shop": (
        "An online shop with products (name, sku, price, stock quantity, active flag), "
        "customers (name, email), orders (order date, status: pending/paid/shipped, total) and "
        "order items (quantity, unit price). An order belongs to a customer; an order item "
        "belongs to an order and a product."
    ),
    "blog": "a blog",
    "tasks": (
        "A team task tracker where people sign up and log in. Projects have a name and a "
        "description; tasks have a title, a due date and a done flag, and each task belongs "
        "to a project. Admins can delete projects."
    ),
}


def tdev(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).with_name("tdev")), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=1800)


@pytest.fixture(scope="module", params=sorted(DESCRIPTIONS))
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp(request.param) / "project"
    proc = tdev("generate", DESCRIPTIONS[request.param], "--dir", str(root), "--verify", "--json")
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout)
    assert report["verified"] is True
    assert all(report["checks"].values()), report["checks"]
    # --verify built the frontend and ran its unit tests too (Node.js is on this machine)
    assert {"frontend build", "frontend unit tests"} <= set(report["checks"]), report["checks"]
    assert report["skipped"] == {}
    return root


def test_generated_project_lints_clean(project: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", str(project)],
        capture_output=True, text=True, check=False, cwd=project,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout


def test_backend_serves_crud_for_every_entity(project: Path) -> None:
    backend = project / "backend"
    database = f"sqlite:///{project / 'e2e.db'}"
    spec = spec_of(project)
    migrate(backend, database)
    with serve(backend, database) as base:
        assert httpx.get(f"{base}/openapi.json").status_code == 200
        crud_every_entity(base, spec)  # signs up first when the backend has accounts
        if has_accounts(spec):
            check_access(base)


def test_accounts_and_roles_from_a_spec_built_by_hand(tmp_path: Path) -> None:
    """Generation and assembly (with verify) of a spec shaped as nl_input states accounts:
    the project installs and passes its own tests; then it serves, with sign-in."""
    spec = team_tasks_spec()
    fileset = Generation().run(generation_input(spec))
    assembly = Assembly(GenerateOptions(verify=True))
    built = assembly.run(AssemblyInput(spec=spec, fileset=fileset))
    assert built.quality.verified
    assert all(c.passed for c in built.quality.checks), built.quality.checks
    write_tree(tmp_path / "project", built.files)
    backend = tmp_path / "project" / "backend"
    database = f"sqlite:///{tmp_path / 'e2e.db'}"
    migrate(backend, database)
    with serve(backend, database) as base:
        crud_every_entity(base, spec.model_dump(mode="json"))
        check_access(base)


def test_schemathesis_finds_no_server_error_or_schema_violation(project: Path) -> None:
    backend = project / "backend"
    database = f"sqlite:///{project / 'fuzz.db'}"
    migrate(backend, database)
    with serve(backend, database) as base:
        proc = subprocess.run(
            [str(Path(sys.executable).with_name("schemathesis")), "run",
             f"{base}/openapi.json", "--checks",
             "not_a_server_error,response_schema_conformance,status_code_conformance,"
             "content_type_conformance",
             "--max-examples", "25", "--seed", "20261127", "--workers", "1", "--no-color",
             "--generation-database", "none"],
            capture_output=True, text=True, check=False, timeout=900, cwd=project,
        )  # fmt: skip
    logs = "".join(p.read_text()[-4000:] for p in sorted(project.glob("uvicorn-*.log")))
    assert proc.returncode == 0, proc.stdout[-6000:] + "\nserver log:\n" + logs
