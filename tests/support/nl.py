"""Readers over nl_input's `Requirements`, shared by the nl tests."""

from __future__ import annotations

from tdeveloper.pipeline.nlp import understand
from tdeveloper.spec import EntityReq, Requirements
from tdeveloper.spec.errors import InputError

__all__ = ["Look", "read_or_refuse"]


class Look:
    """Small readers over `Requirements` so assertions stay one line."""

    @staticmethod
    def names(req: Requirements) -> list[str]:
        return [e.name for e in req.entities]

    @staticmethod
    def entity(req: Requirements, name: str) -> EntityReq:
        found = [e for e in req.entities if e.name == name]
        assert found, f"{name} not in {[e.name for e in req.entities]}"
        return found[0]

    @staticmethod
    def fields(req: Requirements, name: str) -> list[str]:
        """The entity's field names in order (references included)."""
        return [f.name for f in Look.entity(req, name).fields]

    @staticmethod
    def types(req: Requirements, name: str) -> dict[str, str]:
        return {f.name: f.type for f in Look.entity(req, name).fields}

    @staticmethod
    def links(req: Requirements) -> set[tuple[str, str, str]]:
        """(kind, source, target) of every relation; many-to-many pairs sorted."""
        out = set()
        for r in req.relations:
            a, b = r.source, r.target
            if r.kind == "many_to_many":
                a, b = sorted((a, b))
            out.add((r.kind, a, b))
        return out


def read_or_refuse(text: str) -> None:
    """Any text either reads into a consistent model or is refused with `InputError`."""
    try:
        req = understand(text)
    except InputError:
        return
    assert req.entities
    names = [e.name for e in req.entities]
    assert all(name.isidentifier() and name[0].isupper() for name in names)
    assert len(names) == len(set(names))
    assert all(r.source in names and r.target in names for r in req.relations)
