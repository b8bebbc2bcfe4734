"""The platform's HTTP API so far: liveness, readiness, problem documents, `tdev serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from support.platform import platform_of
from tdeveloper.platform.app import create_app
from tdeveloper.platform.auth.claims import issue_access_token
from tdeveloper.platform.kit.db import upgrade
from tdeveloper.platform.kit.problems import PROBLEM_JSON
from tdeveloper.platform.kit.settings import Settings


def client(config: Settings) -> TestClient:
    return TestClient(create_app(config), raise_server_exceptions=False)


def test_health_and_ready_on_the_embedded_database(tmp_path: Path) -> None:
    config = Settings(data_dir=tmp_path)
    upgrade(config.owner_url)
    api = client(config)
    assert api.get("/health").json() == {"status": "ok"}
    assert api.get("/ready").json() == {"status": "ready"}
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/health", "/ready"} <= set(paths)


def test_not_ready_when_the_database_does_not_answer() -> None:
    api = client(Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    answer = api.get("/ready")
    assert answer.status_code == 503
    assert answer.headers["content-type"] == PROBLEM_JSON
    assert answer.json()["type"].endswith("/not-ready")


def test_errors_are_problem_documents(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    api = TestClient(app, raise_server_exceptions=False)
    missing = api.get("/no/such/path")
    assert (missing.status_code, missing.headers["content-type"]) == (404, PROBLEM_JSON)
    assert missing.json()["type"].endswith("/not-found")
    crash = api.get("/boom")
    assert (crash.status_code, crash.headers["content-type"]) == (500, PROBLEM_JSON)
    assert "secret" not in crash.text and "Traceback" not in crash.text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_tdev_serve_creates_the_database_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    tdev = str(Path(sys.executable).with_name("tdev"))
    env = {**os.environ, "TDEV_DATA_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [tdev, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "tdev serve did not answer in 30 s"
                time.sleep(0.2)
        assert answer.json() == {"status": "ok"}
        assert httpx.get(f"http://127.0.0.1:{port}/ready").status_code == 200
        assert (tmp_path / "tdeveloper.db").is_file()
    finally:
        server.terminate()
        server.communicate(timeout=10)  # waits, and closes the stderr pipe


def test_the_signing_keys_are_published(tmp_path: Path) -> None:
    api = client(Settings(data_dir=tmp_path))
    keys = api.get("/.well-known/jwks.json").json()["keys"]
    assert [k["alg"] for k in keys] == ["RS256"] and keys[0]["kid"]
    assert "d" not in keys[0]
    assert api.get("/.well-known/jwks.json").json()["keys"] == keys  # stable across calls


def test_an_unreachable_database_is_503_not_500(tmp_path: Path) -> None:
    config = Settings(data_dir=tmp_path, database_url="postgresql+psycopg://nobody@127.0.0.1:1/x")
    api = client(config)
    token = issue_access_token(
        platform_of(api),
        user_id=uuid.uuid4(),
        tenant_id=uuid.uuid4(),
        tenant_slug="acme",
        role="viewer",
        session_id=uuid.uuid4(),
    )
    answer = api.get("/api/v1/projects", headers={"Authorization": f"Bearer {token}"})
    assert (answer.status_code, answer.headers["content-type"]) == (503, PROBLEM_JSON)
    assert answer.headers["retry-after"] == "1"
