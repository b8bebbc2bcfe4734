"""Runs on real Celery workers: `tdev worker` processes on a real Redis broker and a real
PostgreSQL, the API in-process with the broker configured so every run goes through
Celery. A run completes on a worker; a worker killed mid-run leaves its run to another
worker, which resumes it from its checkpoints; 200 runs at once complete exactly once
within every tenant's concurrent-run limit; a cancelled run stops at a stage boundary;
and `tdev serve` without a broker recovers, after a restart, the runs it left behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, select, text, update

from support.platform import (
    Actor,
    pg_settings,
    platform_of,
    seed_tenant,
    seed_user,
    serve,
    wait_for_run,
)
from support.workers import (
    BROKER_URL,
    Worker,
    children,
    flush_broker,
    running,
    start_worker,
    workers,
)
from tdeveloper.pipeline import STAGE_NAMES, generate
from tdeveloper.platform.kit.db import open_session
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.models import Run
from tdeveloper.platform.run.models import RunCheckpoint, RunDispatch, RunEvent
from tdeveloper.platform.run.queue import CeleryQueue
from tdeveloper.platform.state import Platform
from tdeveloper.spec import GenerateOptions

LIBRARY = "a library with members, books and loans"
RUNS = 200
FINAL = ("succeeded", "failed", "cancelled")
THREADS = ("--pool=threads", "--concurrency=2")  # one process, a thread per run
OUTCOME = re.compile(r"Task tdeveloper\.run\[[0-9a-f-]+\] succeeded in [0-9.e-]+s: '(\w+)'")


@pytest.fixture(autouse=True)
def empty_broker() -> Iterator[None]:
    flush_broker()
    yield
    flush_broker()


@contextmanager
def api(tmp_path: Path, **overrides: object) -> Iterator[TestClient]:
    with (
        pg_settings(tmp_path, broker_url=BROKER_URL, **overrides) as config,
        serve(config) as client,
    ):
        assert isinstance(platform_of(client).runs, CeleryQueue)
        yield client


def actor_with_project(client: TestClient, name: str) -> tuple[Actor, str]:
    actor = seed_user(client, seed_tenant(client, name), "developer")
    made = client.post("/api/v1/projects", json={"name": name}, headers=actor.headers)
    assert made.status_code == 201, made.text
    return actor, str(made.json()["id"])


def submit(client: TestClient, actor: Actor, project: str) -> uuid.UUID:
    answer = client.post(
        f"/api/v1/projects/{project}/runs", json={"description": LIBRARY}, headers=actor.headers
    )
    assert answer.status_code == 202, answer.text
    return uuid.UUID(answer.json()["id"])


def dispatch_of(platform: Platform, run_id: uuid.UUID) -> RunDispatch:
    with platform.session(None) as session:  # run_dispatch is not under row-level security
        row = session.get(RunDispatch, run_id)
        assert row is not None
        return row


def checkpoints_of(platform: Platform, actor: Actor, run_id: uuid.UUID) -> dict[str, int]:
    """{stage: the delivery that wrote its checkpoint}"""
    with platform.session(actor.tenant_id) as session:
        rows = session.execute(
            select(RunCheckpoint.stage, RunCheckpoint.attempt).where(RunCheckpoint.run_id == run_id)
        ).all()
    return {row.stage: row.attempt for row in rows}


def events_of(platform: Platform, actor: Actor, run_id: uuid.UUID) -> list[RunEvent]:
    with platform.session(actor.tenant_id) as session:
        return list(
            session.scalars(select(RunEvent).where(RunEvent.run_id == run_id).order_by(RunEvent.id))
        )


def archives(config: Settings, tenant_id: uuid.UUID) -> list[str]:
    """Every file in the tenant's artifact folder (temporary files included)."""
    folder = config.data_dir / "artifacts" / str(tenant_id)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def holder(platform: Platform, run_id: uuid.UUID) -> int:
    """The pid of the process executing the run (dispatch.worker is host:pid:thread)."""
    worker = dispatch_of(platform, run_id).worker
    assert worker is not None
    return int(worker.split(":")[1])


