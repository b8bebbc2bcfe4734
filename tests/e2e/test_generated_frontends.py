"""Generated frontends in a real browser. For each framework and three varied descriptions
the frontend installs (`npm install`), builds against the generated backend's OpenAPI
document (`npm run build`), passes its own unit tests (`npm test`), and its Playwright test
creates, edits, finds and deletes a record of every entity through the pages, in headless
Debian Chromium, against the generated backend on another origin (so CORS is exercised).

Needs Node.js 20.19+, npm and /usr/bin/chromium (`.ci/run` installs Chromium); without them
these tests fail rather than skip: deselect them with `-m "not frontend"`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.server import free_port, migrate, serve

pytestmark = [pytest.mark.e2e, pytest.mark.frontend]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FRAMEWORKS = ("react", "vue", "svelte")
DESCRIPTIONS = {
    # enums, dates, datetimes, floats, booleans, e-mail, references
    "vet": (
        "A veterinary clinic: owners (name, email, phone), pets (name, species: dog/cat/bird, "
        "date of birth, weight), vets (name, specialty) and appointments (starts at, reason, "
        "paid flag). Each owner can have several pets; an appointment links a pet and a vet."
    ),
    # many-to-many, long text, URLs
    "conference": (
        "Conference app. Talks have a title, abstract, level (beginner, intermediate, advanced) "
        "and a start time. Speakers have a name, bio and website. Each talk belongs to a "
        "speaker. Attendees have a name and email, and attendees can bookmark talks."
    ),
    # accounts: sign-up and sign-in pages, tokens, admin-only deletes
    "tasks": (
        "A team task tracker where people sign up and log in. Projects have a name and a "
        "description; tasks have a title, a due date and a done flag, and each task belongs "
        "to a project. Admins can delete projects."
    ),
}


def _need_tools() -> None:
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if not Path(CHROMIUM).exists():
        missing.append(CHROMIUM)
    if missing:
        pytest.fail(f"missing {', '.join(missing)}: install them or deselect -m 'not frontend'")


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> str:
    proc = subprocess.run(
        args, cwd=cwd, env={**os.environ, "CI": "1", "NO_COLOR": "1", **(env or {})},
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{' '.join(args)} failed:\n{output[-6000:]}"
    return output


def _generate(root: Path, framework: str, description: str) -> None:
    tdev = str(Path(sys.executable).with_name("tdev"))
    args = [tdev, "generate", description, "--frontend", framework, "--dir", str(root), "-q"]
    _run(args, root.parent)


@pytest.mark.parametrize("name", sorted(DESCRIPTIONS))
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_frontend_builds_passes_its_tests_and_the_browser_test(
    framework: str, name: str, tmp_path: Path
) -> None:
    _need_tools()
    root = tmp_path / "project"
    _generate(root, framework, DESCRIPTIONS[name])
    frontend, backend = root / "frontend", root / "backend"
    api_port, web_port = free_port(), free_port()
    _run(["npm", "install", "--no-audit", "--no-fund"], frontend)
    _run(["npm", "run", "build"], frontend, {"VITE_API_URL": f"http://127.0.0.1:{api_port}"})
    assert (frontend / "dist" / "index.html").is_file()
    unit = _run(["npm", "test"], frontend)
    assert " passed" in unit and " failed" not in unit, unit[-3000:]
    database = f"sqlite:///{root / 'e2e.db'}"
    migrate(backend, database)
    cors = {"CORS_ORIGINS": f"http://127.0.0.1:{web_port}"}
    with serve(backend, database, port=api_port, env=cors):
        env = {"E2E_PORT": str(web_port), "CHROMIUM_PATH": CHROMIUM}
        output = _run(["npx", "playwright", "test"], frontend, env, timeout=900)
    assert " passed" in output and " failed" not in output, output[-6000:]
