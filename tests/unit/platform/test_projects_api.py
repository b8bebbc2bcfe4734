"""Projects over HTTP on SQLite: CRUD, pagination, tenant isolation, permissions and
mass assignment."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from support.platform import Actor, platform_of, seed_tenant, seed_user, serve, sqlite_settings
from tdeveloper.platform.kit.problems import PROBLEM_JSON
from tdeveloper.platform.models import Project, Run

API = "/api/v1/projects"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with serve(sqlite_settings(tmp_path)) as api:
        yield api


@pytest.fixture
def admin(client: TestClient, acme: tuple[uuid.UUID, str]) -> Actor:
    return seed_user(client, acme, "org_admin")


def make(client: TestClient, actor: Actor, name: str, description: str = "") -> dict[str, object]:
    answer = client.post(
        API, json={"name": name, "description": description}, headers=actor.headers
    )
    assert answer.status_code == 201, answer.text
    body: dict[str, object] = answer.json()
    return body


def _time(value: str) -> datetime:
    return datetime.fromisoformat(value)


def test_create_read_update_delete(client: TestClient, admin: Actor) -> None:
    answer = client.post(
        API, json={"name": "  Library  ", "description": "books"}, headers=admin.headers
    )
    assert answer.status_code == 201
    created = answer.json()
    assert answer.headers["location"] == f"{API}/{created['id']}"
    assert set(created) == {"id", "name", "description", "created_at", "updated_at"}
    assert (created["name"], created["description"]) == ("Library", "books")
    assert created["created_at"] == created["updated_at"]
    assert created["created_at"].endswith(("Z", "+00:00"))

    read = client.get(f"{API}/{created['id']}", headers=admin.headers)
    assert read.status_code == 200 and read.json() == created

    patched = client.patch(
        f"{API}/{created['id']}", json={"description": "books and loans"}, headers=admin.headers
    )
    assert patched.status_code == 200
    after = patched.json()
    assert (after["name"], after["description"]) == ("Library", "books and loans")
    assert _time(after["updated_at"]) > _time(created["updated_at"])
    assert after["created_at"] == created["created_at"]
    assert client.get(f"{API}/{created['id']}", headers=admin.headers).json() == after

    gone = client.delete(f"{API}/{created['id']}", headers=admin.headers)
    assert gone.status_code == 204 and gone.content == b""
    missing = client.get(f"{API}/{created['id']}", headers=admin.headers)
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM_JSON
    assert client.delete(f"{API}/{created['id']}", headers=admin.headers).status_code == 404


def test_description_is_optional_and_bounded(client: TestClient, admin: Actor) -> None:
    assert make(client, admin, "No description")["description"] == ""
    long = client.post(API, json={"name": "x", "description": "d" * 20_001}, headers=admin.headers)
    assert long.status_code == 422
    for name in ("", "   ", "n" * 201, "a\x00b"):
        assert client.post(API, json={"name": name}, headers=admin.headers).status_code == 422
    assert (
        client.post(API, json={"description": "no name"}, headers=admin.headers).status_code == 422
    )


def test_patch_refuses_null_and_keeps_what_is_left_out(client: TestClient, admin: Actor) -> None:
    project = make(client, admin, "Shop", "sells things")
    url = f"{API}/{project['id']}"
    assert client.patch(url, json={"name": None}, headers=admin.headers).status_code == 422
    assert client.patch(url, json={"name": ""}, headers=admin.headers).status_code == 422
    renamed = client.patch(url, json={"name": "Store"}, headers=admin.headers).json()
    assert (renamed["name"], renamed["description"]) == ("Store", "sells things")


def test_list_is_newest_first_and_paginated(client: TestClient, admin: Actor) -> None:
    names = [make(client, admin, f"P{n}")["name"] for n in range(7)]
    first = client.get(API, params={"limit": 3}, headers=admin.headers).json()
    assert (first["total"], first["limit"], first["offset"]) == (7, 3, 0)
    assert [p["name"] for p in first["items"]] == ["P6", "P5", "P4"]
    last = client.get(API, params={"limit": 3, "offset": 6}, headers=admin.headers).json()
    assert [p["name"] for p in last["items"]] == ["P0"]
    everything = client.get(API, headers=admin.headers).json()
    assert everything["limit"] == 50
    assert [p["name"] for p in everything["items"]] == list(reversed(names))
    past = client.get(API, params={"offset": 50}, headers=admin.headers).json()
    assert (past["items"], past["total"]) == ([], 7)
    for bad in ({"limit": 0}, {"limit": 101}, {"offset": -1}, {"offset": 2**63}, {"limit": "x"}):
        assert client.get(API, params=bad, headers=admin.headers).status_code == 422


def test_other_tenants_projects_are_not_found_and_unchanged(
    client: TestClient, admin: Actor
) -> None:
    beta_admin = seed_user(client, seed_tenant(client, "Beta"), "org_admin")
    theirs = make(client, beta_admin, "Secret", "beta's")
    url = f"{API}/{theirs['id']}"
    assert client.get(url, headers=admin.headers).status_code == 404
    assert client.patch(url, json={"name": "pwned"}, headers=admin.headers).status_code == 404
    assert client.delete(url, headers=admin.headers).status_code == 404
    runs = client.post(f"{url}/runs", json={"description": "x"}, headers=admin.headers)
    assert runs.status_code == 404
    assert client.get(API, headers=admin.headers).json()["total"] == 0
    assert client.get(url, headers=beta_admin.headers).json() == theirs
    unknown = client.get(f"{API}/{uuid.uuid4()}", headers=admin.headers)
    assert unknown.status_code == 404 and unknown.json()["type"].endswith("/not-found")
    assert client.get(f"{API}/not-a-uuid", headers=admin.headers).status_code == 422


def test_permissions(client: TestClient, acme: tuple[uuid.UUID, str], admin: Actor) -> None:
    viewer = seed_user(client, acme, "viewer")
    developer = seed_user(client, acme, "developer")
    project = make(client, admin, "Shared")
    url = f"{API}/{project['id']}"

    assert client.get(API, headers=viewer.headers).json()["total"] == 1
    assert client.get(url, headers=viewer.headers).status_code == 200
    assert client.post(API, json={"name": "v"}, headers=viewer.headers).status_code == 403
    assert client.patch(url, json={"name": "v"}, headers=viewer.headers).status_code == 403
    denied = client.delete(url, headers=viewer.headers)
    assert denied.status_code == 403 and denied.json()["type"].endswith("/forbidden")

    assert client.post(API, json={"name": "d"}, headers=developer.headers).status_code == 201
    assert client.patch(url, json={"name": "d2"}, headers=developer.headers).status_code == 200
    assert client.delete(url, headers=developer.headers).status_code == 403
    assert client.get(url, headers=admin.headers).json()["name"] == "d2"

    assert client.get(API).status_code == 401
    assert client.get(API, headers={"Authorization": "Bearer nonsense"}).status_code == 401


@pytest.mark.parametrize(
    "extra",
    [{"tenant_id": str(uuid.uuid4())}, {"id": str(uuid.uuid4())}, {"created_at": "2020-01-01"}],
)
def test_mass_assignment_is_refused(
    client: TestClient, admin: Actor, extra: dict[str, str]
) -> None:
    created = client.post(API, json={"name": "M", **extra}, headers=admin.headers)
    assert created.status_code == 422 and created.headers["content-type"] == PROBLEM_JSON
    project = make(client, admin, "Kept")
    patched = client.patch(f"{API}/{project['id']}", json=extra, headers=admin.headers)
    assert patched.status_code == 422
    assert client.get(f"{API}/{project['id']}", headers=admin.headers).json() == project
    assert client.get(API, headers=admin.headers).json()["total"] == 1


def test_deleting_a_project_deletes_its_runs_and_their_archives(
    client: TestClient, admin: Actor
) -> None:
    platform = platform_of(client)
    keep, drop = make(client, admin, "Keep"), make(client, admin, "Drop")
    artifacts = platform.config.data_dir / "artifacts" / str(admin.tenant_id)
    artifacts.mkdir(parents=True)
    run_ids = {}
    with platform.session(admin.tenant_id) as session:
        for project in (keep, drop):
            run = Run(
                tenant_id=admin.tenant_id,
                project_id=uuid.UUID(str(project["id"])),
                description="d",
                status="succeeded",
                artifact_name="x.zip",
            )
            session.add(run)
            session.flush()
            run_ids[project["name"]] = run.id
            (artifacts / f"{run.id}.zip").write_bytes(b"zip")
    assert client.delete(f"{API}/{drop['id']}", headers=admin.headers).status_code == 204
    assert not (artifacts / f"{run_ids['Drop']}.zip").exists()
    assert (artifacts / f"{run_ids['Keep']}.zip").exists()
    with platform.session(admin.tenant_id) as session:
        assert session.get(Run, run_ids["Drop"]) is None
        assert session.get(Run, run_ids["Keep"]) is not None
        assert session.get(Project, uuid.UUID(str(keep["id"]))) is not None
