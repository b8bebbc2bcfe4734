"""A run's event stream and cancellation on a real PostgreSQL (the application role, FORCE
row-level security) and Redis: the stream's polls run in the run's tenant context, another
tenant gets 404, a real run's events replay from the middle, and a queued run is cancelled
with its dispatch row released."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from support.pg import url_as
from support.platform import Actor, make_project, pg_settings, platform_of, serve
from tdeveloper.pipeline import STAGE_NAMES
from tdeveloper.pipeline.events import StageEvent
from tdeveloper.platform.run import tasks
from tdeveloper.platform.run.tasks import execute_run

LIBRARY = "a library with members, books and loans"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with pg_settings(tmp_path_factory.mktemp("events")) as config, serve(config) as api:
        yield api


def start_run(client: TestClient, actor: Actor) -> str:
    url = f"/api/v1/projects/{make_project(client, actor)}/runs"
    answer = client.post(url, json={"description": LIBRARY}, headers=actor.headers)
    assert answer.status_code == 202, answer.text
    return str(answer.json()["id"])


def events_of(client: TestClient, actor: Actor, run_id: str, **params: Any) -> list[dict[str, Any]]:
    answer = client.get(f"/api/v1/runs/{run_id}/events", headers=actor.headers, params=params)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/event-stream")
    found = []
    for block in answer.text.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if line[:1] != ":")
        if "id" in fields:
            found.append(
                {"id": int(fields["id"]), "event": fields["event"], **json.loads(fields["data"])}
            )
    return found


def test_a_real_run_streams_under_row_level_security(
    client: TestClient, alice: Actor, bob: Actor
) -> None:
    run_id = start_run(client, alice)
    streamed = events_of(client, alice, run_id)  # follows the run as it executes
    assert streamed[0]["event"] == "run_started" and streamed[-1]["event"] == "run_succeeded"
    finished = [e["stage"] for e in streamed if e["event"] == "stage_finished"]
    assert finished == list(STAGE_NAMES)
    assert [e["id"] for e in streamed] == sorted({e["id"] for e in streamed})

    # Every event is stored in Alice's tenant (a superuser's view, past RLS).
    superuser = create_engine(url_as(platform_of(client).config.url, "postgres"))
    with superuser.connect() as connection:
        tenants = connection.execute(
            text("SELECT DISTINCT tenant_id FROM run_events WHERE run_id = :id"), {"id": run_id}
        ).all()
    superuser.dispose()
    assert [row.tenant_id for row in tenants] == [alice.tenant_id]

    middle = streamed[len(streamed) // 2]["id"]
    assert events_of(client, alice, run_id, last_event_id=middle) == [
        e for e in streamed if e["id"] > middle
    ]
    header = {**alice.headers, "Last-Event-ID": str(streamed[-2]["id"])}
    tail = client.get(f"/api/v1/runs/{run_id}/events", headers=header)
    assert '"kind":"run_succeeded"' in tail.text and "stage_finished" not in tail.text

    for answer in (
        client.get(f"/api/v1/runs/{run_id}/events", headers=bob.headers),
        client.post(f"/api/v1/runs/{run_id}/cancel", headers=bob.headers),
    ):
        assert answer.status_code == 404
        assert answer.headers["content-type"] == "application/problem+json"
    ended = client.post(f"/api/v1/runs/{run_id}/cancel", headers=alice.headers)
    assert ended.status_code == 409 and ended.json()["type"].endswith("/conflict")


def test_a_queued_run_is_cancelled_before_any_worker_takes_it(
    client: TestClient, alice: Actor, bob: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    platform = platform_of(client)
    monkeypatch.setattr(platform.runs, "submit", lambda tenant, run: None)
    run_id = start_run(client, alice)
    answer = client.post(f"/api/v1/runs/{run_id}/cancel", headers=alice.headers)
    assert answer.status_code == 202, answer.text
    assert (answer.json()["status"], answer.json()["cancel_requested"]) == ("cancelled", True)
    with platform.engine.connect() as connection:  # run_dispatch is not under RLS
        state = connection.execute(
            text("SELECT state FROM run_dispatch WHERE run_id = :id"), {"id": run_id}
        ).scalar_one()
    assert state == "done"
    assert [e["event"] for e in events_of(client, alice, run_id)] == ["run_cancelled"]

    assert execute_run(platform, alice.tenant_id, uuid.UUID(run_id)) == "done"
    run = client.get(f"/api/v1/runs/{run_id}", headers=alice.headers).json()
    assert (run["status"], run["artifact"]) == ("cancelled", None)


def test_cancel_racing_the_worker_always_ends_cancelled(
    client: TestClient, alice: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cancel and a worker's claim lock the dispatch row, then the run, in the same order:
    whichever comes first, the run ends cancelled, without a deadlock or a server error."""
    platform = platform_of(client)
    monkeypatch.setattr(platform.runs, "submit", lambda tenant, run: None)

    def slow(_text: str, _options: Any, *, on_event: Any, run_id: str, **_: Any) -> None:
        for index, stage in enumerate(STAGE_NAMES, start=1):
            for kind in ("stage_started", "stage_finished"):
                on_event(StageEvent(kind=kind, run_id=run_id, stage=stage, index=index, total=9))
            threading.Event().wait(0.05)
        raise AssertionError("the run was not stopped")

    monkeypatch.setattr(tasks, "generate", slow)
    outcomes = set()
    for attempt in range(8):
        run_id = start_run(client, alice)
        results: list[str] = []

        def deliver(rid: str, delay: float, into: list[str]) -> None:
            threading.Event().wait(delay)  # now before the cancel, now after it
            into.append(execute_run(platform, alice.tenant_id, uuid.UUID(rid)))

        worker = threading.Thread(target=deliver, args=(run_id, attempt * 0.005, results))
        worker.start()
        answer = client.post(f"/api/v1/runs/{run_id}/cancel", headers=alice.headers)
        worker.join(60)
        assert answer.status_code == 202, answer.text
        outcomes.add(results[0])
        run = client.get(f"/api/v1/runs/{run_id}", headers=alice.headers).json()
        assert (run["status"], run["artifact"], run["error"]) == ("cancelled", None, None)
        kinds = [e["event"] for e in events_of(client, alice, run_id)]
        assert kinds.count("run_cancelled") == 1 and kinds[-1] == "run_cancelled"
    assert outcomes <= {"cancelled", "done"}, outcomes
