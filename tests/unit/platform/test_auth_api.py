"""Identity over HTTP on SQLite: register, sign in, refresh-token rotation and reuse
detection, sign-out, rate limits, the second factor, several tenants per e-mail, key
rotation."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pyotp
import pytest
from fastapi.testclient import TestClient

from support.platform import platform_of, serve, sqlite_settings
from tdeveloper.platform.auth import service
from tdeveloper.platform.auth.models import User
from tdeveloper.platform.auth.permissions import ROLE_PERMISSIONS
from tdeveloper.platform.kit.problems import PROBLEM_JSON
from tdeveloper.platform.tenant.service import slug_for, suffixed

AUTH = "/api/v1/auth"
PASSWORD = "a long enough password"


@pytest.fixture
def api(tmp_path: Path) -> Iterator[TestClient]:
    with serve(sqlite_settings(tmp_path)) as client:
        yield client


def register(api: TestClient, name: str = "Acme", email: str | None = None) -> dict[str, Any]:
    email = email or f"admin-{uuid.uuid4().hex[:8]}@example.com"
    body = {"tenant_name": name, "email": email, "password": PASSWORD}
    answer = api.post(f"{AUTH}/register", json=body)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def login(
    api: TestClient,
    email: str,
    password: str = PASSWORD,
    otp: str | None = None,
    tenant: str | None = None,
) -> httpx.Response:
    form = {"username": email, "password": password, "grant_type": "password"}
    if otp is not None:
        form["otp"] = otp
    headers = {"X-Tenant-ID": tenant} if tenant else {}
    return api.post(f"{AUTH}/token", data=form, headers=headers)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def kind(answer: httpx.Response) -> str:
    assert answer.headers["content-type"] == PROBLEM_JSON
    return str(answer.json()["type"]).rsplit("/", 1)[1]


def refresh(api: TestClient, token: str) -> httpx.Response:
    return api.post(f"{AUTH}/refresh", json={"refresh_token": token})


# -- register and sign in ---------------------------------------------------------------


def test_register_then_sign_in_then_me(api: TestClient) -> None:
    made = register(api, "Acme Corp", "Boss@Example.COM")
    assert made["tenant"]["slug"] == "acme-corp" and made["tenant"]["name"] == "Acme Corp"
    assert made["user"] == {
        "id": made["user"]["id"],
        "email": "boss@example.com",
        "role": "org_admin",
    }
    assert made["token_type"] == "bearer" and made["expires_in"] == 15 * 60
    signed_in = login(api, "BOSS@example.com")  # e-mails compare lower-case
    assert signed_in.status_code == 200 and signed_in.headers["cache-control"] == "no-store"
    assert set(signed_in.json()) == {"access_token", "refresh_token", "token_type", "expires_in"}
    me = api.get(f"{AUTH}/me", headers=bearer(signed_in.json()["access_token"])).json()
    assert me == {
        "user_id": made["user"]["id"],
        "tenant_id": made["tenant"]["id"],
        "tenant_slug": "acme-corp",
        "role": "org_admin",
        "permissions": sorted(ROLE_PERMISSIONS["org_admin"]),
        "kind": "user",
        "mfa_enabled": False,
    }
    # The token from registration works as well.
    assert api.get(f"{AUTH}/me", headers=bearer(made["access_token"])).status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_answer(
    api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = register(api)
    checked: list[str | None] = []
    real = service.verify_password

    def counting(stored: str | None, password: str) -> bool:
        checked.append(stored)
        return real(stored, password)

    monkeypatch.setattr(service, "verify_password", counting)
    wrong = login(api, made["user"]["email"], "not the password at all")
    unknown = login(api, "nobody@example.com", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.json()["detail"] == "invalid e-mail or password"
    # A password is hashed for the unknown account too (the decoy), so timing tells nothing.
    assert len(checked) == 2 and checked[1] is None


def test_a_deactivated_user_cannot_sign_in(api: TestClient) -> None:
    made = register(api)
    with platform_of(api).session(uuid.UUID(made["tenant"]["id"])) as session:
        user = session.get(User, uuid.UUID(made["user"]["id"]))
        assert user is not None
        user.active = False
    refused = login(api, made["user"]["email"])
    assert refused.status_code == 401
    assert refused.json()["detail"] == "invalid e-mail or password"
    assert refresh(api, made["refresh_token"]).status_code == 401


@pytest.mark.parametrize(
    "change",
    [
        {"role": "super_admin"},
        {"plan": "enterprise"},
        {"tenant_id": str(uuid.uuid4())},
        {"password": "short"},
        {"password": "x" * 257},
        {"email": "not an address"},
        {"tenant_name": "   "},
    ],
)
def test_register_refuses_bad_bodies(api: TestClient, change: dict[str, str]) -> None:
    body = {"tenant_name": "Acme", "email": "a@example.com", "password": PASSWORD, **change}
    answer = api.post(f"{AUTH}/register", json=body)
    assert answer.status_code == 422 and kind(answer) == "validation"
    assert login(api, "a@example.com").status_code == 401  # nothing was made


def test_slugs_are_derived_and_a_taken_one_gets_a_suffix(api: TestClient) -> None:
    first = register(api, "Acme")["tenant"]["slug"]
    second = register(api, "ACME")["tenant"]["slug"]
    reserved = register(api, "Admin")["tenant"]["slug"]
    assert first == "acme"
    assert second.startswith("acme-") and len(second) == len("acme-") + 6
    assert reserved.startswith("admin-") and reserved != "admin"


def test_slug_shapes() -> None:
    assert slug_for("Zürich Ä&B  Co.") == "zurich-a-b-co"
    assert slug_for("日本語") == "org"
    assert slug_for("x" * 80) == "x" * 40
    long = suffixed("y" * 40)
    assert len(long) == 40 and long.startswith("y" * 33 + "-")


# -- refresh, reuse, sign-out -----------------------------------------------------------


def test_refresh_rotates_and_reuse_ends_the_whole_session(api: TestClient) -> None:
    made = register(api)
    first = login(api, made["user"]["email"]).json()
    rotated = refresh(api, first["refresh_token"])
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert api.get(f"{AUTH}/me", headers=bearer(second["access_token"])).status_code == 200
    # The old refresh token presented again: reuse. Every token of the family dies.
    replay = refresh(api, first["refresh_token"])
    assert replay.status_code == 401 and "already used" in replay.json()["detail"]
    assert refresh(api, second["refresh_token"]).status_code == 401
    for token in (first["access_token"], second["access_token"]):
        assert api.get(f"{AUTH}/me", headers=bearer(token)).status_code == 401
    # Another session of the same user is untouched.
    assert api.get(f"{AUTH}/me", headers=bearer(made["access_token"])).status_code == 200
    assert refresh(api, made["refresh_token"]).status_code == 200


@pytest.mark.parametrize("mangle", ["tenant", "secret", "shape"])
def test_forged_refresh_tokens_are_refused(api: TestClient, mangle: str) -> None:
    made = register(api)
    other = register(api, "Other")
    head, secret = made["refresh_token"].split(".", 1)
    forged = {
        "tenant": f"{uuid.UUID(other['tenant']['id']).hex}.{secret}",
        "secret": f"{head}.{secret[:-2]}xx",
        "shape": secret,
    }[mangle]
    answer = refresh(api, forged)
    assert answer.status_code == 401 and kind(answer) == "unauthorized"
    assert refresh(api, made["refresh_token"]).status_code == 200  # the real one still works


def test_logout_ends_the_access_and_the_refresh_token(api: TestClient) -> None:
    made = register(api)
    session = login(api, made["user"]["email"]).json()
    headers = bearer(session["access_token"])
    out = api.post(
        f"{AUTH}/logout", json={"refresh_token": session["refresh_token"]}, headers=headers
    )
    assert out.status_code == 204
    assert api.get(f"{AUTH}/me", headers=headers).status_code == 401
    assert refresh(api, session["refresh_token"]).status_code == 401
    # Only that session: the one from registration goes on.
    assert api.get(f"{AUTH}/me", headers=bearer(made["access_token"])).status_code == 200
    anonymous = api.post(f"{AUTH}/logout", json={"refresh_token": made["refresh_token"]})
    assert anonymous.status_code == 401
    assert refresh(api, made["refresh_token"]).status_code == 200


def test_sign_in_is_rate_limited_per_email(tmp_path: Path) -> None:
    with serve(sqlite_settings(tmp_path, login_rate_limit="3/minute")) as api:
        made = register(api)
        email = made["user"]["email"]
        for _ in range(3):
            assert login(api, email, "wrong password!").status_code == 401
        limited = login(api, email)  # even the right password waits now
        assert limited.status_code == 429 and kind(limited) == "too-many-requests"
        assert 1 <= int(limited.headers["retry-after"]) <= 61
        assert login(api, "someone-else@example.com").status_code == 401  # not limited


# -- second factor ----------------------------------------------------------------------


def enrol(api: TestClient, access_token: str) -> str:
    enrolment = api.post(f"{AUTH}/mfa/enroll", headers=bearer(access_token))
    assert enrolment.status_code == 200
    secret = str(enrolment.json()["secret"])
    assert enrolment.json()["otpauth_uri"].startswith("otpauth://totp/T-Developer:")
    assert "issuer=T-Developer" in enrolment.json()["otpauth_uri"]
    code = {"code": pyotp.TOTP(secret).now()}
    confirmed = api.post(f"{AUTH}/mfa/confirm", json=code, headers=bearer(access_token))
    assert confirmed.status_code == 204
    return secret


def test_mfa_enrolment_then_sign_in_needs_the_code(api: TestClient) -> None:
    made = register(api)
    email, headers = made["user"]["email"], bearer(made["access_token"])
    enrolled = api.post(f"{AUTH}/mfa/enroll", headers=headers).json()
    assert login(api, email).status_code == 200  # not on until confirmed
    wrong = api.post(f"{AUTH}/mfa/confirm", json={"code": "000000"}, headers=headers)
    assert wrong.status_code == 400 and kind(wrong) == "invalid-code"
    secret = enrol(api, made["access_token"])
    assert secret != enrolled["secret"]  # enrolling again replaced the unconfirmed secret
    assert api.get(f"{AUTH}/me", headers=headers).json()["mfa_enabled"] is True
    again = api.post(f"{AUTH}/mfa/enroll", headers=headers)
    assert again.status_code == 409  # a factor that is on cannot be replaced

    missing = login(api, email)
    assert missing.status_code == 401 and kind(missing) == "mfa-required"
    assert login(api, email, otp="123456").status_code == 401
    assert login(api, email, otp=pyotp.TOTP(secret).now()).status_code == 200

    bad = api.post(f"{AUTH}/mfa/disable", json={"code": "12345"}, headers=headers)
    assert bad.status_code == 422
    code = {"code": pyotp.TOTP(secret).now()}
    assert api.post(f"{AUTH}/mfa/disable", json=code, headers=headers).status_code == 204
    assert login(api, email).status_code == 200


def test_a_tenant_that_requires_mfa_lets_users_only_enrol(api: TestClient) -> None:
    made = register(api)
    email = made["user"]["email"]
    on = {"mfa_required": True}
    patched = api.patch("/api/v1/tenant", json=on, headers=bearer(made["access_token"]))
    assert patched.status_code == 200 and patched.json()["mfa_required"] is True

    pending = login(api, email).json()
    headers = bearer(pending["access_token"])
    me = api.get(f"{AUTH}/me", headers=headers)
    assert me.status_code == 200 and me.json()["permissions"] == []
    for answer in (
        api.get("/api/v1/tenant", headers=headers),
        api.patch("/api/v1/tenant", json={"name": "Taken"}, headers=headers),
    ):
        assert answer.status_code == 403 and kind(answer) == "mfa-enrolment-required"

    secret = enrol(api, pending["access_token"])
    settled = refresh(api, pending["refresh_token"]).json()  # a full token after enrolling
    assert api.get("/api/v1/tenant", headers=bearer(settled["access_token"])).status_code == 200
    assert kind(login(api, email)) == "mfa-required"
    assert login(api, email, otp=pyotp.TOTP(secret).now()).status_code == 200
    code = {"code": pyotp.TOTP(secret).now()}
    refused = api.post(f"{AUTH}/mfa/disable", json=code, headers=bearer(settled["access_token"]))
    assert refused.status_code == 409 and kind(refused) == "mfa-required-by-tenant"


# -- several tenants, keys --------------------------------------------------------------


def test_an_email_in_two_tenants_needs_x_tenant_id(api: TestClient) -> None:
    email = "shared@example.com"
    first, second = register(api, "One", email), register(api, "Two", email)
    ambiguous = login(api, email)
    assert ambiguous.status_code == 400 and kind(ambiguous) == "tenant-required"
    chosen = login(api, email, tenant=second["tenant"]["id"])
    assert chosen.status_code == 200
    me = api.get(f"{AUTH}/me", headers=bearer(chosen.json()["access_token"])).json()
    assert me["tenant_id"] == second["tenant"]["id"] != first["tenant"]["id"]
    stranger = register(api, "Three")["tenant"]["id"]
    assert login(api, email, tenant=stranger).status_code == 401  # not a member there
    assert login(api, email, tenant="not-a-uuid").status_code == 422


def test_rotating_signing_keys_keeps_old_tokens_and_signs_new_ones(api: TestClient) -> None:
    made = register(api)
    keys = platform_of(api).keys
    old_kid = jwt.get_unverified_header(made["access_token"])["kid"]
    new_kid = keys.rotate().kid
    assert new_kid != old_kid
    assert api.get(f"{AUTH}/me", headers=bearer(made["access_token"])).status_code == 200
    fresh = login(api, made["user"]["email"]).json()["access_token"]
    assert jwt.get_unverified_header(fresh)["kid"] == new_kid
    assert api.get(f"{AUTH}/me", headers=bearer(fresh)).status_code == 200


def test_an_api_key_reads_me_but_has_no_factor_and_no_session(api: TestClient) -> None:
    made = register(api)
    headers = bearer(made["access_token"])
    created = api.post(
        "/api/v1/api-keys", json={"name": "ci", "scopes": ["project:read"]}, headers=headers
    )
    assert created.status_code == 201
    key = {"X-API-Key": created.json()["key"]}
    me = api.get(f"{AUTH}/me", headers=key).json()
    assert (me["kind"], me["user_id"], me["tenant_id"]) == ("api_key", None, made["tenant"]["id"])
    assert api.post(f"{AUTH}/mfa/enroll", headers=key).status_code == 403
    signed_out = api.post(
        f"{AUTH}/logout", json={"refresh_token": made["refresh_token"]}, headers=key
    )
    assert signed_out.status_code == 403
    assert refresh(api, made["refresh_token"]).status_code == 200  # the user's session lives on
