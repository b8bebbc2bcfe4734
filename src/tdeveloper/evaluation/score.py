"""Scoring one AppSpec against one labelled case, and adding the scores up.

Names match when they are equal after ignoring case, spaces, underscores and plural
endings. A labelled many-to-many is found either as a direct many-to-many or as a join
entity holding references to both sides.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from tdeveloper.evaluation.labels import LabelledCase, LabelledRelation
from tdeveloper.spec import AppSpec, Relation

__all__ = ["CaseScore", "Totals", "norm", "score_case"]


class CaseScore(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    tags: tuple[str, ...] = ()
    entities: int
    entities_found: int
    predicted: int
    fields: int
    fields_found: int
    fields_predicted: int  # fields of matched entities that have labelled fields
    fields_correct: int
    relations: int
    relations_found: int
    relations_predicted: int  # relations between labelled entities
    relations_correct: int
    missing: tuple[str, ...] = ()
    spurious: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def entities_matched(self) -> int:
        return self.predicted - len(self.spurious)


def norm(name: str) -> str:
    low = name.lower().replace("_", "").replace(" ", "").replace("-", "")
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes")):
        return low[:-2]
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


def _entity_map(spec: AppSpec, case: LabelledCase) -> dict[str, str]:
    """Predicted entity name -> labelled canonical name (each used once)."""
    out: dict[str, str] = {}
    for canonical, label in case.entities.items():
        accepted = {norm(canonical), *(norm(a) for a in label.aliases)}
        for entity in spec.entities:
            if entity.name not in out and norm(entity.name) in accepted:
                out[entity.name] = canonical
                break
    return out


def _pairs(spec: AppSpec, emap: dict[str, str]) -> list[tuple[str | None, str | None, str]]:
    return [(emap.get(r.source), emap.get(r.target), r.kind) for r in spec.relations]


def _m2m_found(spec: AppSpec, emap: dict[str, str], a: str, b: str) -> bool:
    pairs = _pairs(spec, emap)
    if any({x, y} == {a, b} and kind == "many_to_many" for x, y, kind in pairs):
        return True
    joins: dict[str, set[str | None]] = {}
    for rel in spec.relations:
        if rel.kind == "many_to_one":
            joins.setdefault(rel.source, set()).add(emap.get(rel.target))
    return any({a, b} <= targets for targets in joins.values())


def relation_found(spec: AppSpec, emap: dict[str, str], rel: LabelledRelation) -> bool:
    if rel.mode == "m2m":
        return _m2m_found(spec, emap, rel.child, rel.parent)
    pairs = _pairs(spec, emap)
    if rel.mode == "any":
        return any({x, y} == {rel.child, rel.parent} for x, y, _ in pairs)
    return any((x, y, kind) == (rel.child, rel.parent, "many_to_one") for x, y, kind in pairs)


def _relation_correct(rel: Relation, emap: dict[str, str], case: LabelledCase) -> bool:
    source, target = emap[rel.source], emap[rel.target]
    for label in case.relations:
        same_ends = {source, target} == {label.child, label.parent}
        if rel.kind == "many_to_many" and label.mode != "m2o" and same_ends:
            return True
        if rel.kind == "many_to_one" and label.mode == "any" and same_ends:
            return True
        if rel.kind == "many_to_one" and (source, target) == (label.child, label.parent):
            return True
    return False


def _fields(
    spec: AppSpec, case: LabelledCase, emap: dict[str, str]
) -> tuple[tuple[int, int, int, int], list[str]]:
    """(labelled, found, predicted, correct) over matched entities, and the missing names.
    Reference columns are relations, so they count neither as found nor as predicted."""
    labelled = found = predicted = correct = 0
    missing: list[str] = []
    for entity in spec.entities:
        canonical = emap.get(entity.name)
        if canonical is None:
            continue
        expected = case.entities[canonical].fields
        names = {norm(f.name) for f in entity.fields if f.type != "reference"}
        hits = [bool(names & {norm(s) for s in spellings}) for spellings in expected]
        labelled, found = labelled + len(expected), found + sum(hits)
        missing += [
            f"{canonical}.{sp[0]}" for sp, hit in zip(expected, hits, strict=True) if not hit
        ]
        if expected:
            accepted = {norm(s) for spellings in expected for s in spellings}
            predicted += len(names)
            correct += len(names & accepted)
    return (labelled, found, predicted, correct), missing


def score_case(case: LabelledCase, spec: AppSpec, seconds: float) -> CaseScore:
    emap = _entity_map(spec, case)
    (labelled, found, predicted, correct), missing_fields = _fields(spec, case, emap)
    missing = [name for name in case.entities if name not in emap.values()]
    missing += missing_fields
    hits = [relation_found(spec, emap, rel) for rel in case.relations]
    missing += [
        f"{r.child}>{r.parent}" + ("" if r.mode == "m2o" else f" ({r.mode})")
        for r, hit in zip(case.relations, hits, strict=True)
        if not hit
    ]
    inner = [r for r in spec.relations if r.source in emap and r.target in emap]
    return CaseScore(
        id=case.id,
        tags=case.tags,
        entities=len(case.entities),
        entities_found=len(set(emap.values())),
        predicted=len(spec.entities),
        fields=labelled,
        fields_found=found,
        fields_predicted=predicted,
        fields_correct=correct,
        relations=len(case.relations),
        relations_found=sum(hits),
        relations_predicted=len(inner),
        relations_correct=sum(_relation_correct(r, emap, case) for r in inner),
        missing=tuple(missing),
        spurious=tuple(e.name for e in spec.entities if e.name not in emap),
        seconds=seconds,
    )


class Totals(BaseModel):
    """The summed scores of a set of cases, with the ratios the quality targets name."""

    model_config = ConfigDict(frozen=True)

    cases: int
    entity_recall: float
    entity_precision: float
    spurious_per_case: float
    field_recall: float
    field_precision: float
    relation_recall: float
    relation_precision: float
    mean_ms: float
    max_ms: float

    @classmethod
    def of(cls, scores: Iterable[CaseScore]) -> Totals:
        items = list(scores)

        def ratio(num: str, den: str) -> float:
            total = sum(getattr(s, den) for s in items)
            return sum(getattr(s, num) for s in items) / total if total else 1.0

        seconds = [s.seconds for s in items] or [0.0]
        return cls(
            cases=len(items),
            entity_recall=ratio("entities_found", "entities"),
            entity_precision=ratio("entities_matched", "predicted"),
            spurious_per_case=sum(len(s.spurious) for s in items) / max(len(items), 1),
            field_recall=ratio("fields_found", "fields"),
            field_precision=ratio("fields_correct", "fields_predicted"),
            relation_recall=ratio("relations_found", "relations"),
            relation_precision=ratio("relations_correct", "relations_predicted"),
            mean_ms=1000 * sum(seconds) / len(seconds),
            max_ms=1000 * max(seconds),
        )
