"""ui_selection: scores the frontend frameworks from the description and an explicit choice."""

from __future__ import annotations

from typing import Any

from tdeveloper.pipeline.catalog import load
from tdeveloper.pipeline.state import RunState
from tdeveloper.spec import GenerateOptions, Requirements, Scored, UiChoice

__all__ = ["UiSelection"]


class UiSelection:
    name = "ui_selection"
    output = "ui"

    def __init__(self, options: GenerateOptions | None = None) -> None:
        self.options = options or GenerateOptions()

    def select(self, state: RunState) -> Requirements:
        return state.need("requirements", Requirements)

    def run(self, data: Requirements, /) -> UiChoice:
        catalog = load("frontends")
        text = f" {data.description.lower()} "
        scored = [self._score(fw, text) for fw in catalog["frameworks"]]
        scored.sort(key=lambda s: (-s.score, s.name))
        best = next(fw for fw in catalog["frameworks"] if fw["name"] == scored[0].name)
        return UiChoice(
            framework=best["name"],
            component_library=best["component_library"],
            state_management=best["state_management"],
            options=tuple(scored),
            reasons=(*scored[0].reasons, best["strength"]),
        )

    def _score(self, framework: dict[str, Any], text: str) -> Scored:
        name = framework["name"]
        if self.options.frontend is not None:
            chosen = name == self.options.frontend
            reason = "requested with --frontend" if chosen else "another framework was requested"
            return Scored(name=name, score=1.0 if chosen else 0.0, reasons=(reason,))
        score = float(framework["base"])
        reasons = [f"prior {score:.2f}: {framework['strength']}"]
        for word, weight in sorted(framework["hints"].items()):
            if f" {word}" in text:
                score += float(weight)
                reasons.append(f"+{weight:.2f}: the description mentions {word!r}")
        return Scored(name=name, score=round(min(score, 1.0), 4), reasons=tuple(reasons))
