"""A run's events, stored in order: the stream a watcher replays (server-sent events)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdeveloper.platform.run.models import Run, RunEvent

__all__ = ["after", "record"]


def record(
    session: Session,
    run: Run,
    kind: str,
    *,
    stage: str | None = None,
    payload: dict[str, Any] | None = None,
) -> None:
    session.add(
        RunEvent(
            tenant_id=run.tenant_id, run_id=run.id, kind=kind, stage=stage, payload=payload or {}
        )
    )


def after(
    session: Session, tenant_id: uuid.UUID, run_id: uuid.UUID, last_id: int, limit: int = 500
) -> list[RunEvent]:
    """The run's events after `last_id` (0 for all), oldest first."""
    return list(
        session.scalars(
            select(RunEvent)
            .where(
                RunEvent.tenant_id == tenant_id, RunEvent.run_id == run_id, RunEvent.id > last_id
            )
            .order_by(RunEvent.id)
            .limit(limit)
        )
    )
