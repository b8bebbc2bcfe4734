"""Recall and precision of nl_input on a labelled set (default: shared/eval/dev.json).

Usage: python bench/nl_eval.py [labelled.json ...] [--verbose]

Matching ignores case, underscores and plural endings, as the label file says. Field
precision counts only fields of matched entities that have labelled fields.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from tdeveloper.pipeline.nlp import understand
from tdeveloper.spec import Requirements

DEFAULT = Path("/work/shared/eval/dev.json")


def norm(name: str) -> str:
    low = name.lower().replace("_", "").replace(" ", "")
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


def _entity_map(req: Requirements, labelled: dict[str, Any]) -> dict[str, str]:
    """Predicted entity name -> labelled canonical name."""
    out: dict[str, str] = {}
    for canonical, spec in labelled.items():
        accepted = {norm(canonical), *(norm(a) for a in spec["aliases"])}
        for entity in req.entities:
            if entity.name not in out and norm(entity.name) in accepted:
                out[entity.name] = canonical
                break
    return out


def _relation_hit(req: Requirements, emap: dict[str, str], rel: list[str]) -> bool:
    child, parent = rel[0], rel[1]
    mode = rel[2] if len(rel) > 2 else ""
    canon = {r.source: emap.get(r.source) for r in req.relations} | {
        r.target: emap.get(r.target) for r in req.relations
    }
    pairs = [(canon[r.source], canon[r.target], r.kind) for r in req.relations]
    if mode == "m2m":
        if any({a, b} == {child, parent} and k == "many_to_many" for a, b, k in pairs):
            return True
        joins: dict[str, set[str | None]] = {}
        for r in req.relations:
            if r.kind == "many_to_one":
                joins.setdefault(r.source, set()).add(canon[r.target])
        return any({child, parent} <= targets for targets in joins.values())
    if mode == "any":
        return any({a, b} == {child, parent} for a, b, _ in pairs)
    return any(a == child and b == parent and k == "many_to_one" for a, b, k in pairs)


def score(cases: list[dict[str, Any]], verbose: bool) -> dict[str, float]:
    totals = dict.fromkeys(["ent", "ent_hit", "ent_pred", "ent_ok", "fld", "fld_hit"], 0)
    totals |= dict.fromkeys(["fld_pred", "fld_ok", "rel", "rel_hit", "rel_pred"], 0)
    slowest = 0.0
    for case in cases:
        start = time.perf_counter()
        req = understand(case["prompt"])
        slowest = max(slowest, time.perf_counter() - start)
        emap = _entity_map(req, case["entities"])
        totals["ent"] += len(case["entities"])
        totals["ent_hit"] += len(set(emap.values()))
        totals["ent_pred"] += len(req.entities)
        totals["ent_ok"] += len(emap)
        missing: list[str] = [e for e in case["entities"] if e not in emap.values()]
        for entity in req.entities:
            canonical = emap.get(entity.name)
            if canonical is None:
                continue
            expected = case["entities"][canonical]["fields"]
            names = {norm(f.name) for f in entity.fields}
            for spellings in expected:
                totals["fld"] += 1
                if names & {norm(s) for s in spellings}:
                    totals["fld_hit"] += 1
                else:
                    missing.append(f"{canonical}.{spellings[0]}")
            if expected:
                accepted = {norm(s) for spellings in expected for s in spellings}
                totals["fld_pred"] += len(entity.fields)
                totals["fld_ok"] += sum(norm(f.name) in accepted for f in entity.fields)
        for rel in case["relations"]:
            totals["rel"] += 1
            if _relation_hit(req, emap, rel):
                totals["rel_hit"] += 1
            else:
                missing.append("rel " + ">".join(rel))
        totals["rel_pred"] += len(req.relations)
        if verbose or missing:
            extra = [e.name for e in req.entities if e.name not in emap]
            print(f"{case['id']:>14}: missing {missing} extra entities {extra}")
    ratios = {
        "entity_recall": totals["ent_hit"] / max(totals["ent"], 1),
        "entity_precision": totals["ent_ok"] / max(totals["ent_pred"], 1),
        "field_recall": totals["fld_hit"] / max(totals["fld"], 1),
        "field_precision": totals["fld_ok"] / max(totals["fld_pred"], 1),
        "relation_recall": totals["rel_hit"] / max(totals["rel"], 1),
        "slowest_ms": slowest * 1000,
    }
    return ratios


def main(argv: list[str]) -> None:
    verbose = "--verbose" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or [DEFAULT]
    cases = [c for p in paths for c in json.loads(p.read_text(encoding="utf-8"))["cases"]]
    for name, value in score(cases, verbose).items():
        print(f"{name:>17}: {value:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
