"""Who may run a run: a worker that loses its lease to another (it was thought dead and
the run was resumed elsewhere) stops at the next stage boundary and touches nothing; the
tenant's plan sets how many of its runs may run at once."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from support.platform import platform_of, seed_tenant, seed_user, serve, sqlite_settings
from tdeveloper.pipeline.events import StageEvent
from tdeveloper.platform.models import Run, Tenant
from tdeveloper.platform.run import dispatch, tasks
from tdeveloper.platform.run.models import RunDispatch


def test_a_lost_lease_stops_the_run_without_touching_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = sqlite_settings(tmp_path, heartbeat_seconds=0.05)
    with serve(config) as api:
        platform = platform_of(api)
        monkeypatch.setattr(platform.runs, "submit", lambda *_: None)  # run it by hand
        dev = seed_user(api, seed_tenant(api, "Lease"), "developer")
        project = api.post("/api/v1/projects", json={"name": "P"}, headers=dev.headers).json()
        made = api.post(
            f"/api/v1/projects/{project['id']}/runs",
            json={"description": "a todo app"},
            headers=dev.headers,
        )
        run_id = uuid.UUID(made.json()["id"])
        reached: list[str] = []

        def taken_over(_text: str, _options: Any, *, on_event: Any, run_id: str, **_: Any) -> None:
            event = StageEvent(
                kind="stage_started", run_id=run_id, stage="nl_input", index=1, total=9
            )
            on_event(event)
            with platform.engine.begin() as connection:  # another worker holds it now
                connection.execute(
                    update(RunDispatch)
                    .where(RunDispatch.run_id == uuid.UUID(run_id))
                    .values(worker="elsewhere")
                )
            time.sleep(0.3)  # a few heartbeats: each finds the lease gone
            on_event(event.model_copy(update={"stage": "ui_selection", "index": 2}))
            reached.append("the next stage")

        monkeypatch.setattr(tasks, "generate", taken_over)
        assert tasks.execute_run(platform, dev.tenant_id, run_id, worker="here") == "lost"
        assert reached == []
        with platform.session(dev.tenant_id) as session:
            run = session.get(Run, run_id)
            assert run is not None and (run.status, run.finished_at) == ("running", None)
            lease = session.get(RunDispatch, run_id)
            assert lease is not None and (lease.state, lease.worker) == ("running", "elsewhere")
        archive = config.data_dir / "artifacts" / str(dev.tenant_id) / f"{run_id}.zip"
        assert not archive.exists()


def test_the_tenant_s_plan_sets_its_concurrent_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan allowing one run at a time: while one is held, the next waits (deferred, not
    refused); a tenant on another plan gets the default."""
    config = sqlite_settings(tmp_path, plan_concurrent_runs={"free": 1}, concurrent_runs=3)
    with serve(config) as api:
        platform = platform_of(api)
        monkeypatch.setattr(platform.runs, "submit", lambda *_: None)  # run it by hand
        outcomes = {}
        for plan in ("free", "pro"):
            tenant = seed_tenant(api, plan.title())
            with platform.session(tenant[0]) as session:
                session.get(Tenant, tenant[0]).plan = plan  # type: ignore[union-attr]
            dev = seed_user(api, tenant, "developer")
            first, second = (_accept(api, dev.headers) for _ in range(2))
            with dispatch.process_lock(platform.engine), platform.session(dev.tenant_id) as s:
                held = dispatch.claim(s, dev.tenant_id, first, "elsewhere", limit=9, stale_after=60)
            assert held == "claimed"
            outcomes[plan] = tasks.execute_run(platform, dev.tenant_id, second, worker="here")
        assert outcomes == {"free": "deferred", "pro": "succeeded"}


def _accept(api: TestClient, headers: dict[str, str]) -> uuid.UUID:
    project = api.post("/api/v1/projects", json={"name": "P"}, headers=headers).json()
    path = f"/api/v1/projects/{project['id']}/runs"
    return uuid.UUID(
        api.post(path, json={"description": "a todo app"}, headers=headers).json()["id"]
    )
