"""Engines, migrations, the application role and the per-transaction tenant context."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from tdeveloper.platform.kit.rls import TENANT_SETTING
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.models import SHARED_TABLES, TENANT_TABLES

__all__ = [
    "alembic_config",
    "app_engine",
    "create_app_role",
    "engine_for",
    "open_session",
    "tenant_session",
    "upgrade",
]

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@cache
def engine_for(url: str, pool_size: int = 5) -> Engine:
    """One pooled engine per URL; a SQLite file's folder is created on first use."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    # A fixed pool, no overflow: connections opened and closed under load cost far more
    # than waiting for a free one. No ping on checkout (a round trip per request): a
    # connection found dead is dropped with the pool and answered as 503 (kit/problems).
    engine = create_engine(url, pool_size=pool_size, max_overflow=0, pool_recycle=1800)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def app_engine(config: Settings) -> Engine:
    """The engine the application uses (as its own role, with its pool size)."""
    return engine_for(config.url, config.db_pool_size)


def _sqlite_foreign_keys(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(url: str) -> Config:
    """Alembic's configuration for `url`, with the migrations shipped in this package."""
    config = Config()
    scripts = resources.files("tdeveloper.platform.kit").joinpath("migrations")
    config.set_main_option("script_location", str(scripts))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(owner_url: str, app_role: str | None = None) -> None:
    """Migrate the database to the newest revision, as the owner of the tables. If the
    application's role exists already, it is granted the tables a migration added."""
    config = alembic_config(owner_url)
    with engine_for(owner_url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        postgres = connection.dialect.name == "postgresql"
        if app_role and postgres and _role_flags(connection, app_role) == (False, False):
            _grant(connection, app_role)


def create_app_role(owner_url: str, role: str) -> None:
    """The role the application connects as (PostgreSQL): it may log in and read and write
    the tenant tables, owns nothing, and has neither SUPERUSER nor BYPASSRLS, so row-level
    security always applies to it."""
    if not _ROLE_NAME.match(role):
        raise ValueError(f"role name {role!r} must be lowercase letters, digits and underscores")
    engine = engine_for(owner_url)
    if engine.dialect.name != "postgresql":
        return  # SQLite has no roles: the repository layer scopes by tenant
    with engine.begin() as connection:
        flags = _role_flags(connection, role)
        if flags is None:
            connection.execute(
                text(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE')
            )
        elif any(flags):
            raise ValueError(f"role {role!r} bypasses row-level security; choose another role")
        _grant(connection, role)


def _role_flags(connection: Connection, role: str) -> tuple[bool, bool] | None:
    """(SUPERUSER, BYPASSRLS) of an existing role; None when there is no such role."""
    found = connection.execute(
        text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :role"),
        {"role": role},
    ).first()
    return None if found is None else (bool(found.rolsuper), bool(found.rolbypassrls))


def _grant(connection: Connection, role: str) -> None:
    """Read and write on the application's tables that exist (a database at an older
    revision has fewer; the upgrade that adds the rest grants them)."""
    existing: set[str] = set(
        connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ).scalars()
    )
    tables = ", ".join(t for t in [*TENANT_TABLES, *SHARED_TABLES] if t in existing)
    connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
    if not tables:
        return
    connection.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO "{role}"'))
    connection.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))


@cache
def _sessions(engine: Engine) -> sessionmaker[Session]:
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    if engine.dialect.name == "postgresql":
        event.listen(factory, "after_begin", _set_tenant)
    return factory


def _set_tenant(session: Session, _transaction: object, connection: Connection) -> None:
    """Every transaction starts in the session's tenant: `set_config(..., true)` is local to
    the transaction, so a pooled connection never carries it into the next one."""
    tenant_id = session.info.get("tenant_id")
    connection.execute(
        text("SELECT set_config(:name, :tid, true)"),
        {"name": TENANT_SETTING, "tid": str(tenant_id) if tenant_id is not None else ""},
    )


def open_session(engine: Engine, tenant_id: uuid.UUID | None) -> Session:
    """A session in one tenant's context (None: no tenant, every tenant table is empty).
    Nothing is sent to the database until it is first used."""
    return _sessions(engine)(info={"tenant_id": tenant_id})


@contextmanager
def tenant_session(engine: Engine, tenant_id: uuid.UUID | None) -> Iterator[Session]:
    """One transaction in one tenant's context: committed when the block ends, rolled back
    on an error."""
    with open_session(engine, tenant_id) as session, session.begin():
        yield session
