"""Table creation order: referenced tables first; reference cycles broken deterministically.

A foreign key whose target table is not created yet when its own table is (it closes a
cycle) is "deferred": the migration adds it after both tables exist, the model marks it
`use_alter`, and the column is nullable so rows on the cycle can be inserted at all.
Self-references need no deferral (the table exists within its own CREATE TABLE) but are
made nullable for the same reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["creation_order"]

Edges = Mapping[str, Sequence[tuple[str, str]]]  # entity -> [(field, target entity)]


def creation_order(names: Sequence[str], edges: Edges) -> tuple[list[str], set[tuple[str, str]]]:
    """(entities in creation order, deferred (entity, field) pairs).

    Kahn's algorithm, always taking the first ready entity in spec order; when none is
    ready (a cycle), the first remaining entity goes next and its references to tables
    not yet created are deferred.
    """
    done: set[str] = set()
    order: list[str] = []
    deferred: set[tuple[str, str]] = set()
    remaining = list(names)
    while remaining:
        ready = next((n for n in remaining if _targets(n, edges) <= done | {n}), None)
        chosen = ready if ready is not None else remaining[0]
        for field, target in edges.get(chosen, ()):
            if target != chosen and target not in done:
                deferred.add((chosen, field))
        order.append(chosen)
        done.add(chosen)
        remaining.remove(chosen)
    return order, deferred


def _targets(name: str, edges: Edges) -> set[str]:
    return {target for _, target in edges.get(name, ())}
