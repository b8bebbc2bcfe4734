"""Runs execute in background threads of this process (the worker issue moves them to a
queue).

A task claims its run (queued -> running), generates with the pipeline, writes the
archive, and ends the run as succeeded or failed; each write is its own unit of work in
the run's tenant, so progress is visible while the run goes on. Any exception ends the
run as failed: a run is never left running because of one. A run accepted just before
the process stops stays queued (nothing here picks it up again: the worker issue's job)."""

from __future__ import annotations

import logging
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from tdeveloper.pipeline import generate
from tdeveloper.pipeline.events import StageEvent
from tdeveloper.platform.run import repository
from tdeveloper.platform.run.storage import remove_artifacts, write_artifact
from tdeveloper.spec import Archive, GenerateOptions
from tdeveloper.spec.errors import TDevError

if TYPE_CHECKING:
    from tdeveloper.platform.state import Platform

__all__ = ["RunExecutor", "execute_run"]

log = logging.getLogger(__name__)

_STAGE_STATUS = {
    "stage_finished": "succeeded",
    "stage_failed": "failed",
    "stage_skipped": "skipped",
}
_MAX_ERROR = 500


class RunGone(Exception):
    """The run was deleted (with its project) while it ran: stop working on it."""


class RunExecutor:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        threads = max(1, platform.config.run_threads)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="tdev-run")

    def submit(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Future[None] | None:
        """Starts the run on a free thread; call only once its row is committed."""
        try:
            return self._pool.submit(execute_run, self.platform, tenant_id, run_id)
        except RuntimeError:  # shutting down: the run stays queued
            log.warning("run %s not started: the executor is shutting down", run_id)
            return None

    def shutdown(self) -> None:
        """Waits for the runs in progress; runs not started yet stay queued."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def execute_run(platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID) -> None:
    try:
        with platform.session(tenant_id) as session:
            run = repository.claim(session, tenant_id, run_id)
            job = (run.description, dict(run.options or {})) if run is not None else None
        if job is None:
            return  # deleted, or already taken
        _generate(platform, tenant_id, run_id, *job)
    except RunGone:
        log.info("run %s was deleted while it ran", run_id)
    except Exception as exc:
        log.exception("run %s failed", run_id)
        _fail(platform, tenant_id, run_id, exc)


def _generate(
    platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID, text: str, opts: dict[str, Any]
) -> None:
    options = GenerateOptions(
        frontend=opts.get("frontend"), name=opts.get("name"), archive_format="zip"
    )
    recorder = StageRecorder(platform, tenant_id, run_id)
    result = generate(text, options, on_event=recorder, run_id=str(run_id))
    archive = result.state.archive
    assert isinstance(archive, Archive)
    data_dir = platform.config.data_dir
    write_artifact(data_dir, tenant_id, run_id, archive.data)
    with platform.session(tenant_id) as session:
        ended = repository.finish(
            session,
            tenant_id,
            run_id,
            status="succeeded",
            artifact_name=archive.filename,
            artifact_size=archive.size,
        )
    if not ended:  # deleted meanwhile: its archive must not outlive it
        remove_artifacts(data_dir, tenant_id, [run_id])


def _fail(platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID, exc: Exception) -> None:
    try:
        with platform.session(tenant_id) as session:
            repository.finish(session, tenant_id, run_id, status="failed", error=one_line(exc))
    except Exception:  # the database is gone too: nothing more to do here
        log.exception("run %s could not be marked failed", run_id)


def one_line(exc: Exception) -> str:
    """What a client is told: the generator's own message, otherwise only the kind of
    error (the details are logged, they may describe internals)."""
    internal = f"internal error ({type(exc).__name__})"
    text = exc.message if isinstance(exc, TDevError) else internal
    first = " ".join(text.split())
    return first[:_MAX_ERROR] or type(exc).__name__


class StageRecorder:
    """The pipeline's event sink: stores each stage's outcome on the run as it happens."""

    def __init__(self, platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID) -> None:
        self.platform, self.tenant_id, self.run_id = platform, tenant_id, run_id
        self.stages: list[dict[str, Any]] = []

    def __call__(self, event: StageEvent) -> None:
        status = _STAGE_STATUS.get(event.kind)
        if status is None:
            return
        seconds = round(event.duration, 6) if event.duration is not None else None
        entry = {"name": event.stage, "status": status, "seconds": seconds}
        # A retried stage keeps one entry: its latest outcome.
        self.stages = [s for s in self.stages if s["name"] != event.stage] + [entry]
        with self.platform.session(self.tenant_id) as session:
            if not repository.save_stages(session, self.tenant_id, self.run_id, self.stages):
                raise RunGone(str(self.run_id))
