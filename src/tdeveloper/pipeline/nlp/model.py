"""The mutable draft the readers fill in; understand.py freezes it into `Requirements`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tdeveloper.pipeline.nlp.fields import FieldDraft
from tdeveloper.pipeline.nlp.lexicon import (
    FUNCTION_WORDS,
    NOT_ENTITY,
    PERSON_WORDS,
    VAGUE_HEADS,
    entity_key,
    singular,
    words,
)
from tdeveloper.spec.names import snake

__all__ = ["Draft", "EntityDraft", "RelationDraft", "entity_phrase_ok", "is_person"]


@dataclass
class EntityDraft:
    name: str
    label: str
    fields: list[FieldDraft] = field(default_factory=list)
    source: str = "stated"
    confidence: float = 0.9
    weak: bool = False  # only seen as an argument of a vague verb: dropped unless linked

    def add_field(self, draft: FieldDraft) -> None:
        """Add a field unless one of that name exists (the first statement wins)."""
        if all(f.name != draft.name for f in self.fields):
            self.fields.append(draft)


@dataclass
class RelationDraft:
    kind: str
    source: str
    target: str
    field: str | None = None
    required: bool = False
    source_tag: str = "stated"
    confidence: float = 0.8


_CODE_CHARS = re.compile(r"[\"\\`{}<>$|=;]")


def entity_phrase_ok(phrase: str) -> bool:
    """Whether a phrase can name an entity: content words only, a concrete head noun."""
    if _CODE_CHARS.search(phrase):
        return False  # quoted or code-like text is content, never a name
    parts = words(phrase)
    while parts and parts[0] in FUNCTION_WORDS | {"optional", "new", "own"}:
        parts = parts[1:]
    if not parts or len(parts) > 4:
        return False
    if any(p in FUNCTION_WORDS or not p[0].isalpha() for p in parts):
        return False
    head = singular(parts[-1])
    banned = NOT_ENTITY if len(parts) == 1 else VAGUE_HEADS
    return head not in banned and parts[-1] not in banned and len(head) > 1


def is_person(name: str) -> bool:
    return snake(name).split("_")[-1] in PERSON_WORDS


@dataclass
class Draft:
    entities: dict[str, EntityDraft] = field(default_factory=dict)
    relations: list[RelationDraft] = field(default_factory=list)

    def find(self, phrase: str) -> EntityDraft | None:
        """The entity a phrase refers to: exact name, else a unique one ending with it."""
        key = entity_key(phrase)
        if not key:
            return None
        if key in self.entities:
            return self.entities[key]
        tails = [e for name, e in self.entities.items() if name.endswith(key) and name != key]
        return tails[0] if len(tails) == 1 else None

    def declare(
        self, phrase: str, *, weak: bool = False, source: str = "stated"
    ) -> EntityDraft | None:
        """Find or create the entity `phrase` names; None when it cannot be an entity."""
        if not entity_phrase_ok(phrase) or not entity_key(phrase):
            return None  # "unique": every word is a modifier, nothing is left to name
        found = self.find(phrase) if weak else self.entities.get(entity_key(phrase))
        if found is not None:
            if not weak:
                found.weak = False
                if source == "stated":
                    found.source, found.confidence = "stated", max(found.confidence, 0.9)
            return found
        key = entity_key(phrase)
        label = " ".join(snake(key).split("_")).capitalize()
        confidence = 0.9 if source == "stated" else 0.7
        entity = EntityDraft(key, label, weak=weak, source=source, confidence=confidence)
        self.entities[key] = entity
        return entity

    def relate(
        self,
        kind: str,
        source: EntityDraft,
        target: EntityDraft,
        *,
        field: str | None = None,
        required: bool = False,
        tag: str = "stated",
        confidence: float = 0.8,
    ) -> None:
        """Record a relation once; a many-to-many pair is the same in either direction."""
        if kind == "many_to_many":
            if source.name == target.name or self.linked(source.name, target.name, kind):
                return
            field = None
        else:
            own = source.name == target.name and not field
            # a thing pointing at its own kind names the role: parent_formula_id
            field = field or (
                f"parent_{snake(target.name)}_id" if own else f"{snake(target.name)}_id"
            )
            if any(
                r.source == source.name and r.field == field and r.kind == kind
                for r in self.relations
            ):
                return
        self.relations.append(
            RelationDraft(kind, source.name, target.name, field, required, tag, confidence)
        )

    def merge_mutual(self) -> None:
        """A references B and B references A through their default columns ("a show has
        several hosts and a host presents several shows"): that is one many-to-many."""
        pairs = {
            (r.source, r.target)
            for r in self.relations
            if r.kind == "many_to_one" and r.field == f"{snake(r.target)}_id"
        }
        mutual = {frozenset(p) for p in pairs if p[::-1] in pairs and p[0] != p[1]}
        # "shows have multiple hosts and a host can be on multiple shows": the one-sided
        # reading of the first half gives way to the many-to-many the sentence states
        mutual |= {
            frozenset((r.source, r.target))
            for r in self.relations
            if r.kind == "many_to_many" and (r.source, r.target) in pairs | {p[::-1] for p in pairs}
        }
        if not mutual:
            return
        kept = [
            r
            for r in self.relations
            if not (
                r.kind == "many_to_one"
                and frozenset((r.source, r.target)) in mutual
                and r.field == f"{snake(r.target)}_id"
            )
        ]
        self.relations = kept
        for a, b in sorted(tuple(sorted(p)) for p in mutual):
            self.relate("many_to_many", self.entities[a], self.entities[b])

    def linked(self, a: str, b: str, kind: str | None = None) -> bool:
        """Whether a relation already joins `a` and `b` (either direction)."""
        return any(
            {r.source, r.target} == {a, b} and (kind is None or r.kind == kind)
            for r in self.relations
        )

    def has_relations(self, name: str) -> bool:
        return any(name in (r.source, r.target) for r in self.relations)
