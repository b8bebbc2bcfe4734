"""Database engine and declarative base.

DATABASE_URL selects the database: SQLite by default, PostgreSQL with
postgresql+psycopg://user:password@host:5432/name.
"""

import os
import sqlite3
from typing import Any

import sqlalchemy as sa
from sqlalchemy import orm

DEFAULT_DATABASE_URL = "sqlite:///./app.db"

# Stable constraint names, so later Alembic migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(orm.DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def _enable_sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys unless asked, per connection.
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def create_engine(url: str | None = None) -> sa.Engine:
    url = url or database_url()
    if url.startswith("sqlite"):
        # The app's threads share connections; SQLite must be told that is fine.
        engine = sa.create_engine(url, connect_args={"check_same_thread": False})
        sa.event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)
