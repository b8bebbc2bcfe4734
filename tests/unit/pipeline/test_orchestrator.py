"""Orchestrator policy: order, events, retries with backoff, timeouts and resume."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tdeveloper.pipeline import (
    AgentConfig,
    DirectoryCheckpoints,
    MemoryCheckpoints,
    Orchestrator,
    RunState,
    StageEvent,
)
from tdeveloper.spec import Brief, Requirements, UiChoice
from tdeveloper.spec.errors import StageError, TransientError


class Understand:
    """A tiny first stage: the description's words become the title."""

    name = "nl_input"
    output = "requirements"

    def __init__(self, failures: int = 0, exc: type[Exception] = TransientError) -> None:
        self.calls = 0
        self.failures = failures
        self.exc = exc

    def select(self, state: RunState) -> Brief:
        return state.brief

    def run(self, data: Brief, /) -> Requirements:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.exc("provider busy")
        return Requirements(description=data.description, title=data.description.title())


class Choose:
    name = "ui_selection"
    output = "ui"

    def __init__(self, block: threading.Event | None = None) -> None:
        self.calls = 0
        self.block = block

    def select(self, state: RunState) -> Requirements:
        return state.need("requirements", Requirements)

    def run(self, data: Requirements, /) -> UiChoice:
        self.calls += 1
        if self.block is not None:
            self.block.wait(5)
        return UiChoice(framework="vue", component_library=data.title, state_management="pinia")


def _brief() -> Brief:
    return Brief(description="a todo app")


def test_runs_stages_in_order_and_reports_events() -> None:
    events: list[StageEvent] = []
    orch = Orchestrator([Understand(), Choose()], on_event=events.append)
    result = orch.run(_brief(), run_id="r1")
    assert result.state.ui is not None
    assert result.state.ui.component_library == "A Todo App"
    kinds = [(e.kind, e.stage) for e in events]
    assert kinds == [
        ("stage_started", "nl_input"),
        ("stage_finished", "nl_input"),
        ("stage_started", "ui_selection"),
        ("stage_finished", "ui_selection"),
    ]
    finished = [e for e in events if e.kind == "stage_finished"]
    assert all(e.duration is not None and e.duration >= 0 for e in finished)
    assert all(e.duration is None for e in events if e.kind == "stage_started")
    assert set(result.timings) == {"nl_input", "ui_selection"}


def test_transient_errors_are_retried_with_exponential_backoff() -> None:
    sleeps: list[float] = []
    events: list[StageEvent] = []
    stage = Understand(failures=2)
    orch = Orchestrator(
        [stage],
        default=AgentConfig(retries=3, backoff=0.5),
        on_event=events.append,
        sleep=sleeps.append,
    )
    orch.run(_brief())
    assert stage.calls == 3
    assert sleeps == [0.5, 1.0]
    failed = [e for e in events if e.kind == "stage_failed"]
    assert [e.attempt for e in failed] == [1, 2]
    assert failed[0].error == "provider busy"


def test_retries_run_out_with_a_stage_error() -> None:
    orch = Orchestrator(
        [Understand(failures=5)], default=AgentConfig(retries=1), sleep=lambda _s: None
    )
    with pytest.raises(StageError, match="nl_input failed after 2 attempts"):
        orch.run(_brief())


def test_other_errors_are_not_retried() -> None:
    stage = Understand(failures=1, exc=ValueError)
    orch = Orchestrator([stage], default=AgentConfig(retries=3), sleep=lambda _s: None)
    with pytest.raises(StageError, match="nl_input failed: provider busy"):
        orch.run(_brief())
    assert stage.calls == 1


def test_timeout_is_a_transient_failure() -> None:
    gate = threading.Event()
    events: list[StageEvent] = []
    orch = Orchestrator(
        [Understand(), Choose(block=gate)],
        configs={"ui_selection": AgentConfig(timeout=0.05, retries=0)},
        on_event=events.append,
    )
    with pytest.raises(StageError, match="timed out"):
        orch.run(_brief())
    gate.set()
    assert events[-1].kind == "stage_failed"
    assert events[-1].stage == "ui_selection"


@pytest.mark.parametrize("store_kind", ["memory", "directory"])
def test_a_stopped_run_resumes_after_its_last_checkpoint(tmp_path: Path, store_kind: str) -> None:
    store = MemoryCheckpoints() if store_kind == "memory" else DirectoryCheckpoints(tmp_path)
    first, broken = Understand(), Choose()
    broken.run = lambda data: (_ for _ in ()).throw(RuntimeError("worker died"))  # type: ignore[method-assign]
    with pytest.raises(StageError):
        Orchestrator([first, broken], checkpoints=store).run(_brief(), run_id="run-7")
    assert set(store.load("run-7")) == {"nl_input"}

    again, choose = Understand(), Choose()
    events: list[StageEvent] = []
    result = Orchestrator([again, choose], checkpoints=store, on_event=events.append).run(
        _brief(), run_id="run-7"
    )
    assert again.calls == 0 and choose.calls == 1
    assert result.resumed == ("nl_input",)
    assert events[0].kind == "stage_skipped"
    fresh = Orchestrator([Understand(), Choose()]).run(_brief())
    assert result.state == fresh.state


def test_directory_checkpoints_reject_unsafe_run_ids(tmp_path: Path) -> None:
    store = DirectoryCheckpoints(tmp_path)
    with pytest.raises(ValueError, match="safe"):
        store.save("../escape", "nl_input", "{}")
    store.save("ok", "nl_input", "{}")
    store.clear("ok")
    assert store.load("ok") == {}
