"""Runs on a real PostgreSQL (row-level security, the application role) and Redis: the
background executor writes a run's progress in the run's tenant context, other tenants
neither see nor download it, and idempotent creation holds under concurrent requests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, select, text

from support.pg import url_as
from support.platform import (
    APP_ROLE,
    Actor,
    make_project,
    pg_settings,
    platform_of,
    serve,
    wait_for_run,
)
from tdeveloper.pipeline import STAGE_NAMES
from tdeveloper.platform.models import Run

LIBRARY = "a library with members, books and loans"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with pg_settings(tmp_path_factory.mktemp("runs")) as config, serve(config) as api:
        yield api


def wait(client: TestClient, actor: Actor, run_id: str, timeout: float = 120) -> dict[str, Any]:
    return wait_for_run(client, actor.headers, run_id, timeout)


def test_a_run_completes_under_row_level_security(client: TestClient, alice: Actor) -> None:
    platform = platform_of(client)
    assert urlsplit(platform.config.url).username == APP_ROLE  # no BYPASSRLS
    project = make_project(client, alice)
    accepted = client.post(
        f"/api/v1/projects/{project}/runs", json={"description": LIBRARY}, headers=alice.headers
    )
    assert accepted.status_code == 202
    run = wait(client, alice, accepted.json()["id"])
    assert run["status"] == "succeeded", run
    assert [s["name"] for s in run["stages"]] == list(STAGE_NAMES)

    # The executor's thread wrote every update in the tenant's context: without it, RLS
    # would have hidden the row from its UPDATEs and the run would still be queued.
    superuser = create_engine(url_as(platform.config.url, "postgres"))
    with superuser.connect() as connection:
        row = connection.execute(
            text("SELECT tenant_id, status, stages FROM runs WHERE id = :id"), {"id": run["id"]}
        ).one()
    superuser.dispose()
    assert (row.tenant_id, row.status, len(row.stages)) == (alice.tenant_id, "succeeded", 9)
    with platform.session(None) as session:
        assert session.scalars(select(Run)).all() == []

    download = client.get(f"/api/v1/runs/{run['id']}/artifact", headers=alice.headers)
    assert download.status_code == 200 and download.content[:2] == b"PK"


def test_another_tenant_can_neither_see_nor_download(
    client: TestClient, alice: Actor, bob: Actor
) -> None:
    project = make_project(client, alice)
    runs = f"/api/v1/projects/{project}/runs"
    run = wait(
        client,
        alice,
        client.post(runs, json={"description": LIBRARY}, headers=alice.headers).json()["id"],
    )
    assert run["status"] == "succeeded"
    base = f"/api/v1/runs/{run['id']}"
    assert client.get(base, headers=bob.headers).status_code == 404
    assert client.get(f"{base}/artifact", headers=bob.headers).status_code == 404
    assert client.post(f"{base}/artifact-link", headers=bob.headers).status_code == 404
    assert client.get(runs, headers=bob.headers).status_code == 404
    assert client.post(runs, json={"description": LIBRARY}, headers=bob.headers).status_code == 404
    with platform_of(client).session(bob.tenant_id) as session:
        assert session.get(Run, uuid.UUID(run["id"])) is None

    # Bob's own signed link names Bob's run: it opens nothing else.
    own = make_project(client, bob)
    bobs = client.post(
        f"/api/v1/projects/{own}/runs", json={"description": LIBRARY}, headers=bob.headers
    )
    assert wait(client, bob, bobs.json()["id"])["status"] == "succeeded"
    link = client.post(f"/api/v1/runs/{bobs.json()['id']}/artifact-link", headers=bob.headers)
    token = urlsplit(link.json()["url"]).query.removeprefix("signature=")
    assert (
        client.get(
            f"/api/v1/runs/{bobs.json()['id']}/artifact", params={"signature": token}
        ).status_code
        == 200
    )
    assert client.get(f"{base}/artifact", params={"signature": token}).status_code == 401


def test_idempotent_replay(client: TestClient, alice: Actor) -> None:
    url = f"/api/v1/projects/{make_project(client, alice)}/runs"
    headers = {**alice.headers, "Idempotency-Key": f"replay-{uuid.uuid4()}"}
    first = client.post(url, json={"description": LIBRARY}, headers=headers)
    again = client.post(url, json={"description": LIBRARY}, headers=headers)
    assert (first.status_code, again.status_code) == (202, 202)
    assert again.json() == first.json()
    other = client.post(url, json={"description": "a shop"}, headers=headers)
    assert other.status_code == 422 and other.json()["type"].endswith("/idempotency-key-reused")
    assert client.get(url, headers=alice.headers).json()["total"] == 1


def test_concurrent_requests_with_one_key_make_one_run(client: TestClient, alice: Actor) -> None:
    url = f"/api/v1/projects/{make_project(client, alice)}/runs"
    headers = {**alice.headers, "Idempotency-Key": f"race-{uuid.uuid4()}"}

    def post(_: int) -> tuple[int, str | None]:
        answer = client.post(url, json={"description": LIBRARY}, headers=headers)
        return answer.status_code, answer.json().get("id")

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(post, range(8)))
    accepted = {run_id for status, run_id in answers if status == 202}
    assert len(accepted) == 1, answers
    assert {status for status, _ in answers} <= {202, 409}
    listed = client.get(url, headers=alice.headers).json()
    assert [r["id"] for r in listed["items"]] == list(accepted)
