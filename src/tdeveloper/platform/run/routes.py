"""HTTP routes of the run feature.

A run is accepted in the request's unit of work and handed to the executor by a
background task, which Starlette runs after the response has been sent, so after the
unit of work has committed: the executor never looks for a row that is not there yet.
A run's events stream as server-sent events; the stream holds no database connection
between its polls."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, BackgroundTasks, Depends, Header, Query, Request, Security, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials

from tdeveloper.platform.auth.deps import (
    API_KEY_HEADER,
    BEARER,
    PlatformDep,
    TenantSession,
    current_principal,
    require,
)
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.auth.tokens import InvalidToken
from tdeveloper.platform.kit.pagination import Limit, Offset
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.run import service
from tdeveloper.platform.run.idempotency import request_hash
from tdeveloper.platform.run.schemas import ArtifactLink, RunCreate, RunOut, RunPage
from tdeveloper.platform.state import Platform

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["runs"])

Reader = Annotated[Principal, Depends(require("project:read"))]
Executor = Annotated[Principal, Depends(require("agent:execute"))]
IdempotencyKey = Annotated[
    str | None,
    Header(
        min_length=1, max_length=200, description="Repeat a request safely: same key, same run."
    ),
]
_PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: {"content": {"application/problem+json": {}}} for code in (401, 403, 404)
}
_MAX_EVENT_ID = 2**63 - 1  # the column is a BIGINT
LastEventHeader = Annotated[
    int | None,
    Header(
        alias="Last-Event-ID",
        ge=0,
        le=_MAX_EVENT_ID,
        description="Resume after this event (what an EventSource sends on reconnecting).",
    ),
]
LastEventQuery = Annotated[
    int | None,
    Query(ge=0, le=_MAX_EVENT_ID, description="As Last-Event-ID, for clients without headers."),
]


@router.post(
    "/projects/{project_id}/runs",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RunOut,
    responses={**_PROBLEMS, 409: {}, 422: {}},
)
def create_run(
    project_id: uuid.UUID,
    body: RunCreate,
    request: Request,
    session: TenantSession,
    principal: Executor,
    platform: PlatformDep,
    background: BackgroundTasks,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Accepts a generation; poll GET /api/v1/runs/{id} for its progress."""
    key = None
    if idempotency_key is not None:
        # The validated body, so the same request written differently hashes alike.
        data = body.model_dump(mode="json")
        key = (idempotency_key, request_hash(request.method, request.url.path, data))
    answer, start = service.create_run(session, principal, project_id, body, key)
    if start is not None:
        background.add_task(platform.runs.submit, principal.tenant_id, start)
    location = f"{router.prefix}/runs/{answer.body['id']}"
    return JSONResponse(
        answer.body, answer.status_code, headers={"Location": location}, background=background
    )


