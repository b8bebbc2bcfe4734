"""The OpenAPI document the generated backend serves, from which the frontend's typed client
is generated (assembly writes it to `frontend/openapi.json`).

It is read by importing the backend in a child Python process (this interpreter, which has
the backend's dependencies), so the frontend's types follow the backend exactly. The result
is cached per backend content: the same spec asks for it again and again (tests, runs).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

from tdeveloper.spec.errors import StageError

__all__ = ["openapi_document"]

_EXPORT = (
    "import json, sys\n"
    "import sqlalchemy as sa\n"
    "from app.main import create_app\n"
    "document = create_app(sa.create_engine('sqlite://')).openapi()\n"
    "sys.stdout.write(json.dumps(document, indent=2, sort_keys=True) + '\\n')\n"
)
_cache: dict[str, str] = {}
_lock = threading.Lock()
_CACHE_SIZE = 64


def _digest(backend: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(backend.rglob("*.py")):
        h.update(path.relative_to(backend).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def openapi_document(backend: Path, timeout: float = 120) -> str:
    """The JSON of `/openapi.json` as the backend in `backend` serves it."""
    key = _digest(backend)
    with _lock:
        if key in _cache:
            return _cache[key]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DATABASE_URL")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    proc = subprocess.run(
        [sys.executable, "-c", _EXPORT], cwd=backend, env=env, capture_output=True,
        text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise StageError(f"the backend's OpenAPI document: {proc.stderr[-2000:]}", stage="assembly")
    with _lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[key] = proc.stdout
    return proc.stdout
