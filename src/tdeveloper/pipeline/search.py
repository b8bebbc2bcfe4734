"""search: the concrete libraries, versions and licences the project will use, with reasons."""

from __future__ import annotations

from tdeveloper.pipeline.catalog import load
from tdeveloper.pipeline.state import RunState, SearchInput
from tdeveloper.spec import Architecture, Library, MatchReport, ParsedApp, Selection, UiChoice

__all__ = ["Search"]


class Search:
    name = "search"
    output = "selection"

    def select(self, state: RunState) -> SearchInput:
        return SearchInput(
            spec=state.need("parsed", ParsedApp).spec,
            ui=state.need("ui", UiChoice),
            architecture=state.need("architecture", Architecture),
            match=state.need("match", MatchReport),
        )

    def run(self, data: SearchInput, /) -> Selection:
        facts = _facts(data)
        chosen = [
            Library(**{k: v for k, v in lib.items() if k != "when"})
            for lib in load("libraries")["libraries"]
            if lib["when"] in facts
        ]
        return Selection(template=data.match.template, libraries=tuple(chosen))


def _facts(data: SearchInput) -> set[str]:
    """Conditions a catalog entry's `when` may name, true for this project."""
    facts = {"always", f"frontend:{data.ui.framework}"}
    facts |= {f"field:{f.type}" for e in data.spec.entities for f in e.fields}
    facts |= {f"feature:{f}" for f in data.spec.features}
    facts |= {f"component:{c.kind}" for c in data.architecture.components}
    return facts
