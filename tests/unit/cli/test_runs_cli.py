"""`tdev runs watch` against a real `tdev serve` process: a run followed to its end, an
unknown run, refused credentials, a run cancelled while it is watched; and, against a
small fake server, a dropped stream resumed after the last event (Last-Event-ID)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

from support.platform import Actor, seed_tenant, seed_user, serve, serve_process, sqlite_settings
from tdeveloper.cli import main
from tdeveloper.cli import runs as runs_cli
from tdeveloper.pipeline import STAGE_NAMES
from tdeveloper.platform.kit.settings import Settings

TDEV = str(Path(sys.executable).with_name("tdev"))
LIBRARY = "a library with members, books and loans"
RUN = "5f0c3c86-2c4e-4a44-9d3e-2f8a4a1b6c11"  # any id, for the fake servers


def tdev_watch(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TDEV_SERVER", "TDEV_TOKEN")}
    return subprocess.run(
        [TDEV, "runs", "watch", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


@contextmanager
def platform_server(config: Settings) -> Iterator[tuple[str, Actor]]:
    """A `tdev serve` process and a developer of a tenant in it (seeded beforehand)."""
    with serve(config) as client:
        dev = seed_user(client, seed_tenant(client, "Acme"), "developer")
    with serve_process(config) as url:
        yield url, dev


def start_run(url: str, dev: Actor) -> str:
    made = httpx.post(f"{url}/api/v1/projects", json={"name": "Lib"}, headers=dev.headers)
    assert made.status_code == 201, made.text
    runs = f"{url}/api/v1/projects/{made.json()['id']}/runs"
    accepted = httpx.post(runs, json={"description": LIBRARY}, headers=dev.headers)
    assert accepted.status_code == 202, accepted.text
    return str(accepted.json()["id"])


def test_watch_follows_a_run_to_success(tmp_path: Path) -> None:
    with platform_server(sqlite_settings(tmp_path)) as (url, dev):
        run_id = start_run(url, dev)
        done = tdev_watch(run_id, "--server", url, "--token", dev.token)
        unknown = tdev_watch("0" * 8 + "-0000-4000-8000-" + "0" * 12, "--server", url,
                             "--token", dev.token)  # fmt: skip
        anonymous = tdev_watch(run_id, "--server", url)
        malformed = tdev_watch("not-a-run", "--server", url, "--token", dev.token)
        status = httpx.get(f"{url}/api/v1/runs/{run_id}", headers=dev.headers).json()["status"]
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    finished = [line for line in lines if " succeeded in " in line]
    assert [line.split()[1] for line in finished] == list(STAGE_NAMES)
    assert finished[0].startswith("[1/9] nl_input succeeded in ")
    assert lines[0] == "run started" and lines[-1] == "run succeeded" and status == "succeeded"
    assert done.stderr == ""

    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert unknown.stderr == "tdev: error: no such run\n"
    assert anonymous.returncode == 2 and anonymous.stderr.count("\n") == 1
    assert "sign in" in anonymous.stderr
    assert (malformed.returncode, malformed.stderr) == (
        2,
        "tdev: error: 'not-a-run' is not a run id (a UUID)\n",
    )
    assert "Traceback" not in unknown.stderr + anonymous.stderr + malformed.stderr


def test_a_run_cancelled_while_watched_exits_1(tmp_path: Path) -> None:
    # No run may start (a tenant limit of 0): the run waits, queued, until it is cancelled.
    with platform_server(sqlite_settings(tmp_path, concurrent_runs=0)) as (url, dev):
        run_id = start_run(url, dev)
        env = {**os.environ, "TDEV_SERVER": url, "TDEV_TOKEN": dev.token}
        watcher = subprocess.Popen(
            [TDEV, "runs", "watch", run_id], env=env, stdout=subprocess.PIPE, text=True
        )
        try:
            with pytest.raises(subprocess.TimeoutExpired):
                watcher.wait(timeout=1.5)  # still following a queued run
            cancel = httpx.post(f"{url}/api/v1/runs/{run_id}/cancel", headers=dev.headers)
            assert cancel.status_code == 202, cancel.text
            out, _ = watcher.communicate(timeout=30)
        finally:
            watcher.kill()
    assert watcher.returncode == 1
    assert out.splitlines() == ["run cancelled"]


def test_an_unreachable_server_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for server in ("http://127.0.0.1:9", "ftp://example.com"):
        with pytest.raises(SystemExit) as exit_info:
            main(["runs", "watch", str(uuid.uuid4()), "--server", server])
        out, err = capsys.readouterr()
        assert (exit_info.value.code, out) == (2, "")
        assert err.startswith("tdev: error: ") and err.count("\n") == 1


class _Flaky(BaseHTTPRequestHandler):
    """A run's stream that breaks off after two events (a truncated body), then closes
    cleanly after one more, then sends the rest: each time the client resumes after the
    last event it saw."""

    EVENTS: ClassVar[list[tuple[int, str, dict[str, Any]]]] = [
        (1, "run_started", {}),
        (2, "stage_started", {"index": 1, "total": 9}),
        (3, "stage_finished", {"index": 1, "total": 9, "seconds": 0.25}),
        (4, "run_failed", {"status": "failed", "error": "the description names no entities"}),
    ]
    seen: ClassVar[
        list[str | None]
    ] = []  # Last-Event-ID of each stream request; "run" for a status

    def do_GET(self) -> None:
        if not self.path.endswith("/events"):
            self.seen.append("run")
            self._send("application/json", json.dumps({"status": "running"}).encode())
            return
        after = self.headers.get("Last-Event-ID")
        self.seen.append(after)
        chosen = [e for e in self.EVENTS if e[0] > int(after or 0)]
        chosen = chosen[:2] if after is None else chosen[:1] if after == "2" else chosen
        body = ": keep-alive\n\nretry: 2000\n\n" + "".join(
            f"id: {i}\nevent: {kind}\ndata: "
            + json.dumps({"kind": kind, "stage": "nl_input", "payload": payload})
            + "\n\n"
            for i, kind, payload in chosen
        )
        self._send("text/event-stream", body.encode(), truncated=after is None)

    def _send(self, kind: str, body: bytes, truncated: bool = False) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body) + (100 if truncated else 0)))
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = truncated

    def log_message(self, *_args: object) -> None:
        return None


def test_a_dropped_stream_resumes_after_the_last_event(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runs_cli, "BACKOFF", 0.01)
    _Flaky.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with pytest.raises(SystemExit) as exit_info:
            main(["runs", "watch", RUN, "--server", url, "--token", "t"])
    finally:
        server.shutdown()
        server.server_close()
    out, err = capsys.readouterr()
    assert exit_info.value.code == 1 and err == ""
    assert _Flaky.seen == [None, "2", "run", "3"]
    assert out.splitlines() == [
        "run started",
        "[1/9] nl_input started",
        "[1/9] nl_input succeeded in 0.25s",
        "error: the description names no entities",
        "run failed",
    ]


def test_server_errors_are_retried_then_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runs_cli, "BACKOFF", 0.001)
    calls: list[str] = []

    class Down(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            calls.append(self.path)
            body = json.dumps({"detail": "the database is unavailable; try again"}).encode()
            self.send_response(503)
            self.send_header("Content-Type", "application/problem+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Down)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with pytest.raises(SystemExit) as exit_info:
            main(["runs", "watch", RUN, "--server", url])
    finally:
        server.shutdown()
        server.server_close()
    _, err = capsys.readouterr()
    assert exit_info.value.code == 1 and len(calls) == runs_cli.RETRIES
    assert (
        err
        == f"tdev: error: gave up on the server at {url}: the database is unavailable; try again\n"
    )


def test_sse_lines_are_parsed_as_the_standard_says() -> None:
    lines = [
        *(": comment", "retry: 10", ""),
        *("id: 7", "event: stage_failed", 'data: {"a":', "data: 1}", ""),
        *("data: {}", ""),
        *("id: 8", "event: x"),
    ]
    events = list(runs_cli.sse_events(iter(lines)))
    assert [(e.id, e.kind, e.data) for e in events] == [
        (7, "stage_failed", {"a": 1}),
        (None, "message", {}),
    ]  # the last block has no blank line after it: never dispatched
