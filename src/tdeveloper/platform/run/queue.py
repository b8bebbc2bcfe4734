"""Where accepted runs go: Celery workers when a broker is configured, otherwise threads of
this process. Both are `RunQueue`s: the API and the relay only `submit`."""

from __future__ import annotations

import logging
import threading
import uuid
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, Protocol

from tdeveloper.platform.run import dispatch
from tdeveloper.platform.run.tasks import RunExecutor

if TYPE_CHECKING:
    from tdeveloper.platform.state import Platform

__all__ = ["CeleryQueue", "LocalQueue", "RunQueue", "make_queue"]

log = logging.getLogger(__name__)


class RunQueue(Protocol):
    def submit(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> object:
        """Hands the committed run to an executor; False when it could not (the relay
        publishes it again later)."""

    def waiting(self) -> int | None:
        """Messages waiting in the queue; None when the queue needs no such count (it
        drops duplicates itself)."""

    def shutdown(self) -> None: ...


def make_queue(platform: Platform) -> RunQueue:
    if platform.config.broker_url:
        return CeleryQueue(platform)
    return LocalQueue(platform)


class CeleryQueue:
    """Publishes runs to `tdev worker` processes through the broker."""

    def __init__(self, platform: Platform) -> None:
        from tdeveloper.platform.run.worker import make_celery

        self.platform = platform
        self.app: Any = make_celery(platform.config)

    def submit(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> bool:
        from tdeveloper.platform.run.worker import TASK

        queue = self.platform.config.run_queue
        try:
            self.app.send_task(TASK, args=[str(tenant_id), str(run_id)], queue=queue)
        except Exception:  # the broker is away: the run stays pending for the relay
            log.warning("run %s not published: the broker does not answer", run_id)
            return False
        dispatch.mark_published(self.platform.engine, run_id)
        return True

    def waiting(self) -> int:
        """Messages in the run queue (not those a worker holds)."""
        with self.app.pool.acquire(block=True) as connection:
            declared = connection.default_channel.queue_declare(
                queue=self.platform.config.run_queue, durable=True, auto_delete=False
            )
        return int(declared.message_count)

    def shutdown(self) -> None:
        self.app.close()


class LocalQueue(RunExecutor):
    """The in-process executor that drops a run it already holds (submitted, not yet
    ended), so the relay can republish a run waiting for a thread without doubling it."""

    def __init__(self, platform: Platform) -> None:
        super().__init__(platform)
        self._held: set[uuid.UUID] = set()
        self._lock = threading.Lock()

    def submit(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> Future[str] | None:
        with self._lock:
            if run_id in self._held:
                return None
            self._held.add(run_id)
        future = super().submit(tenant_id, run_id)
        if future is None:
            self._release(run_id)
        else:
            future.add_done_callback(lambda _: self._release(run_id))
        return future

    def waiting(self) -> None:
        return None

    def _release(self, run_id: uuid.UUID) -> None:
        with self._lock:
            self._held.discard(run_id)
