"""Per-stage progress: a live display on a terminal, plain lines otherwise.

Rich is imported only for the live display: scripts and pipes get plain lines and do not
pay for loading it.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from tdeveloper.pipeline.events import StageEvent

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

__all__ = ["StageProgress"]


class StageProgress:
    """Event sink that shows stage progress on stderr; silent when `quiet`."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.live = not quiet and sys.stderr.isatty()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> StageProgress:
        if self.live:
            self._progress = _live_progress()
            self._progress.start()
            self._task = self._progress.add_task("starting", total=9)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, event: StageEvent) -> None:
        if self.quiet:
            return
        if self._progress is not None and self._task is not None:
            self._live(event, self._progress, self._task)
        elif event.kind in ("stage_finished", "stage_failed", "stage_skipped"):
            sys.stderr.write(_line(event) + "\n")

    @staticmethod
    def _live(event: StageEvent, progress: Progress, task: TaskID) -> None:
        if event.kind == "stage_started":
            progress.update(task, description=event.stage, total=event.total)
            return
        if event.kind in ("stage_finished", "stage_skipped"):
            progress.update(task, completed=event.index)
        progress.console.print(_line(event), markup=False, highlight=False)


def _live_progress() -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True, highlight=False, soft_wrap=True),
        transient=True,
    )


def _line(event: StageEvent) -> str:
    head = f"[{event.index}/{event.total}] {event.stage}"
    if event.kind == "stage_finished":
        return f"{head} done in {event.duration or 0.0:.3f}s"
    if event.kind == "stage_skipped":
        return f"{head} resumed from checkpoint"
    first = (event.error or "").strip().splitlines()[:1]
    return f"{head} failed (attempt {event.attempt}): {first[0] if first else 'error'}"
