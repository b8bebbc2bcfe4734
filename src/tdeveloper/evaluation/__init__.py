"""`tdev eval`: how faithfully descriptions become AppSpecs, scored on a labelled set."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from pydantic import BaseModel, ConfigDict

from tdeveloper.evaluation.labels import LabelledCase, load_cases
from tdeveloper.evaluation.score import CaseScore, Totals, score_case
from tdeveloper.spec import AppSpec

__all__ = ["CaseScore", "EvalReport", "LabelledCase", "Totals", "evaluate", "load_cases"]

SpecFn = Callable[[str], AppSpec]


class EvalReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    totals: Totals
    by_tag: dict[str, Totals]
    cases: tuple[CaseScore, ...]


def _default_spec(description: str) -> AppSpec:
    from tdeveloper.pipeline import parse

    return parse(description).spec


def evaluate(cases: Iterable[LabelledCase], spec_of: SpecFn = _default_spec) -> EvalReport:
    """Run `spec_of` (by default what `tdev spec` prints) on every case and score it."""
    scores = []
    for case in cases:
        start = time.perf_counter()
        spec = spec_of(case.prompt)
        scores.append(score_case(case, spec, time.perf_counter() - start))
    tags = sorted({tag for s in scores for tag in s.tags})
    return EvalReport(
        totals=Totals.of(scores),
        by_tag={tag: Totals.of(s for s in scores if tag in s.tags) for tag in tags},
        cases=tuple(scores),
    )
