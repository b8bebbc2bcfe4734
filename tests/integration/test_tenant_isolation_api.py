"""Two tenants on a real PostgreSQL (application role, row-level security) and Redis:
every endpoint that takes an id, called with tenant A's administrator on tenant B's
object, answers 404 and changes nothing; a tenant header or subdomain that disagrees with
the credential is 403; only super_admin may act on another tenant."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from support.platform import (
    PASSWORD,
    Actor,
    pg_settings,
    seed_tenant,
    seed_user,
    serve,
    wait_for_run,
)


@dataclass
class Objects:
    project: str
    user: str
    key_id: str
    key: str
    run: str


@dataclass
class World:
    api: TestClient
    a: Actor
    b: Actor
    b_objects: Objects


def _ok(answer: Any) -> dict[str, Any]:
    assert answer.status_code in (200, 201, 202), answer.text
    body: dict[str, Any] = answer.json()
    return body


def _objects(api: TestClient, owner: Actor) -> Objects:
    h = owner.headers
    project = _ok(api.post("/api/v1/projects", json={"name": "B's"}, headers=h))["id"]
    user = _ok(
        api.post(
            "/api/v1/users",
            json={"email": "b-user@example.com", "role": "developer", "password": PASSWORD},
            headers=h,
        )
    )["id"]
    key = _ok(
        api.post("/api/v1/api-keys", json={"name": "b", "scopes": ["project:read"]}, headers=h)
    )
    run = _ok(
        api.post(f"/api/v1/projects/{project}/runs", json={"description": "a todo app"}, headers=h)
    )["id"]
    wait_for_run(api, h, run)  # the artifact must exist, so a 404 is isolation, not absence
    return Objects(project, user, key["id"], key["key"], run)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data = tmp_path_factory.mktemp("iso")
    with pg_settings(data, base_domain="tdev.test") as config, serve(config) as api:
        a = seed_user(api, seed_tenant(api, "Acme"), "org_admin")
        b = seed_user(api, seed_tenant(api, "Beta"), "org_admin")
        yield World(api, a, b, _objects(api, b))


def _calls(o: Objects) -> list[tuple[str, str, dict[str, Any] | None]]:
    return [
        ("GET", f"/api/v1/projects/{o.project}", None),
        ("PATCH", f"/api/v1/projects/{o.project}", {"name": "taken over"}),
        ("DELETE", f"/api/v1/projects/{o.project}", None),
        ("POST", f"/api/v1/projects/{o.project}/runs", {"description": "a blog"}),
        ("GET", f"/api/v1/projects/{o.project}/runs", None),
        ("GET", f"/api/v1/runs/{o.run}", None),
        ("POST", f"/api/v1/runs/{o.run}/artifact-link", None),
        ("GET", f"/api/v1/runs/{o.run}/artifact", None),
        ("GET", f"/api/v1/runs/{o.run}/events", None),
        ("POST", f"/api/v1/runs/{o.run}/cancel", None),
        ("GET", f"/api/v1/users/{o.user}", None),
        ("PATCH", f"/api/v1/users/{o.user}", {"role": "viewer", "active": False}),
        ("DELETE", f"/api/v1/users/{o.user}", None),
        ("DELETE", f"/api/v1/api-keys/{o.key_id}", None),
    ]


def test_every_id_endpoint_is_404_across_tenants_and_changes_nothing(world: World) -> None:
    api, a, b, o = world.api, world.a, world.b, world.b_objects
    before = _snapshot(api, b, o)
    assert before["run"]["status"] == "succeeded"
    for method, path, body in _calls(o):
        answer = api.request(method, path, json=body, headers=a.headers)
        assert answer.status_code == 404, f"{method} {path}: {answer.status_code} {answer.text}"
        assert answer.headers["content-type"] == "application/problem+json"
    assert _snapshot(api, b, o) == before
    assert api.get("/api/v1/projects", headers={"X-API-Key": o.key}).status_code == 200


def _snapshot(api: TestClient, b: Actor, o: Objects) -> dict[str, Any]:
    h = b.headers
    return {
        "project": _ok(api.get(f"/api/v1/projects/{o.project}", headers=h)),
        "runs": _ok(api.get(f"/api/v1/projects/{o.project}/runs", headers=h)),
        "run": _ok(api.get(f"/api/v1/runs/{o.run}", headers=h)),
        "user": _ok(api.get(f"/api/v1/users/{o.user}", headers=h)),
        "keys": api.get("/api/v1/api-keys", headers=h).json(),
        "archive": api.get(f"/api/v1/runs/{o.run}/artifact", headers=h).content,
    }


def test_lists_show_only_the_callers_tenant(world: World) -> None:
    api, a, o = world.api, world.a, world.b_objects
    ids = [p["id"] for p in _ok(api.get("/api/v1/projects", headers=a.headers))["items"]]
    assert o.project not in ids
    users = api.get("/api/v1/users", headers=a.headers).json()
    assert [u["email"] for u in users] == [a.email]


def test_a_signed_link_of_tenant_b_opens_only_b_s_run(world: World) -> None:
    api, b, o = world.api, world.b, world.b_objects
    url = _ok(api.post(f"/api/v1/runs/{o.run}/artifact-link", headers=b.headers))["url"]
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert api.get(f"/{path}").status_code == 200
    signature = path.split("signature=", 1)[1]
    other = api.get(f"/api/v1/runs/{o.project}/artifact", params={"signature": signature})
    assert other.status_code == 401


def test_a_disagreeing_tenant_header_or_subdomain_is_403(world: World) -> None:
    api, a, b = world.api, world.a, world.b
    header = {**a.headers, "X-Tenant-ID": str(b.tenant_id)}
    assert api.get("/api/v1/projects", headers=header).status_code == 403
    assert api.get("/api/v1/projects", headers={**a.headers, "X-Tenant-ID": "x"}).status_code == 403
    host = {**a.headers, "Host": f"{b.tenant_slug}.tdev.test"}
    assert api.get("/api/v1/projects", headers=host).status_code == 403
    own = {**a.headers, "Host": f"{a.tenant_slug}.tdev.test", "X-Tenant-ID": str(a.tenant_id)}
    assert api.get("/api/v1/projects", headers=own).status_code == 200


def test_only_super_admin_acts_on_another_tenant(world: World) -> None:
    api, b, o = world.api, world.b, world.b_objects
    operator = seed_user(api, seed_tenant(api, "Ops"), "super_admin")
    mine = _ok(api.get("/api/v1/projects", headers=operator.headers))["items"]
    assert mine == []
    there = {**operator.headers, "X-Tenant-ID": str(b.tenant_id)}
    assert _ok(api.get(f"/api/v1/projects/{o.project}", headers=there))["id"] == o.project
