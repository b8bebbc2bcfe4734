"""Tenant isolation in a real PostgreSQL: row-level security, the application role, the
transaction-local tenant context on pooled connections."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import DBAPIError

from support.pg import fresh_database, url_as
from support.platform import make_owner
from tdeveloper.platform.kit.db import (
    alembic_config,
    create_app_role,
    engine_for,
    tenant_session,
    upgrade,
)
from tdeveloper.platform.kit.reads import AsyncReads
from tdeveloper.platform.models import TENANT_TABLES, Project, Tenant

ROLE = "tdev_app_test"


@pytest.fixture(scope="module")
def owner_url() -> Iterator[str]:
    with fresh_database("tdev_platform") as admin_url:
        url = make_owner(admin_url)
        upgrade(url)
        create_app_role(url, ROLE)
        yield url


@pytest.fixture(scope="module")
def tenants(owner_url: str) -> tuple[uuid.UUID, uuid.UUID]:
    """Two tenants with two projects each, written as the application role."""
    engine = create_engine(url_as(owner_url, ROLE))
    a, b = uuid.uuid4(), uuid.uuid4()
    for tenant, name in ((a, "Acme"), (b, "Beta")):
        with tenant_session(engine, tenant) as session:
            session.add(Tenant(id=tenant, name=name, slug=name.lower()))
            session.flush()
            session.add_all(Project(tenant_id=tenant, name=f"{name} {n}") for n in (1, 2))
    engine.dispose()
    return a, b


def _names(url: str, tenant: uuid.UUID | None) -> list[str]:
    engine = create_engine(url)
    with tenant_session(engine, tenant) as session:
        rows = session.execute(text("SELECT * FROM projects ORDER BY name")).mappings().all()
    engine.dispose()
    return [row["name"] for row in rows]


def test_every_tenant_table_has_row_level_security_enabled_and_forced(owner_url: str) -> None:
    engine = create_engine(owner_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
                "WHERE relname = ANY(:tables) AND relkind = 'r'"
            ),
            {"tables": list(TENANT_TABLES)},
        ).all()
        policies = connection.execute(
            text("SELECT tablename FROM pg_policies WHERE policyname = 'tenant_isolation'")
        ).scalars()
        assert {r.relname for r in rows} == set(TENANT_TABLES)
        assert all(r.relrowsecurity and r.relforcerowsecurity for r in rows)
        assert set(policies) == set(TENANT_TABLES)
    engine.dispose()


def test_the_application_role_can_not_bypass_security_and_owns_nothing(owner_url: str) -> None:
    engine = create_engine(owner_url)
    with engine.connect() as connection:
        role = connection.execute(
            text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :r"), {"r": ROLE}
        ).one()
        owned = connection.execute(
            text("SELECT count(*) FROM pg_tables WHERE tableowner = :r"), {"r": ROLE}
        ).scalar()
    engine.dispose()
    assert (role.rolsuper, role.rolbypassrls, owned) == (False, False, 0)


def test_a_tenant_sees_only_its_rows_and_no_context_sees_none(
    owner_url: str, tenants: tuple[uuid.UUID, uuid.UUID]
) -> None:
    app_url = url_as(owner_url, ROLE)
    a, b = tenants
    assert _names(app_url, a) == ["Acme 1", "Acme 2"]
    assert _names(app_url, b) == ["Beta 1", "Beta 2"]
    assert _names(app_url, None) == []
    assert _names(owner_url, None) == []  # FORCE: the tables' owner obeys the policy too
    assert _names(owner_url, b) == ["Beta 1", "Beta 2"]


def test_one_pooled_connection_never_carries_a_tenant_into_the_next_transaction(
    owner_url: str, tenants: tuple[uuid.UUID, uuid.UUID]
) -> None:
    a, b = tenants
    engine = create_engine(url_as(owner_url, ROLE), pool_size=1, max_overflow=0)
    seen = []
    for tenant in (a, b, None, a):
        with tenant_session(engine, tenant) as session:
            backend = session.execute(text("SELECT pg_backend_pid()")).scalar()
            names = session.execute(text("SELECT name FROM projects ORDER BY name")).scalars()
            seen.append((backend, list(names)))
    engine.dispose()
    assert len({backend for backend, _ in seen}) == 1  # the same connection every time
    assert [names for _, names in seen] == [
        ["Acme 1", "Acme 2"],
        ["Beta 1", "Beta 2"],
        [],
        ["Acme 1", "Acme 2"],
    ]


def test_async_reads_obey_the_same_policy_on_one_pooled_connection(
    owner_url: str, tenants: tuple[uuid.UUID, uuid.UUID]
) -> None:
    """The thread-free read path (kit/reads.py) with a query that names no tenant at all:
    row-level security alone decides, tenant after tenant on one connection."""
    a, b = tenants
    everything = select(Project.__table__.c.name).order_by(Project.__table__.c.name)

    async def read_all() -> list[list[str]]:
        reads = AsyncReads(url_as(owner_url, ROLE), size=1)
        await reads.open()
        try:
            return [[r[0] for r in await reads.fetch(t, everything, {})] for t in (a, b, a)]
        finally:
            await reads.close()

    assert asyncio.run(read_all()) == [
        ["Acme 1", "Acme 2"],
        ["Beta 1", "Beta 2"],
        ["Acme 1", "Acme 2"],
    ]


def test_writing_a_row_for_another_tenant_is_refused(
    owner_url: str, tenants: tuple[uuid.UUID, uuid.UUID]
) -> None:
    a, b = tenants
    engine = create_engine(url_as(owner_url, ROLE))
    with (
        pytest.raises(DBAPIError, match="row-level security"),
        tenant_session(engine, a) as session,
    ):
        session.add(Project(tenant_id=b, name="planted"))
    with tenant_session(engine, a) as session:  # and B's rows cannot be changed from A
        changed = session.execute(
            text("UPDATE projects SET name = 'taken' WHERE tenant_id = :b"), {"b": b}
        )
        assert changed.rowcount == 0
    engine.dispose()
    assert _names(url_as(owner_url, ROLE), b) == ["Beta 1", "Beta 2"]


def test_models_match_the_migrations_on_postgresql(owner_url: str) -> None:
    command.check(alembic_config(owner_url))


def test_tdev_db_commands_as_processes() -> None:
    tdev = str(Path(sys.executable).with_name("tdev"))
    with fresh_database("tdev_cli") as url:
        env = {**os.environ, "TDEV_DATABASE_URL": url, "TDEV_APP_ROLE": ROLE}
        for args in (["db", "upgrade"], ["db", "upgrade"], ["db", "create-roles"]):
            done = subprocess.run([tdev, *args], capture_output=True, text=True, env=env)
            assert done.returncode == 0, done.stderr
        engine = create_engine(url_as(url, ROLE))
        with tenant_session(engine, None) as session:
            assert session.execute(text("SELECT count(*) FROM tenants")).scalar() == 0
        engine.dispose()


def test_an_upgrade_grants_the_application_role_the_new_tables() -> None:
    """A role made before a migration added tables is granted them by `tdev db upgrade`,
    without running `tdev db create-roles` again."""
    role = "tdev_app_upgrade_test"
    with fresh_database("tdev_grant") as url:
        config = alembic_config(url)
        command.upgrade(config, "0002")  # before the run tables existed
        create_app_role(url, role)
        upgrade(url, role)
        engine = create_engine(url_as(url, role))
        with tenant_session(engine, None) as session:
            assert session.execute(text("SELECT count(*) FROM run_events")).scalar() == 0
            assert session.execute(text("SELECT count(*) FROM run_dispatch")).scalar() == 0
        engine.dispose()
        engine_for(url).dispose()
