"""Queries of the project feature; every one names the tenant (the only isolation on
SQLite, a second one under PostgreSQL's row-level security)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import Session

from tdeveloper.platform.kit.reads import AsyncReads
from tdeveloper.platform.project.models import Project

__all__ = ["COUNT", "PAGE", "find", "page", "page_async"]

_T = Project.__table__  # Core columns: a list needs no ORM loading, nor its overhead
_COLUMNS = (_T.c.id, _T.c.name, _T.c.description, _T.c.created_at, _T.c.updated_at)
_TOTAL = func.count().over().label("total")


# One page of a tenant's projects, newest first; each row carries the total (a window count
# over the same WHERE). Named parameters, so the unit of work and the async reads
# (kit/reads.py) run the very same statement.
PAGE = (
    select(*_COLUMNS, _TOTAL)
    .where(_T.c.tenant_id == bindparam("tenant_id"))
    .order_by(_T.c.created_at.desc(), _T.c.id.desc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
COUNT = select(func.count()).select_from(_T).where(_T.c.tenant_id == bindparam("tenant_id"))


def page(
    session: Session, tenant_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[Row[Any]], int]:
    """One page and how many there are in all. Only a page past the end, which has no row
    to carry the total, costs a second query."""
    params = {"tenant_id": tenant_id, "limit": limit, "offset": offset}
    rows = list(session.execute(PAGE, params).all())
    if rows or offset == 0:
        return rows, int(rows[0].total) if rows else 0
    return [], int(session.scalar(COUNT, {"tenant_id": tenant_id}) or 0)


async def page_async(
    reads: AsyncReads, tenant_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[tuple[Any, ...]], int]:
    """The same page, read on the event loop (PostgreSQL)."""
    params = {"tenant_id": tenant_id, "limit": limit, "offset": offset}
    rows = await reads.fetch(tenant_id, PAGE, params)
    if rows or offset == 0:
        return rows, int(rows[0][-1]) if rows else 0
    (count,) = await reads.fetch(tenant_id, COUNT, {"tenant_id": tenant_id})
    return [], int(count[0])


def find(session: Session, tenant_id: uuid.UUID, project_id: uuid.UUID) -> Project | None:
    return session.scalars(
        select(Project).where(Project.id == project_id, Project.tenant_id == tenant_id)
    ).first()
