"""Runs on Celery workers: the Celery app built from the settings, its one task, and the
`tdev worker` process (a Celery worker plus the relay that republishes lost runs).

Delivery is at least once: a message is acknowledged only after its task returned
(`acks_late`), and a worker killed mid-task gives its message back
(`reject_on_worker_lost`); a message that is lost anyway is republished by the relay from
the dispatch table. `execute_run` makes every extra delivery harmless.
"""

from __future__ import annotations

import os
import threading
import uuid
from typing import TYPE_CHECKING, Any

from celery import Celery  # type: ignore[import-untyped]
from celery.signals import (  # type: ignore[import-untyped]
    worker_process_init,
    worker_ready,
    worker_shutting_down,
)

from tdeveloper.platform.kit.db import app_engine
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.run.tasks import execute_run

if TYPE_CHECKING:
    from tdeveloper.platform.run.relay import Relay
    from tdeveloper.platform.state import Platform

__all__ = ["TASK", "make_celery", "run_worker"]

TASK = "tdeveloper.run"
# Longer than the longest run: Redis gives an unacknowledged message to another worker
# after this long, which must not happen to a run that is still going.
VISIBILITY_SECONDS = 3600 * 6


def make_celery(config: Settings, threads: int = 1) -> Any:
    """The Celery app on `config.broker_url`, with the run task registered (the API only
    sends it; workers run it, each process on its own Platform, `threads` at a time)."""
    app = Celery("tdeveloper", broker=config.broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,  # a long run never holds a second message hostage
        broker_transport_options={"visibility_timeout": VISIBILITY_SECONDS},
        broker_connection_retry_on_startup=True,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,  # outcomes live in the database, no result backend
        task_default_queue=config.run_queue,
    )
    platforms = ProcessPlatform(config, threads)

    @app.task(name=TASK, ignore_result=True)  # type: ignore[untyped-decorator]
    def run(tenant_id: str, run_id: str) -> str:
        # Its outcome is only logged (by Celery). "deferred": the tenant is at its limit;
        # the run stays queued and the relay publishes it again after `requeue_seconds`.
        return execute_run(platforms.get(), uuid.UUID(tenant_id), uuid.UUID(run_id))

    app.platforms = platforms
    return app


class ProcessPlatform:
    """One Platform per worker process, made on the first task. A prefork child starts
    as a copy of the worker's main process: `after_fork` drops the database connections it
    inherited (without closing them: they are the parent's) before it opens its own."""

    def __init__(self, config: Settings, threads: int = 1) -> None:
        # Each run holds a connection and its heartbeat another: a pool that fits them.
        size = max(config.db_pool_size, 2 * threads + 1)
        self.config = config.model_copy(update={"db_pool_size": size})
        self._platform: Platform | None = None
        self._lock = threading.Lock()

    def get(self) -> Platform:
        with self._lock:
            if self._platform is None:
                from tdeveloper.platform.state import Platform

                self._platform = Platform(self.config)
            return self._platform

    def after_fork(self) -> None:
        self._lock = threading.Lock()  # the parent's may have been held by another thread
        self._platform = None
        app_engine(self.config).dispose(close=False)


def run_worker(
    config: Settings,
    *,
    concurrency: int = 1,
    queue: str | None = None,
    pool: str = "prefork",
    relay_seconds: float = 1.0,
) -> int:
    """A Celery worker consuming `queue` (default: the run_queue setting), with the relay
    in its main process (so workers alone recover runs); returns when the worker has shut
    down (SIGTERM: after its runs)."""
    from tdeveloper.platform.run.relay import Relay
    from tdeveloper.platform.state import Platform

    app = make_celery(config, threads=concurrency if pool == "threads" else 1)
    platform = Platform(config)  # the main process's: the relay's
    relay = Relay(platform, interval=relay_seconds)
    _connect(app, relay)
    argv = [
        "worker",
        f"--concurrency={concurrency}",
        f"--pool={pool}",
        f"--queues={queue or config.run_queue}",
        f"--hostname=tdev-{os.getpid()}@%h",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    try:
        code = app.start(argv)
    finally:
        relay.stop()
        platform.close()
    return int(code or 0)


def _connect(app: Any, relay: Relay) -> None:
    """Worker signals: a prefork child resets what it inherited; the relay starts once the
    pool is up (fewer threads alive when the children are forked) and stops first."""

    def child_started(**_: object) -> None:
        app.platforms.after_fork()

    def ready(**_: object) -> None:
        relay.start()

    def shutting_down(**_: object) -> None:  # in a signal handler: no waiting here
        relay.stop(wait=False)

    worker_process_init.connect(child_started, weak=False)
    worker_ready.connect(ready, weak=False)
    worker_shutting_down.connect(shutting_down, weak=False)