@router.get("/projects/{project_id}/runs", response_model=RunPage, responses=_PROBLEMS)
def list_runs(
    project_id: uuid.UUID,
    session: TenantSession,
    principal: Reader,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The project's runs, newest first."""
    return service.list_runs(session, principal, project_id, limit, offset)


@router.get("/runs/{run_id}", response_model=RunOut, responses=_PROBLEMS)
def get_run(run_id: uuid.UUID, session: TenantSession, principal: Reader) -> dict[str, Any]:
    """The run's status, its stages so far, and its archive once it has succeeded."""
    return service.run_view(service.get_run(session, principal.tenant_id, run_id))


@router.post("/runs/{run_id}/artifact-link", response_model=ArtifactLink, responses=_PROBLEMS)
def artifact_link(
    run_id: uuid.UUID, session: TenantSession, principal: Reader, platform: PlatformDep
) -> dict[str, Any]:
    """A signed URL that downloads the archive without credentials, until it expires."""
    return service.link(platform, service.get_run(session, principal.tenant_id, run_id))


async def artifact_tenant(
    run_id: uuid.UUID,
    request: Request,
    platform: PlatformDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
    api_key: Annotated[str | None, Security(API_KEY_HEADER)],
    signature: Annotated[
        str | None,
        Query(max_length=4096, description="A signed link's token, instead of credentials"),
    ] = None,
) -> uuid.UUID:
    """The tenant a download is for: from the credentials (which need project:read), or,
    when a `signature` is given, from the signed link, which must name this run."""
    if signature is None:
        principal = await current_principal(request, platform, bearer, api_key)
        if not principal.can("project:read"):
            raise ApiError.forbidden("this needs the project:read permission")
        return principal.tenant_id
    return _signed_tenant(platform, signature, run_id)


def _signed_tenant(platform: Platform, signature: str, run_id: uuid.UUID) -> uuid.UUID:
    try:
        claims = platform.download_links.verify(signature)
        tenant_id = uuid.UUID(str(claims["tenant_id"]))
    except (InvalidToken, KeyError, ValueError) as exc:
        raise ApiError.unauthorized("the download link is not valid or has expired") from exc
    if claims.get("sub") != str(run_id):
        raise ApiError.unauthorized("the download link is for another run")
    return tenant_id


@router.get(
    "/runs/{run_id}/artifact",
    response_class=FileResponse,
    responses={
        200: {"content": {"application/zip": {}}, "description": "The project archive"},
        **_PROBLEMS,
        409: {"content": {"application/problem+json": {}}, "description": "Not ready"},
    },
)
def download_artifact(
    run_id: uuid.UUID,
    tenant_id: Annotated[uuid.UUID, Depends(artifact_tenant)],
    platform: PlatformDep,
) -> Response:
    """The run's archive (409 until the run has succeeded)."""
    with platform.session(tenant_id) as session:
        run = service.get_run(session, tenant_id, run_id)
        name = service.artifact_name(run)
    source = service.open_artifact(platform, run)
    if isinstance(source, Path):
        return FileResponse(source, media_type="application/zip", filename=name)
    # From object storage: streamed as it arrives (Starlette reads it on a worker thread).
    headers = {"Content-Disposition": _attachment(name), "Content-Length": str(source.size)}
    return StreamingResponse(source.chunks, media_type="application/zip", headers=headers)


def _attachment(name: str) -> str:
    """As FileResponse writes it: RFC 5987 encoding for names that are not plain ASCII."""
    quoted = quote(name)
    if quoted != name:
        return f"attachment; filename*=utf-8''{quoted}"
    return f'attachment; filename="{name}"'


@router.get(
    "/runs/{run_id}/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "The run's events, oldest first, until its final one",
        },
        **_PROBLEMS,
        422: {},
    },
)
async def run_events(
    run_id: uuid.UUID,
    principal: Reader,
    platform: PlatformDep,
    last_event_id_header: LastEventHeader = None,
    last_event_id: LastEventQuery = None,
) -> StreamingResponse:
    """Server-sent events: `id` (resume after it with Last-Event-ID), `event` (its kind)
    and `data` (JSON {kind, stage, payload, created_at}). Ends after run_succeeded,
    run_failed or run_cancelled; `: keep-alive` comments fill long silences."""
    tenant_id = principal.tenant_id
    # Checked before the stream starts, so an unknown run is a 404 problem.
    await run_in_threadpool(service.require_run, platform, tenant_id, run_id)
    start = last_event_id_header if last_event_id_header is not None else last_event_id
    return StreamingResponse(
        service.event_stream(platform, tenant_id, run_id, start or 0),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post(
    "/runs/{run_id}/cancel",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RunOut,
    responses={**_PROBLEMS, 409: {"content": {"application/problem+json": {}}}},
)
def cancel_run(run_id: uuid.UUID, session: TenantSession, principal: Executor) -> dict[str, Any]:
    """Stops the run: one not started yet ends at once; a running one at its next stage
    (follow it with GET /api/v1/runs/{id} or its events). 409 once it has ended."""
    return service.cancel_run(session, principal.tenant_id, run_id)
