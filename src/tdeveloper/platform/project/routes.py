"""HTTP routes of the project feature. GET /api/v1/projects is the load-benchmark
endpoint: two queries (page and count) and one validation by the response model."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Response, status
from pydantic import TypeAdapter

from tdeveloper.platform.auth.deps import PlatformDep, TenantSession, require
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.pagination import Limit, Offset
from tdeveloper.platform.project import service
from tdeveloper.platform.project.models import Project
from tdeveloper.platform.project.schemas import (
    ProjectCreate,
    ProjectOut,
    ProjectPage,
    ProjectUpdate,
)

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/projects", tags=["projects"])

Reader = Annotated[Principal, Depends(require("project:read"))]
Writer = Annotated[Principal, Depends(require("project:write"))]
Deleter = Annotated[Principal, Depends(require("project:delete"))]


_PAGE = TypeAdapter(ProjectPage)


@router.get("", response_model=ProjectPage)
async def list_projects(
    principal: Reader, platform: PlatformDep, limit: Limit = 50, offset: Offset = 0
) -> Response:
    """The tenant's projects, newest first."""
    page = await service.list_projects(platform, principal, limit, offset)
    # Validated and serialised once, here: this is the endpoint load is measured on.
    return Response(_PAGE.dump_json(_PAGE.validate_python(page)), media_type="application/json")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProjectOut)
def create_project(
    body: ProjectCreate, response: Response, session: TenantSession, principal: Writer
) -> Project:
    project = service.create_project(session, principal, body)
    response.headers["Location"] = f"{router.prefix}/{project.id}"
    return project


@router.get("/{project_id}", response_model=ProjectOut)
def get_project(project_id: uuid.UUID, session: TenantSession, principal: Reader) -> Project:
    return service.get_project(session, principal, project_id)


@router.patch("/{project_id}", response_model=ProjectOut)
def update_project(
    project_id: uuid.UUID, body: ProjectUpdate, session: TenantSession, principal: Writer
) -> Project:
    return service.update_project(session, principal, project_id, body)


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_project(
    project_id: uuid.UUID,
    session: TenantSession,
    principal: Deleter,
    platform: PlatformDep,
    background: BackgroundTasks,
) -> Response:
    """Deletes the project, its runs and their archives."""
    run_ids = service.delete_project(session, principal, project_id)
    # Background tasks run after the response, so after the unit of work has committed:
    # a failed commit leaves the files in place along with the rows.
    background.add_task(platform.artifacts.remove, principal.tenant_id, run_ids)
    return Response(status_code=status.HTTP_204_NO_CONTENT, background=background)
