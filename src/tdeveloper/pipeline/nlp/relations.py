"""Fields that name another entity become relations, once every entity is known.

"Contacts: ..., company" gives Contact -> Company with field company_id; "owner (a sales
rep)" gives Deal.owner_id -> SalesRep; "white player" gives Pairing.white_player_id ->
Player. The field itself is removed: the parser creates the reference from the relation.
"""

from __future__ import annotations

from tdeveloper.pipeline.nlp.fields import FieldDraft
from tdeveloper.pipeline.nlp.lexicon import entity_key, singular
from tdeveloper.pipeline.nlp.model import Draft, EntityDraft, is_person
from tdeveloper.spec.names import snake

__all__ = ["resolve_references"]

# "approved by", "created by": a person reference when the model has one person entity.
_AGENT_SUFFIXES = ("_by", "_to")
# Field names that stay plain values even when an entity of the same name exists.
_KEEP = frozenset({"name", "title", "status", "type", "description"})
# Shared vocabularies: a plural field naming one of these is many-to-many.
# Words that make the rest of a field name a clause about the thing it starts with.
_CLAUSE_WORDS = frozenset(
    {"it", "its", "them", "they", "theyre", "their", "who", "that", "responsible"}
)
_SHARED = frozenset({"tag", "label", "skill", "genre", "topic", "keyword", "category"})


def resolve_references(draft: Draft) -> None:
    """Turn every reference-like field of every entity into a relation."""
    for entity in list(draft.entities.values()):
        kept: list[FieldDraft] = []
        for field in entity.fields:
            if not _to_relation(draft, entity, field):
                kept.append(field)
        entity.fields = kept


def _to_relation(draft: Draft, entity: EntityDraft, field: FieldDraft) -> bool:
    if field.name in _KEEP or field.type not in {"string", "uuid", "integer"}:
        return False
    if field.name.startswith("number_of_") or field.name.endswith("_count"):
        return False  # "a number of pupils" counts them
    target, column = _target(draft, entity, field)
    if target is None:
        return False
    plural = field.plural or field.many
    if plural and (field.many or singular(snake(target.name)) in _SHARED or not field.ref):
        draft.relate("many_to_many", entity, target)
        return True
    draft.relate(
        "many_to_one",
        entity,
        target,
        field=column,
        required=field.required,
        tag="stated" if field.source == "stated" else field.source,
        confidence=0.85,
    )
    return True


def _target(draft: Draft, entity: EntityDraft, field: FieldDraft) -> tuple[EntityDraft | None, str]:
    """The entity a field points at, and the foreign-key column to use for it."""
    name = field.name.removesuffix("_id")
    if field.ref:
        target = draft.find(field.ref) or draft.declare(field.ref, source="inferred")
        return target, f"{name}_id"
    exact = draft.entities.get(entity_key(name.replace("_", " ")))
    if exact is not None:
        return exact, f"{snake(exact.name)}_id"
    parts = name.split("_")
    for cut in range(1, len(parts)):
        tail = draft.entities.get(entity_key(" ".join(parts[cut:])))
        if tail is not None and len(parts) - cut <= 3:
            return tail, f"{name}_id"  # "white player" -> white_player_id
    if (lead := _lead(draft, parts)) is not None:
        return lead, f"{snake(lead.name)}_id"  # "the locomotive hauling it"
    if (found := _loose(draft, name)) is not None:
        return found, f"{name}_id"  # "room" -> MeetingRoom, "student" -> StudentPilot
    if name.endswith(_AGENT_SUFFIXES):
        people = [e for e in draft.entities.values() if is_person(e.name) and not e.weak]
        if len(people) == 1:
            return people[0], f"{name}_id"
    return None, ""


def _lead(draft: Draft, parts: list[str]) -> EntityDraft | None:
    """The entity a field's first words name when the rest is a clause about it
    ("locomotive_hauling_it", "tank_theyre_in", "engineer_responsible_for_it")."""
    for cut in range(len(parts) - 1, 0, -1):
        tail = parts[cut:]
        clause = tail[0].endswith(("ing", "ed")) or bool(set(tail) & _CLAUSE_WORDS)
        found = draft.entities.get(entity_key(" ".join(parts[:cut])))
        if found is not None and clause:
            return found
    return None


def _loose(draft: Draft, name: str) -> EntityDraft | None:
    """The one entity whose name ends or starts with the field's words, if only one does."""
    ending = draft.find(name.replace("_", " "))
    if ending is not None:
        return ending
    starting = [e for e in draft.entities.values() if snake(e.name).startswith(f"{name}_")]
    return starting[0] if len(starting) == 1 else None
