"""Wording a clause reader straightens before reading and value lists it finds after.

Before: "every office action we receive is logged" reads as "every office action is
logged"; "are grouped into families" as "belong to families"; "tagging is done by
volunteers" names who works, not a record. After: ", with a start date and a reason",
", each with a route code", "(name, description)" and "tracked separately with ..." are
values of the thing the clause is about.
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.items import Reading, fieldish
from tdeveloper.pipeline.nlp.lexicon import singular, words
from tdeveloper.pipeline.nlp.model import EntityDraft
from tdeveloper.pipeline.nlp.text import split_list, split_top
from tdeveloper.pipeline.nlp.tokens import find_verb, tokenize
from tdeveloper.pipeline.nlp.verbs import lookup

__all__ = [
    "APPOSITION",
    "COLLECTION",
    "EACH_WITH",
    "LAST_GROUP",
    "LISTING",
    "activity",
    "each_owner",
    "field_list",
    "fields_then_clause",
    "plain",
    "values",
    "without_apposition",
]

# "..., because they move between stations": a reason, not one more value
_REASON = re.compile(r",?\s+(?:because|since|although|though|unless|so that)\s.*$", re.IGNORECASE)
_MANNER = re.compile(r"^[a-z]+ly\s+with\s+", re.IGNORECASE)  # "tracked separately with"


def values(region: str) -> str:
    """The value list of a region: no manner adverb before it, no reason after it."""
    return _REASON.sub("", _MANNER.sub("", region))


# "every office action we receive is logged ...": the subject is the office action.
_ZERO_RELATIVE = re.compile(
    r"^(?P<subject>(?:every|each|all|any|the|an?)\s+[a-z][\w\s-]{0,40}?)\s+(?:we|i|you|they)\s+"
    r"[a-z]+(?:\s+(?:in|on|at|from|to|for|with|out|up|back|off))?\s+"
    r"(?=(?:is|are|was|were|can|must|should|will|may|gets?|has|have|goes|go|comes?)\b)",
    re.IGNORECASE,
)
_NEED = re.compile(
    r"^(?P<who>[a-z][a-z ]{0,30}?)\s+(?:just\s+|only\s+|also\s+)?(?:need|needs|require|requires)\s+"
    r"(?P<values>[^.;]+)$",
    re.IGNORECASE,
)
# "applications are grouped into families": each application sits in one family ("group"
# is no verb of the lexicon: "groups host events" names groups)
_GROUPED = re.compile(
    r"\b(is|are)\s+(?:grouped|sorted|organi[sz]ed|classified|categori[sz]ed)\s+(?:into|under)\b",
    re.IGNORECASE,
)
_ACTIVITY = re.compile(
    r"^\s*[a-z]+ing\s+is\s+(?:mostly\s+|mainly\s+|usually\s+)?(?:done|carried out|handled|"
    r"performed)\s+by\b",
    re.IGNORECASE,
)
# "a simple inventory of consumables", "a list of suppliers": the things themselves
COLLECTION = re.compile(
    r"^(?:(?:an?|the|one)\s+)?(?:simple\s+|basic\s+|full\s+|central\s+|single\s+)?"
    r"(?:list|inventory|register|catalog|catalogue|log|record|database|directory|record)\s+of\s+",
    re.IGNORECASE,
)
LAST_GROUP = re.compile(r"\(([^()]+)\)\s*$")
# A list of values after the act: "..., with a start date and a reason", "listing the fault".
LISTING = re.compile(r",\s*(?:with|listing|noting|recording|storing|keeping)\s+(.+)$")


def field_list(text: str, *, every: bool = False) -> bool:
    items = split_list(text)
    found = sum(fieldish(i) for i in items)
    return len(items) >= 2 and (found == len(items) if every else found * 2 >= len(items))


# "divided into routes, each with a route code": the values of the plural before "each"
EACH_WITH = re.compile(
    r",\s+each\s+(?:(?:recorded|stored|kept|listed)\s+with|with|having|holding|recording)\s+"
    r"(?P<values>.+)$",
    re.IGNORECASE,
)


def each_owner(reading: Reading, subject: EntityDraft | None, region: str) -> EntityDraft | None:
    """The plural thing an ", each with ..." ends on, else the clause's subject."""
    tail = words(region)[-3:]
    for size in range(len(tail), 0, -1):
        phrase = tail[-size:]
        found = reading.draft.find(" ".join(phrase))
        if found is not None and singular(phrase[-1]) != phrase[-1]:
            return found
    return subject


def plain(text: str) -> str:
    """The clause with a contact clause after its subject and "grouped into" rewritten."""
    text = _ZERO_RELATIVE.sub(r"\g<subject> ", text)
    if (need := _NEED.match(text)) and field_list(need["values"]):
        text = f"{need['who']} have {need['values']}"  # "members just need name, email"
    return _GROUPED.sub(lambda m: "belongs to" if m[1].lower() == "is" else "belong to", text)


def activity(text: str) -> bool:
    """ "tagging is done by volunteers": a clause about who does the work."""
    return bool(_ACTIVITY.match(text))


APPOSITION = re.compile(
    r"^(?P<np>[a-z][a-z ]{0,30}?),\s+(?:(?:(?:an?\s+|the\s+)?(?P<kind>[a-z]+)\s+"
    r"(?:with|who have|who has|having))|with)\s+(?P<tail>.+)$",
    re.IGNORECASE,
)  # "gardeners, people with a name, ...", "a referee, with a name and a grade, ..."

_COMMA = re.compile(r",")


def fields_then_clause(text: str) -> tuple[str, str]:
    """ "a name, an email and a city, check out books" -> the list, and the clause after it
    (empty when no clause follows)."""
    parts = split_top(text, _COMMA)
    for n, part in enumerate(parts[1:], start=1):
        first = words(part)[:1]
        known = bool(first) and (verb := lookup(first[0])) is not None and verb.form == "s"
        # "..., a name and a grade, officiates each match": a verb starts the clause
        if known or find_verb(tokenize(f"they {part}")) == 1 or find_verb(tokenize(part)):
            return ", ".join(parts[:n]), ", ".join(parts[n:])
    return text, ""


def without_apposition(sentence: str) -> str:
    """ "Advertisers, companies with a name and an industry, sign campaigns" -> "Advertisers
    sign campaigns" (the sentence unchanged when it has no such apposition)."""
    match = APPOSITION.match(sentence)
    if match is None or (match["kind"] and fieldish(match["kind"])):
        return sentence
    _, rest = fields_then_clause(match["tail"])
    return f"{match['np']} {rest}" if rest else sentence
