"""Running a run: the one function every executor calls (the in-process threads of
`tdev serve`, or a `tdev worker` through Celery), and the in-process executor itself.

`execute_run` is idempotent: it claims the run through the dispatch table (nobody alive
holds it, the tenant is under its limit), resumes from the run's checkpoints, records
every stage event, beats a heartbeat while it works, checks for cancellation at each
stage boundary, writes the archive and ends the run. Delivered twice, the second delivery
finds the run held or done and returns.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from tdeveloper.pipeline import generate
from tdeveloper.pipeline.events import StageEvent
from tdeveloper.platform.run import dispatch, events, repository
from tdeveloper.platform.run.checkpoints import DatabaseCheckpoints
from tdeveloper.platform.run.models import Run, RunDispatch
from tdeveloper.platform.tenant.models import Tenant
from tdeveloper.spec import Archive, GenerateOptions
from tdeveloper.spec.errors import TDevError

if TYPE_CHECKING:
    from tdeveloper.platform.state import Platform

__all__ = ["RunCancelled", "RunExecutor", "execute_run", "worker_name"]

log = logging.getLogger(__name__)

_STAGE_STATUS = {
    "stage_finished": "succeeded",
    "stage_failed": "failed",
    "stage_skipped": "skipped",
}
_MAX_ERROR = 500


class RunGone(Exception):
    """The run was deleted (with its project) while it ran: stop working on it."""


class RunCancelled(Exception):
    """Someone asked the run to stop: it stops at the next stage boundary."""


class LeaseLost(Exception):
    """Another worker took the run over (this one was thought dead): stop, touch nothing."""


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


class RunExecutor:
    """The embedded default: runs execute on threads of the server process."""

    def __init__(self, platform: Platform) -> None:
        self.platform = platform
        threads = max(1, platform.config.run_threads)
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="tdev-run")

    def submit(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Future[str] | None:
        """Starts the run on a free thread; call only once its row is committed."""
        try:
            future = self._pool.submit(execute_run, self.platform, tenant_id, run_id)
        except RuntimeError:  # shutting down: the run stays queued for the next start
            log.warning("run %s not started: the executor is shutting down", run_id)
            return None
        dispatch.mark_published(self.platform.engine, run_id)
        return future

    def shutdown(self) -> None:
        """Waits for the runs in progress; runs not started yet stay queued."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def execute_run(
    platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID, worker: str | None = None
) -> str:
    """Runs the run if this worker may; returns what happened (claimed runs end as
    succeeded, failed or cancelled; otherwise busy, deferred or done)."""
    worker = worker or worker_name()
    claimed = _claim(platform, tenant_id, run_id, worker)
    if isinstance(claimed, str):
        return claimed
    beat = _Heartbeat(platform, run_id, worker)
    try:
        return _execute(platform, tenant_id, claimed, beat)
    finally:
        beat.stop()


def _claim(
    platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID, worker: str
) -> str | tuple[uuid.UUID, str, dict[str, Any], int]:
    config = platform.config
    with dispatch.process_lock(platform.engine), platform.session(tenant_id) as session:
        plan = session.scalar(select(Tenant.plan).where(Tenant.id == tenant_id))
        outcome = dispatch.claim(
            session,
            tenant_id,
            run_id,
            worker,
            limit=config.plan_concurrent_runs.get(plan or "", config.concurrent_runs),
            stale_after=config.stale_seconds,
        )
        run = repository.find(session, tenant_id, run_id)
        if outcome != "claimed" or run is None:
            return outcome if run is not None else "done"
        if run.cancel_requested or run.status not in ("queued", "running"):
            _end(session, run, "cancelled" if run.cancel_requested else run.status)
            return "done"
        delivery = session.get(RunDispatch, run_id)
        deliveries = delivery.deliveries if delivery is not None else 1
        repository.start(session, tenant_id, run_id)
        events.record(session, run, "run_started", payload={"delivery": deliveries})
        return run_id, run.description, dict(run.options or {}), deliveries


def _execute(
    platform: Platform,
    tenant_id: uuid.UUID,
    job: tuple[uuid.UUID, str, dict[str, Any], int],
    beat: _Heartbeat,
) -> str:
    run_id = job[0]
    try:
        _generate(platform, tenant_id, job, beat)
        return "succeeded"
    except RunGone:
        log.info("run %s was deleted while it ran", run_id)
        return "done"
    except RunCancelled:
        _finish(platform, tenant_id, run_id, status="cancelled")
        return "cancelled"
    except LeaseLost:
        log.warning("run %s was taken over by another worker; this one stops", run_id)
        return "lost"
    except DBAPIError:
        # The database went away: leave the run to the reconciler, which publishes it
        # again once this worker's heartbeat is stale; it resumes from its checkpoints.
        log.exception("run %s lost its database; it will resume", run_id)
        beat.stop()
        return "interrupted"
    except Exception as exc:
        log.exception("run %s failed", run_id)
        _finish(platform, tenant_id, run_id, status="failed", error=one_line(exc))
        return "failed"


