"""Progress events the orchestrator emits; the CLI, API and worker subscribe to them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from tdeveloper.spec import Frozen

EventKind = Literal["stage_started", "stage_finished", "stage_failed", "stage_skipped"]


class StageEvent(Frozen):
    kind: EventKind
    run_id: str
    stage: str
    index: int
    total: int
    attempt: int = 1
    duration: float | None = None
    error: str | None = None


EventSink = Callable[[StageEvent], None]


def ignore(_event: StageEvent) -> None:
    """The default sink: nobody is listening."""
