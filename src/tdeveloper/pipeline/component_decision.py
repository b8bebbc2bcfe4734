"""component_decision: the architecture pattern and components, each with its reason."""

from __future__ import annotations

from tdeveloper.pipeline.catalog import load
from tdeveloper.pipeline.state import RunState
from tdeveloper.spec import AppSpec, Architecture, Component, ParsedApp, Scored

__all__ = ["ComponentDecision"]

_SERVERLESS_WORDS = ("serverless", "lambda", "cloud functions", "pay per use")


class ComponentDecision:
    name = "component_decision"
    output = "architecture"

    def select(self, state: RunState) -> AppSpec:
        return state.need("parsed", ParsedApp).spec

    def run(self, data: AppSpec, /) -> Architecture:
        options = self._score(data)
        best = options[0]
        return Architecture(
            pattern=best.name,
            components=self._components(data),
            design_patterns=tuple(load("architectures")["design_patterns"]),
            options=options,
            reasons=best.reasons,
        )

    @staticmethod
    def _score(spec: AppSpec) -> tuple[Scored, ...]:
        scale = spec.non_functional.scale
        text = spec.description.lower()
        many = len(spec.entities) >= 15
        scored = []
        for pattern in load("architectures")["patterns"]:
            score, reasons = float(pattern["base"]), [pattern["summary"]]
            if pattern["name"] == "service_split" and scale == "large" and many:
                score, reasons = score + 0.5, [*reasons, "large scale with many entities"]
            if pattern["name"] == "serverless" and any(w in text for w in _SERVERLESS_WORDS):
                score, reasons = score + 0.6, [*reasons, "the description asks for serverless"]
            if pattern["name"] == "modular_monolith" and not many:
                reasons.append(f"{len(spec.entities)} entities fit one service comfortably")
            scored.append(
                Scored(name=pattern["name"], score=min(score, 1.0), reasons=tuple(reasons))
            )
        scored.sort(key=lambda s: (-s.score, s.name))
        return tuple(scored)

    @staticmethod
    def _components(spec: AppSpec) -> tuple[Component, ...]:
        scale, features = spec.non_functional.scale, set(spec.features)
        wanted = [
            ("api", "api", True, "FastAPI service exposing CRUD per entity"),
            ("database", "database", True, "SQLite locally and in tests, PostgreSQL in production"),
            ("web", "frontend", True, "the frontend framework ui_selection chose"),
            ("auth", "auth", bool(features & {"auth", "roles"}), "the description asks for login"),
            ("files", "storage", "upload" in features, "uploads need file storage"),
            ("worker", "worker", "notifications" in features or scale == "large",
             "notifications and slow jobs run off the request path"),
            ("cache", "cache", scale in ("medium", "large"), f"{scale} scale: cache hot reads"),
            ("search", "search", "search" in features and scale == "large",
             "full-text search at scale"),
        ]  # fmt: skip
        out = [Component(name=n, kind=k, reason=r) for n, k, on, r in wanted if on]
        out += [
            Component(name=f"compliance-{_slug(item)}", kind="compliance",
                      reason=f"{item}: audit trail, encryption and access control are needed")
            for item in spec.non_functional.compliance
        ]  # fmt: skip
        return tuple(out)


def _slug(text: str) -> str:
    return "-".join(text.lower().split())
