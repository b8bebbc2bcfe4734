"""Fault tests with servers of the test's own: Redis (broker and cache) stopped during runs
and started again, PostgreSQL restarted while runs are in flight. Real `tdev worker`
processes; every accepted run must complete, with one archive each."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from support.platform import Actor, pg_settings, platform_of, seed_tenant, seed_user, serve
from support.servers import own_postgres, own_redis
from support.workers import BROKER_URL, flush_broker, workers
from tdeveloper.platform.models import Run

LIBRARY = "a library with members, books and loans"
FAST = {"stale_seconds": 4, "heartbeat_seconds": 0.5, "requeue_seconds": 3}
RUNS = 4


def _accept_runs(api: TestClient) -> tuple[Actor, list[uuid.UUID]]:
    admin = seed_user(api, seed_tenant(api, "Faults"), "org_admin")
    made = api.post("/api/v1/projects", json={"name": "F"}, headers=admin.headers)
    path = f"/api/v1/projects/{made.json()['id']}/runs"
    runs = []
    for _ in range(RUNS):
        answer = api.post(path, json={"description": LIBRARY}, headers=admin.headers)
        assert answer.status_code == 202, answer.text
        runs.append(uuid.UUID(answer.json()["id"]))
    return admin, runs


def _statuses(api: TestClient, admin: Actor, runs: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Read straight from the database (the API may be answering 503 meanwhile)."""
    try:
        with platform_of(api).session(admin.tenant_id) as session:
            return {run: session.get(Run, run).status for run in runs}  # type: ignore[union-attr]
    except Exception:  # the database is the thing being restarted
        return {}


def _until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def _all_succeeded(api: TestClient, admin: Actor, runs: list[uuid.UUID]) -> None:
    _until(
        lambda: set(_statuses(api, admin, runs).values()) == {"succeeded"},
        300,
        "every run to succeed",
    )
    folder = platform_of(api).config.data_dir / "artifacts" / str(admin.tenant_id)
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{r}.zip" for r in runs)


def test_every_accepted_run_completes_across_a_redis_restart(tmp_path: Path) -> None:
    with own_redis() as redis_server:
        broker, cache = redis_server.url, redis_server.url.replace("/0", "/1")
        with (
            pg_settings(tmp_path, broker_url=broker, redis_url=cache, **FAST) as config,
            workers(config, tmp_path, 2),
            serve(config) as api,
        ):
            admin, runs = _accept_runs(api)
            _until(lambda: "running" in _statuses(api, admin, runs).values(), 60, "a running run")
            redis_server.stop()
            down = api.get(f"/api/v1/runs/{runs[0]}", headers=admin.headers)
            assert down.status_code == 503, down.text  # never a 500
            time.sleep(2)
            redis_server.start()
            _all_succeeded(api, admin, runs)
            back = api.get(f"/api/v1/runs/{runs[-1]}", headers=admin.headers)
            if back.status_code == 503:  # a connection that died with the old server
                back = api.get(f"/api/v1/runs/{runs[-1]}", headers=admin.headers)
            assert back.status_code == 200


def test_every_accepted_run_completes_across_a_postgres_restart(tmp_path: Path) -> None:
    flush_broker()
    with (
        own_postgres() as database,
        pg_settings(tmp_path, server=database.url, broker_url=BROKER_URL, **FAST) as config,
        workers(config, tmp_path, 2),
        serve(config) as api,
    ):
        admin, runs = _accept_runs(api)
        _until(lambda: "running" in _statuses(api, admin, runs).values(), 60, "a running run")
        database.stop()
        time.sleep(2)
        database.start()

        def api_answers() -> bool:
            path = f"/api/v1/runs/{runs[0]}"
            return api.get(path, headers=admin.headers).status_code == 200

        _until(api_answers, 30, "the API to reconnect")
        _all_succeeded(api, admin, runs)
    flush_broker()
