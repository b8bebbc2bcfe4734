"""Runs: accept a generation for a project (idempotently when asked), show its progress
(also as a stream of its stored events), cancel it, hand out its archive. Services flush,
never commit; the executor starts a run only after the request's unit of work has
committed it."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio.to_thread
import jwt
from sqlalchemy import CursorResult, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.models import now
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.project import repository as projects
from tdeveloper.platform.run import dispatch, events, idempotency, repository
from tdeveloper.platform.run.idempotency import Answer
from tdeveloper.platform.run.models import Run, RunDispatch, RunEvent
from tdeveloper.platform.run.schemas import RunCreate, RunEventOut, RunOut
from tdeveloper.platform.run.storage import Stream
from tdeveloper.platform.state import Platform

__all__ = [
    "FINAL_EVENTS",
    "artifact_name",
    "cancel_run",
    "create_run",
    "event_stream",
    "get_run",
    "link",
    "list_runs",
    "open_artifact",
    "require_run",
    "run_view",
]

log = logging.getLogger(__name__)

ACCEPTED = 202
ENDED = frozenset({"succeeded", "failed", "cancelled"})
FINAL_EVENTS = frozenset({"run_succeeded", "run_failed", "run_cancelled"})
POLL_SECONDS = 0.5  # how often a stream looks for new events
KEEP_ALIVE_SECONDS = 15.0  # a comment after this much silence keeps proxies from closing it
_BATCH = 500  # events read per poll


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
        "cancel_requested": bool(run.cancel_requested),
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


def artifact_name(run: Run) -> str:
    """The archive's download name; 409 until the run has succeeded."""
    if run.status != "succeeded" or run.artifact_name is None:
        raise ApiError(409, "not-ready", f"the run is {run.status}; its archive is not ready")
    return run.artifact_name


def open_artifact(platform: Platform, run: Run) -> Path | Stream:
    """The succeeded run's archive from the store: a local file or a stream; 404 when the
    store has lost it. Called outside a unit of work: no connection waits on the store."""
    source = platform.artifacts.open(run.tenant_id, run.id)
    if source is None:
        raise ApiError.not_found("artifact")
    return source


def link(platform: Platform, run: Run) -> dict[str, Any]:
    """A signed download URL for the run's archive, valid without credentials until it
    expires."""
    artifact_name(run)  # no link for an archive that cannot be downloaded
    if not platform.artifacts.exists(run.tenant_id, run.id):
        raise ApiError.not_found("artifact")
    token = platform.download_links.issue(str(run.id), tenant_id=str(run.tenant_id))
    expires = jwt.decode(token, options={"verify_signature": False})["exp"]  # we just made it
    base = platform.config.public_url.rstrip("/")
    return {
        "url": f"{base}/api/v1/runs/{run.id}/artifact?signature={token}",
        "expires_at": datetime.fromtimestamp(int(expires), UTC),
    }


def cancel_run(session: Session, tenant_id: uuid.UUID, run_id: uuid.UUID) -> dict[str, Any]:
    """Asks the run to stop. A run no worker holds yet ends here, as cancelled; a running
    one ends at its next stage boundary (the executor reads the flag). 409 once it ended."""
    run = get_run(session, tenant_id, run_id)
    if run.status in ENDED:
        raise _already_ended()
    # Releasing the dispatch row first takes it from any worker that would claim it (on
    # PostgreSQL the claim locks the same row, then the run: the same order as here).
    if run.status == "queued" and _release(session, run_id):
        if not _mark(session, run, cancel_requested=True, status="cancelled", finished_at=now()):
            raise _already_ended()
        events.record(session, run, "run_cancelled", payload={"status": "cancelled"})
    elif not _mark(session, run, cancel_requested=True):
        raise _already_ended()  # it ended between our read and the update
    session.flush()
    session.refresh(run)
    return run_view(run)


def _release(session: Session, run_id: uuid.UUID) -> bool:
    """Marks the run's dispatch row done if no worker has claimed it; False if one has."""
    result = session.execute(
        update(RunDispatch)
        .where(RunDispatch.run_id == run_id, RunDispatch.state.in_(("pending", "queued")))
        .values(state="done")
    )
    assert isinstance(result, CursorResult)
    return bool(result.rowcount)


def _mark(session: Session, run: Run, **values: Any) -> bool:
    """Updates a run that has not ended; False if it has (or is gone)."""
    result = session.execute(
        update(Run)
        .where(Run.id == run.id, Run.tenant_id == run.tenant_id, Run.status.not_in(ENDED))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)
    return bool(result.rowcount)


def _already_ended() -> ApiError:
    return ApiError(409, "conflict", "the run has already ended")


def require_run(platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID) -> None:
    """404 unless the run is in the tenant (checked before a stream starts)."""
    with platform.session(tenant_id) as session:
        get_run(session, tenant_id, run_id)


async def event_stream(
    platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID, last_id: int
) -> AsyncIterator[str]:
    """The run's events after `last_id` as server-sent events, then new ones as they are
    stored, until its final event. Each poll is its own short unit of work on a thread:
    no connection is held while the stream waits."""
    yield "retry: 2000\n\n"  # how long a browser waits before it reconnects
    quiet_since = time.monotonic()
    while True:
        try:
            batch, ended = await anyio.to_thread.run_sync(
                _poll, platform, tenant_id, run_id, last_id
            )
        except DBAPIError:  # the database is away: end; the client resumes from its last id
            log.warning("event stream of run %s ended: the database is unavailable", run_id)
            return
        for event_id, kind, data in batch:
            yield f"id: {event_id}\nevent: {kind}\ndata: {data}\n\n"
            last_id = event_id
            if kind in FINAL_EVENTS:
                return
        if ended and len(batch) < _BATCH:
            return  # ended without a final event we have not sent (or it is gone)
        if batch:
            quiet_since = time.monotonic()
            if len(batch) == _BATCH:
                continue  # more are waiting
        elif time.monotonic() - quiet_since >= KEEP_ALIVE_SECONDS:
            yield ": keep-alive\n\n"
            quiet_since = time.monotonic()
        await anyio.sleep(POLL_SECONDS)


def _poll(
    platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID, last_id: int
) -> tuple[list[tuple[int, str, str]], bool]:
    """(id, kind, data) of the events after `last_id`, and whether the run has ended. The
    status is read first: a run seen ended has all its events stored already (the final
    one is committed with the status)."""
    with platform.session(tenant_id) as session:
        run = repository.find(session, tenant_id, run_id)
        ended = run is None or run.status in ENDED
        found = events.after(session, tenant_id, run_id, last_id, limit=_BATCH)
        batch = [(event.id, event.kind, _event_data(event)) for event in found]
    return batch, ended


def _event_data(event: RunEvent) -> str:
    data = {
        "kind": event.kind,
        "stage": event.stage,
        "payload": event.payload or {},
        "created_at": event.created_at,
    }
    return RunEventOut.model_validate(data).model_dump_json()
