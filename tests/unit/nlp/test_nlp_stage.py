"""The nl_input stage object."""

from __future__ import annotations

from tdeveloper.pipeline.nl_input import NlInput
from tdeveloper.pipeline.orchestrator import Orchestrator
from tdeveloper.pipeline.state import RunState
from tdeveloper.spec import Brief, Requirements


def test_stage_contract() -> None:
    stage = NlInput()
    assert (stage.name, stage.output) == ("nl_input", "requirements")
    brief = Brief(description="Kennels: dogs (name, breed) and walkers (name, phone).")
    state = RunState(brief=brief)
    assert stage.select(state) is brief
    req = stage.run(brief)
    assert isinstance(req, Requirements)
    assert [e.name for e in req.entities] == ["Dog", "Walker"]


def test_context_is_read_too() -> None:
    brief = Brief(description="Kennels: dogs (name, breed).", context="Walkers have a phone.")
    req = NlInput().run(brief)
    assert [e.name for e in req.entities] == ["Dog", "Walker"]
    assert req.description == brief.description


def test_runs_under_the_orchestrator() -> None:
    result = Orchestrator([NlInput()]).run(Brief(description="a library"))
    requirements = result.state.requirements
    assert requirements is not None
    assert requirements.domain == "library"
