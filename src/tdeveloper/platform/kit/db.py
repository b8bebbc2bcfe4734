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
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from tdeveloper.platform.kit.rls import TENANT_SETTING
from tdeveloper.platform.models import TENANT_TABLES

__all__ = ["alembic_config", "create_app_role", "engine_for", "tenant_session", "upgrade"]

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@cache
def engine_for(url: str) -> Engine:
    """One pooled engine per URL; a SQLite file's folder is created on first use."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


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


def upgrade(owner_url: str) -> None:
    """Migrate the database to the newest revision, as the owner of the tables."""
    config = alembic_config(owner_url)
    with engine_for(owner_url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def create_app_role(owner_url: str, role: str) -> None:
    """The role the application connects as (PostgreSQL): it may log in and read and write
    the tenant tables, owns nothing, and has neither SUPERUSER nor BYPASSRLS, so row-level
    security always applies to it."""
    if not _ROLE_NAME.match(role):
        raise ValueError(f"role name {role!r} must be lowercase letters, digits and underscores")
    engine = engine_for(owner_url)
    if engine.dialect.name != "postgresql":
        return  # SQLite has no roles: the repository layer scopes by tenant
    tables = ", ".join(TENANT_TABLES)
    with engine.begin() as connection:
        found = connection.execute(
            text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = :role"),
            {"role": role},
        ).first()
        if found is None:
            connection.execute(
                text(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE')
            )
        elif found.rolsuper or found.rolbypassrls:
            raise ValueError(f"role {role!r} bypasses row-level security; choose another role")
        connection.execute(text(f'GRANT USAGE ON SCHEMA public TO "{role}"'))
        connection.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO "{role}"'))


@contextmanager
def tenant_session(engine: Engine, tenant_id: uuid.UUID | None) -> Iterator[Session]:
    """One transaction in one tenant's context: committed when the block ends, rolled back
    on an error. The tenant is set with `set_config(..., true)`, local to the transaction,
    so a pooled connection never carries it into the next one."""
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session, session.begin():
        if engine.dialect.name == "postgresql":
            value = str(tenant_id) if tenant_id is not None else ""
            session.execute(
                text("SELECT set_config(:name, :tid, true)"),
                {"name": TENANT_SETTING, "tid": value},
            )
        yield session
