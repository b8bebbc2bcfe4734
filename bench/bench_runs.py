"""Runs on workers: runs per minute with 1 and 2 `tdev worker` processes, and queue latency
(accepted -> a worker starts it): under a burst of every run at once, and for single runs
on idle workers (the pick-up latency alone).

    python bench/bench_runs.py [--runs 40] [--workers 1 2]

Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres) and Redis on 6379 (broker:
db 10, cache: db 14). Each round: a scratch database, one tenant per 5 runs (so the
per-tenant limit of 5 never holds a run back), every run accepted at once through the API
(in-process), then timed until the last run ends. The description is the README's
library. Prints Markdown to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import redis
from fastapi.testclient import TestClient
from sqlalchemy import select

from bench_api import scratch_settings
from tdeveloper.platform.app import create_app
from tdeveloper.platform.auth.claims import issue_access_token
from tdeveloper.platform.kit.db import app_engine
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.models import Run, Tenant

LIBRARY = "a library with members, books and loans"
BROKER = "redis://127.0.0.1:6379/10"
IDLE_SAMPLES = 10


def start_workers(config: Settings, count: int, logs: Path) -> list[subprocess.Popen[bytes]]:
    tdev = Path(sys.executable).with_name("tdev")
    env = {**os.environ, **config.environment()}
    started = []
    for n in range(count):
        log = logs / f"worker{n}.log"
        with log.open("wb") as sink:
            started.append(
                subprocess.Popen([str(tdev), "worker"], env=env, stdout=sink, stderr=sink)
            )
        deadline = time.monotonic() + 60
        while " ready." not in log.read_text(errors="replace"):
            if time.monotonic() > deadline:
                raise RuntimeError(log.read_text()[-2000:])
            time.sleep(0.1)
    return started


def round_of(runs: int, count: int) -> dict[str, float]:
    redis.Redis.from_url(BROKER).flushdb()
    with scratch_settings(broker_url=BROKER) as config:
        started = start_workers(config, count, config.data_dir)
        try:
            with TestClient(create_app(config)) as api:
                ids = submit(api, config, runs)
                began = time.monotonic()
                wait_all(api, config, ids)
                elapsed = time.monotonic() - began
                waits = queue_waits(api, config, ids)
                idle = []
                for _ in range(IDLE_SAMPLES):  # one at a time: the pick-up latency alone
                    one = submit(api, config, 1)
                    wait_all(api, config, one)
                    idle += queue_waits(api, config, one)
        finally:
            for process in started:
                process.terminate()
                process.wait(timeout=60)
        app_engine(config).dispose()
    return {
        "per_minute": runs / elapsed * 60,
        "p50": statistics.median(waits),
        "p99": statistics.quantiles(waits, n=100)[98],
        "idle_p50": statistics.median(idle),
        "idle_max": max(idle),
    }


def submit(api: TestClient, config: Settings, runs: int) -> list[tuple[uuid.UUID, uuid.UUID]]:
    platform = api.app.state.platform  # type: ignore[attr-defined]
    ids = []
    for n in range(0, runs, 5):
        tenant = uuid.uuid4()
        with platform.session(tenant) as session:
            session.add(Tenant(id=tenant, name=f"T{n}", slug=f"t{n}-{tenant.hex[:6]}"))
        token = issue_access_token(
            platform,
            user_id=uuid.uuid4(),
            tenant_id=tenant,
            tenant_slug="t",
            role="developer",
            session_id=uuid.uuid4(),
        )
        headers = {"Authorization": f"Bearer {token}"}
        project = api.post("/api/v1/projects", json={"name": "B"}, headers=headers).json()["id"]
        for _ in range(min(5, runs - n)):
            body = {"description": LIBRARY}
            made = api.post(f"/api/v1/projects/{project}/runs", json=body, headers=headers)
            ids.append((tenant, uuid.UUID(made.json()["id"])))
    return ids


def _runs(api: TestClient, ids: list[tuple[uuid.UUID, uuid.UUID]]) -> list[Run]:
    platform = api.app.state.platform  # type: ignore[attr-defined]
    found = []
    for tenant in {t for t, _ in ids}:
        with platform.session(tenant) as session:
            found += list(session.scalars(select(Run).where(Run.tenant_id == tenant)))
    return found


def wait_all(api: TestClient, config: Settings, ids: list[tuple[uuid.UUID, uuid.UUID]]) -> None:
    while True:
        runs = _runs(api, ids)
        if all(r.status in ("succeeded", "failed", "cancelled") for r in runs):
            failed = [r.id for r in runs if r.status != "succeeded"]
            if failed:
                raise RuntimeError(f"runs did not succeed: {failed}")
            return
        time.sleep(0.5)


def queue_waits(
    api: TestClient, config: Settings, ids: list[tuple[uuid.UUID, uuid.UUID]]
) -> list[float]:
    """Seconds from accepted to started, per run."""
    return [
        (r.started_at - r.created_at).total_seconds()  # type: ignore[operator]
        for r in _runs(api, ids)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, {args.runs} runs of {LIBRARY!r}, Redis broker, PostgreSQL\n")
    print(
        "| workers | runs/minute | burst wait p50 s | burst wait p99 s "
        f"| idle pick-up p50 s | idle pick-up max of {IDLE_SAMPLES} s |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for count in args.workers:
        f = round_of(args.runs, count)
        print(
            f"| {count} | {f['per_minute']:.1f} | {f['p50']:.2f} | {f['p99']:.2f} "
            f"| {f['idle_p50']:.3f} | {f['idle_max']:.3f} |"
        )


if __name__ == "__main__":
    main()
