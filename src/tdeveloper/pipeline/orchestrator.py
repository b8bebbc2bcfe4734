"""Runs the nine stages in order and owns timeouts, retries, events and checkpoints."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from tdeveloper.pipeline.checkpoints import CheckpointStore, MemoryCheckpoints
from tdeveloper.pipeline.events import EventSink, StageEvent, ignore
from tdeveloper.pipeline.state import RunState, Stage
from tdeveloper.spec import Brief, Frozen
from tdeveloper.spec.errors import StageError, TDevError, TransientError

__all__ = ["AgentConfig", "Orchestrator", "RunResult", "StageTimeout"]


class AgentConfig(Frozen):
    """How one stage is run: a timeout (seconds, None for none) and retries with backoff."""

    timeout: float | None = 120.0
    retries: int = 2
    backoff: float = 0.2
    backoff_max: float = 5.0


class StageTimeout(TransientError):
    """The stage ran past its timeout."""


@dataclass
class RunResult:
    run_id: str
    state: RunState
    timings: dict[str, float] = field(default_factory=dict)
    resumed: tuple[str, ...] = ()


AnyStage = Stage[Any, Any]

# Stages run on a shared pool so a timeout can be enforced without starting a thread per
# stage (a thread start costs milliseconds). A stage that overruns keeps its thread busy
# until it returns; the pool has room for several such stragglers.
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="tdev-stage")


class Orchestrator:
    def __init__(
        self,
        stages: Sequence[AnyStage],
        *,
        configs: Mapping[str, AgentConfig] | None = None,
        default: AgentConfig | None = None,
        checkpoints: CheckpointStore | None = None,
        on_event: EventSink = ignore,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.stages = list(stages)
        self.configs = dict(configs or {})
        self.default = default or AgentConfig()
        self.checkpoints = checkpoints or MemoryCheckpoints()
        self.on_event = on_event
        self._sleep = sleep

    def run(self, brief: Brief, *, run_id: str | None = None) -> RunResult:
        """Run every stage not already checkpointed for `run_id`, in order."""
        run_id = run_id or uuid.uuid4().hex
        state, resumed = self._restore(run_id, brief)
        result = RunResult(run_id=run_id, state=state, resumed=resumed)
        total = len(self.stages)
        for index, stage in enumerate(self.stages, start=1):
            if stage.name in resumed:
                self._emit("stage_skipped", run_id, stage.name, index, total)
                continue
            output, seconds = self._run_stage(stage, result.state, run_id, index)
            result.timings[stage.name] = seconds
            result.state = result.state.model_copy(update={stage.output: output})
            self.checkpoints.save(run_id, stage.name, output.model_dump_json())
        return result

    def _restore(self, run_id: str, brief: Brief) -> tuple[RunState, tuple[str, ...]]:
        saved = self.checkpoints.load(run_id)
        data: dict[str, Any] = {"brief": brief}
        done: list[str] = []
        for stage in self.stages:  # only a prefix counts: stage k+1 needs stages 1..k
            if stage.name not in saved:
                break
            data[stage.output] = json.loads(saved[stage.name])
            done.append(stage.name)
        return RunState.model_validate(data), tuple(done)

    def _run_stage(
        self, stage: AnyStage, state: RunState, run_id: str, index: int
    ) -> tuple[BaseModel, float]:
        config = self.configs.get(stage.name, self.default)
        total = len(self.stages)
        attempt = 0
        while True:
            attempt += 1
            self._emit("stage_started", run_id, stage.name, index, total, attempt=attempt)
            started = time.perf_counter()
            try:
                output = self._call(stage, state, config.timeout)
            except TransientError as exc:
                self._emit_failure(run_id, stage.name, index, attempt, started, exc)
                if attempt > config.retries:
                    raise StageError(
                        f"{stage.name} failed after {attempt} attempts: {exc}", stage=stage.name
                    ) from exc
                self._sleep(min(config.backoff * 2 ** (attempt - 1), config.backoff_max))
                continue
            except Exception as exc:
                self._emit_failure(run_id, stage.name, index, attempt, started, exc)
                if isinstance(exc, TDevError):
                    exc.details.setdefault("stage", stage.name)
                    raise
                raise StageError(f"{stage.name} failed: {exc}", stage=stage.name) from exc
            seconds = time.perf_counter() - started
            self._emit(
                "stage_finished", run_id, stage.name, index, total, attempt=attempt,
                duration=seconds,
            )  # fmt: skip
            return output, seconds

    @staticmethod
    def _call(stage: AnyStage, state: RunState, timeout: float | None) -> BaseModel:
        data = stage.select(state)
        if timeout is None:
            return stage.run(data)  # type: ignore[no-any-return]
        future = _POOL.submit(stage.run, data)
        try:
            return future.result(timeout=timeout)  # type: ignore[no-any-return]
        except FutureTimeout:
            future.cancel()
            raise StageTimeout(f"timed out after {timeout:g}s", stage=stage.name) from None

    def _emit_failure(
        self, run_id: str, stage: str, index: int, attempt: int, started: float, exc: Exception
    ) -> None:
        self._emit(
            "stage_failed", run_id, stage, index, len(self.stages), attempt=attempt,
            duration=time.perf_counter() - started, error=str(exc) or type(exc).__name__,
        )  # fmt: skip

    def _emit(
        self, kind: Any, run_id: str, stage: str, index: int, total: int, **extra: Any
    ) -> None:
        event = StageEvent(kind=kind, run_id=run_id, stage=stage, index=index, total=total, **extra)
        self.on_event(event)
