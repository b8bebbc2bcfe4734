"""Noun phrases inside a clause: the objects of a verb, its prepositional modifiers, and
the entities they name ("one organisation", "the checkout they came from", "exactly one
study arm"). clauses.py decides what a verb means; this module finds what it is about.
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.items import Reading, add_fields, declare_item
from tdeveloper.pipeline.nlp.lexicon import (
    DET,
    DROP_LEAD,
    QUANT,
    entity_key,
    singular,
    words,
    wordset,
)
from tdeveloper.pipeline.nlp.model import EntityDraft
from tdeveloper.pipeline.nlp.text import parse_item, split_list

__all__ = [
    "CHILDREN",
    "DETERMINED",
    "ONE_OF",
    "PLACES",
    "WITH",
    "entities",
    "member_of",
    "participle",
    "split_region",
    "take_roles",
    "worthy",
]

WITH = ("with", "containing", "including", "having", "that has", "that have", "which have")
CHILDREN = ("made of", "made up of", "consisting of", "composed of", "divided into")
PLACES = ("for", "on", "in", "at", "to", "from", "of", "by", "against", "between", "per")
_MARKER = re.compile(
    r"\b(" + "|".join(re.escape(m) for m in (*WITH, *CHILDREN, *PLACES)) + r")\b",
    re.IGNORECASE,
)
_PLACE_TAIL = re.compile(r"\s+(to|for|at|in|on|from)\s+(?=(?:a|an|one|each|the)\s)", re.I)
_RELATIVE_WORD = re.compile(r"\b(?:that|which|who|whose|when|until)\b", re.IGNORECASE)
_PARTICIPLES = wordset(
    "split run made held kept put set sent built done taken given sold bought seen written "
    "chosen known shown led paid read won drawn driven ridden worn"
)
ONE_OF = re.compile(r"^\s*one\s+of\s+(?:our|the|their|its|your|my)\s+", re.IGNORECASE)


def split_region(region: str) -> tuple[str, list[tuple[str, str]]]:
    """Objects text and (marker, text) modifiers; after "with" the rest is one list."""
    text = region.strip()
    cuts = [
        m for m in _MARKER.finditer(text) if _top_level(text, m.start()) and not _measure(text, m)
    ]
    if not cuts:
        return text, []
    objects = text[: cuts[0].start()].strip(" ,")
    mods: list[tuple[str, str]] = []
    for n, match in enumerate(cuts):
        marker = match.group(1).lower()
        stop = len(text) if marker in WITH or n + 1 == len(cuts) else cuts[n + 1].start()
        body = text[match.end() : stop].strip(" ,")
        if marker in WITH:
            # "with an amount and a date to a campaign": the place phrase is not a field
            fields, place, rest = _place_tail(body)
            mods.append((marker, fields))
            if place:
                mods.append((place, rest))
            break
        mods.append((marker, body))
    return objects, mods


def _place_tail(body: str) -> tuple[str, str, str]:
    match = _PLACE_TAIL.search(body)
    if match is None or not _top_level(body, match.start()):
        return body, "", ""
    if _RELATIVE_WORD.search(body[: match.start()].rsplit(",", 1)[-1]):
        return body, "", ""  # "an end date that stays empty for the current holder"
    return body[: match.start()].strip(" ,"), match.group(1).lower(), body[match.end() :]


def _top_level(text: str, pos: int) -> bool:
    return text[:pos].count("(") == text[:pos].count(")")


def worthy(item: str) -> bool:
    """Objects become entities when plural, determined ("an owner") or given fields."""
    parsed = parse_item(item)
    parts = words(parsed.phrase)
    if not parts:
        return False
    lead = parts[0] in DET | QUANT | {"one", "single"}
    return bool(parsed.groups) or lead or singular(parts[-1]) != parts[-1]


_CONTACT_TAIL = re.compile(
    r"(?<=[a-z])\s+(?:they|we|it|he|she|you|i)(?:'re|'ve|'d)?\s+[a-z]+(?:\s+[a-z]+)?$", re.I
)


def _known_head(reading: Reading, item: str) -> EntityDraft | None:
    parts = [w for w in words(parse_item(item).phrase) if w not in DROP_LEAD]
    if len(parts) != 2:
        return None
    return reading.draft.entities.get(entity_key(parts[-1]))


_MEASURES = wordset("run series number couple set list lot dozens hundreds kind type")
# "one vessel arriving at a port": the participle phrase is not part of the name
_ING_TAIL = re.compile(
    r"(?<=[a-z])\s+[a-z]+ing\s+(?:at|in|on|to|from|for|with|into)\b.*$"
    r"|^(?P<keep>(?:one|each)\s+[a-z]{3,20})\s+[a-z]+ing$",
    re.IGNORECASE,
)


def _measure(text: str, match: re.Match[str]) -> bool:
    """ "a run of performances": "of" after a measure word does not start a modifier."""
    before = text[: match.start()].split()
    return match.group(1).lower() == "of" and bool(before) and before[-1].lower() in _MEASURES


# Modifiers that name the part a thing plays: "a lending institution", "the home team".
_ROLES = wordset(
    "lending borrowing home away sending receiving origin destination source target primary "
    "secondary parent child previous next original main backup billing shipping referring "
    "supervising requesting reporting approving responsible departure arrival pickup dropoff "
    "buying selling first second"
)


def take_roles(reading: Reading, owner: EntityDraft, text: str) -> str:
    """Role-named references become fields of `owner` (lending_institution_id), so two roles
    of one entity stay two; returns the text without them."""
    items = split_list(text)
    kept: list[str] = []
    for item in items:
        parts = [w for w in words(parse_item(item).phrase) if w not in DROP_LEAD]
        known = len(parts) == 2 and entity_key(parts[1]) in reading.draft.entities
        if known and parts[0] in _ROLES:
            add_fields(reading, owner, " ".join(parts))
        else:
            kept.append(item)
    return ", ".join(kept) if len(kept) != len(items) else text


def entities(reading: Reading, text: str, *, weak: bool = False) -> list[EntityDraft]:
    found: list[EntityDraft] = []
    for item in split_list(text):
        # "the checkout they came from", "one vessel arriving at a port"
        item = _ING_TAIL.sub(lambda m: m["keep"] or "", _CONTACT_TAIL.sub("", item))
        existing = reading.draft.find(parse_item(item).phrase)
        if existing is None and (head := _known_head(reading, item)) is not None:
            found.append(head)  # "belongs to exactly one study arm" when Arm is known
            continue
        if existing is None and not worthy(item):
            continue
        previous = found[-1] if found else None
        entity = declare_item(reading, item, weak=weak, previous=previous)
        if entity is not None and entity not in found:
            found.append(entity)
    return found


DETERMINED = re.compile(
    r"^(?:a|an|one|the|exactly one|only one|a single|many|multiple|several|various|"
    r"one or more|any number of)\s",
    re.IGNORECASE,
)


def member_of(reading: Reading, subject: EntityDraft, region: str) -> None:
    """ "is in one team" is many-to-one; "can be on multiple shows" is many-to-many."""
    region = take_roles(reading, subject, region)
    many = bool(set(words(region)[:3]) & (QUANT | {"any", "lots", "loads", "tons"}))
    for other in entities(reading, region):
        if other is subject:
            continue
        if many:
            reading.draft.relate("many_to_many", subject, other)
        else:
            reading.draft.relate("many_to_one", subject, other, tag="inferred")


def participle(word: str) -> bool:
    return word.endswith("ed") or word in _PARTICIPLES
