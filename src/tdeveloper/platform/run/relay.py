"""The relay and reconciler: a thread that publishes again what the dispatch table says
was left behind: runs nobody published (the API died after its commit), queued runs
whose message is gone (a deferral, a lost message) and running runs whose worker went
silent (killed mid-run: they resume from their checkpoints).

Every API process and every worker runs one. Two things keep them from flooding the
queue: a run is taken for publishing by one conditional UPDATE (the first relay wins; the
run is then not due again for `requeue_seconds`), and queued runs are published again
only while the broker holds fewer messages than there are queued runs, since a queued
run whose message still waits in a long queue needs no second one.
"""

from __future__ import annotations

import logging
import threading
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Engine, func, select, update

from tdeveloper.platform.kit.models import now
from tdeveloper.platform.run import dispatch
from tdeveloper.platform.run.models import RunDispatch

if TYPE_CHECKING:
    from tdeveloper.platform.state import Platform

__all__ = ["PENDING_AFTER", "Relay", "take"]

log = logging.getLogger(__name__)

Pair = tuple[uuid.UUID, uuid.UUID]  # (tenant, run)
PENDING_AFTER = 2.0  # seconds: the API publishes right after its commit; this is a miss


class Relay:
    """Calls `tick` every `interval` seconds on a daemon thread, until `stop`."""

    def __init__(self, platform: Platform, interval: float = 1.0) -> None:
        self.platform, self.interval = platform, interval
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing = False
        self._missing = 0  # queued runs without a message, as the last tick counted

    def start(self) -> None:
        if self._thread is None and not self._stopped.is_set():
            self._thread = threading.Thread(target=self._loop, name="tdev-relay", daemon=True)
            self._thread.start()

    def stop(self, wait: bool = True) -> None:
        """Ends the loop; with `wait`, once the tick under way has finished."""
        self._stopped.set()
        if wait and self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stopped.wait(self.interval):
            try:
                self.tick()
                self._failing = False
            except Exception:  # the database or broker is away: try again next time
                if not self._failing:
                    log.exception("the relay could not publish; it keeps trying")
                self._failing = True

    def tick(self) -> int:
        """Publishes what is due once; returns how many runs it published."""
        engine, config = self.platform.engine, self.platform.config
        due = dispatch.due(
            engine,
            pending_after=PENDING_AFTER,
            queued_after=config.requeue_seconds,
            stale_after=config.stale_seconds,
        )
        if not due:
            self._missing = 0
            return 0
        urgent, queued = _split(engine, due)
        chosen = urgent + queued[: self._queued_budget(engine, len(queued))]
        published = 0
        for tenant_id, run_id in chosen:
            if not take(engine, run_id, config.requeue_seconds, config.stale_seconds):
                continue  # another relay, or a worker, got there first
            if self.platform.runs.submit(tenant_id, run_id) is False:
                break  # the broker is away; the rest waits for the next tick
            published += 1
        if published:
            log.info("relay published %d run(s) again", published)
        return published

    def _queued_budget(self, engine: Engine, candidates: int) -> int:
        """How many queued runs may get another message: as many as lack one, on this
        tick and the last (a worker holds a message for a moment before it claims the
        run: that looks like a missing message once, not twice)."""
        if not candidates:
            self._missing = 0
            return 0
        waiting = self.platform.runs.waiting()
        if waiting is None:
            return candidates
        with engine.connect() as connection:
            queued = connection.scalar(select(func.count()).where(RunDispatch.state == "queued"))
        previous, self._missing = self._missing, max(0, int(queued or 0) - waiting)
        return min(previous, self._missing)


def take(engine: Engine, run_id: uuid.UUID, queued_after: float, stale_after: float) -> bool:
    """Marks a due run `queued`, published now, if it is still due: only one relay takes
    it, and a stale running run is not found due again every second. A worker that
    claims it sets it running again."""
    moment = now()
    d = RunDispatch
    still_due = (
        (d.state == "pending")
        | ((d.state == "queued") & (d.published_at < moment - timedelta(seconds=queued_after)))
        | ((d.state == "running") & (d.heartbeat_at < moment - timedelta(seconds=stale_after)))
    )
    with engine.begin() as connection:
        result = connection.execute(
            update(d)
            .where(d.run_id == run_id, still_due)
            .values(state="queued", published_at=moment)
        )
    return bool(result.rowcount)


def _split(engine: Engine, due: list[Pair]) -> tuple[list[Pair], list[Pair]]:
    """The due runs that always need a message (never published; their worker died),
    and the queued ones, latest published first: a run deferred at its tenant's limit
    was published (again) when its message was consumed, so it is newer than the runs
    whose first message still waits in the queue and, unlike them, has none."""
    d = RunDispatch
    query = select(d.run_id, d.state, d.published_at).where(d.run_id.in_([r for _, r in due]))
    with engine.connect() as connection:
        rows = {row.run_id: row for row in connection.execute(query)}
    urgent = [pair for pair in due if pair[1] in rows and rows[pair[1]].state != "queued"]
    queued = [pair for pair in due if pair[1] in rows and rows[pair[1]].state == "queued"]
    queued.sort(key=lambda pair: rows[pair[1]].published_at, reverse=True)
    return urgent, queued
