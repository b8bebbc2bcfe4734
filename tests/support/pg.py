"""A fresh PostgreSQL database for a test, dropped afterwards (PostgreSQL must be running;
`.ci/run` starts it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

__all__ = ["ADMIN_URL", "fresh_database", "url_as"]

ADMIN_URL = os.environ.get("TDEV_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def fresh_database(prefix: str, server: str | None = None) -> Iterator[str]:
    """Yields a SQLAlchemy URL (psycopg 3) of a new, empty database (on `server`, an admin
    URL, or the machine's PostgreSQL)."""
    admin = (server or ADMIN_URL).replace("postgresql+psycopg://", "postgresql://")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + (
            f"/{name}"
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def url_as(url: str, user: str) -> str:
    """The same database URL, connecting as another (password-less, trust-auth) user."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{user}@{rest.split('@', 1)[-1]}"
