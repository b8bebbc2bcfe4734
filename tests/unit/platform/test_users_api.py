"""Managing a tenant's users over HTTP (SQLite): who may, what is validated, and that taking
rights away ends the user's tokens at once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from support.platform import Actor, platform_of, seed_tenant, seed_user, serve, sqlite_settings
from tdeveloper.platform.auth.claims import issue_access_token
from tdeveloper.platform.auth.passwords import verify_password
from tdeveloper.platform.kit.problems import PROBLEM_JSON
from tdeveloper.platform.models import RefreshToken, User

USERS = "/api/v1/users"
SHOWN = {"id", "email", "role", "active", "mfa_enabled", "created_at"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with serve(sqlite_settings(tmp_path_factory.mktemp("users"))) as client:
        yield client


@pytest.fixture
def admin(api: TestClient) -> Actor:
    """The only org_admin of a fresh tenant."""
    return seed_user(api, seed_tenant(api, "Acme"), "org_admin")


def _tenant(actor: Actor) -> tuple[uuid.UUID, str]:
    return actor.tenant_id, actor.tenant_slug


def _row(api: TestClient, actor: Actor, user_id: uuid.UUID) -> User:
    with platform_of(api).session(actor.tenant_id) as session:
        user = session.get(User, user_id)
        assert user is not None
        return user


def _new_token(api: TestClient, actor: Actor, role: str) -> dict[str, str]:
    token = issue_access_token(
        platform_of(api),
        user_id=actor.user_id,
        tenant_id=actor.tenant_id,
        tenant_slug=actor.tenant_slug,
        role=role,
        session_id=uuid.uuid4(),
    )
    return {"Authorization": f"Bearer {token}"}


def _create(api: TestClient, admin: Actor, **body: object) -> dict[str, object]:
    payload = {"email": "dev@example.com", "role": "developer", "password": "a long password"}
    answer = api.post(USERS, json={**payload, **body}, headers=admin.headers)
    assert answer.status_code == 201, answer.text
    created: dict[str, object] = answer.json()
    return created


def test_create_list_get_update_and_deactivate(api: TestClient, admin: Actor) -> None:
    created = _create(api, admin, email="Mixed.Case@Example.COM", role="viewer")
    assert set(created) == SHOWN
    assert (created["email"], created["role"], created["active"]) == (
        "mixed.case@example.com",
        "viewer",
        True,
    )
    user_id = uuid.UUID(str(created["id"]))
    stored = _row(api, admin, user_id)
    assert stored.tenant_id == admin.tenant_id
    assert verify_password(stored.password_hash, "a long password")

    listed = api.get(USERS, headers=admin.headers).json()
    assert {u["email"] for u in listed} == {admin.email, "mixed.case@example.com"}
    assert all(set(u) == SHOWN for u in listed)
    assert api.get(f"{USERS}/{user_id}", headers=admin.headers).json() == created

    patched = api.patch(f"{USERS}/{user_id}", json={"role": "team_lead"}, headers=admin.headers)
    assert (patched.status_code, patched.json()["role"]) == (200, "team_lead")
    assert _row(api, admin, user_id).role == "team_lead"

    gone = api.delete(f"{USERS}/{user_id}", headers=admin.headers)
    assert (gone.status_code, gone.content) == (204, b"")
    assert _row(api, admin, user_id).active is False
    back = api.patch(f"{USERS}/{user_id}", json={"active": True}, headers=admin.headers)
    assert back.json()["active"] is True and _row(api, admin, user_id).active is True


def test_responses_never_carry_secrets(api: TestClient, admin: Actor) -> None:
    created = _create(api, admin)
    with platform_of(api).session(admin.tenant_id) as session:
        user = session.get(User, uuid.UUID(str(created["id"])))
        assert user is not None
        user.mfa_secret, user.mfa_enabled = "JBSWY3DPEHPK3PXP", True
    for answer in (
        api.get(USERS, headers=admin.headers),
        api.get(f"{USERS}/{created['id']}", headers=admin.headers),
    ):
        assert "password" not in answer.text and "argon2" not in answer.text
        assert "mfa_secret" not in answer.text and "JBSWY3DPEHPK3PXP" not in answer.text
    assert api.get(f"{USERS}/{created['id']}", headers=admin.headers).json()["mfa_enabled"]


def test_list_is_paginated_and_bounded(api: TestClient, admin: Actor) -> None:
    for n in range(3):
        _create(api, admin, email=f"u{n}@example.com")
    page = api.get(USERS, params={"limit": 2, "offset": 1}, headers=admin.headers).json()
    everyone = api.get(USERS, headers=admin.headers).json()
    assert len(everyone) == 4 and page == everyone[1:3]
    for params in ({"limit": 0}, {"limit": 101}, {"offset": -1}):
        assert api.get(USERS, params=params, headers=admin.headers).status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {"role": "super_admin"},
        {"role": "api_user"},
        {"role": "owner"},
        {"password": "short"},
        {"email": "not-an-address"},
        {"tenant_id": str(uuid.uuid4())},
        {"active": False},
    ],
)
def test_create_rejects_invalid_bodies(api: TestClient, admin: Actor, body: dict[str, str]) -> None:
    payload = {"email": "x@example.com", "role": "developer", "password": "a long password"}
    answer = api.post(USERS, json={**payload, **body}, headers=admin.headers)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM_JSON
    assert len(api.get(USERS, headers=admin.headers).json()) == 1


def test_a_duplicate_email_is_a_conflict(api: TestClient, admin: Actor) -> None:
    _create(api, admin, email="dup@example.com")
    body = {"email": "DUP@example.com", "role": "viewer", "password": "a long password"}
    answer = api.post(USERS, json=body, headers=admin.headers)
    assert answer.status_code == 409
    assert answer.json()["type"] == "https://tdeveloper.dev/problems/conflict"
    # The same address in another tenant is another user.
    other = seed_user(api, seed_tenant(api, "Beta"), "org_admin")
    assert api.post(USERS, json=body, headers=other.headers).status_code == 201


@pytest.mark.parametrize("role", ["developer", "viewer", "team_lead"])
def test_members_without_org_users_are_refused_everywhere(
    api: TestClient, admin: Actor, role: str
) -> None:
    member = seed_user(api, _tenant(admin), role)
    target = f"{USERS}/{admin.user_id}"
    body = {"email": "x@example.com", "role": "org_admin", "password": "a long password"}
    calls = [
        api.get(USERS, headers=member.headers),
        api.post(USERS, json=body, headers=member.headers),
        api.get(target, headers=member.headers),
        api.patch(target, json={"role": "viewer"}, headers=member.headers),
        api.delete(target, headers=member.headers),
        api.patch(f"{USERS}/{member.user_id}", json={"role": "org_admin"}, headers=member.headers),
    ]
    assert [c.status_code for c in calls] == [403] * len(calls)
    assert calls[0].json()["type"].endswith("/forbidden")
    assert _row(api, admin, admin.user_id).active and _row(api, admin, member.user_id).role == role
    assert len(api.get(USERS, headers=admin.headers).json()) == 2


def test_without_credentials_it_is_401(api: TestClient) -> None:
    answer = api.get(USERS)
    assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"


def test_a_deactivated_users_token_and_refresh_tokens_stop_at_once(
    api: TestClient, admin: Actor
) -> None:
    other = seed_user(api, _tenant(admin), "org_admin")
    assert api.get(USERS, headers=other.headers).status_code == 200
    earlier = datetime.now(UTC) - timedelta(days=1)
    with platform_of(api).session(admin.tenant_id) as session:
        for revoked in (None, earlier):
            session.add(_refresh(admin, other.user_id, revoked))
        session.add(_refresh(admin, admin.user_id, None))

    assert api.delete(f"{USERS}/{other.user_id}", headers=admin.headers).status_code == 204
    answer = api.get(USERS, headers=other.headers)
    assert answer.status_code == 401 and answer.json()["type"].endswith("/unauthorized")
    states = _refresh_states(api, admin)
    assert None not in states[other.user_id]  # the open one is closed now
    assert earlier.replace(tzinfo=None) in states[other.user_id]  # kept its own time
    assert states[admin.user_id] == [None]  # nobody else's
    assert api.get(USERS, headers=admin.headers).status_code == 200


def _refresh(actor: Actor, user_id: uuid.UUID, revoked: datetime | None) -> RefreshToken:
    return RefreshToken(
        tenant_id=actor.tenant_id,
        user_id=user_id,
        family_id=uuid.uuid4(),
        token_hash=uuid.uuid4().hex * 2,
        expires_at=datetime.now(UTC) + timedelta(days=1),
        revoked_at=revoked,
        created_at=datetime.now(UTC) - timedelta(days=2),
    )


def _refresh_states(api: TestClient, actor: Actor) -> dict[uuid.UUID, list[datetime | None]]:
    """Each user's refresh tokens' revoked_at, as naive UTC (how SQLite hands them back)."""
    states: dict[uuid.UUID, list[datetime | None]] = {}
    with platform_of(api).session(actor.tenant_id) as session:
        query = select(RefreshToken).where(RefreshToken.tenant_id == actor.tenant_id)
        for token in session.scalars(query):
            at = token.revoked_at.replace(tzinfo=None) if token.revoked_at else None
            states.setdefault(token.user_id, []).append(at)
    return states


def test_a_role_change_ends_the_old_token_but_not_a_new_one(api: TestClient, admin: Actor) -> None:
    other = seed_user(api, _tenant(admin), "org_admin")
    answer = api.patch(
        f"{USERS}/{other.user_id}", json={"role": "developer"}, headers=admin.headers
    )
    assert answer.status_code == 200
    assert api.get(USERS, headers=other.headers).status_code == 401
    # A token issued after the change carries the new role: signed in, but no longer admin.
    assert api.get(USERS, headers=_new_token(api, other, "developer")).status_code == 403


def test_an_unchanged_role_revokes_nothing(api: TestClient, admin: Actor) -> None:
    other = seed_user(api, _tenant(admin), "org_admin")
    same = api.patch(f"{USERS}/{other.user_id}", json={"role": "org_admin"}, headers=admin.headers)
    assert same.status_code == 200
    assert api.patch(f"{USERS}/{other.user_id}", json={}, headers=admin.headers).status_code == 200
    assert api.get(USERS, headers=other.headers).status_code == 200


def test_the_last_active_admin_cannot_remove_themselves(api: TestClient, admin: Actor) -> None:
    me = f"{USERS}/{admin.user_id}"
    calls = [
        api.delete(me, headers=admin.headers),
        api.patch(me, json={"active": False}, headers=admin.headers),
        api.patch(me, json={"role": "developer"}, headers=admin.headers),
    ]
    assert [c.status_code for c in calls] == [409, 409, 409]
    assert all(c.json()["type"].endswith("/conflict") for c in calls)
    row = _row(api, admin, admin.user_id)
    assert (row.role, row.active) == ("org_admin", True)
    assert api.get(USERS, headers=admin.headers).status_code == 200  # token not revoked


def test_an_inactive_admin_does_not_count_as_another(api: TestClient, admin: Actor) -> None:
    other = seed_user(api, _tenant(admin), "org_admin")
    assert api.delete(f"{USERS}/{other.user_id}", headers=admin.headers).status_code == 204
    assert api.delete(f"{USERS}/{admin.user_id}", headers=admin.headers).status_code == 409


def test_with_another_admin_one_may_step_down(api: TestClient, admin: Actor) -> None:
    other = seed_user(api, _tenant(admin), "org_admin")
    me = f"{USERS}/{admin.user_id}"
    assert api.patch(me, json={"role": "team_lead"}, headers=admin.headers).status_code == 200
    assert api.get(USERS, headers=admin.headers).status_code == 401  # own token ended too
    # Now `other` is the last one and cannot leave either.
    assert api.delete(f"{USERS}/{other.user_id}", headers=other.headers).status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {"email": "new@example.com"},
        {"tenant_id": str(uuid.uuid4())},
        {"password_hash": "x"},
        {"mfa_enabled": False},
        {"role": "super_admin"},
        {"role": "api_user"},
        {"active": "perhaps"},
    ],
)
def test_update_refuses_mass_assignment(
    api: TestClient, admin: Actor, body: dict[str, str]
) -> None:
    other = seed_user(api, _tenant(admin), "developer")
    answer = api.patch(f"{USERS}/{other.user_id}", json=body, headers=admin.headers)
    assert answer.status_code == 422
    row = _row(api, admin, other.user_id)
    assert (row.email, row.role, row.active, row.tenant_id) == (
        other.email,
        "developer",
        True,
        admin.tenant_id,
    )
    assert api.get(USERS, headers=other.headers).status_code == 403  # token still valid


def test_another_tenants_user_is_not_found_and_untouched(api: TestClient, admin: Actor) -> None:
    stranger = seed_user(api, seed_tenant(api, "Beta"), "org_admin")
    target = f"{USERS}/{stranger.user_id}"
    calls = [
        api.get(target, headers=admin.headers),
        api.patch(target, json={"role": "viewer", "active": False}, headers=admin.headers),
        api.delete(target, headers=admin.headers),
        api.get(f"{USERS}/{uuid.uuid4()}", headers=admin.headers),
    ]
    assert [c.status_code for c in calls] == [404] * 4
    assert all(c.json()["type"].endswith("/not-found") for c in calls)
    row = _row(api, stranger, stranger.user_id)
    assert (row.role, row.active) == ("org_admin", True)
    assert api.get(USERS, headers=stranger.headers).status_code == 200  # not revoked
    listed = {u["id"] for u in api.get(USERS, headers=admin.headers).json()}
    assert str(stranger.user_id) not in listed


def test_an_org_admin_cannot_change_a_super_admin(api: TestClient, admin: Actor) -> None:
    operator = seed_user(api, _tenant(admin), "super_admin")
    target = f"{USERS}/{operator.user_id}"
    assert api.patch(target, json={"role": "viewer"}, headers=admin.headers).status_code == 403
    assert api.delete(target, headers=admin.headers).status_code == 403
    row = _row(api, admin, operator.user_id)
    assert (row.role, row.active) == ("super_admin", True)
