"""Identity on a real PostgreSQL (application role under row-level security) and Redis:
register, sign in through the SECURITY DEFINER lookup, refresh-token reuse detection,
sign-out stored in Redis, the second factor a tenant requires, rate limits."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
import jwt
import pyotp
import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from support.platform import REDIS_URL, pg_settings, platform_of, serve
from tdeveloper.platform.kit.db import app_engine

AUTH = "/api/v1/auth"
PASSWORD = "a long enough password"


def register(api: TestClient, name: str, email: str) -> dict[str, Any]:
    body = {"tenant_name": name, "email": email, "password": PASSWORD}
    answer = api.post(f"{AUTH}/register", json=body)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def login(
    api: TestClient, email: str, *, otp: str | None = None, tenant: str | None = None
) -> httpx.Response:
    form = {"username": email, "password": PASSWORD}
    if otp is not None:
        form["otp"] = otp
    return api.post(f"{AUTH}/token", data=form, headers={"X-Tenant-ID": tenant} if tenant else {})


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def kind(answer: httpx.Response) -> str:
    return str(answer.json()["type"]).rsplit("/", 1)[1]


def unique_email(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex[:10]}@example.com"  # Redis limits outlive a test


def test_register_and_sign_in_across_tenants(tmp_path: Path) -> None:
    with pg_settings(tmp_path) as config, serve(config) as api:
        shared = unique_email("shared")
        acme = register(api, "Acme", shared)
        again = register(api, "Acme", shared)  # the slug clashes under RLS: a suffix
        assert acme["tenant"]["slug"] == "acme"
        assert again["tenant"]["slug"].startswith("acme-")

        ambiguous = login(api, shared)  # the lookup finds both tenants
        assert ambiguous.status_code == 400 and kind(ambiguous) == "tenant-required"
        chosen = login(api, shared, tenant=again["tenant"]["id"])
        assert chosen.status_code == 200
        me = api.get(f"{AUTH}/me", headers=bearer(chosen.json()["access_token"])).json()
        assert (me["tenant_id"], me["tenant_slug"]) == (
            again["tenant"]["id"],
            again["tenant"]["slug"],
        )
        tenant = api.get("/api/v1/tenant", headers=bearer(acme["access_token"])).json()
        assert (tenant["id"], tenant["name"]) == (acme["tenant"]["id"], "Acme")

        solo = unique_email("solo")
        beta = register(api, "Beta", solo)
        assert login(api, solo).status_code == 200  # one tenant: no header needed
        wrong = api.post(f"{AUTH}/token", data={"username": solo, "password": "wrong password"})
        unknown = login(api, unique_email("nobody"))
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json() == unknown.json()
        assert login(api, solo, tenant=acme["tenant"]["id"]).status_code == 401
        assert beta["user"]["email"] == solo


def test_refresh_reuse_and_logout_on_postgres_and_redis(tmp_path: Path) -> None:
    with pg_settings(tmp_path) as config, serve(config) as api:
        made = register(api, "Acme", unique_email("admin"))
        other = register(api, "Beta", unique_email("admin"))
        first = login(api, made["user"]["email"]).json()
        second = api.post(f"{AUTH}/refresh", json={"refresh_token": first["refresh_token"]})
        assert second.status_code == 200
        # Another tenant's id on this token: row-level security hides the row.
        _, secret = first["refresh_token"].split(".", 1)
        foreign = f"{uuid.UUID(other['tenant']['id']).hex}.{secret}"
        assert api.post(f"{AUTH}/refresh", json={"refresh_token": foreign}).status_code == 401

        replay = api.post(f"{AUTH}/refresh", json={"refresh_token": first["refresh_token"]})
        assert replay.status_code == 401
        newest = second.json()
        assert (
            api.post(f"{AUTH}/refresh", json={"refresh_token": newest["refresh_token"]}).status_code
            == 401
        )
        assert api.get(f"{AUTH}/me", headers=bearer(newest["access_token"])).status_code == 401

        session = made  # the registration's own session, signed out now
        sid = jwt.decode(session["access_token"], options={"verify_signature": False})["sid"]
        out = api.post(
            f"{AUTH}/logout",
            json={"refresh_token": session["refresh_token"]},
            headers=bearer(session["access_token"]),
        )
        assert out.status_code == 204
        store = redis.Redis.from_url(REDIS_URL)
        assert store.exists(f"tdev:revoked:sid:{sid}") == 1
        assert store.ttl(f"tdev:revoked:sid:{sid}") > 0
        assert any(store.scan_iter("tdev:revoked:sid:*"))
        assert api.get(f"{AUTH}/me", headers=bearer(session["access_token"])).status_code == 401
        refused = api.post(f"{AUTH}/refresh", json={"refresh_token": session["refresh_token"]})
        assert refused.status_code == 401
        # A second app process (same database and Redis) sees the revocation as well.
        with serve(config) as twin:
            assert (
                twin.get(f"{AUTH}/me", headers=bearer(session["access_token"])).status_code == 401
            )


def test_the_app_role_cannot_read_the_sign_in_index(tmp_path: Path) -> None:
    with pg_settings(tmp_path) as config, serve(config) as api:
        register(api, "Acme", unique_email("admin"))
        engine = app_engine(config)
        with engine.connect() as connection:
            role = connection.execute(text("SELECT current_user")).scalar_one()
            assert role == config.app_role
            with pytest.raises(ProgrammingError, match="permission denied"):
                connection.execute(text("SELECT * FROM credential_index"))
        assert platform_of(api).engine is engine


def test_a_required_second_factor_on_postgres(tmp_path: Path) -> None:
    with pg_settings(tmp_path) as config, serve(config) as api:
        made = register(api, "Acme", unique_email("admin"))
        email = made["user"]["email"]
        on = api.patch(
            "/api/v1/tenant", json={"mfa_required": True}, headers=bearer(made["access_token"])
        )
        assert on.status_code == 200
        pending = login(api, email).json()
        blocked = api.get("/api/v1/tenant", headers=bearer(pending["access_token"]))
        assert blocked.status_code == 403 and kind(blocked) == "mfa-enrolment-required"
        secret = api.post(f"{AUTH}/mfa/enroll", headers=bearer(pending["access_token"])).json()[
            "secret"
        ]
        code = {"code": pyotp.TOTP(secret).now()}
        assert (
            api.post(
                f"{AUTH}/mfa/confirm", json=code, headers=bearer(pending["access_token"])
            ).status_code
            == 204
        )
        assert kind(login(api, email)) == "mfa-required"
        signed_in = login(api, email, otp=pyotp.TOTP(secret).now())
        assert signed_in.status_code == 200
        assert (
            api.get("/api/v1/tenant", headers=bearer(signed_in.json()["access_token"])).status_code
            == 200
        )


def test_sign_in_attempts_are_counted_in_redis(tmp_path: Path) -> None:
    with pg_settings(tmp_path, login_rate_limit="3/minute") as config, serve(config) as api:
        email = unique_email("limited")
        register(api, "Acme", email)
        for _ in range(3):
            assert login(api, email).status_code == 200
        limited = login(api, email)
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        # The count lives in Redis: a fresh app process is limited too.
        with serve(config) as twin:
            assert login(twin, email).status_code == 429
