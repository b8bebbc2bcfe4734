"""Clauses whose verb is "be" or a passive the lexicon does not know.

"X is part of Y", "an appointment is for one dog", "plots are on one of our 3 sites",
"housed in a kennel", "shared by many listings", "fixers are volunteers with a name",
"segments are groups of customers (name, ...)": where the subject sits, what it is
shared by, and which values are its own.
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.items import WITH_ITEM, Reading, add_fields, fieldish
from tdeveloper.pipeline.nlp.lexicon import QUANT, words
from tdeveloper.pipeline.nlp.model import EntityDraft
from tdeveloper.pipeline.nlp.phrases import (
    DETERMINED,
    ONE_OF,
    WITH,
    entities,
    member_of,
    participle,
    split_region,
)
from tdeveloper.pipeline.nlp.text import split_list
from tdeveloper.pipeline.nlp.tokens import Token
from tdeveloper.pipeline.nlp.wording import LAST_GROUP, field_list, values

__all__ = ["ONE_OF_N", "copula"]

_PASSIVE_PLACE = re.compile(
    r"(?:in|at|on|inside|within|into|from|off|of|to|per|under|against)\s+"
    r"(?=(?:a|an|one|the|each|exactly one|only one|many|several|multiple|various)\s|[a-z]+s\b)"
)
_SEVERAL = re.compile(r"^(?:one or more|any number of|at least one|lots of)\s", re.IGNORECASE)

ONE_OF_N = re.compile(
    r"^one of (?:our|the|their|its|your|my)(?:\s+(?:two|three|four|five|\d+))?\s+", re.I
)


def copula(reading: Reading, subject: EntityDraft | None, main: Token, region: str) -> None:
    """ "X is part of Y" and "X are performed by Y" (a passive verb we do not know)."""
    if subject is None:
        return
    low = region.lower()
    if between := re.match(r"between\s+(.+?)(?:\s+(?:on|at|in|for)\s+(?:a|an|the)\s.*)?$", low):
        add_fields(reading, subject, between.group(1))  # "played between a home team and ..."
        return
    if main.low == "part" and low.startswith("of "):
        low, region = f"part {low}", f"part {region}"
    if low.startswith("part of") and set(words(region)[:4]) & QUANT:
        member_of(reading, subject, region[7:])  # "a person can be part of many groups"
    elif low.startswith("part of"):
        for parent in entities(reading, region[7:]):
            reading.draft.relate("many_to_one", subject, parent, required=True)
    elif main.low in {"for", "per"} or low.startswith(("for ", "per ")):
        # "an appointment is for one dog", "inspections are per hive"
        start = 0 if main.low in {"for", "per"} else 4
        objects, mods = split_region(ONE_OF.sub("", region[start:]))
        member_of(reading, subject, objects)
        for marker, text in mods:  # "... for one room on a date, with a start time"
            if marker in WITH or (marker in {"on", "at"} and fieldish(text)):
                add_fields(reading, subject, text)
    elif main.low in {"in", "on", "at", "with", "under"} and ONE_OF_N.sub("a ", low) != low:
        _placed(reading, subject, ONE_OF_N.sub("one ", region))  # "on one of our 3 sites"
    elif main.low in {"in", "on", "at", "with", "under"} and DETERMINED.match(low):
        _placed(reading, subject, region)  # "a participant is in one team"
    elif participle(main.low) and (place := _PASSIVE_PLACE.match(low)):
        _placed(reading, subject, region[place.end() :])  # "housed in a kennel"
    elif participle(main.low) and low.startswith("by "):
        # "the same amenity is shared by many listings": many of them, many of these
        many = set(words(low)[1:3]) & QUANT or _SEVERAL.match(low[3:])
        shape = "many_to_many" if many else "many_to_one"
        agents, _ = split_region(ONE_OF_N.sub("one ", region[3:]))
        for agent in entities(reading, agents):
            reading.draft.relate(shape, subject, agent, tag="inferred")  # "by one of our teams"
    elif (kind := WITH_ITEM.match(f"{main.text} {region}")) and not fieldish(kind["head"]):
        add_fields(reading, subject, kind["rest"])  # "fixers are volunteers with a name"
    elif (group := LAST_GROUP.search(region)) and field_list(group[1]):
        add_fields(reading, subject, group[1])  # "segments are groups of customers (name, ...)"
    elif all(fieldish(i) for i in split_list(f"{main.text} {region}")):
        add_fields(reading, subject, f"{main.text} {region}")  # "instructors are name + bio"


def _placed(reading: Reading, subject: EntityDraft, region: str) -> None:
    """ "is at a venue on a date with a fee and a status", "are set on a wall with a grade":
    the subject sits in the place, and the values after "with" are the subject's."""
    objects, mods = split_region(region)
    member_of(reading, subject, objects)
    for marker, text in mods:
        if marker in WITH:
            add_fields(reading, subject, values(text))
