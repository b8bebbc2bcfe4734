"""`tdev worker`: executes runs from the broker named by TDEV_BROKER_URL."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from tdeveloper.spec.errors import InputError

__all__ = ["worker"]


class PoolChoice(StrEnum):
    prefork = "prefork"
    threads = "threads"


def worker(
    concurrency: Annotated[int, typer.Option(help="Runs executed at once.", min=1)] = 1,
    queue: Annotated[
        str | None, typer.Option(help="The queue to consume (default: TDEV_RUN_QUEUE).")
    ] = None,
    pool: Annotated[
        PoolChoice, typer.Option(help="prefork: a process per run; threads: one process.")
    ] = PoolChoice.prefork,
    relay_seconds: Annotated[
        float, typer.Option(help="How often to look for runs to publish again.", min=0.05)
    ] = 1.0,
) -> None:
    """Execute runs on this machine (Celery). Migrates nothing: `tdev db upgrade` or
    `tdev serve` does. Also publishes again the runs left behind, so workers alone
    recover from a lost message or a dead worker."""
    from tdeveloper.platform.kit.settings import settings
    from tdeveloper.platform.run.worker import run_worker

    config = settings()
    if not config.broker_url:
        raise InputError("TDEV_BROKER_URL is empty: set it to a redis:// or amqp:// URL")
    code = run_worker(
        config,
        concurrency=concurrency,
        queue=queue,
        pool=pool.value,
        relay_seconds=relay_seconds,
    )
    if code:
        raise typer.Exit(code)