def _generate(
    platform: Platform,
    tenant_id: uuid.UUID,
    job: tuple[uuid.UUID, str, dict[str, Any], int],
    beat: _Heartbeat,
) -> None:
    run_id, text, opts, delivery = job
    options = GenerateOptions(
        frontend=opts.get("frontend"), name=opts.get("name"), archive_format="zip"
    )
    recorder = StageRecorder(platform, tenant_id, run_id, beat.lost)
    result = generate(
        text,
        options,
        on_event=recorder,
        run_id=str(run_id),
        checkpoints=DatabaseCheckpoints(platform, tenant_id, delivery),
    )
    archive = result.state.archive
    assert isinstance(archive, Archive)
    if recorder.cancelled():  # asked during the last stage: no archive
        raise RunCancelled(str(run_id))
    if beat.lost.is_set():
        raise LeaseLost(str(run_id))
    platform.artifacts.put(tenant_id, run_id, archive.data)
    ended = _finish(
        platform,
        tenant_id,
        run_id,
        status="succeeded",
        artifact_name=archive.filename,
        artifact_size=archive.size,
    )
    if not ended:  # deleted meanwhile: its archive must not outlive it
        platform.artifacts.remove(tenant_id, [run_id])


def _finish(platform: Platform, tenant_id: uuid.UUID, run_id: uuid.UUID, **values: Any) -> bool:
    try:
        with platform.session(tenant_id) as session:
            run = repository.find(session, tenant_id, run_id)
            if run is None:
                return False
            ended = repository.finish(session, tenant_id, run_id, **values)
            dispatch.finish(session, run_id)
            if ended:
                events.record(session, run, f"run_{values['status']}", payload=_public(values))
            return ended
    except Exception:  # the database is gone too: the reconciler resumes the run later
        log.exception("run %s could not be ended", run_id)
        return False


def _end(session: Any, run: Run, status: str) -> None:
    if status in ("queued", "running", "cancelled"):
        repository.finish(session, run.tenant_id, run.id, status="cancelled")
        events.record(session, run, "run_cancelled")
    dispatch.finish(session, run.id)


def _public(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k in ("status", "error", "artifact_size")}


def one_line(exc: Exception) -> str:
    """What a client is told: the generator's own message, otherwise only the kind of
    error (the details are logged, they may describe internals)."""
    internal = f"internal error ({type(exc).__name__})"
    text = exc.message if isinstance(exc, TDevError) else internal
    first = " ".join(text.split())
    return first[:_MAX_ERROR] or type(exc).__name__


class StageRecorder:
    """The pipeline's event sink: stores each stage's outcome on the run and as an event
    as it happens, and stops the run at a stage boundary when it was cancelled."""

    def __init__(
        self,
        platform: Platform,
        tenant_id: uuid.UUID,
        run_id: uuid.UUID,
        lost: threading.Event | None = None,
    ) -> None:
        self.platform, self.tenant_id, self.run_id = platform, tenant_id, run_id
        self.lost = lost or threading.Event()
        self.stages: list[dict[str, Any]] = []

    def __call__(self, event: StageEvent) -> None:
        if self.lost.is_set():
            raise LeaseLost(str(self.run_id))
        with self.platform.session(self.tenant_id) as session:
            run = repository.find(session, self.tenant_id, self.run_id)
            if run is None:
                raise RunGone(str(self.run_id))
            if event.kind == "stage_started" and run.cancel_requested:
                raise RunCancelled(str(self.run_id))
            events.record(session, run, event.kind, stage=event.stage, payload=_details(event))
            status = _STAGE_STATUS.get(event.kind)
            if status is not None:
                seconds = round(event.duration, 6) if event.duration is not None else None
                entry = {"name": event.stage, "status": status, "seconds": seconds}
                # A retried stage keeps one entry: its latest outcome.
                self.stages = [s for s in self.stages if s["name"] != event.stage] + [entry]
                repository.save_stages(session, self.tenant_id, self.run_id, self.stages)

    def cancelled(self) -> bool:
        with self.platform.session(self.tenant_id) as session:
            run = repository.find(session, self.tenant_id, self.run_id)
            return run is not None and run.cancel_requested


def _details(event: StageEvent) -> dict[str, Any]:
    details: dict[str, Any] = {"index": event.index, "total": event.total}
    details["attempt"] = event.attempt
    if event.duration is not None:
        details["seconds"] = round(event.duration, 6)
    if event.error:
        details["error"] = " ".join(event.error.split())[:_MAX_ERROR]
    return details


class _Heartbeat:
    """Tells the dispatch table every few seconds that this worker still holds the run."""

    def __init__(self, platform: Platform, run_id: uuid.UUID, worker: str) -> None:
        self._stopped = threading.Event()
        self.lost = threading.Event()  # set when another worker holds the run now
        self._thread = threading.Thread(
            target=self._beat, args=(platform, run_id, worker), daemon=True
        )
        self._thread.start()

    def _beat(self, platform: Platform, run_id: uuid.UUID, worker: str) -> None:
        while not self._stopped.wait(platform.config.heartbeat_seconds):
            try:
                if not dispatch.heartbeat(platform.engine, run_id, worker):
                    self.lost.set()
                    return
            except DBAPIError:  # the database is away; beat again when it is back
                log.warning("heartbeat of run %s missed", run_id)

    def stop(self) -> None:
        self._stopped.set()
