"""A worker that loses its run to another (it was thought dead and the run was resumed
elsewhere) stops at the next stage boundary and touches nothing: no end state, no
archive; the other worker owns the run."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from support.platform import platform_of, seed_tenant, seed_user, serve, sqlite_settings
from tdeveloper.pipeline.events import StageEvent
from tdeveloper.platform.models import Run
from tdeveloper.platform.run import tasks
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