def eventually(check: Any, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def ended(client: TestClient, actor: Actor, run_id: uuid.UUID) -> dict[str, Any]:
    found: dict[str, Any] = {}

    def final() -> bool:
        found.update(client.get(f"/api/v1/runs/{run_id}", headers=actor.headers).json())
        return found["status"] in FINAL

    eventually(final, what=f"run {run_id} to end")
    return found


@contextmanager
def blocked_at(platform: Platform, actor: Actor, run_id: uuid.UUID, stage: str) -> Iterator[None]:
    """Holds an uncommitted checkpoint row of `stage`: the run's own checkpoint of that
    stage waits on the primary key until the block ends (rolled back), so the run stops
    there for certain, its earlier stages committed, its worker still beating."""
    session = open_session(platform.engine, actor.tenant_id)
    try:
        session.add(
            RunCheckpoint(
                run_id=run_id, stage=stage, tenant_id=actor.tenant_id, output="{}", attempt=0
            )
        )
        session.flush()
        yield
    finally:
        session.rollback()
        session.close()


def held_by(worker: Worker, platform: Platform, actor: Actor, run_id: uuid.UUID) -> None:
    """Waits until `worker` executes the run and has checkpointed its first two stages."""

    def stuck() -> bool:
        row = dispatch_of(platform, run_id)
        return row.state == "running" and len(checkpoints_of(platform, actor, run_id)) >= 2

    eventually(stuck, what="the worker to checkpoint two stages")
    assert holder(platform, run_id) in children(worker.pid)


def test_a_run_completes_on_a_worker_process(tmp_path: Path) -> None:
    started = time.monotonic()
    with api(tmp_path) as client, workers(platform_of(client).config, tmp_path, 1) as [worker]:
        platform = platform_of(client)
        actor, project = actor_with_project(client, "Acme")
        run_id = submit(client, actor, project)
        run = wait_for_run(client, actor.headers, str(run_id), timeout=60)

        assert run["status"] == "succeeded", (run, worker.output()[-3000:])
        assert [s["name"] for s in run["stages"]] == list(STAGE_NAMES)
        assert {s["status"] for s in run["stages"]} == {"succeeded"}
        assert holder(platform, run_id) in children(worker.pid)  # not this process
        row = dispatch_of(platform, run_id)
        assert (row.state, row.deliveries) == ("done", 1)
        assert archives(platform.config, actor.tenant_id) == [f"{run_id}.zip"]
        download = client.get(f"/api/v1/runs/{run_id}/artifact", headers=actor.headers)
        assert download.status_code == 200 and download.content[:2] == b"PK"
        kinds = [e.kind for e in events_of(platform, actor, run_id)]
        assert (kinds[0], kinds[-1], len(kinds)) == ("run_started", "run_succeeded", 20)
    assert worker.process.returncode == 0  # SIGTERM: a warm shutdown
    print(f"\none run on a worker: {time.monotonic() - started:.1f} s")


def test_a_killed_worker_s_run_resumes_on_another_worker(tmp_path: Path) -> None:
    settings = {"stale_seconds": 3, "heartbeat_seconds": 0.5, "requeue_seconds": 3}
    with api(tmp_path, **settings) as client:
        platform = platform_of(client)
        # Only the workers' relays: a deployment of workers alone recovers the run.
        assert platform.relay is not None
        platform.relay.stop()
        actor, project = actor_with_project(client, "Acme")
        run_id = submit(client, actor, project)  # waits in the broker: no worker yet
        with blocked_at(platform, actor, run_id, STAGE_NAMES[2]):
            first = start_worker(platform.config, tmp_path, name="first")
            held_by(first, platform, actor, run_id)
            second = start_worker(platform.config, tmp_path, name="second")
            killed = first.kill()
            killed_at = time.monotonic()
        try:
            run = wait_for_run(client, actor.headers, str(run_id), timeout=60)
            resumed_after = time.monotonic() - killed_at
            assert run["status"] == "succeeded", (run, second.output()[-3000:])
            assert holder(platform, run_id) in children(second.pid)
            assert "relay published 1 run(s) again" in second.output()
        finally:
            second.stop()
        assert holder(platform, run_id) not in killed
        assert_resumed(platform, actor, run_id, run)
        assert resumed_after < 30
    print(f"\nkilled worker's run finished {resumed_after:.1f} s after the kill")


def assert_resumed(platform: Platform, actor: Actor, run_id: uuid.UUID, run: Any) -> None:
    """Delivery 1 checkpointed two stages; delivery 2 skipped them and did the rest."""
    row = dispatch_of(platform, run_id)
    assert (row.state, row.deliveries) == ("done", 2)
    written = checkpoints_of(platform, actor, run_id)
    reused = list(STAGE_NAMES[:2])
    assert written == {stage: 1 if stage in reused else 2 for stage in STAGE_NAMES}
    events = events_of(platform, actor, run_id)
    assert sorted(e.stage for e in events if e.kind == "stage_skipped") == sorted(reused)
    assert [e.payload["delivery"] for e in events if e.kind == "run_started"] == [1, 2]
    assert [e.kind for e in events].count("run_succeeded") == 1
    assert [s["status"] for s in run["stages"]] == ["skipped"] * 2 + ["succeeded"] * 7
    assert archives(platform.config, actor.tenant_id) == [f"{run_id}.zip"]
    path = platform.config.data_dir / "artifacts" / str(actor.tenant_id) / f"{run_id}.zip"
    assert zipfile.ZipFile(path).testzip() is None
    # The resumed run built the very archive an uninterrupted generation builds.
    fresh = generate(LIBRARY, GenerateOptions(archive_format="zip")).state.archive
    assert fresh is not None and path.read_bytes() == fresh.data


class RunningSampler:
    """Every 100 ms, the runs each tenant has running (as the application role)."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.samples, self.most = engine, 0, Counter[uuid.UUID]()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        query = text(
            "SELECT tenant_id, count(*) AS n FROM run_dispatch "
            "WHERE state = 'running' GROUP BY tenant_id"
        )
        with self.engine.connect() as connection:
            while not self._stop.wait(0.1):
                for row in connection.execute(query):
                    self.most[row.tenant_id] = max(self.most[row.tenant_id], row.n)
                connection.rollback()  # a fresh snapshot each time
                self.samples += 1

    def __enter__(self) -> RunningSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def test_many_runs_complete_once_within_the_tenant_limit(tmp_path: Path) -> None:
    overrides = {"concurrent_runs": 2, "requeue_seconds": 2, "heartbeat_seconds": 1}
    with api(tmp_path, **overrides) as client:
        platform = platform_of(client)
        tenants = [actor_with_project(client, name) for name in ("Acme", "Beta", "Gamma")]
        engine = create_engine(platform.config.url)
        with ExitStack() as stack:
            pool = [
                running(stack, platform.config, tmp_path, "--concurrency=2", name="prefork"),
                running(stack, platform.config, tmp_path, *THREADS, name="threads"),
            ]
            sampler = stack.enter_context(RunningSampler(engine))
            started = time.monotonic()
            # Interleaved tenants: with four slots and three tenants, one always has two
            # running, and its next run must wait.
            with ThreadPoolExecutor(max_workers=8) as senders:
                ids = list(
                    senders.map(lambda n: (n % 3, submit(client, *tenants[n % 3])), range(RUNS))
                )
            submitted = time.monotonic() - started

            def all_done() -> bool:
                with engine.connect() as connection:
                    done = connection.scalar(
                        text("SELECT count(*) FROM run_dispatch WHERE state = 'done'")
                    )
                return done == RUNS

            eventually(all_done, timeout=600, what=f"{RUNS} runs to end")
            elapsed = time.monotonic() - started
        engine.dispose()
        assert_each_run_completed_once(platform, tenants, ids)

    logs = [worker.output() for worker in pool]  # complete: the workers have stopped
    most = max(sampler.most.values())
    rate = RUNS / elapsed * 60
    print(
        f"\n{RUNS} runs on 2 workers x 2 (prefork, threads): {elapsed:.1f} s ({rate:.0f} runs"
        f"/min; submitted in {submitted:.1f} s); most running for one tenant: {most} over"
        f" {sampler.samples} samples"
    )
    assert sampler.samples > 10 and most <= 2, sampler.most
    assert most == 2  # the limit was reached, so it was what held the others back
    outcomes = Counter(m.group(1) for log in logs for m in OUTCOME.finditer(log))
    print(f"task outcomes: {dict(outcomes)}")
    assert outcomes["succeeded"] == RUNS
    # Waiting runs were not flooded with copies: every message that was not a run's
    # execution was a deferral (the tenant at its limit) or a rare duplicate (a relay
    # that republishes every due queued run sends hundreds here, more the longer the
    # queue takes to drain).
    assert sum(outcomes.values()) - RUNS - outcomes["deferred"] < RUNS // 5, outcomes


def assert_each_run_completed_once(
    platform: Platform, tenants: list[tuple[Actor, str]], ids: list[tuple[int, uuid.UUID]]
) -> None:
    for index, (actor, _) in enumerate(tenants):
        mine = {run_id for owner, run_id in ids if owner == index}
        with platform.session(actor.tenant_id) as session:
            statuses = dict(session.execute(select(Run.id, Run.status)).all())
            events = session.execute(select(RunEvent.run_id, RunEvent.kind)).all()
            rows = session.scalars(select(RunDispatch).where(RunDispatch.run_id.in_(mine)))
            deliveries = {row.run_id: (row.state, row.deliveries) for row in rows}
        assert statuses == dict.fromkeys(mine, "succeeded")
        succeeded = Counter(run_id for run_id, kind in events if kind == "run_succeeded")
        assert succeeded == Counter(dict.fromkeys(mine, 1))
        started = Counter(run_id for run_id, kind in events if kind == "run_started")
        # Each delivery that claimed the run started it once; none was lost or doubled.
        assert deliveries == {run_id: ("done", started[run_id]) for run_id in mine}
        assert all(count >= 1 for count in started.values())
        assert archives(platform.config, actor.tenant_id) == sorted(f"{r}.zip" for r in mine)


def test_a_cancelled_run_stops_at_the_next_stage_without_an_archive(tmp_path: Path) -> None:
    with api(tmp_path) as client:
        platform = platform_of(client)
        actor, project = actor_with_project(client, "Acme")
        run_id = submit(client, actor, project)
        worker = None
        try:
            with blocked_at(platform, actor, run_id, STAGE_NAMES[2]):
                worker = start_worker(platform.config, tmp_path)
                held_by(worker, platform, actor, run_id)
                with platform.session(actor.tenant_id) as session:  # the app role, in tenant
                    session.execute(
                        update(Run)
                        .where(Run.id == run_id, Run.tenant_id == actor.tenant_id)
                        .values(cancel_requested=True)
                    )
            run = ended(client, actor, run_id)
        finally:
            if worker is not None:
                worker.stop()
        assert (run["status"], run["artifact"], run["error"]) == ("cancelled", None, None)
        assert [s["name"] for s in run["stages"]] == list(STAGE_NAMES[:3])
        assert archives(platform.config, actor.tenant_id) == []
        kinds = [e.kind for e in events_of(platform, actor, run_id)]
        assert kinds[-1] == "run_cancelled" and "run_succeeded" not in kinds
        assert kinds.count("stage_started") == 3  # the fourth stage never started
        row = dispatch_of(platform, run_id)
        assert (row.state, row.deliveries) == ("done", 1)
        artifact = client.get(f"/api/v1/runs/{run_id}/artifact", headers=actor.headers)
        assert artifact.status_code == 409


def test_serve_without_a_broker_recovers_the_runs_it_left_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The in-process executor has a relay too: after a restart it publishes the run it
    never handed over (pending), the one it had queued in memory (queued) and the one
    it was executing (running, its heartbeat stale)."""
    with pg_settings(tmp_path, stale_seconds=2, requeue_seconds=2) as config:
        with serve(config) as client:  # the first life: nothing gets executed
            platform = platform_of(client)
            monkeypatch.setattr(platform.runs, "submit", lambda tenant, run: None)
            actor, project = actor_with_project(client, "Acme")
            pending, queued, running = (submit(client, actor, project) for _ in range(3))
        monkeypatch.undo()
        long_ago = text("now() - interval '1 hour'")
        with platform.session(actor.tenant_id) as session:
            session.execute(update(Run).where(Run.id == running).values(status="running"))
            session.execute(
                update(RunDispatch)
                .where(RunDispatch.run_id == queued)
                .values(state="queued", published_at=long_ago)
            )
            session.execute(
                update(RunDispatch)
                .where(RunDispatch.run_id == running)
                .values(state="running", worker="gone:1:1", heartbeat_at=long_ago, deliveries=1)
            )
        with serve(config) as client:  # the second life
            second = platform_of(client)
            assert not isinstance(second.runs, CeleryQueue)
            for run_id in (pending, queued, running):
                run = wait_for_run(client, actor.headers, str(run_id), timeout=60)
                assert run["status"] == "succeeded", run
            deliveries = {r: dispatch_of(second, r).deliveries for r in (pending, queued, running)}
            assert deliveries == {pending: 1, queued: 1, running: 2}
            assert {dispatch_of(second, r).state for r in deliveries} == {"done"}


def test_a_worker_without_a_broker_says_so_in_one_line(tmp_path: Path) -> None:
    tdev = Path(sys.executable).with_name("tdev")
    env = {**os.environ, "TDEV_DATA_DIR": str(tmp_path), "TDEV_BROKER_URL": ""}
    done = subprocess.run(
        [str(tdev), "worker"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert (
        done.stderr
        == "tdev: error: TDEV_BROKER_URL is empty: set it to a redis:// or amqp:// URL\n"
    )


RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"


def test_a_run_completes_through_rabbitmq(tmp_path: Path) -> None:
    """The same worker on RabbitMQ instead of Redis: only the broker URL changes."""
    with (
        pg_settings(tmp_path, broker_url=RABBITMQ_URL) as config,
        serve(config) as client,
        workers(config, tmp_path, 1),
    ):
        actor, project = actor_with_project(client, "Rabbit")
        run_id = submit(client, actor, project)
        run = wait_for_run(client, actor.headers, str(run_id), timeout=60)
        assert run["status"] == "succeeded"
        assert dispatch_of(platform_of(client), run_id).state == "done"


def test_runs_go_to_the_configured_queue(tmp_path: Path) -> None:
    """TDEV_RUN_QUEUE routes runs: a worker on another queue leaves them alone."""
    with api(tmp_path, run_queue="tdeveloper.runs.eu") as client:
        config = platform_of(client).config
        actor, project = actor_with_project(client, "Routed")
        with workers(config, tmp_path, 1, "--queue", "tdeveloper.runs.us"):
            run_id = submit(client, actor, project)
            time.sleep(3)
            assert wait_for_run(client, actor.headers, str(run_id), timeout=0)["status"] == "queued"
        with workers(config, tmp_path, 1):  # its queue: the setting's
            run = wait_for_run(client, actor.headers, str(run_id), timeout=60)
        assert run["status"] == "succeeded"
