"""A run's progress as server-sent events, and cancellation, over HTTP on SQLite: the full
stream of a real run, replay after Last-Event-ID, keep-alive comments, tenant isolation,
permissions, and cancelling a queued, a running and a finished run."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from support.platform import Actor, platform_of, seed_tenant, seed_user, serve, sqlite_settings
from tdeveloper.pipeline import STAGE_NAMES
from tdeveloper.pipeline.events import StageEvent
from tdeveloper.platform.kit.problems import PROBLEM_JSON
from tdeveloper.platform.run import events, repository, service, tasks
from tdeveloper.platform.run.models import RunDispatch

LIBRARY = "a library with members, books and loans"
FINAL = ("succeeded", "failed", "cancelled")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with serve(sqlite_settings(tmp_path)) as api:
        yield api


def start(client: TestClient, actor: Actor, project: str) -> str:
    answer = client.post(
        f"/api/v1/projects/{project}/runs", json={"description": LIBRARY}, headers=actor.headers
    )
    assert answer.status_code == 202, answer.text
    return str(answer.json()["id"])


def hold_runs(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Accepted runs stay queued: no executor picks them up."""
    monkeypatch.setattr(platform_of(client).runs, "submit", lambda tenant, run: None)


def ended(client: TestClient, actor: Actor, run_id: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        run: dict[str, Any] = client.get(f"/api/v1/runs/{run_id}", headers=actor.headers).json()
        if run["status"] in FINAL or time.monotonic() > deadline:
            return run
        time.sleep(0.05)


def parse(body: str) -> list[dict[str, Any]]:
    """The stream's events as {id, event, data}; comments and `retry:` are left out."""
    found = []
    for block in body.split("\n\n"):
        fields = dict(
            line.split(": ", 1) for line in block.splitlines() if line and ":" in line[1:]
        )
        if "id" in fields:
            data = json.loads(fields["data"])
            found.append({"id": int(fields["id"]), "event": fields["event"], "data": data})
    return found


def stream(
    client: TestClient, actor: Actor, run_id: str, **headers: str
) -> tuple[int, str, list[dict[str, Any]]]:
    url = f"/api/v1/runs/{run_id}/events"
    answer = client.get(url, headers={**actor.headers, **headers})
    return answer.status_code, answer.headers["content-type"], parse(answer.text)


def assert_archive_absent(client: TestClient, actor: Actor, run_id: str) -> None:
    archive = platform_of(client).config.data_dir / "artifacts" / str(actor.tenant_id)
    assert not (archive / f"{run_id}.zip").exists()
    answer = client.get(f"/api/v1/runs/{run_id}/artifact", headers=actor.headers)
    assert answer.status_code == 409


def test_the_stream_follows_a_run_to_its_end(client: TestClient, dev: Actor, project: str) -> None:
    run_id = start(client, dev, project)
    code, kind, got = stream(client, dev, run_id)  # opened while the run is under way
    assert code == 200 and kind.startswith("text/event-stream")
    stages = [(e["event"], e["data"]["stage"]) for e in got[1:-1]]
    expected = [(k, s) for s in STAGE_NAMES for k in ("stage_started", "stage_finished")]
    assert stages == expected
    assert (got[0]["event"], got[-1]["event"]) == ("run_started", "run_succeeded")
    assert got[-1]["data"]["payload"]["status"] == "succeeded"
    ids = [e["id"] for e in got]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for event in got:
        assert event["data"]["kind"] == event["event"]
        assert set(event["data"]) == {"kind", "stage", "payload", "created_at"}
        assert event["data"]["created_at"].endswith(("Z", "+00:00"))
    finished = got[2]["data"]
    assert (finished["stage"], finished["payload"]["index"]) == ("nl_input", 1)
    assert finished["payload"]["total"] == 9 and finished["payload"]["seconds"] >= 0
    assert client.get(f"/api/v1/runs/{run_id}", headers=dev.headers).json()["status"] == (
        "succeeded"
    )
    # The same stream of an ended run: everything, then it closes.
    assert stream(client, dev, run_id)[2] == got


def test_replay_after_last_event_id(client: TestClient, dev: Actor, project: str) -> None:
    run_id = start(client, dev, project)
    everything = stream(client, dev, run_id)[2]
    middle = everything[6]["id"]
    after = stream(client, dev, run_id, **{"Last-Event-ID": str(middle)})[2]
    assert after == everything[7:]
    url = f"/api/v1/runs/{run_id}/events?last_event_id={middle}"
    assert parse(client.get(url, headers=dev.headers).text) == everything[7:]
    last = everything[-1]["id"]
    assert stream(client, dev, run_id, **{"Last-Event-ID": str(last)})[2] == []
    for bad in ("-1", "abc", str(2**63)):
        refused = client.get(
            f"/api/v1/runs/{run_id}/events", headers={**dev.headers, "Last-Event-ID": bad}
        )
        assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM_JSON


def test_silence_is_filled_with_keep_alive_comments(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold_runs(client, monkeypatch)
    monkeypatch.setattr(service, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(service, "KEEP_ALIVE_SECONDS", 0.05)
    run_id = start(client, dev, project)
    platform = platform_of(client)

    def cancel_later() -> None:
        time.sleep(0.5)
        with platform.session(dev.tenant_id) as session:
            service.cancel_run(session, dev.tenant_id, uuid.UUID(run_id))

    threading.Thread(target=cancel_later, daemon=True).start()
    answer = client.get(f"/api/v1/runs/{run_id}/events", headers=dev.headers)
    assert answer.text.count(": keep-alive\n\n") >= 3
    assert [e["event"] for e in parse(answer.text)] == ["run_cancelled"]
    assert answer.headers["cache-control"] == "no-cache"


def test_other_tenants_cannot_watch_or_cancel(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold_runs(client, monkeypatch)
    run_id = start(client, dev, project)
    intruder = seed_user(client, seed_tenant(client, "Beta"), "org_admin")
    for answer in (
        client.get(f"/api/v1/runs/{run_id}/events", headers=intruder.headers),
        client.post(f"/api/v1/runs/{run_id}/cancel", headers=intruder.headers),
        client.get(f"/api/v1/runs/{uuid.uuid4()}/events", headers=dev.headers),
        client.post(f"/api/v1/runs/{uuid.uuid4()}/cancel", headers=dev.headers),
    ):
        assert answer.status_code == 404 and answer.headers["content-type"] == PROBLEM_JSON
        assert answer.json()["detail"] == "no such run"
    assert client.get(f"/api/v1/runs/{run_id}/events").status_code == 401
    assert client.post(f"/api/v1/runs/{run_id}/cancel").status_code == 401
    run = client.get(f"/api/v1/runs/{run_id}", headers=dev.headers).json()
    assert (run["status"], run["cancel_requested"]) == ("queued", False)


def test_a_viewer_may_watch_but_not_cancel(
    client: TestClient, acme: tuple[uuid.UUID, str], dev: Actor, project: str
) -> None:
    viewer = seed_user(client, acme, "viewer")
    run_id = start(client, dev, project)
    code, _, got = stream(client, viewer, run_id)
    assert code == 200 and got[-1]["event"] == "run_succeeded"
    denied = client.post(f"/api/v1/runs/{run_id}/cancel", headers=viewer.headers)
    assert denied.status_code == 403 and denied.json()["type"].endswith("/forbidden")


def test_a_queued_run_is_cancelled_at_once(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    hold_runs(client, monkeypatch)
    run_id = start(client, dev, project)
    answer = client.post(f"/api/v1/runs/{run_id}/cancel", headers=dev.headers)
    assert answer.status_code == 202, answer.text
    run = answer.json()
    assert (run["status"], run["cancel_requested"]) == ("cancelled", True)
    assert run["finished_at"] is not None and run["artifact"] is None
    assert client.get(f"/api/v1/runs/{run_id}", headers=dev.headers).json() == run
    platform = platform_of(client)
    with platform.session(dev.tenant_id) as session:
        dispatched = session.scalar(
            select(RunDispatch.state).where(RunDispatch.run_id == uuid.UUID(run_id))
        )
    assert dispatched == "done"
    assert [e["event"] for e in stream(client, dev, run_id)[2]] == ["run_cancelled"]
    # A delivery that arrives later finds nothing to do.
    assert tasks.execute_run(platform, dev.tenant_id, uuid.UUID(run_id)) == "done"
    assert ended(client, dev, run_id)["status"] == "cancelled"
    assert_archive_absent(client, dev, run_id)
    again = client.post(f"/api/v1/runs/{run_id}/cancel", headers=dev.headers)
    assert again.status_code == 409 and again.json()["type"].endswith("/conflict")


def test_a_finished_run_cannot_be_cancelled(client: TestClient, dev: Actor, project: str) -> None:
    run_id = start(client, dev, project)
    assert ended(client, dev, run_id)["status"] == "succeeded"
    answer = client.post(f"/api/v1/runs/{run_id}/cancel", headers=dev.headers)
    assert answer.status_code == 409 and answer.headers["content-type"] == PROBLEM_JSON
    assert answer.json()["type"].endswith("/conflict")
    assert answer.json()["detail"] == "the run has already ended"
    run = client.get(f"/api/v1/runs/{run_id}", headers=dev.headers).json()
    assert (run["status"], run["cancel_requested"]) == ("succeeded", False)


def test_a_running_run_stops_at_the_next_stage(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reached, proceed = threading.Event(), threading.Event()

    def slow(_text: str, _options: Any, *, on_event: Any, run_id: str, **_: Any) -> None:
        for index, stage in enumerate(STAGE_NAMES, start=1):
            for kind in ("stage_started", "stage_finished"):
                on_event(StageEvent(kind=kind, run_id=run_id, stage=stage, index=index, total=9))
            reached.set()
            proceed.wait(30)  # the test cancels here, between two stages
        raise AssertionError("the run was not stopped")

    monkeypatch.setattr(tasks, "generate", slow)
    run_id = start(client, dev, project)
    assert reached.wait(30)
    answer = client.post(f"/api/v1/runs/{run_id}/cancel", headers=dev.headers)
    assert answer.status_code == 202
    assert (answer.json()["status"], answer.json()["cancel_requested"]) == ("running", True)
    again = client.post(f"/api/v1/runs/{run_id}/cancel", headers=dev.headers)
    assert again.status_code == 202 and again.json()["status"] == "running"  # idempotent
    proceed.set()

    run = ended(client, dev, run_id)
    assert (run["status"], run["error"], run["artifact"]) == ("cancelled", None, None)
    assert [s["name"] for s in run["stages"]] == ["nl_input"]
    assert_archive_absent(client, dev, run_id)
    kinds = [e["event"] for e in stream(client, dev, run_id)[2]]
    assert kinds == ["run_started", "stage_started", "stage_finished", "run_cancelled"]


def test_a_stream_ends_when_its_run_ended_without_a_final_event(
    client: TestClient, dev: Actor, project: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run ended without a final event (as before events were stored) must not leave the
    stream polling forever."""
    hold_runs(client, monkeypatch)
    run_id = uuid.UUID(start(client, dev, project))
    with platform_of(client).session(dev.tenant_id) as session:
        run = repository.find(session, dev.tenant_id, run_id)
        assert run is not None
        events.record(session, run, "run_started")
        repository.finish(session, dev.tenant_id, run_id, status="failed", error="x")
    assert [e["event"] for e in stream(client, dev, str(run_id))[2]] == ["run_started"]
