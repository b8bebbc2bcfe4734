"""The tenant endpoints on SQLite: every member reads its own tenant, only org:settings
changes it, and only the fields an admin may change."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from support.platform import Actor, seed_tenant, seed_user, serve, sqlite_settings
from tdeveloper.platform.kit.problems import PROBLEM_JSON

TENANT = "/api/v1/tenant"


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    with serve(sqlite_settings(tmp_path)) as client:
        yield client


@pytest.fixture
def acme(api: TestClient) -> tuple[Actor, Actor]:
    tenant = seed_tenant(api, "Acme")
    return seed_user(api, tenant, "org_admin"), seed_user(api, tenant, "viewer")


def test_every_member_reads_its_own_tenant(api: TestClient, acme: tuple[Actor, Actor]) -> None:
    admin, viewer = acme
    other = seed_user(api, seed_tenant(api, "Beta"), "viewer")
    mine = api.get(TENANT, headers=viewer.headers)
    assert mine.status_code == 200
    body = mine.json()
    assert set(body) == {"id", "name", "slug", "plan", "mfa_required", "created_at"}
    assert (body["id"], body["name"], body["slug"]) == (
        str(admin.tenant_id),
        "Acme",
        admin.tenant_slug,
    )
    assert (body["plan"], body["mfa_required"]) == ("free", False)
    assert datetime.fromisoformat(body["created_at"]).tzinfo is not None
    assert api.get(TENANT, headers=other.headers).json()["name"] == "Beta"
    assert api.get(TENANT).status_code == 401


def test_an_admin_changes_name_and_mfa_requirement(
    api: TestClient, acme: tuple[Actor, Actor]
) -> None:
    admin, viewer = acme
    changed = api.patch(TENANT, json={"name": "  Acme Ltd  "}, headers=admin.headers)
    assert changed.status_code == 200
    assert changed.json()["name"] == "Acme Ltd"
    assert changed.json()["slug"] == admin.tenant_slug  # the address does not move
    assert api.patch(TENANT, json={"mfa_required": True}, headers=admin.headers).status_code == 200
    seen = api.get(TENANT, headers=viewer.headers).json()
    assert (seen["name"], seen["mfa_required"]) == ("Acme Ltd", True)


@pytest.mark.parametrize("role", ["viewer", "developer", "team_lead"])
def test_members_without_org_settings_cannot_change_it(
    api: TestClient, acme: tuple[Actor, Actor], role: str
) -> None:
    admin, _ = acme
    member = seed_user(api, (admin.tenant_id, admin.tenant_slug), role)
    refused = api.patch(TENANT, json={"name": "Mine now"}, headers=member.headers)
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM_JSON
    assert api.get(TENANT, headers=admin.headers).json()["name"] == "Acme"


@pytest.mark.parametrize(
    "body",
    [
        {"plan": "enterprise"},
        {"slug": "stolen"},
        {"id": "00000000-0000-0000-0000-000000000000"},
        {"name": "Fine", "plan": "enterprise"},
        {"name": ""},
        {"name": None},
        {"mfa_required": None},
        {"name": "x" * 201},
    ],
)
def test_patch_refuses_fields_an_admin_may_not_set(
    api: TestClient, acme: tuple[Actor, Actor], body: dict[str, object]
) -> None:
    admin, _ = acme
    refused = api.patch(TENANT, json=body, headers=admin.headers)
    assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM_JSON
    after = api.get(TENANT, headers=admin.headers).json()
    assert (after["name"], after["plan"], after["slug"]) == ("Acme", "free", admin.tenant_slug)
