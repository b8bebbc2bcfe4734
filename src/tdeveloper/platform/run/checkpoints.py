"""The pipeline's checkpoint store on the platform's database: each finished stage's output
is committed with its (run, stage) row as the stage ends (pipeline/checkpoints.py has the
in-memory and folder stores with the same three methods)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import delete, select

from tdeveloper.platform.run.models import RunCheckpoint

if TYPE_CHECKING:
    from tdeveloper.platform.state import Platform

__all__ = ["DatabaseCheckpoints"]


class DatabaseCheckpoints:
    def __init__(self, platform: Platform, tenant_id: uuid.UUID, delivery: int) -> None:
        self.platform, self.tenant_id, self.delivery = platform, tenant_id, delivery

    def save(self, run_id: str, stage: str, payload: str) -> None:
        with self.platform.session(self.tenant_id) as session:
            found = session.get(RunCheckpoint, (uuid.UUID(run_id), stage))
            if found is None:  # a stage checkpointed once keeps its first output
                session.add(
                    RunCheckpoint(
                        run_id=uuid.UUID(run_id),
                        stage=stage,
                        tenant_id=self.tenant_id,
                        output=payload,
                        attempt=self.delivery,
                    )
                )

    def load(self, run_id: str) -> dict[str, str]:
        with self.platform.session(self.tenant_id) as session:
            rows = session.execute(
                select(RunCheckpoint.stage, RunCheckpoint.output).where(
                    RunCheckpoint.run_id == uuid.UUID(run_id),
                    RunCheckpoint.tenant_id == self.tenant_id,
                )
            ).all()
        return {row.stage: row.output for row in rows}

    def clear(self, run_id: str) -> None:
        with self.platform.session(self.tenant_id) as session:
            session.execute(
                delete(RunCheckpoint).where(
                    RunCheckpoint.run_id == uuid.UUID(run_id),
                    RunCheckpoint.tenant_id == self.tenant_id,
                )
            )
