"""Servers of a test's own, for fault tests that stop and restart them: a Redis and a
PostgreSQL cluster on free ports, started by the test and ended by it (the machine's
shared services are never touched)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

__all__ = ["OwnPostgres", "OwnRedis", "own_postgres", "own_redis"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_port(port: int, up: bool, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.1)
    raise RuntimeError(f"port {port} did not come {'up' if up else 'down'}")


class OwnRedis:
    def __init__(self, folder: Path) -> None:
        self.port, self.folder = _free_port(), folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.folder)]
        self._process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _wait_port(self.port, up=True)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)
            self._process = None
            _wait_port(self.port, up=False)


@contextmanager
def own_redis() -> Iterator[OwnRedis]:
    with tempfile.TemporaryDirectory(prefix="tdev-redis-") as folder:
        server = OwnRedis(Path(folder))
        server.start()
        try:
            yield server
        finally:
            server.stop()


def _bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed")
    return str(found[-1])


class OwnPostgres:
    """A cluster in a temporary folder, owned by the `postgres` system user (PostgreSQL
    refuses to run as root), trust authentication on 127.0.0.1."""

    def __init__(self, folder: Path) -> None:
        self.port, self.folder = _free_port(), folder
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _as_postgres(self, *command: str) -> None:
        runner = ["runuser", "-u", "postgres", "--"] if _is_root() else []
        subprocess.run([*runner, *command], check=True, capture_output=True, timeout=120)

    def init(self) -> None:
        if _is_root():
            shutil.chown(self.folder, "postgres")
        self._as_postgres(
            _bin("initdb"), "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres"
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._as_postgres(
            _bin("pg_ctl"), "-D", str(self.folder / "data"), "-o", options,
            "-l", str(self.folder / "log"), "-w", "start",
        )  # fmt: skip
        _wait_port(self.port, up=True)

    def stop(self) -> None:
        self._as_postgres(
            _bin("pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"
        )
        _wait_port(self.port, up=False)


def _is_root() -> bool:
    return os.geteuid() == 0


@contextmanager
def own_postgres() -> Iterator[OwnPostgres]:
    folder = Path(tempfile.mkdtemp(prefix="tdev-pg-"))
    server = OwnPostgres(folder)
    try:
        server.init()
        server.start()
        yield server
    finally:
        with suppress(subprocess.CalledProcessError, RuntimeError):
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
