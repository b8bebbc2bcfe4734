"""`tdev worker` processes for tests: started from a Settings object (as TDEV_* variables),
ready once Celery says so, stopped gracefully or killed outright."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import redis

from tdeveloper.platform.kit.settings import Settings

__all__ = [
    "BROKER_URL",
    "Worker",
    "children",
    "flush_broker",
    "running",
    "start_worker",
    "workers",
]

BROKER_URL = "redis://127.0.0.1:6379/12"


def flush_broker(url: str = BROKER_URL) -> None:
    """An empty broker database: no message or unacknowledged delivery of an earlier test."""
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> list[int]:
        """SIGKILL to the worker's pool processes and to the worker itself: nothing of it
        gets to clean up. Returns the pids killed."""
        victims = [*children(self.pid), self.pid]
        for pid in victims:
            os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        return victims

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM (Celery's warm shutdown: runs under way finish), SIGKILL if it hangs."""
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()


def start_worker(
    config: Settings, log_dir: Path, *args: str, name: str = "worker", ready: float = 60
) -> Worker:
    """`tdev worker ARGS` configured by `config` (its broker included); returns once the
    worker consumes its queue."""
    tdev = Path(sys.executable).with_name("tdev")
    env = {**os.environ, **config.environment(), "TDEV_BROKER_URL": config.broker_url}
    log = log_dir / f"{name}-{time.monotonic_ns()}.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(tdev), "worker", *args], env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    worker = Worker(process, log)
    deadline = time.monotonic() + ready
    while " ready." not in worker.output():
        if process.poll() is not None or time.monotonic() > deadline:
            worker.stop()
            raise RuntimeError(f"tdev worker did not start:\n{worker.output()[-3000:]}")
        time.sleep(0.05)
    return worker


@contextmanager
def workers(config: Settings, log_dir: Path, count: int, *args: str) -> Iterator[list[Worker]]:
    """`count` workers started with `args`, stopped (or killed) at the end."""
    with ExitStack() as stack:
        yield [running(stack, config, log_dir, *args, name=f"worker{n}") for n in range(count)]


def running(stack: ExitStack, config: Settings, log_dir: Path, *args: str, name: str) -> Worker:
    """A worker started now and stopped when `stack` closes."""
    worker = start_worker(config, log_dir, *args, name=name)
    stack.callback(worker.stop)
    return worker
