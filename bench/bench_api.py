"""Load on the platform's API: authenticated `GET /api/v1/projects` on PostgreSQL, from a
second process (wrk) on loopback.

    python bench/bench_api.py [--workers 2] [--pool 2] [--connections 8 16 32] [--seconds 15]

Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres), Redis on 6379, and wrk
(`apt-get install wrk`). Creates a scratch database with the owner and application roles
(row-level security on), seeds two tenants with 50 projects each, serves the API with
`tdev serve --workers N --no-access-log` (TDEV_DB_POOL_SIZE connections per process: on
two cores that PostgreSQL shares, a small pool keeps its backends from crowding the CPU)
and drives it with wrk at each number of connections. Baseline in the same run, at each
level: `GET /health` (no credentials, no database), so a noisy machine shows in both.
Prints Markdown to paste into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg

from tdeveloper.platform.auth.claims import issue_access_token
from tdeveloper.platform.auth.passwords import hash_password
from tdeveloper.platform.kit.db import app_engine, create_app_role, engine_for, upgrade
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.models import Project, Tenant, User
from tdeveloper.platform.state import Platform

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
OWNER, APP = "tdev_bench_owner", "tdev_bench_app"


@contextmanager
def scratch_database() -> Iterator[tuple[str, str]]:
    """(owner URL, application URL) of a new database; dropped afterwards."""
    name = f"tdev_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (OWNER,)).fetchone() is None:
            conn.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE")
        conn.execute(f'CREATE DATABASE "{name}" OWNER {OWNER}')
    base = "postgresql+psycopg://{}@127.0.0.1:5432/" + name
    try:
        yield base.format(OWNER), base.format(APP)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def scratch_settings(**extra: object) -> Iterator[Settings]:
    """Settings on a scratch database (migrated, with the application role) and folder."""
    with scratch_database() as (owner, app), tempfile.TemporaryDirectory() as data:
        upgrade(owner)
        create_app_role(owner, APP)
        engine_for(owner).dispose()
        yield Settings(
            data_dir=Path(data),
            database_url=app,
            owner_database_url=owner,
            app_role=APP,
            redis_url="redis://127.0.0.1:6379/14",
            **extra,  # type: ignore[arg-type]
        )


def seed(config: Settings) -> str:
    """Two tenants with 50 projects each; an access token of a developer of the first."""
    platform = Platform(config)
    token = ""
    for name in ("Acme", "Beta"):
        tenant_id, user_id = uuid.uuid4(), uuid.uuid4()
        with platform.session(tenant_id) as session:
            session.add(Tenant(id=tenant_id, name=name, slug=name.lower()))
            session.flush()
            session.add(
                User(
                    id=user_id,
                    tenant_id=tenant_id,
                    email=f"dev@{name.lower()}.test",
                    password_hash=hash_password("bench password 1"),
                    role="developer",
                )
            )
            session.add_all(
                Project(tenant_id=tenant_id, name=f"{name} {n}", description="a library")
                for n in range(50)
            )
        token = token or issue_access_token(
            platform,
            user_id=user_id,
            tenant_id=tenant_id,
            tenant_slug=name.lower(),
            role="developer",
            session_id=uuid.uuid4(),
        )
    app_engine(config).dispose()
    return token


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def server(env: dict[str, str], port: int, workers: int) -> Iterator[str]:
    tdev = Path(sys.executable).with_name("tdev")
    command = [str(tdev), "serve", "--port", str(port), "--workers", str(workers)]
    command.append("--no-access-log")  # a log line per request is not what is measured
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{url}/ready").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(url: str, token: str | None, connections: int, seconds: int) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}  # type: ignore[union-attr]
    for pct, value, unit in re.findall(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
        figures[f"p{pct}"] = float(value) * scale
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["non2xx"] = float(errors.group(1)) if errors else 0.0
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pool", type=int, default=2, help="database connections per process")
    parser.add_argument("--connections", type=int, nargs="+", default=[8, 16, 32])
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    with scratch_settings(db_pool_size=args.pool) as config:
        token = seed(config)
        env = {**os.environ, **config.environment()}
        rows = []
        with server(env, _free_port(), args.workers) as url:
            wrk(f"{url}/api/v1/projects", token, 8, 3)  # warm-up
            for connections in args.connections:
                health = wrk(f"{url}/health", None, connections, args.seconds)
                projects = wrk(f"{url}/api/v1/projects", token, connections, args.seconds)
                rows += [(connections, "GET /health (baseline)", health)]
                rows += [(connections, "GET /api/v1/projects", projects)]
    _report(args, rows)


def _report(args: argparse.Namespace, rows: list[tuple[int, str, dict[str, float]]]) -> None:
    print(
        f"{os.cpu_count()} cores, {args.workers} server processes, {args.pool} database "
        f"connections each, wrk -t2 -d{args.seconds}s, PostgreSQL + Redis on loopback; "
        "50 projects per page (the default)\n"
    )
    print("| connections | request | requests/s | p50 ms | p90 ms | p99 ms | non-2xx |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for connections, label, f in rows:
        print(
            f"| {connections} | {label} | {f['rps']:,.0f} | {f['p50']:.1f} | {f['p90']:.1f} | "
            f"{f['p99']:.1f} | {f['non2xx']:.0f} |"
        )


if __name__ == "__main__":
    main()
