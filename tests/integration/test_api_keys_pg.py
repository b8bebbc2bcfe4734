"""API keys and user deactivation on a real PostgreSQL (application role, row-level
security, the SECURITY DEFINER sign-in index) and a real Redis (revocations, db 15)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Annotated

import pytest
import redis
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.exc import ProgrammingError

from support.platform import (
    REDIS_URL,
    Actor,
    pg_settings,
    platform_of,
    seed_tenant,
    seed_user,
    serve,
)
from tdeveloper.platform.apikey.service import authenticate_key
from tdeveloper.platform.auth.deps import require
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.lookup import tenants_holding
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.models import ApiKey, User

KEYS = "/api/v1/api-keys"
USERS = "/api/v1/users"
PROBE = "/test-probe"


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    with pg_settings(tmp_path_factory.mktemp("keys-pg")) as settings:
        yield settings


def _with_probe(client: TestClient) -> TestClient:
    app = client.app
    assert isinstance(app, FastAPI)

    @app.get(PROBE)
    def probe(who: Annotated[Principal, Depends(require("project:read"))]) -> dict[str, str]:
        return {"kind": who.kind, "tenant": str(who.tenant_id), "slug": who.tenant_slug}

    return client


@pytest.fixture(scope="module")
def api(config: Settings) -> Iterator[TestClient]:
    with serve(config) as client:
        yield _with_probe(client)


@pytest.fixture(scope="module")
def admins(api: TestClient) -> tuple[Actor, Actor]:
    return (
        seed_user(api, seed_tenant(api, "Acme"), "org_admin"),
        seed_user(api, seed_tenant(api, "Beta"), "org_admin"),
    )


def _issue(api: TestClient, admin: Actor) -> dict[str, str]:
    answer = api.post(KEYS, json={"name": "ci", "scopes": ["project:read"]}, headers=admin.headers)
    assert answer.status_code == 201, answer.text
    issued: dict[str, str] = answer.json()
    return issued


def test_the_configuration_is_the_real_thing(config: Settings) -> None:
    assert config.url.startswith("postgresql") and config.redis_url == REDIS_URL


def test_each_key_signs_in_to_its_own_tenant(api: TestClient, admins: tuple[Actor, Actor]) -> None:
    for admin in admins:
        issued = _issue(api, admin)
        principal = authenticate_key(platform_of(api), issued["key"])
        assert (principal.tenant_id, principal.tenant_slug) == (admin.tenant_id, admin.tenant_slug)
        assert principal.subject == uuid.UUID(issued["id"])
        answer = api.get(PROBE, headers={"X-API-Key": issued["key"]})
        assert answer.json() == {
            "kind": "api_key",
            "tenant": str(admin.tenant_id),
            "slug": admin.tenant_slug,
        }
        listed = api.get(KEYS, headers=admin.headers).json()
        assert issued["id"] in {k["id"] for k in listed}


def test_keys_are_found_only_through_the_security_definer_index(
    api: TestClient, admins: tuple[Actor, Actor]
) -> None:
    acme, _ = admins
    issued = _issue(api, acme)
    engine = platform_of(api).engine
    # The application role may not read the index itself ...
    with pytest.raises(ProgrammingError, match="permission denied"), engine.connect() as conn:
        conn.execute(text("SELECT tenant_id FROM credential_index"))
    # ... and outside a tenant row-level security hides every key ...
    with platform_of(api).session(None) as session:
        assert session.scalars(select(ApiKey).where(ApiKey.prefix == issued["prefix"])).all() == []
    # ... so the function is what names the tenant, and only for a prefix one holds.
    assert tenants_holding(engine, "api_key", issued["prefix"]) == [acme.tenant_id]
    assert tenants_holding(engine, "api_key", "0" * 12) == []
    assert api.get(PROBE, headers={"Authorization": f"Bearer {issued['key']}"}).status_code == 200


def test_a_revoked_key_fails(api: TestClient, admins: tuple[Actor, Actor]) -> None:
    acme, beta = admins
    issued = _issue(api, acme)
    assert api.delete(f"{KEYS}/{issued['id']}", headers=beta.headers).status_code == 404
    assert api.get(PROBE, headers={"X-API-Key": issued["key"]}).status_code == 200
    assert api.delete(f"{KEYS}/{issued['id']}", headers=acme.headers).status_code == 204
    assert api.get(PROBE, headers={"X-API-Key": issued["key"]}).status_code == 401
    wrong = issued["key"][:-2] + ("AA" if not issued["key"].endswith("AA") else "BB")
    assert api.get(PROBE, headers={"X-API-Key": wrong}).status_code == 401


def test_use_is_recorded(api: TestClient, admins: tuple[Actor, Actor]) -> None:
    acme, _ = admins
    issued = _issue(api, acme)
    assert api.get(PROBE, headers={"X-API-Key": issued["key"]}).status_code == 200
    listed = {k["id"]: k for k in api.get(KEYS, headers=acme.headers).json()}
    assert listed[issued["id"]]["last_used_at"] is not None


def test_deactivating_a_user_ends_their_token_everywhere_at_once(
    api: TestClient, config: Settings, admins: tuple[Actor, Actor]
) -> None:
    acme, _ = admins
    other = seed_user(api, (acme.tenant_id, acme.tenant_slug), "org_admin")
    assert api.get(USERS, headers=other.headers).status_code == 200
    assert api.delete(f"{USERS}/{other.user_id}", headers=acme.headers).status_code == 204
    assert api.get(USERS, headers=other.headers).status_code == 401
    store = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    assert store.get(f"tdev:revoked:user:{other.user_id}") is not None
    store.close()
    # Another server process (another app on the same Redis) refuses the token as well.
    with serve(config) as second:
        assert second.get(USERS, headers=other.headers).status_code == 401
        assert second.get(USERS, headers=acme.headers).status_code == 200
    with platform_of(api).session(acme.tenant_id) as session:
        user = session.get(User, other.user_id)
        assert user is not None and user.active is False


def test_another_tenants_user_is_not_found(api: TestClient, admins: tuple[Actor, Actor]) -> None:
    acme, beta = admins
    target = f"{USERS}/{beta.user_id}"
    assert api.get(target, headers=acme.headers).status_code == 404
    assert api.patch(target, json={"active": False}, headers=acme.headers).status_code == 404
    assert api.delete(target, headers=acme.headers).status_code == 404
    assert api.get(USERS, headers=beta.headers).status_code == 200
    assert str(beta.user_id) not in {u["id"] for u in api.get(USERS, headers=acme.headers).json()}


def test_the_last_admin_is_kept_on_postgres(api: TestClient) -> None:
    admin = seed_user(api, seed_tenant(api, "Solo"), "org_admin")
    me = f"{USERS}/{admin.user_id}"
    assert api.patch(me, json={"role": "viewer"}, headers=admin.headers).status_code == 409
    assert api.delete(me, headers=admin.headers).status_code == 409
    assert api.get(USERS, headers=admin.headers).status_code == 200


def test_a_new_user_can_be_created_and_is_indexed(
    api: TestClient, admins: tuple[Actor, Actor]
) -> None:
    acme, beta = admins
    body = {"email": "Shared@Example.com", "role": "developer", "password": "a long password"}
    for admin in (acme, beta):
        assert api.post(USERS, json=body, headers=admin.headers).status_code == 201
    assert api.post(USERS, json=body, headers=acme.headers).status_code == 409
    found = tenants_holding(platform_of(api).engine, "email", "shared@example.com")
    assert sorted(found) == sorted([acme.tenant_id, beta.tenant_id])
