"""Hot reads on PostgreSQL without a thread: psycopg's async pool on the server's event loop.

A request served by the sync unit of work crosses to the thread pool and back several
times, and on two cores those crossings cost more than the query. The busiest read (the
project list) instead runs here: the same SQLAlchemy statement, compiled once for psycopg,
in a transaction that first sets the tenant exactly as the unit of work does, so
row-level security applies the same way. Writes always go through the unit of work.
"""

from __future__ import annotations

import uuid
from functools import cache
from typing import Any

from psycopg_pool import AsyncConnectionPool
from sqlalchemy import Executable
from sqlalchemy.dialects.postgresql import psycopg as pg_dialect
from sqlalchemy.engine import make_url

from tdeveloper.platform.kit.rls import TENANT_SETTING

__all__ = ["AsyncReads"]

_SET_TENANT = f"SELECT set_config('{TENANT_SETTING}', %s, true)"


class AsyncReads:
    def __init__(self, url: str, size: int) -> None:
        conninfo = make_url(url).set(drivername="postgresql")
        self._pool = AsyncConnectionPool(
            conninfo.render_as_string(hide_password=False),
            min_size=min(4, size),
            max_size=size,
            open=False,
        )

    async def open(self) -> None:
        await self._pool.open()

    async def close(self) -> None:
        await self._pool.close()

    async def fetch(
        self, tenant_id: uuid.UUID, statement: Executable, params: dict[str, Any]
    ) -> list[tuple[Any, ...]]:
        """The rows `statement` (with named bind parameters) selects in the tenant's context."""
        async with self._pool.connection() as connection, connection.transaction():
            await connection.execute(_SET_TENANT, (str(tenant_id),))
            cursor = await connection.execute(_compiled(statement), params)
            return await cursor.fetchall()


@cache
def _compiled(statement: Executable) -> str:
    """The statement as psycopg SQL with `%(name)s` placeholders (compiled once)."""
    return str(statement.compile(dialect=pg_dialect.dialect()))  # type: ignore[attr-defined,no-untyped-call]
