"""match_rate: how much of what was asked each catalog template really builds.

Every requirement becomes a weighted item (an entity, a relation, a feature, a scale or
compliance need, and, weighted heavily, logic no template covers such as a chess engine).
Coverage is the covered weight over the total, so a description the generator cannot
honestly build scores low and its gaps are named instead of a toy app shipping silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tdeveloper.pipeline.catalog import load
from tdeveloper.pipeline.state import MatchInput, RunState
from tdeveloper.spec import (
    AppSpec,
    Architecture,
    Gap,
    MatchReport,
    ParsedApp,
    Requirements,
    TemplateScore,
)

__all__ = ["MatchRate"]


@dataclass(frozen=True)
class _Item:
    label: str
    capability: str
    kind: str


class MatchRate:
    name = "match_rate"
    output = "match"

    def select(self, state: RunState) -> MatchInput:
        return MatchInput(
            requirements=state.need("requirements", Requirements),
            spec=state.need("parsed", ParsedApp).spec,
            architecture=state.need("architecture", Architecture),
        )

    def run(self, data: MatchInput, /) -> MatchReport:
        catalog = load("templates")
        items = _items(data.requirements, data.spec, data.architecture)
        results = [(_score(t, items, catalog["weights"]), t) for t in catalog["templates"]]
        results.sort(key=lambda r: (-r[0].score, r[0].id))
        best, template = results[0]
        return MatchReport(
            template=best.id,
            coverage=best.score,
            confidence=_confidence(data.spec),
            covered=best.covered,
            gaps=tuple(
                _gap(i, template)
                for i in items
                if not _covers(template["capabilities"], i.capability)
            ),
            scores=tuple(r[0] for r in results),
        )


def _items(req: Requirements, spec: AppSpec, arch: Architecture) -> list[_Item]:
    items = [_Item(f"entity {e.name}", "entity", "entity") for e in spec.entities]
    items += [
        _Item(f"relation {r.source} -> {r.target} ({r.kind})", f"relation:{r.kind}", "relation")
        for r in spec.relations
    ]
    items += [_Item(f"feature {f}", f"feature:{f}", "feature") for f in spec.features]
    scale = spec.non_functional.scale
    items.append(_Item(f"scale {scale}", f"scale:{scale}", "scale"))
    items += [
        _Item(f"compliance {c}", "compliance", "compliance") for c in spec.non_functional.compliance
    ]
    items += [_Item(f"frontend {c.name}", "component:frontend", "feature")
              for c in arch.components if c.kind == "frontend"]  # fmt: skip
    items += [_Item(u, "unsupported", "unsupported") for u in req.unsupported]
    return items


def _covers(capabilities: list[str], capability: str) -> bool:
    return capability in capabilities or f"{capability.split(':')[0]}:*" in capabilities


def _score(
    template: dict[str, Any], items: list[_Item], weights: dict[str, float]
) -> TemplateScore:
    caps = template["capabilities"]
    covered = [i for i in items if _covers(caps, i.capability)]
    # Logic no template covers (a chess engine) is usually the heart of the request:
    # each such item weighs at least as much as everything else together.
    rest = sum(weights[i.kind] for i in items if i.kind != "unsupported")
    weight = {**weights, "unsupported": max(weights["unsupported"], rest)}
    total = sum(weight[i.kind] for i in items) or 1.0
    got = sum(weight[i.kind] for i in covered)
    return TemplateScore(
        id=template["id"],
        score=round(got / total, 4),
        covered=tuple(i.label for i in covered),
        missing=tuple(i.label for i in items if not _covers(caps, i.capability)),
    )


def _gap(item: _Item, template: dict[str, Any]) -> Gap:
    reasons: dict[str, str] = template["missing_reasons"]
    if item.kind == "unsupported":
        reason = "custom logic that no template generates; it must be written by hand"
    else:
        reason = reasons.get(item.capability) or reasons.get(item.kind, "not covered")
    return Gap(item=item.label, reason=reason)


def _confidence(spec: AppSpec) -> float:
    values = [e.confidence for e in spec.entities]
    values += [f.confidence for e in spec.entities for f in e.fields]
    values += [r.confidence for r in spec.relations]
    return round(sum(values) / len(values), 4) if values else 0.0
