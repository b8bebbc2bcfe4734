"""Stage 1, nl_input: the description becomes `Requirements` (rule-based, offline)."""

from __future__ import annotations

from tdeveloper.pipeline.nlp import understand
from tdeveloper.pipeline.state import RunState
from tdeveloper.spec import Brief, Requirements

__all__ = ["NlInput"]


class NlInput:
    """Reads the brief with the deterministic English/Korean reader in `pipeline.nlp`."""

    name = "nl_input"
    output = "requirements"

    def select(self, state: RunState) -> Brief:
        return state.brief

    def run(self, brief: Brief, /) -> Requirements:
        return understand(brief.description, brief.context)
