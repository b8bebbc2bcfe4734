"""The run dispatch: outbox, queue state and worker leases, in one table (RunDispatch).

A run's dispatch row is written in the same transaction as the run (`pending`), so
accepting a run and queueing it cannot diverge: whoever publishes it (the API right after
the commit, or the relay later) marks it `queued`. A worker claims it (`running`, with a
heartbeat) under a per-tenant lock that also enforces the tenant's concurrent-run limit;
over the limit the run stays `queued` and is published again later, never refused. The
reconciler publishes again what a dead API, a lost message or a dead worker left behind.
"""

from __future__ import annotations

import threading
import uuid
from contextlib import AbstractContextManager, nullcontext
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.orm import Session

from tdeveloper.platform.kit.models import now
from tdeveloper.platform.run.models import Run, RunDispatch

__all__ = [
    "Claim",
    "claim",
    "due",
    "enqueue",
    "finish",
    "heartbeat",
    "mark_published",
    "process_lock",
]

Claim = Literal["claimed", "busy", "deferred", "done"]
_SQLITE_LOCK = threading.Lock()  # SQLite serves one process: a lock in it is enough


def enqueue(session: Session, run: Run) -> None:
    """The run's outbox entry, in the transaction that creates the run."""
    session.add(RunDispatch(run_id=run.id, tenant_id=run.tenant_id, state="pending"))


def mark_published(engine: Engine, run_id: uuid.UUID) -> None:
    with engine.begin() as connection:
        connection.execute(
            update(RunDispatch)
            .where(RunDispatch.run_id == run_id, RunDispatch.state.in_(("pending", "queued")))
            .values(state="queued", published_at=now())
        )


def due(
    engine: Engine, *, pending_after: float, queued_after: float, stale_after: float
) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """(tenant, run) pairs to publish again: pending ones nobody published, queued ones
    whose message may be lost (or that waited for their tenant's limit), and running ones
    whose worker stopped beating."""
    moment = now()
    d = RunDispatch
    query = select(d.tenant_id, d.run_id).where(
        ((d.state == "pending") & (d.created_at < moment - timedelta(seconds=pending_after)))
        | ((d.state == "queued") & (d.published_at < moment - timedelta(seconds=queued_after)))
        | ((d.state == "running") & (d.heartbeat_at < moment - timedelta(seconds=stale_after)))
    )
    with engine.connect() as connection:
        rows = connection.execute(query.order_by(d.created_at).limit(500)).all()
    return [(row.tenant_id, row.run_id) for row in rows]


def claim(
    session: Session,
    tenant_id: uuid.UUID,
    run_id: uuid.UUID,
    worker: str,
    *,
    limit: int,
    stale_after: float,
) -> Claim:
    """Take the run for `worker` if nobody alive holds it and the tenant is under its limit.
    Call inside the tenant's unit of work (and `process_lock`); the tenant stays locked
    until it commits."""
    _lock_tenant(session, tenant_id)
    row = session.get(RunDispatch, run_id, with_for_update=True)
    if row is None or row.state == "done":
        return "done"
    fresh_after = now() - timedelta(seconds=stale_after)
    if row.state == "running" and row.worker != worker and _aware(row.heartbeat_at) > fresh_after:
        return "busy"
    running = session.scalar(
        select(func.count()).where(
            RunDispatch.tenant_id == tenant_id,
            RunDispatch.state == "running",
            RunDispatch.run_id != run_id,
            RunDispatch.heartbeat_at > fresh_after,
        )
    )
    if int(running or 0) >= limit:
        row.state, row.published_at = "queued", now()
        return "deferred"
    row.state, row.worker, row.heartbeat_at = "running", worker, now()
    row.deliveries += 1
    return "claimed"


def heartbeat(engine: Engine, run_id: uuid.UUID, worker: str) -> bool:
    """The worker still holds the run; False when it lost it (another worker took over)."""
    with engine.begin() as connection:
        result = connection.execute(
            update(RunDispatch)
            .where(
                RunDispatch.run_id == run_id,
                RunDispatch.worker == worker,
                RunDispatch.state == "running",
            )
            .values(heartbeat_at=now())
        )
    return bool(result.rowcount)


def finish(session: Session, run_id: uuid.UUID) -> None:
    session.execute(update(RunDispatch).where(RunDispatch.run_id == run_id).values(state="done"))


def _lock_tenant(session: Session, tenant_id: uuid.UUID) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(hashtextextended(:tenant, 0))"),
            {"tenant": str(tenant_id)},
        )


def process_lock(engine: Engine) -> AbstractContextManager[object]:
    """Held around a claim's whole unit of work on SQLite, which serves one process and
    has no advisory locks; on PostgreSQL the claim locks the tenant itself."""
    return _SQLITE_LOCK if engine.dialect.name == "sqlite" else nullcontext()


def _aware(moment: datetime | None) -> datetime:
    if moment is None:
        return datetime.min.replace(tzinfo=now().tzinfo)
    return moment if moment.tzinfo else moment.replace(tzinfo=now().tzinfo)
