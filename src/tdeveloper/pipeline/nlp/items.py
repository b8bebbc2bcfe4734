"""Shared steps of the readers: what a list item is (field, entity, child) and adding it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tdeveloper.pipeline.nlp.fields import FieldDraft, parse_field
from tdeveloper.pipeline.nlp.knowledge import known_field_names
from tdeveloper.pipeline.nlp.lexicon import QUANT, singular, words, wordset
from tdeveloper.pipeline.nlp.model import Draft, EntityDraft, entity_phrase_ok
from tdeveloper.pipeline.nlp.text import parse_item, split_list
from tdeveloper.pipeline.nlp.tokens import find_verb, tokenize

__all__ = [
    "WITH_ITEM",
    "Reading",
    "add_fields",
    "declare_item",
    "entity_group",
    "fieldish",
    "plural_thing",
]

# Head words of ordinary attributes: an item ending in one of these is a field.
_FIELD_HEADS = wordset(
    "name title code phone address number status type category label color colour size "
    "brand model industry genre language country city state zip postcode gender role "
    "nationality specialty speciality department location venue author isbn sku slug "
    "username password currency unit source stage level priority urgency severity result "
    "format version make plate vin species breed description notes email website url date "
    "time price amount quantity count id rating score duration position avatar photo "
    "image bio summary body content text comment phone_number mobile federation control "
    "center centre reason method mode channel condition occupation company"
)
# Heads that take a value list, not a field list: "contact method (email, phone)".
_ENUM_HEADS = wordset(
    "method type status category kind level stage priority mode channel role size color "
    "colour gender genre format source plan tier visibility unit currency frequency "
    "preference species breed result condition urgency severity difficulty state"
)
_QUANT_LEAD = re.compile(
    r"^(?:(?:many|several|multiple|various|numerous|lots of|a list of|one or more|"
    r"zero or more|any number of|a set of|a few|one of (?:our|the|their|its|your|my)|"
    r"\d+\s*(?:-|to)\s*\d+|up to \d+|at least \d+|\d+ or more|a run of|a series of|"
    r"a couple of|dozens of|hundreds of)\s+)",
    re.IGNORECASE,
)
_EACH = re.compile(r"^each (?:with|having|has|holding|containing)\s+(.+)$", re.IGNORECASE)
_SEVERAL_WITH = re.compile(
    r"^(?P<head>(?:several|many|multiple|various)\s+[^()]+?)(?:\s*\([^()]*\))?\s+"
    r"(?:with|having|each with)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_BOTH = re.compile(
    r"^(?P<count>both|all)(?:\s+of\s+(?:them|whom))?\s+(?:are\s+)?(?:also\s+)?(?:an?\s+)?"
    r"(?P<ref>[a-z][a-z ]{1,30}?)(?:\s+(?:in|on|of|at)\s+the\s+[a-z ]+)?$",
    re.IGNORECASE,
)
_WHO_IS = re.compile(
    r"^(?:who|which|that)\s+(?:is|are|must be)\s+(?:also\s+)?(?:a|an|another|"
    r"one of (?:the|our|their|its))\s+(?P<ref>[a-z][a-z ]{1,30}?)"
    r"(?:\s+(?:in|on|at|from|of)\s+(?:the|our|this|their)\s+[a-z ]+)?$",
    re.IGNORECASE,
)
_CONDITION = re.compile(r"\s+(?:if|unless|when|so|because)\s+.*$", re.IGNORECASE)
_ARTICLE_GROUP = re.compile(r"^\s*(?:a|an|another|the|one)\s", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:their|its|his|her)\s+", re.IGNORECASE)
# "enrollments with a grade": an entity named with its fields inside a list of entities.
WITH_ITEM = re.compile(
    r"^(?P<head>[^()]+?)\s+(?:with|having|holding|recording)\s+(?P<rest>.+)$", re.IGNORECASE
)


@dataclass
class Reading:
    """Everything read so far; the readers share it while walking the text."""

    draft: Draft = field(default_factory=Draft)
    titles: list[str] = field(default_factory=list)
    last_subject: EntityDraft | None = None
    last_object: EntityDraft | None = None
    heading: EntityDraft | None = None
    # Unknown verbs seen as (noun, subject, objects): "agents reply to tickets" links a
    # Reply entity to Agent and Ticket if the description names one anywhere.
    pending: list[tuple[str, EntityDraft | None, list[EntityDraft]]] = field(default_factory=list)
    heading_phrase: str = ""  # "Pets:" before its bullets: an entity only if they are fields
    depth: int = 0  # nesting of clause reading (bounded by clauses._MAX_DEPTH)


def fieldish(text: str) -> bool:
    """Whether a list item reads as an attribute ("date of birth") rather than a thing."""
    parsed = parse_field(text)
    if parsed is None:
        return False
    last = parsed.name.split("_")[-1]
    if parsed.type != "string" or parsed.ref or last in _FIELD_HEADS:
        return True
    agent = parsed.name.split("_")[0].endswith("ed") and parsed.name.endswith(("_by", "_to"))
    return "_of_" in parsed.name or agent  # "date of birth", "approved by"


def plural_thing(item: str) -> bool:
    """A plural noun that is not an attribute ("work orders", not "parts used")."""
    parts = words(parse_item(item).phrase)
    return bool(parts) and singular(parts[-1]) != parts[-1] and not fieldish(item)


def entity_group(text: str) -> tuple[str, str] | None:
    """("employees (name, email)") -> ("employees", "name, email") when the group is fields."""
    item = parse_item(text)
    if not item.groups or item.after_colon or "/no" in item.groups[0].lower():
        return None  # "paid (yes/no)" is a flag
    phrase_words = words(item.phrase)
    if not phrase_words or phrase_words[-1] in _ENUM_HEADS or not entity_phrase_ok(item.phrase):
        return None
    if find_verb(tokenize(item.phrase)) is not None:
        return None
    inner = [part for i in split_list(item.groups[0]) for part in segment(i)]
    if _ARTICLE_GROUP.match(item.groups[0]):
        return None  # "parent (another category, optional)" points at an entity
    hits = sum(fieldish(i) for i in inner)
    if inner and hits >= 1 and hits * 2 >= len(inner):
        return item.phrase, item.groups[0]
    return None


def declare_item(
    reading: Reading, text: str, *, weak: bool = False, previous: EntityDraft | None = None
) -> EntityDraft | None:
    """Declare the entity a list item names, with its fields when a group lists them."""
    grouped = entity_group(text)
    if grouped is None and (match := WITH_ITEM.match(text)) and entity_phrase_ok(match["head"]):
        grouped = (match["head"], match["rest"])
    phrase = grouped[0] if grouped else parse_item(text).phrase
    phrase = _CONDITION.sub("", phrase)  # "a few quotes if they want options"
    possessive = bool(_POSSESSIVE.match(phrase))
    entity = reading.draft.declare(_QUANT_LEAD.sub("", phrase), weak=weak and not grouped)
    if entity is None:
        return None
    if grouped:
        add_fields(reading, entity, grouped[1])
    if possessive and previous is not None and previous is not entity:
        reading.draft.relate("many_to_one", entity, previous, tag="inferred", confidence=0.7)
    return entity


def _child(reading: Reading, parent: EntityDraft, text: str, single: bool) -> EntityDraft | None:
    """Handle "many pets" / "tags (many-to-many)": a child entity, not a field."""
    item = parse_item(text)
    quantified = bool(_QUANT_LEAD.match(item.phrase)) or (
        words(item.phrase)[:1] and words(item.phrase)[0] in QUANT
    )
    parsed = parse_field(text)
    many = parsed is not None and parsed.many
    plural_thing = (
        parsed is not None
        and parsed.type == "string"
        and parsed.plural
        and parsed.name.split("_")[-1] not in _FIELD_HEADS
        and not fieldish(text)
    )
    if not (quantified or many or (single and plural_thing)):
        return None
    child = declare_item(reading, _QUANT_LEAD.sub("", text))
    if child is None or child is parent:
        return None
    if many or _m2m_word(child.name):
        reading.draft.relate("many_to_many", parent, child)
    else:
        reading.draft.relate("many_to_one", child, parent, required=True)
    return child


def _m2m_word(name: str) -> bool:
    """Things usually shared between many parents: tags, categories, skills."""
    return singular(name.lower()) in {"tag", "label", "skill", "genre", "topic", "keyword"}


_MAX_RUN = 3  # the longest known field name, in words, tried first
# Common attributes beyond the knowledge base, for lists typed without commas only.
_SEGMENT_WORDS = wordset(
    "age height weight grade score rank allergies allergy notes comment cost fee winner "
    "duration frequency capacity mileage year month day hours minutes seats elo"
)


def segment(item: str) -> list[str]:
    """ "name breed age" (a list typed without commas) -> ["name", "breed", "age"], when
    every word belongs to a field name the knowledge base knows; otherwise the item as is."""
    parts = item.lower().split()
    if len(parts) < 2 or "(" in item or not all(p.isalpha() for p in parts):
        return [item]
    known, out, start = known_field_names() | _FIELD_HEADS | _SEGMENT_WORDS, [], 0
    while start < len(parts):
        for size in range(min(_MAX_RUN, len(parts) - start), 0, -1):
            if "_".join(parts[start : start + size]) in known:
                out.append(" ".join(parts[start : start + size]))
                start += size
                break
        else:
            return [item]
    return out if len(out) >= 2 and "_".join(parts) not in known else [item]


def _unlisted(text: str, item: str) -> bool:
    return "," not in text or len(item.split()) >= 3


def _point_at(fields: list[FieldDraft], ref: str) -> None:
    """ "a reporter and an assignee, both users": the fields before point at users."""
    for item in fields:
        if item.type == "string" and item.ref is None:
            item.ref = singular(ref)


def add_fields(reading: Reading, entity: EntityDraft, text: str, *, source: str = "stated") -> int:
    """Add every field a list names to `entity`; quantified items become child entities."""
    listed = split_list(text)
    # "result value" in a comma list is one field; "name email" typed without commas is two
    items = [p for i in listed for p in (segment(i) if _unlisted(text, i) else [i])]
    added, last_child, each = 0, None, False
    for n, raw in enumerate(items):
        # "desks, each with a code and a rate": the plural before "each with" is a child
        before_each = n + 1 < len(items) and bool(_EACH.match(items[n + 1]))
        if (both := _BOTH.match(raw)) and added >= 2:
            _point_at(entity.fields[-2 if both["count"] == "both" else -added :], both["ref"])
            continue
        if (who := _WHO_IS.match(raw)) and added:
            _point_at(entity.fields[-1:], who["ref"])  # "a leader, who is one of the people"
            continue
        if (match := _EACH.match(raw)) and last_child is not None:
            raw, each = match.group(1), True  # "several lines, each with a product, ..."
        elif not each and (several := _SEVERAL_WITH.match(raw)):
            # "several environments (dev, prod) with a name, a key": the rest is theirs
            last_child = _child(reading, entity, several["head"], single=True)
            if last_child is None:
                continue
            raw, each = several["rest"], True
        elif not each and (
            child := _child(reading, entity, raw, single=len(items) == 1 or before_each)
        ):
            last_child = child
            continue
        target = last_child if each and last_child is not None else entity
        parsed: FieldDraft | None = parse_field(raw)
        if parsed is None:
            continue
        parsed.source = source
        target.add_field(parsed)
        added += 1
    if added:
        entity.weak = False
    return added
