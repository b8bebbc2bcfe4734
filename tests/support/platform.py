"""The platform app for tests: on SQLite (unit) or on a real PostgreSQL with the
application role and a real Redis (integration), plus tenants and users made directly."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from support.pg import fresh_database, url_as
from tdeveloper.platform.app import create_app
from tdeveloper.platform.auth.claims import issue_access_token
from tdeveloper.platform.auth.passwords import hash_password
from tdeveloper.platform.kit.db import create_app_role, upgrade
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.models import Tenant, User
from tdeveloper.platform.state import Platform

__all__ = [
    "APP_ROLE",
    "OWNER_ROLE",
    "PASSWORD",
    "REDIS_URL",
    "Actor",
    "make_owner",
    "make_project",
    "pg_settings",
    "platform_of",
    "seed_tenant",
    "seed_user",
    "serve",
    "serve_process",
    "sqlite_settings",
    "wait_for_run",
]

APP_ROLE = "tdev_app_test"
OWNER_ROLE = "tdev_owner_test"  # owns the tables; no superuser, so FORCE applies to it too
REDIS_URL = "redis://127.0.0.1:6379/15"
PASSWORD = "correct horse battery staple"


def sqlite_settings(tmp_path: Path, **overrides: object) -> Settings:
    config = Settings(data_dir=tmp_path, **overrides)  # type: ignore[arg-type]
    upgrade(config.owner_url)
    return config


@contextmanager
def pg_settings(
    tmp_path: Path, *, server: str | None = None, **overrides: object
) -> Iterator[Settings]:
    """A fresh database owned by a non-superuser role, migrated, with the application role;
    the app connects as that role and keeps revocations and limits in Redis. `server`: the
    admin URL of another PostgreSQL than the machine's (a test's own cluster)."""
    with fresh_database("tdev_api", server) as admin_url:
        owner = make_owner(admin_url)
        upgrade(owner)
        create_app_role(owner, APP_ROLE)
        values: dict[str, object] = {"redis_url": REDIS_URL, **overrides}
        config = Settings(
            data_dir=tmp_path,
            database_url=url_as(admin_url, APP_ROLE),
            owner_database_url=owner,
            app_role=APP_ROLE,
            **values,  # type: ignore[arg-type]
        )
        try:
            yield config
        finally:
            from tdeveloper.platform.kit.db import app_engine, engine_for

            app_engine(config).dispose()
            engine_for(owner).dispose()


def make_owner(admin_url: str) -> str:
    """Hands the database to OWNER_ROLE (made once: it owns tables, but is no superuser,
    so FORCE row-level security applies to it too); returns the URL connecting as it."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": OWNER_ROLE}
        ).first()
        if exists is None:
            connection.execute(text(f"CREATE ROLE {OWNER_ROLE} LOGIN CREATEROLE"))
        database = admin_url.rsplit("/", 1)[1]
        connection.execute(text(f'ALTER DATABASE "{database}" OWNER TO {OWNER_ROLE}'))
    engine.dispose()
    return url_as(admin_url, OWNER_ROLE)


@contextmanager
def serve(config: Settings) -> Iterator[TestClient]:
    """The app in-process; server errors come back as responses (never raised)."""
    with TestClient(create_app(config), raise_server_exceptions=False) as client:
        yield client


def platform_of(client: TestClient) -> Platform:
    platform: Platform = client.app.state.platform  # type: ignore[attr-defined]
    return platform


@dataclass
class Actor:
    """A user of a tenant with a fresh access token."""

    tenant_id: uuid.UUID
    tenant_slug: str
    user_id: uuid.UUID
    email: str
    role: str
    token: str
    headers: dict[str, str] = field(default_factory=dict)


def make_project(client: TestClient, actor: Actor, name: str = "Library") -> str:
    """A project made through the API by `actor`; its id."""
    answer = client.post("/api/v1/projects", json={"name": name}, headers=actor.headers)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def seed_tenant(client: TestClient, name: str) -> tuple[uuid.UUID, str]:
    tenant_id, slug = uuid.uuid4(), f"{name.lower()}-{uuid.uuid4().hex[:6]}"
    with platform_of(client).session(tenant_id) as session:
        session.add(Tenant(id=tenant_id, name=name, slug=slug))
    return tenant_id, slug


def seed_user(
    client: TestClient, tenant: tuple[uuid.UUID, str], role: str, email: str | None = None
) -> Actor:
    """A user made directly in the tenant (password PASSWORD), with an access token."""
    tenant_id, slug = tenant
    email = email or f"{role}-{uuid.uuid4().hex[:8]}@example.com"
    user_id = uuid.uuid4()
    with platform_of(client).session(tenant_id) as session:
        session.add(
            User(
                id=user_id,
                tenant_id=tenant_id,
                email=email,
                password_hash=hash_password(PASSWORD),
                role=role,
            )
        )
    token = issue_access_token(
        platform_of(client),
        user_id=user_id,
        tenant_id=tenant_id,
        tenant_slug=slug,
        role=role,
        session_id=uuid.uuid4(),
    )
    headers = {"Authorization": f"Bearer {token}"}
    return Actor(tenant_id, slug, user_id, email, role, token, headers)


@contextmanager
def serve_process(config: Settings) -> Iterator[str]:
    """`tdev serve` as its own process on a free port, configured by `config`; its URL."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tdev = Path(sys.executable).with_name("tdev")
    env = {**os.environ, **config.environment()}
    process = subprocess.Popen(
        [str(tdev), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/ready").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("tdev serve did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_for_run(
    client: TestClient, headers: dict[str, str], run_id: str, timeout: float = 120
) -> dict[str, Any]:
    """The run once it has succeeded or failed (or as it is when `timeout` runs out)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        run: dict[str, Any] = client.get(f"/api/v1/runs/{run_id}", headers=headers).json()
        if run["status"] in ("succeeded", "failed") or time.monotonic() > deadline:
            return run
        time.sleep(0.05)
