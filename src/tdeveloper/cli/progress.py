"""Per-stage progress: a live display on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from tdeveloper.pipeline.events import StageEvent

__all__ = ["StageProgress"]


class StageProgress:
    """Event sink that shows stage progress on stderr; silent when `quiet`."""

    def __init__(self, *, quiet: bool = False) -> None:
        self.quiet = quiet
        self.console = Console(stderr=True, highlight=False, soft_wrap=True)
        self.live = not quiet and sys.stderr.isatty()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> StageProgress:
        if self.live:
            self._progress = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
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
            self._live(event)
        elif event.kind in ("stage_finished", "stage_failed", "stage_skipped"):
            self.console.print(_line(event), markup=False)

    def _live(self, event: StageEvent) -> None:
        assert self._progress is not None and self._task is not None
        if event.kind == "stage_started":
            self._progress.update(self._task, description=event.stage, total=event.total)
        elif event.kind in ("stage_finished", "stage_skipped"):
            self._progress.update(self._task, completed=event.index)
            self._progress.console.print(_line(event), markup=False)
        else:
            self._progress.console.print(_line(event), markup=False)


def _line(event: StageEvent) -> str:
    head = f"[{event.index}/{event.total}] {event.stage}"
    if event.kind == "stage_finished":
        return f"{head} done in {event.duration or 0.0:.3f}s"
    if event.kind == "stage_skipped":
        return f"{head} resumed from checkpoint"
    first = (event.error or "").strip().splitlines()[:1]
    return f"{head} failed (attempt {event.attempt}): {first[0] if first else 'error'}"
