"""Running generated backends: a free port, a uvicorn process, and cleanup."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Backends with accounts refuse to start without a key to sign tokens with (32+ bytes).
SECRET_KEY = "e2e tests only: a key that signs nothing outside this test run"


def backend_env(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DATABASE_URL")}
    env["DATABASE_URL"] = database_url
    env["SECRET_KEY"] = SECRET_KEY  # the tests decide, not the caller's environment
    return env


def migrate(backend: Path, database_url: str) -> None:
    """`alembic upgrade head`: the generated migrations create the schema."""
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=backend, env=backend_env(database_url), check=True, capture_output=True, timeout=120,
    )  # fmt: skip


@contextmanager
def serve(
    backend: Path, database_url: str, port: int | None = None, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Start the generated backend with uvicorn (on `port`, else a free one, with `env`
    added) and yield its base URL."""
    port = port or free_port()
    log = (backend.parent / f"uvicorn-{port}.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning"],
        cwd=backend, env=backend_env(database_url) | (env or {}), stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, proc)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def _wait(base: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("uvicorn did not answer /health within 30 s")
