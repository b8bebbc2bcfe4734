"""Queries of the run feature. Reads name the tenant explicitly (the only isolation on
SQLite); the executor's writes are single UPDATE statements, so a run deleted meanwhile
is simply not found (rowcount 0) instead of raising."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.orm import Session

from tdeveloper.platform.kit.models import now
from tdeveloper.platform.run.models import Run

__all__ = [
    "claim",
    "delete_for_project",
    "find",
    "finish",
    "page",
    "save_stages",
    "start",
]


def find(session: Session, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Run | None:
    return session.scalars(select(Run).where(Run.id == run_id, Run.tenant_id == tenant_id)).first()


def page(
    session: Session, tenant_id: uuid.UUID, project_id: uuid.UUID, limit: int, offset: int
) -> tuple[Sequence[Run], int]:
    """One page of a project's runs, newest first, and how many there are in all."""
    scope = (Run.tenant_id == tenant_id, Run.project_id == project_id)
    runs = session.scalars(
        select(Run)
        .where(*scope)
        .order_by(Run.created_at.desc(), Run.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    total = session.scalar(select(func.count()).select_from(Run).where(*scope))
    return runs, int(total or 0)


def delete_for_project(
    session: Session, tenant_id: uuid.UUID, project_id: uuid.UUID
) -> list[uuid.UUID]:
    """Deletes a project's runs; returns their ids (their artifact files go after commit)."""
    scope = (Run.tenant_id == tenant_id, Run.project_id == project_id)
    ids = list(session.scalars(select(Run.id).where(*scope)))
    if ids:
        session.execute(delete(Run).where(*scope), execution_options={"synchronize_session": False})
    return ids


def _update(
    session: Session, tenant_id: uuid.UUID, run_id: uuid.UUID, *where: Any, **values: Any
) -> bool:
    statement = (
        update(Run)
        .where(Run.id == run_id, Run.tenant_id == tenant_id, *where)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    result = session.execute(statement)
    assert isinstance(result, CursorResult)
    return bool(result.rowcount)


def claim(session: Session, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Run | None:
    """Moves a queued run to running and returns it; None when it is gone or was taken."""
    if not _update(
        session, tenant_id, run_id, Run.status == "queued", status="running", started_at=now()
    ):
        return None
    return find(session, tenant_id, run_id)


def start(session: Session, tenant_id: uuid.UUID, run_id: uuid.UUID) -> bool:
    """A claimed run is running (again, when it resumes after a lost worker)."""
    started = session.scalar(select(Run.started_at).where(Run.id == run_id))
    return _update(session, tenant_id, run_id, status="running", started_at=started or now())


def save_stages(
    session: Session, tenant_id: uuid.UUID, run_id: uuid.UUID, stages: list[dict[str, Any]]
) -> bool:
    return _update(session, tenant_id, run_id, stages=stages)


def finish(
    session: Session,
    tenant_id: uuid.UUID,
    run_id: uuid.UUID,
    *,
    status: str,
    error: str | None = None,
    artifact_name: str | None = None,
    artifact_size: int | None = None,
) -> bool:
    """Ends a run that has not ended yet; False when it is gone or already ended."""
    finished_at: datetime = now()
    return _update(
        session,
        tenant_id,
        run_id,
        Run.status.in_(("queued", "running")),
        status=status,
        error=error,
        artifact_name=artifact_name,
        artifact_size=artifact_size,
        finished_at=finished_at,
    )
