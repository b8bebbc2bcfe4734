"""Runs over HTTP on SQLite: a real generation in the background executor, per-stage
progress, archive download with credentials or a signed link, tenant isolation,
idempotent creation and permissions."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete

from support.platform import (
    Actor,
    platform_of,
    seed_tenant,
    seed_user,
    serve,
    sqlite_settings,
    wait_for_run,
)
from tdeveloper.pipeline import STAGE_NAMES
from tdeveloper.pipeline.events import StageEvent
from tdeveloper.platform.auth.tokens import TokenIssuer
from tdeveloper.platform.kit.problems import PROBLEM_JSON
from tdeveloper.platform.models import Run
from tdeveloper.platform.run import tasks
from tdeveloper.spec.errors import InputError

LIBRARY = "a library with members, books and loans"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with serve(sqlite_settings(tmp_path, public_url="https://tdev.example")) as api:
        yield api


def start(
    client: TestClient, actor: Actor, project: str, body: dict[str, Any] | None = None
) -> dict[str, Any]:
    answer = client.post(
        f"/api/v1/projects/{project}/runs",
        json=body or {"description": LIBRARY},
        headers=actor.headers,
    )
    assert answer.status_code == 202, answer.text
    run: dict[str, Any] = answer.json()
    assert answer.headers["location"] == f"/api/v1/runs/{run['id']}"
    return run


def wait(client: TestClient, actor: Actor, run_id: str, timeout: float = 120) -> dict[str, Any]:
    return wait_for_run(client, actor.headers, run_id, timeout)


def hold_runs(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, Any]]:
    """Keeps accepted runs queued (nothing is executed); returns what was submitted."""
    submitted: list[tuple[Any, Any]] = []
    runs = platform_of(client).runs
    monkeypatch.setattr(runs, "submit", lambda tenant, run: submitted.append((tenant, run)))
    return submitted


def test_a_run_generates_a_downloadable_project(
    client: TestClient, dev: Actor, project: str
) -> None:
    accepted = start(client, dev, project, {"description": LIBRARY, "options": {"frontend": "vue"}})
    assert accepted["status"] == "queued"
    assert (accepted["stages"], accepted["artifact"], accepted["error"]) == ([], None, None)
    assert accepted["options"] == {"frontend": "vue", "name": None}
    assert (accepted["project_id"], accepted["description"]) == (project, LIBRARY)

    run = wait(client, dev, accepted["id"])
    assert run["status"] == "succeeded", run
    assert [s["name"] for s in run["stages"]] == list(STAGE_NAMES)
    assert {s["status"] for s in run["stages"]} == {"succeeded"}
    assert all(isinstance(s["seconds"], float) for s in run["stages"])
    assert run["started_at"] and run["finished_at"] and run["error"] is None
    assert run["artifact"]["name"].endswith(".zip")
    assert run["artifact"]["url"] == f"/api/v1/runs/{run['id']}/artifact"

    download = client.get(run["artifact"]["url"], headers=dev.headers)
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/zip"
    disposition = download.headers["content-disposition"]
    assert disposition.startswith("attachment") and run["artifact"]["name"] in disposition
    assert len(download.content) == run["artifact"]["size"]
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert any("/backend/app/models/book.py" in name for name in names)
    stored = platform_of(client).config.data_dir / "artifacts" / str(dev.tenant_id)
    assert (stored / f"{run['id']}.zip").read_bytes() == download.content

    listed = client.get(f"/api/v1/projects/{project}/runs", headers=dev.headers).json()
    assert (listed["total"], [r["id"] for r in listed["items"]]) == (1, [run["id"]])
    assert listed["items"][0] == run


def test_runs_are_listed_newest_first(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold_runs(client, monkeypatch)
    ids = [start(client, dev, project, {"description": f"shop {n}"})["id"] for n in range(3)]
    page = client.get(f"/api/v1/projects/{project}/runs?limit=2", headers=dev.headers).json()
    assert (page["total"], [r["id"] for r in page["items"]]) == (3, ids[:0:-1])
    rest = client.get(f"/api/v1/projects/{project}/runs?offset=2", headers=dev.headers).json()
    assert [r["id"] for r in rest["items"]] == ids[:1]


def test_the_run_starts_only_after_it_is_committed(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    platform = platform_of(client)
    seen: list[str | None] = []

    def submit(tenant: uuid.UUID, run_id: uuid.UUID) -> None:
        # Another connection, as the executor's thread uses: sees only committed rows.
        with platform.session(tenant) as session:
            found = session.get(Run, run_id)
            seen.append(found.status if found is not None else None)

    monkeypatch.setattr(platform.runs, "submit", submit)
    run = start(client, dev, project)
    assert seen == ["queued"]
    # What the executor reads, in its own unit of work, is there.
    tasks.execute_run(platform_of(client), dev.tenant_id, uuid.UUID(run["id"]))
    assert wait(client, dev, run["id"], timeout=0)["status"] == "succeeded"
    # A second execution of the same run does nothing: only a queued run is claimed.
    tasks.execute_run(platform_of(client), dev.tenant_id, uuid.UUID(run["id"]))
    assert wait(client, dev, run["id"], timeout=0)["status"] == "succeeded"


def test_artifact_is_not_ready_before_success(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold_runs(client, monkeypatch)
    run = start(client, dev, project)
    early = client.get(f"/api/v1/runs/{run['id']}/artifact", headers=dev.headers)
    assert early.status_code == 409 and early.headers["content-type"] == PROBLEM_JSON
    assert early.json()["type"].endswith("/not-ready")
    link = client.post(f"/api/v1/runs/{run['id']}/artifact-link", headers=dev.headers)
    assert link.status_code == 409


def test_an_exception_fails_the_run_with_one_line(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("password=hunter2\nat line 3")

    monkeypatch.setattr(tasks, "generate", broken)
    run = wait(client, dev, start(client, dev, project)["id"])
    assert run["status"] == "failed" and run["finished_at"] is not None
    assert run["error"] == "internal error (RuntimeError)"
    assert client.get(f"/api/v1/runs/{run['id']}/artifact", headers=dev.headers).status_code == 409


def test_a_failing_stage_is_recorded(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails_in_parser(
        _text: str, _options: object, *, on_event: Any, run_id: str, **_: Any
    ) -> None:
        for index, (stage, kind) in enumerate(
            [("nl_input", "stage_finished"), ("parser", "stage_failed")], start=1
        ):
            on_event(StageEvent(kind=kind, run_id=run_id, stage=stage, index=index, total=9))
        raise InputError("the description names no\n  entities")

    monkeypatch.setattr(tasks, "generate", fails_in_parser)
    run = wait(client, dev, start(client, dev, project)["id"])
    assert run["status"] == "failed"
    assert run["error"] == "the description names no entities"
    assert [(s["name"], s["status"]) for s in run["stages"]] == [
        ("nl_input", "succeeded"),
        ("parser", "failed"),
    ]


def test_a_run_deleted_while_it_runs_stops_and_leaves_no_archive(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    platform = platform_of(client)
    hold_runs(client, monkeypatch)
    real, reached = tasks.generate, []

    def delete_run(run_id: str) -> None:
        with platform.session(dev.tenant_id) as session:
            session.execute(delete(Run).where(Run.id == uuid.UUID(run_id)))

    def deleted_at_the_end(text: str, options: Any, *, on_event: Any, run_id: str, **_: Any) -> Any:
        result = real(text, options, run_id=run_id)  # no events: nothing notices until the end
        delete_run(run_id)
        return result

    def deleted_midway(_text: str, _options: Any, *, on_event: Any, run_id: str, **_: Any) -> None:
        delete_run(run_id)
        on_event(
            StageEvent(kind="stage_finished", run_id=run_id, stage="nl_input", index=1, total=9)
        )
        reached.append(run_id)

    archives = platform.config.data_dir / "artifacts" / str(dev.tenant_id)
    for fake in (deleted_at_the_end, deleted_midway):
        monkeypatch.setattr(tasks, "generate", fake)
        run_id = uuid.UUID(start(client, dev, project)["id"])
        tasks.execute_run(platform, dev.tenant_id, run_id)
        assert not (archives / f"{run_id}.zip").exists()
        assert client.get(f"/api/v1/runs/{run_id}", headers=dev.headers).status_code == 404
    assert reached == []  # the first event after the deletion stopped the generation


def test_signed_link_downloads_without_credentials(
    client: TestClient, dev: Actor, project: str
) -> None:
    run = wait(client, dev, start(client, dev, project)["id"])
    other = wait(client, dev, start(client, dev, project)["id"])
    answer = client.post(f"/api/v1/runs/{run['id']}/artifact-link", headers=dev.headers)
    assert answer.status_code == 200
    link = answer.json()
    assert link["url"].startswith(f"https://tdev.example/api/v1/runs/{run['id']}/artifact?")
    url = urlsplit(link["url"])
    signed = f"{url.path}?{url.query}"
    token = url.query.removeprefix("signature=")

    download = client.get(signed)
    assert download.status_code == 200 and download.headers["content-type"] == "application/zip"
    assert zipfile.ZipFile(io.BytesIO(download.content)).testzip() is None

    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    for bad in (tampered, "nonsense", dev.token):  # an access token is not a download link
        refused = client.get(f"/api/v1/runs/{run['id']}/artifact", params={"signature": bad})
        assert refused.status_code == 401 and refused.headers["content-type"] == PROBLEM_JSON
    elsewhere = client.get(f"/api/v1/runs/{other['id']}/artifact", params={"signature": token})
    assert elsewhere.status_code == 401
    assert client.get(f"/api/v1/runs/{run['id']}/artifact").status_code == 401


def test_an_expired_link_is_refused(client: TestClient, dev: Actor, project: str) -> None:
    run = wait(client, dev, start(client, dev, project)["id"])
    links = platform_of(client).download_links
    expired = TokenIssuer(
        links.keys, issuer=links.issuer, audience=links.audience, ttl=timedelta(minutes=-1)
    ).issue(run["id"], tenant_id=str(dev.tenant_id))
    answer = client.get(f"/api/v1/runs/{run['id']}/artifact", params={"signature": expired})
    assert answer.status_code == 401


def test_links_expire_as_configured(tmp_path: Path) -> None:
    with serve(sqlite_settings(tmp_path, download_link_minutes=0)) as client:
        dev = seed_user(client, seed_tenant(client, "Acme"), "developer")
        project = client.post("/api/v1/projects", json={"name": "P"}, headers=dev.headers)
        run = wait(client, dev, start(client, dev, project.json()["id"])["id"])
        link = client.post(f"/api/v1/runs/{run['id']}/artifact-link", headers=dev.headers)
        url = urlsplit(link.json()["url"])
        assert client.get(f"{url.path}?{url.query}").status_code == 401


def test_other_tenants_runs_are_not_found(client: TestClient, dev: Actor, project: str) -> None:
    run = wait(client, dev, start(client, dev, project)["id"])
    intruder = seed_user(client, seed_tenant(client, "Beta"), "org_admin")
    base = f"/api/v1/runs/{run['id']}"
    assert client.get(base, headers=intruder.headers).status_code == 404
    assert client.get(f"{base}/artifact", headers=intruder.headers).status_code == 404
    assert client.post(f"{base}/artifact-link", headers=intruder.headers).status_code == 404
    runs = f"/api/v1/projects/{project}/runs"
    assert client.get(runs, headers=intruder.headers).status_code == 404
    made = client.post(runs, json={"description": LIBRARY}, headers=intruder.headers)
    assert made.status_code == 404
    listed = client.get(runs, headers=dev.headers).json()
    assert listed["total"] == 1 and client.get(base, headers=dev.headers).json() == run
    assert client.get(f"/api/v1/runs/{uuid.uuid4()}", headers=dev.headers).status_code == 404


def test_idempotent_creation(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    submitted = hold_runs(client, monkeypatch)
    url = f"/api/v1/projects/{project}/runs"
    key = {**dev.headers, "Idempotency-Key": "order-42"}
    body = {"description": LIBRARY, "options": {"name": "lib", "frontend": "react"}}
    first = client.post(url, json=body, headers=key)
    # The same request, its JSON laid out differently.
    reordered = json.dumps(
        {"options": {"frontend": "react", "name": "lib"}, "description": LIBRARY}, indent=3
    )
    second = client.post(
        url, content=reordered, headers={**key, "Content-Type": "application/json"}
    )
    assert (first.status_code, second.status_code) == (202, 202)
    assert second.json() == first.json()
    assert second.headers["location"] == first.headers["location"]
    assert len(submitted) == 1
    assert client.get(url, headers=dev.headers).json()["total"] == 1

    changed = client.post(url, json={**body, "description": "a shop"}, headers=key)
    assert changed.status_code == 422 and changed.headers["content-type"] == PROBLEM_JSON
    assert changed.json()["type"].endswith("/idempotency-key-reused")
    fresh = client.post(url, json=body, headers={**dev.headers, "Idempotency-Key": "order-43"})
    assert fresh.status_code == 202 and fresh.json()["id"] != first.json()["id"]
    assert client.get(url, headers=dev.headers).json()["total"] == 2
    too_long = client.post(url, json=body, headers={**dev.headers, "Idempotency-Key": "k" * 201})
    assert too_long.status_code == 422


def test_idempotency_keys_belong_to_one_tenant(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold_runs(client, monkeypatch)
    beta = seed_user(client, seed_tenant(client, "Beta"), "developer")
    theirs = client.post("/api/v1/projects", json={"name": "B"}, headers=beta.headers).json()
    body = {"description": LIBRARY}
    mine = client.post(
        f"/api/v1/projects/{project}/runs",
        json=body,
        headers={**dev.headers, "Idempotency-Key": "same"},
    )
    other = client.post(
        f"/api/v1/projects/{theirs['id']}/runs",
        json=body,
        headers={**beta.headers, "Idempotency-Key": "same"},
    )
    assert (mine.status_code, other.status_code) == (202, 202)
    assert other.json()["project_id"] == theirs["id"] != mine.json()["project_id"]


def test_who_may_start_runs(
    client: TestClient, acme: tuple[uuid.UUID, str], dev: Actor, project: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    hold_runs(client, monkeypatch)
    viewer = seed_user(client, acme, "viewer")
    url = f"/api/v1/projects/{project}/runs"
    denied = client.post(url, json={"description": LIBRARY}, headers=viewer.headers)
    assert denied.status_code == 403 and denied.json()["type"].endswith("/forbidden")
    assert client.get(url, headers=viewer.headers).json()["total"] == 0
    assert client.post(url, json={"description": LIBRARY}).status_code == 401
    run = start(client, dev, project)
    assert client.get(f"/api/v1/runs/{run['id']}", headers=viewer.headers).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"description": ""},
        {"description": "   "},
        {"description": "d" * 20_001},
        {"description": "a\x00b"},
        {"description": LIBRARY, "tenant_id": str(uuid.uuid4())},
        {"description": LIBRARY, "status": "succeeded"},
        {"description": LIBRARY, "options": {"frontend": "angular"}},
        {"description": LIBRARY, "options": {"verify": True}},
        {"description": LIBRARY, "options": {"name": ""}},
    ],
)
def test_run_bodies_are_checked(
    client: TestClient, dev: Actor, project: str, body: dict[str, Any]
) -> None:
    answer = client.post(f"/api/v1/projects/{project}/runs", json=body, headers=dev.headers)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM_JSON
    assert client.get(f"/api/v1/projects/{project}/runs", headers=dev.headers).json()["total"] == 0


def test_openapi_documents_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    artifact = paths["/api/v1/runs/{run_id}/artifact"]["get"]
    assert "signature" in {p["name"] for p in artifact["parameters"]}
    assert "application/zip" in artifact["responses"]["200"]["content"]
    assert {"/api/v1/projects/{project_id}/runs", "/api/v1/runs/{run_id}/artifact-link"} <= set(
        paths
    )
