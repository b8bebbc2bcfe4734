"""Projects: a tenant's named pieces of work. Services flush, never commit; an id of
another tenant is simply not found."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.models import now
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.project import repository
from tdeveloper.platform.project.models import Project
from tdeveloper.platform.project.schemas import ProjectCreate, ProjectUpdate
from tdeveloper.platform.run import repository as runs
from tdeveloper.platform.state import Platform

__all__ = ["create_project", "delete_project", "get_project", "list_projects", "update_project"]


_FIELDS = ("id", "name", "description", "created_at", "updated_at")


async def list_projects(
    platform: Platform, principal: Principal, limit: int, offset: int
) -> dict[str, Any]:
    """A page of plain rows (the response model validates them once). On PostgreSQL read on
    the event loop; otherwise in its own read-only unit of work on the thread pool."""
    if platform.reads is not None:
        rows, total = await repository.page_async(
            platform.reads, principal.tenant_id, limit, offset
        )
    else:
        rows, total = await run_in_threadpool(_page, platform, principal.tenant_id, limit, offset)
    items = [dict(zip(_FIELDS, row, strict=False)) for row in rows]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _page(
    platform: Platform, tenant_id: uuid.UUID, limit: int, offset: int
) -> tuple[list[Any], int]:
    with platform.session(tenant_id) as session:
        return repository.page(session, tenant_id, limit, offset)


def get_project(session: Session, principal: Principal, project_id: uuid.UUID) -> Project:
    project = repository.find(session, principal.tenant_id, project_id)
    if project is None:
        raise ApiError.not_found("project")
    return project


def create_project(session: Session, principal: Principal, body: ProjectCreate) -> Project:
    stamp = now()
    project = Project(
        id=uuid.uuid4(),
        tenant_id=principal.tenant_id,
        name=body.name,
        description=body.description,
        created_at=stamp,
        updated_at=stamp,
    )
    session.add(project)
    session.flush()
    return project


def update_project(
    session: Session, principal: Principal, project_id: uuid.UUID, body: ProjectUpdate
) -> Project:
    project = get_project(session, principal, project_id)
    changes = body.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(project, name, value)
    project.updated_at = now()
    session.flush()
    return project


def delete_project(
    session: Session, principal: Principal, project_id: uuid.UUID
) -> list[uuid.UUID]:
    """Deletes the project and its runs; returns the runs' ids, whose archives the caller
    removes once the deletion is committed."""
    project = get_project(session, principal, project_id)
    run_ids = runs.delete_for_project(session, principal.tenant_id, project_id)
    session.delete(project)
    session.flush()
    return run_ids
