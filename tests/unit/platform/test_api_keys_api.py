"""API keys over HTTP (SQLite): issued once, listed by prefix, revoked at once, and the key
itself signing requests in as an `api_user` with exactly its scopes."""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from support.platform import Actor, platform_of, seed_tenant, seed_user, serve, sqlite_settings
from tdeveloper.platform.apikey.schemas import ApiKeyCreate
from tdeveloper.platform.apikey.service import authenticate_key, create_key
from tdeveloper.platform.auth.deps import require
from tdeveloper.platform.auth.permissions import API_KEY_SCOPES
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.problems import PROBLEM_JSON, ApiError
from tdeveloper.platform.models import ApiKey

KEYS = "/api/v1/api-keys"
PROBE = "/test-probe"  # a route guarded by project:read, added to the app for these tests
LISTED = {"id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"}
KEY_FORMAT = re.compile(r"tdk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with serve(sqlite_settings(tmp_path_factory.mktemp("keys"))) as client:
        app = client.app
        assert isinstance(app, FastAPI)

        @app.get(PROBE)
        def probe(who: Annotated[Principal, Depends(require("project:read"))]) -> dict[str, str]:
            return {"kind": who.kind, "subject": str(who.subject), "tenant": str(who.tenant_id)}

        yield client


@pytest.fixture
def admin(api: TestClient) -> Actor:
    return seed_user(api, seed_tenant(api, "Acme"), "org_admin")


def _issue(api: TestClient, admin: Actor, scopes: list[str] | None = None) -> dict[str, object]:
    body = {"name": "ci", "scopes": scopes or ["project:read"]}
    answer = api.post(KEYS, json=body, headers=admin.headers)
    assert answer.status_code == 201, answer.text
    issued: dict[str, object] = answer.json()
    return issued


def _bearer(key: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _stored(api: TestClient, tenant_id: uuid.UUID, key_id: object) -> ApiKey:
    with platform_of(api).session(tenant_id) as session:
        key = session.get(ApiKey, uuid.UUID(str(key_id)))
        assert key is not None
        return key


def test_a_key_is_shown_once_and_stored_as_a_digest(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin, ["project:read", "agent:execute"])
    assert set(issued) == {"id", "name", "prefix", "scopes", "created_at", "key"}
    key = str(issued["key"])
    match = KEY_FORMAT.fullmatch(key)
    assert match is not None and match.group(1) == issued["prefix"]
    assert issued["scopes"] == ["project:read", "agent:execute"]
    stored = _stored(api, admin.tenant_id, issued["id"])
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert (stored.tenant_id, stored.created_by) == (admin.tenant_id, admin.user_id)

    listing = api.get(KEYS, headers=admin.headers)
    assert listing.status_code == 200
    assert [set(k) for k in listing.json()] == [LISTED]
    assert listing.json()[0]["prefix"] == issued["prefix"]
    secret = key.rsplit("_", 1)[1]
    assert secret not in listing.text and stored.key_hash not in listing.text


def test_every_key_is_different(api: TestClient, admin: Actor) -> None:
    keys = [_issue(api, admin) for _ in range(5)]
    assert len({k["key"] for k in keys}) == len({k["prefix"] for k in keys}) == 5


def test_the_key_signs_in_as_bearer_and_as_x_api_key(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin)
    for headers in (_bearer(issued["key"]), {"X-API-Key": str(issued["key"])}):
        answer = api.get(PROBE, headers=headers)
        assert answer.status_code == 200, answer.text
        assert answer.json() == {
            "kind": "api_key",
            "subject": issued["id"],
            "tenant": str(admin.tenant_id),
        }
        # Signed in (not 401), but an api_user may not manage keys or users.
        assert api.get(KEYS, headers=headers).status_code == 403
        assert api.get("/api/v1/users", headers=headers).status_code == 403


def test_a_key_holds_only_its_scopes(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin, ["agent:execute"])
    assert api.get(PROBE, headers=_bearer(issued["key"])).status_code == 403


def test_authenticate_key_gives_the_keys_principal(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin, ["project:read", "analytics:read"])
    principal = authenticate_key(platform_of(api), str(issued["key"]))
    assert principal == Principal(
        kind="api_key",
        subject=uuid.UUID(str(issued["id"])),
        tenant_id=admin.tenant_id,
        tenant_slug=admin.tenant_slug,
        role="api_user",
        permissions=frozenset({"project:read", "analytics:read"}),
    )
    assert principal.user_id is None
    assert principal.can("analytics:read") and not principal.can("project:write")


def _forgeries(key: str) -> list[str]:
    prefix, secret = key[4:16], key[17:]
    flipped = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    return [
        f"tdk_{prefix}_{flipped}",  # right prefix, wrong secret
        f"tdk_{'0' * 12}_{secret}",  # unknown prefix
        f"tdk_{prefix.upper()}_{secret}",  # malformed prefix
        f"tdk_{prefix}",  # no secret
        "tdk_",
        f"tdk_{prefix}_{secret}!",
        f"tdk_{prefix}_{secret}{'x' * 200}",
    ]


def test_a_wrong_key_is_401(api: TestClient, admin: Actor) -> None:
    key = str(_issue(api, admin)["key"])
    for forged in _forgeries(key):
        for headers in (_bearer(forged), {"X-API-Key": forged}):
            answer = api.get(PROBE, headers=headers)
            assert answer.status_code == 401, forged
            assert answer.headers["content-type"] == PROBLEM_JSON
            assert answer.json()["type"].endswith("/unauthorized")
        with pytest.raises(ApiError) as refused:
            authenticate_key(platform_of(api), forged)
        assert refused.value.status == 401
    assert api.get(PROBE, headers=_bearer(key)).status_code == 200


def test_a_revoked_key_stops_at_once(api: TestClient, admin: Actor) -> None:
    issued, kept = _issue(api, admin), _issue(api, admin)
    assert api.get(PROBE, headers=_bearer(issued["key"])).status_code == 200
    assert api.delete(f"{KEYS}/{issued['id']}", headers=admin.headers).status_code == 204
    assert api.get(PROBE, headers=_bearer(issued["key"])).status_code == 401
    assert api.get(PROBE, headers={"X-API-Key": str(issued["key"])}).status_code == 401
    assert api.get(PROBE, headers=_bearer(kept["key"])).status_code == 200
    listed = {k["id"]: k for k in api.get(KEYS, headers=admin.headers).json()}
    first = listed[str(issued["id"])]["revoked_at"]
    assert first is not None and listed[str(kept["id"])]["revoked_at"] is None
    # Revoking again is harmless and keeps the first time.
    assert api.delete(f"{KEYS}/{issued['id']}", headers=admin.headers).status_code == 204
    again = {k["id"]: k for k in api.get(KEYS, headers=admin.headers).json()}
    assert again[str(issued["id"])]["revoked_at"] == first


@pytest.mark.parametrize(
    "body",
    [
        {"name": "ci", "scopes": []},
        {"name": "ci", "scopes": ["org:users"]},
        {"name": "ci", "scopes": ["*"]},
        {"name": "ci", "scopes": ["project:*"]},
        {"name": "ci", "scopes": ["project:read", "api:anything"]},
        {"name": "ci"},
        {"name": "  ", "scopes": ["project:read"]},
        {"name": "ci", "scopes": ["project:read"], "tenant_id": str(uuid.uuid4())},
        {"name": "ci", "scopes": ["project:read"], "prefix": "0123456789ab"},
        {"name": "ci", "scopes": ["project:read"], "key": "tdk_chosen"},
    ],
)
def test_invalid_bodies_are_422(api: TestClient, admin: Actor, body: dict[str, object]) -> None:
    answer = api.post(KEYS, json=body, headers=admin.headers)
    assert answer.status_code == 422
    assert answer.json()["type"].endswith("/validation")
    assert api.get(KEYS, headers=admin.headers).json() == []


def test_repeated_scopes_are_kept_once(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin, ["project:read", "project:read", "agent:execute"])
    assert issued["scopes"] == ["project:read", "agent:execute"]


def test_every_scope_can_be_granted_by_an_org_admin(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin, list(API_KEY_SCOPES))
    principal = authenticate_key(platform_of(api), str(issued["key"]))
    assert principal.permissions == frozenset(API_KEY_SCOPES)


def test_nobody_grants_a_scope_they_do_not_hold(api: TestClient, admin: Actor) -> None:
    """No role holds org:api_keys without every API scope, so the service is called with
    a principal that does: it may grant what it holds and nothing more."""
    narrow = Principal(
        kind="user",
        subject=admin.user_id,
        tenant_id=admin.tenant_id,
        tenant_slug=admin.tenant_slug,
        role="custom",
        permissions=frozenset({"org:api_keys", "project:read"}),
    )
    with platform_of(api).session(admin.tenant_id) as session:
        with pytest.raises(ApiError) as refused:
            create_key(
                session, narrow, ApiKeyCreate(name="x", scopes=["project:read", "agent:execute"])
            )
        assert (refused.value.status, refused.value.kind) == (403, "forbidden")
        assert "agent:execute" in refused.value.detail
        granted = create_key(session, narrow, ApiKeyCreate(name="x", scopes=["project:read"]))
    assert granted.scopes == ["project:read"]
    assert [k["id"] for k in api.get(KEYS, headers=admin.headers).json()] == [str(granted.id)]


@pytest.mark.parametrize("role", ["developer", "viewer", "team_lead"])
def test_members_without_org_api_keys_are_refused(api: TestClient, admin: Actor, role: str) -> None:
    issued = _issue(api, admin)
    member = seed_user(api, (admin.tenant_id, admin.tenant_slug), role)
    calls = [
        api.post(KEYS, json={"name": "x", "scopes": ["project:read"]}, headers=member.headers),
        api.get(KEYS, headers=member.headers),
        api.delete(f"{KEYS}/{issued['id']}", headers=member.headers),
    ]
    assert [c.status_code for c in calls] == [403, 403, 403]
    assert len(api.get(KEYS, headers=admin.headers).json()) == 1
    assert api.get(PROBE, headers=_bearer(issued["key"])).status_code == 200


def test_an_api_key_cannot_issue_keys(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin, list(API_KEY_SCOPES))
    body = {"name": "child", "scopes": ["project:read"]}
    assert api.post(KEYS, json=body, headers=_bearer(issued["key"])).status_code == 403


def test_another_tenants_key_is_not_found_and_keeps_working(api: TestClient, admin: Actor) -> None:
    stranger = seed_user(api, seed_tenant(api, "Beta"), "org_admin")
    theirs = _issue(api, stranger)
    assert api.delete(f"{KEYS}/{theirs['id']}", headers=admin.headers).status_code == 404
    assert api.delete(f"{KEYS}/{uuid.uuid4()}", headers=admin.headers).status_code == 404
    assert api.get(KEYS, headers=admin.headers).json() == []
    assert api.get(PROBE, headers=_bearer(theirs["key"])).json()["tenant"] == str(
        stranger.tenant_id
    )
    assert _stored(api, stranger.tenant_id, theirs["id"]).revoked_at is None


def test_a_key_refuses_another_tenants_header(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin)
    other, _ = seed_tenant(api, "Beta")
    headers = {**_bearer(issued["key"]), "X-Tenant-ID": str(other)}
    assert api.get(PROBE, headers=headers).status_code == 403


@contextmanager
def _statements(api: TestClient) -> Iterator[list[str]]:
    """The SQL statements the platform's engine runs inside the block."""
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    engine = platform_of(api).engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_last_used_is_written_at_most_once_a_minute(api: TestClient, admin: Actor) -> None:
    issued = _issue(api, admin)
    assert _stored(api, admin.tenant_id, issued["id"]).last_used_at is None
    authenticate_key(platform_of(api), str(issued["key"]))
    first = _stored(api, admin.tenant_id, issued["id"]).last_used_at
    assert first is not None
    with _statements(api) as seen:
        authenticate_key(platform_of(api), str(issued["key"]))
    assert _stored(api, admin.tenant_id, issued["id"]).last_used_at == first
    assert seen and not [s for s in seen if s.lstrip().upper().startswith("UPDATE")]
    old = datetime.now(UTC) - timedelta(minutes=2)
    with platform_of(api).session(admin.tenant_id) as session:
        key = session.get(ApiKey, uuid.UUID(str(issued["id"])))
        assert key is not None
        key.last_used_at = old
    authenticate_key(platform_of(api), str(issued["key"]))
    latest = _stored(api, admin.tenant_id, issued["id"]).last_used_at
    assert latest is not None and latest > old.replace(tzinfo=None)
    listed = api.get(KEYS, headers=admin.headers).json()[0]["last_used_at"]
    assert datetime.fromisoformat(listed).tzinfo is not None
