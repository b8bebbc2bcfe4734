"""`--verify`: the generated project installed and tested in its scratch folder, the backend
in a fresh virtual environment and the frontend with npm (when Node.js is there).

Every step must pass: the first failure raises `VerificationError` with the step's output,
so the user sees why. A frontend that cannot be built here (no Node.js, or one too old for
Vite) is a skipped check that says so, never a silent pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tdeveloper.spec import Check
from tdeveloper.spec.errors import VerificationError

__all__ = ["MIN_NODE", "verify_backend", "verify_frontend"]

MIN_NODE = (20, 19)  # the Node.js Vite 8 runs on
Step = tuple[str, list[str]]  # check name, command


def verify_backend(backend: Path, timeout: float) -> list[Check]:
    """Install the backend in a fresh venv and run its tests."""
    venv = backend.parent.parent / "venv"
    python = venv / "bin" / "python"
    steps = [
        ("create venv", [sys.executable, "-m", "venv", str(venv)]),
        ("install backend", [str(python), "-m", "pip", "install", "-q", "-e", ".[test]"]),
        ("backend tests", [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"]),
    ]
    return _run_steps(steps, backend, {"PIP_DISABLE_PIP_VERSION_CHECK": "1"}, timeout)


def verify_frontend(frontend: Path, timeout: float) -> list[Check]:
    """`npm install`, `npm run build`, `npm test`; a skipped check without a usable Node.js."""
    version = _node_version()
    if version is None:
        return _skipped("Node.js and npm were not found on PATH")
    if version < MIN_NODE:
        return _skipped(f"Node.js {version[0]}.{version[1]} is older than 20.19, which Vite needs")
    steps = [
        ("frontend install", ["npm", "install", "--no-audit", "--no-fund"]),
        ("frontend build", ["npm", "run", "build"]),
        ("frontend unit tests", ["npm", "test"]),
    ]
    return _run_steps(steps, frontend, {"CI": "1", "NO_COLOR": "1"}, timeout)


def _run_steps(steps: list[Step], cwd: Path, extra: dict[str, str], timeout: float) -> list[Check]:
    # Verification always runs on SQLite in the scratch folder: never a configured database.
    skip = {"VIRTUAL_ENV", "PYTHONPATH", "DATABASE_URL", "TEST_DATABASE_URL"}
    env = {k: v for k, v in os.environ.items() if k not in skip} | extra
    checks = []
    for name, args in steps:
        try:
            proc = subprocess.run(
                args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired as exc:
            raise VerificationError(f"verify timed out after {timeout:g}s: {name}") from exc
        tail = (proc.stdout + proc.stderr).strip()[-4000:]
        last_line = tail.splitlines()[-1] if tail else ""
        checks.append(Check(name=name, passed=proc.returncode == 0, detail=last_line))
        if proc.returncode != 0:
            raise VerificationError(f"verify failed at {name!r}:\n{tail}", stage="assembly")
    return checks


def _node_version() -> tuple[int, int] | None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        return None
    out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    match = re.match(r"v(\d+)\.(\d+)", out.stdout.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _skipped(reason: str) -> list[Check]:
    detail = f"skipped: {reason}; run npm install, npm run build and npm test in frontend/"
    return [Check(name="frontend build and tests", passed=True, detail=detail, skipped=True)]
