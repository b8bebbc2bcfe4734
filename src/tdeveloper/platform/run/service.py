"""Runs: accept a generation for a project (idempotently when asked), show its progress,
hand out its archive. Services flush, never commit; the executor starts a run only after
the request's unit of work has committed it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jwt
from sqlalchemy.orm import Session

from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.project import repository as projects
from tdeveloper.platform.run import dispatch, idempotency, repository
from tdeveloper.platform.run.idempotency import Answer
from tdeveloper.platform.run.models import Run
from tdeveloper.platform.run.schemas import RunCreate, RunOut
from tdeveloper.platform.run.storage import artifact_path
from tdeveloper.platform.state import Platform

__all__ = [
    "artifact_file",
    "create_run",
    "get_run",
    "link",
    "list_runs",
    "run_view",
]

ACCEPTED = 202


def run_view(run: Run) -> dict[str, Any]:
    """The run as the API shows it, as JSON-ready data (also what an idempotent replay
    sends back)."""
    artifact = None
    if run.status == "succeeded" and run.artifact_name is not None:
        artifact = {
            "name": run.artifact_name,
            "size": run.artifact_size or 0,
            "url": f"/api/v1/runs/{run.id}/artifact",
        }
    data = {
        "id": run.id,
        "project_id": run.project_id,
        "status": run.status,
        "description": run.description,
        "options": run.options or {},
        "stages": run.stages or [],
        "error": run.error,
        "artifact": artifact,
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
    }
    return RunOut.model_validate(data).model_dump(mode="json")


def get_run(session: Session, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Run:
    run = repository.find(session, tenant_id, run_id)
    if run is None:
        raise ApiError.not_found("run")
    return run


def list_runs(
    session: Session, principal: Principal, project_id: uuid.UUID, limit: int, offset: int
) -> dict[str, Any]:
    _require_project(session, principal.tenant_id, project_id)
    runs, total = repository.page(session, principal.tenant_id, project_id, limit, offset)
    items = [run_view(run) for run in runs]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def create_run(
    session: Session,
    principal: Principal,
    project_id: uuid.UUID,
    body: RunCreate,
    key: tuple[str, str] | None = None,
) -> tuple[Answer, uuid.UUID | None]:
    """Accepts a run: the answer to send and the id of a run to start (None when the
    answer is a replay). `key` is (Idempotency-Key, request hash)."""
    tenant_id = principal.tenant_id
    if key is not None:
        stored = idempotency.replay(session, tenant_id, *key)
        if stored is not None:
            return stored, None
    _require_project(session, tenant_id, project_id)
    if key is not None and not idempotency.claim(session, tenant_id, *key):
        # A concurrent request with this key committed first: answer as it did.
        stored = idempotency.replay(session, tenant_id, *key)
        if stored is None:  # it claimed the key, then rolled back; rare: let the client retry
            raise ApiError(409, "conflict", "a request with this Idempotency-Key just failed")
        return stored, None
    run = _insert(session, principal, project_id, body)
    answer = Answer(ACCEPTED, run_view(run))
    if key is not None:
        idempotency.remember(session, tenant_id, key[0], answer)
    return answer, run.id


def _insert(session: Session, principal: Principal, project_id: uuid.UUID, body: RunCreate) -> Run:
    run = Run(
        id=uuid.uuid4(),
        tenant_id=principal.tenant_id,
        project_id=project_id,
        description=body.description,
        options=body.options.model_dump(mode="json"),
        status="queued",
        stages=[],
        created_by=principal.user_id,
    )
    session.add(run)
    session.flush()
    # The outbox entry, in the same transaction: an accepted run is always published.
    dispatch.enqueue(session, run)
    return run


def _require_project(session: Session, tenant_id: uuid.UUID, project_id: uuid.UUID) -> None:
    if projects.find(session, tenant_id, project_id) is None:
        raise ApiError.not_found("project")


def artifact_file(platform: Platform, run: Run) -> tuple[Path, str]:
    """The archive's path and download name; 409 until the run has succeeded."""
    if run.status != "succeeded" or run.artifact_name is None:
        raise ApiError(409, "not-ready", f"the run is {run.status}; its archive is not ready")
    path = artifact_path(platform.config.data_dir, run.tenant_id, run.id)
    if not path.is_file():
        raise ApiError.not_found("artifact")
    return path, run.artifact_name


def link(platform: Platform, run: Run) -> dict[str, Any]:
    """A signed download URL for the run's archive, valid without credentials until it
    expires."""
    artifact_file(platform, run)  # no link for an archive that cannot be downloaded
    token = platform.download_links.issue(str(run.id), tenant_id=str(run.tenant_id))
    expires = jwt.decode(token, options={"verify_signature": False})["exp"]  # we just made it
    base = platform.config.public_url.rstrip("/")
    return {
        "url": f"{base}/api/v1/runs/{run.id}/artifact?signature={token}",
        "expires_at": datetime.fromtimestamp(int(expires), UTC),
    }
