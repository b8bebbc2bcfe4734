"""Plain-text rendering of an evaluation: the totals, per-tag lines and a per-case table."""

from __future__ import annotations

from tdeveloper.evaluation import EvalReport
from tdeveloper.evaluation.score import CaseScore, Totals

__all__ = ["render"]

_HEAD = f"{'case':<24} {'ent':>7} {'fld':>7} {'rel':>7} {'extra':>5} {'ms':>6}  missing / spurious"


def _frac(found: int, total: int) -> str:
    return f"{found}/{total}"


def _row(score: CaseScore) -> str:
    notes = list(score.missing) + [f"+{name}" for name in score.spurious]
    return (
        f"{score.id[:24]:<24} {_frac(score.entities_found, score.entities):>7} "
        f"{_frac(score.fields_found, score.fields):>7} "
        f"{_frac(score.relations_found, score.relations):>7} {len(score.spurious):>5} "
        f"{score.seconds * 1000:>6.0f}  {', '.join(notes)}"
    ).rstrip()


def _line(name: str, t: Totals) -> str:
    return (
        f"{name:<14} {t.cases:>4} cases  entity R {t.entity_recall:.3f} P "
        f"{t.entity_precision:.3f} (spurious/case {t.spurious_per_case:.2f})  field R "
        f"{t.field_recall:.3f} P {t.field_precision:.3f}  relation R {t.relation_recall:.3f} "
        f"P {t.relation_precision:.3f}  ms mean {t.mean_ms:.0f} max {t.max_ms:.0f}"
    )


def render(report: EvalReport, *, every_case: bool = False) -> str:
    """Totals first; the table lists every case, or only the imperfect ones by default."""
    rows = [_row(s) for s in report.cases if every_case or s.missing or s.spurious]
    lines = [_HEAD, *rows, ""] if rows else []
    lines += [_line(f"[{tag}]", totals) for tag, totals in report.by_tag.items()]
    lines.append(_line("all", report.totals))
    return "\n".join(lines)
