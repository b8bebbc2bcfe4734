"""The nine-stage pipeline: a description in, a project archive out."""

from __future__ import annotations

from typing import Any

from tdeveloper.pipeline.checkpoints import CheckpointStore, DirectoryCheckpoints, MemoryCheckpoints
from tdeveloper.pipeline.events import EventSink, StageEvent, ignore
from tdeveloper.pipeline.orchestrator import AgentConfig, Orchestrator, RunResult, StageTimeout
from tdeveloper.pipeline.state import RunState, Stage
from tdeveloper.spec import Brief, GenerateOptions, ParsedApp

__all__ = [
    "STAGE_NAMES",
    "AgentConfig",
    "CheckpointStore",
    "DirectoryCheckpoints",
    "MemoryCheckpoints",
    "Orchestrator",
    "RunResult",
    "RunState",
    "Stage",
    "StageEvent",
    "StageTimeout",
    "build_orchestrator",
    "build_stages",
    "generate",
    "parse",
]

STAGE_NAMES = (
    "nl_input",
    "ui_selection",
    "parser",
    "component_decision",
    "match_rate",
    "search",
    "generation",
    "assembly",
    "download",
)


def _understanding_stages(options: GenerateOptions) -> list[Stage[Any, Any]]:
    """nl_input, ui_selection and parser; imported alone so `tdev spec` does not load the
    renderer and its templates."""
    from tdeveloper.pipeline.nl_input import NlInput
    from tdeveloper.pipeline.parser import Parser
    from tdeveloper.pipeline.ui_selection import UiSelection

    return [NlInput(), UiSelection(options), Parser(options)]


def build_stages(options: GenerateOptions) -> list[Stage[Any, Any]]:
    """The nine stages, configured by `options`, in order."""
    from tdeveloper.pipeline.assembly import Assembly
    from tdeveloper.pipeline.component_decision import ComponentDecision
    from tdeveloper.pipeline.download import Download
    from tdeveloper.pipeline.generation import Generation
    from tdeveloper.pipeline.match_rate import MatchRate
    from tdeveloper.pipeline.search import Search

    return [
        *_understanding_stages(options),
        ComponentDecision(),
        MatchRate(),
        Search(),
        Generation(),
        Assembly(options),
        Download(options),
    ]


def _configs(options: GenerateOptions) -> dict[str, AgentConfig]:
    # Verification installs packages and runs a test suite; it gets its own, longer budget.
    budget = options.verify_timeout * 3 + 60 if options.verify else 120.0
    return {"assembly": AgentConfig(timeout=budget, retries=0)}


def build_orchestrator(
    options: GenerateOptions,
    *,
    checkpoints: CheckpointStore | None = None,
    on_event: EventSink = ignore,
) -> Orchestrator:
    return Orchestrator(
        build_stages(options),
        configs=_configs(options),
        checkpoints=checkpoints,
        on_event=on_event,
    )


def generate(
    description: str,
    options: GenerateOptions | None = None,
    *,
    on_event: EventSink = ignore,
    run_id: str | None = None,
    checkpoints: CheckpointStore | None = None,
) -> RunResult:
    """Run the whole pipeline on `description` and return every stage's output."""
    options = options or GenerateOptions()
    orchestrator = build_orchestrator(options, checkpoints=checkpoints, on_event=on_event)
    return orchestrator.run(Brief(description=description), run_id=run_id)


def parse(description: str, options: GenerateOptions | None = None) -> ParsedApp:
    """Only the understanding stages (nl_input, ui_selection, parser): what `tdev spec` shows."""
    result = Orchestrator(_understanding_stages(options or GenerateOptions())).run(
        Brief(description=description)
    )
    assert result.state.parsed is not None  # the orchestrator raises when a stage fails
    return result.state.parsed
