"""Sentence-level facts about fields: defaults, identity, required/optional, ranges.

"Status defaults to active", "vehicles are identified by their plate", "the email is
required", "ratings go from 1 to 5": these say something about a field, not about the data
model's shape, so they are taken out of the text before the reader sees it (so "plate" does
not become an entity) and applied to the fields once the model is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdeveloper.pipeline.nlp.fields import FieldDraft, infer_type, parse_field
from tdeveloper.pipeline.nlp.model import Draft

__all__ = ["Fact", "apply_facts", "extract_facts"]

_NOUN = r"[a-z][a-z ]{0,40}?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        # In a list: "an IBAN that must be unique", "a currency that defaults to EUR".
        "relative",
        re.compile(
            r"\b(?P<field>[a-z][a-z]{1,30}(?: [a-z]{2,30}){0,2})\s*,?\s+(?:that|which)\s+"
            r"(?:(?:must|should)\s+be|is|are)\s+(?P<value>required|mandatory|optional|unique)\b"
            r"|\b(?P<field2>[a-z][a-z]{1,30}(?: [a-z]{2,30}){0,2})\s+(?:that|which)\s+"
            r"defaults?\s+to\s+(?P<value2>\"[^\"]{1,40}\"|-?\d+(?:\.\d+)?|[\w-]+)"
            # "the length in minutes, which is 30 by default"
            r"|\b(?P<field3>[a-z][a-z]{1,30}(?: [a-z]{2,30}){0,3})\s*,?\s+(?:that|which)\s+"
            r"(?:is|are)\s+(?P<value3>\"[^\"]{1,40}\"|-?\d+(?:\.\d+)?|[\w-]+)\s+by\s+default",
            re.IGNORECASE,
        ),
    ),
    (
        "unique",
        re.compile(
            rf"\b(?:each |every |an? |the )?(?P<subject>{_NOUN})\s+(?P<verb>is|are)\s+"
            rf"(?:uniquely\s+)?identified\s+by\s+(?:its|their|a|an|the)?\s*(?:unique\s+)?"
            rf"(?P<field>{_NOUN})"
            r"(?=\s*(?:[.;,)]|\band\b|$))",
            re.IGNORECASE,
        ),
    ),
    (
        "default",
        re.compile(
            rf"\b(?:the |an? |each |every )?(?:(?P<subject>{_NOUN})'s\s+)?(?P<field>{_NOUN})\s+"
            r"(?:defaults?|is\s+set\s+by\s+default)\s+(?:to|as)\s+"
            r"(?P<value>\"[^\"]{1,40}\"|'[^']{1,40}'|-?\d+(?:\.\d+)?|[\w-]+)",
            re.IGNORECASE,
        ),
    ),
    (
        "range",
        re.compile(
            rf"\b(?:the |an? |each |every )?(?P<field>{_NOUN})\s+(?:must\s+be|is|are|goes|go|"
            r"ranges?|runs?)\s+(?:from|between)\s+(?P<low>-?\d+(?:\.\d+)?)\s+(?:to|and)\s+"
            r"(?P<high>-?\d+(?:\.\d+)?)",
            re.IGNORECASE,
        ),
    ),
    (
        "required",
        re.compile(
            rf"\b(?:the |an? |each |every )?(?:(?P<subject>{_NOUN})'s\s+)?(?P<field>{_NOUN})\s+"
            r"(?:(?:is|are)|must\s+be)\s+(?P<value>required|mandatory|optional|unique)\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True)
class Fact:
    kind: str  # unique, default, range, required, optional
    field: str
    subject: str = ""
    value: str = ""
    high: str = ""


def extract_facts(text: str) -> tuple[list[Fact], str]:
    """The facts found, and the text with the words that stated them taken out."""
    facts: list[Fact] = []

    def take(kind: str, match: re.Match[str]) -> str:
        fact = _fact(kind, match)
        if fact is None:
            return match.group(0)
        facts.append(fact)
        return _replacement(kind, match)

    for kind, pattern in _PATTERNS:  # in order: a later pattern sees earlier rewrites
        text = pattern.sub(lambda m, kind=kind: take(kind, m), text)  # type: ignore[misc]
    return facts, text


def _replacement(kind: str, match: re.Match[str]) -> str:
    """What stays of a fact's words: "vehicles are identified by their plate" still says that
    vehicles have a plate, so the reader sees "vehicles have a plate"; other facts vanish."""
    if kind == "relative":
        return str(match["field"] or match["field2"] or match["field3"])  # "an IBAN that ..."
    if kind != "unique":
        return " "
    verb = "has" if match["verb"].lower() == "is" else "have"
    return f"{match.group(0)[: match.start('verb') - match.start()]}{verb} a {match['field']}"


def _fact(kind: str, match: re.Match[str]) -> Fact | None:
    groups = match.groupdict()
    if kind == "relative":
        kind = "required" if groups.get("value") else "default"
        groups = {
            "field": groups["field"] or groups["field2"] or groups["field3"],
            "value": groups["value"] or groups["value2"] or groups["value3"],
        }
    parsed = parse_field(groups.get("field") or "")
    field = parsed.name if parsed is not None else ""
    if not field or len(field.split("_")) > 4:
        return None
    subject = (groups.get("subject") or "").strip()
    value = (groups.get("value") or groups.get("low") or "").strip("\"'")
    if kind == "required":
        kind = value.lower()
        if kind == "mandatory":
            kind = "required"
    return Fact(kind, field, subject, value, groups.get("high") or "")


def apply_facts(draft: Draft, facts: list[Fact]) -> None:
    """Set what each fact says on the fields it names (adding an identity field if absent)."""
    for fact in facts:
        for field in _targets(draft, fact):
            _apply(field, fact)


def _targets(draft: Draft, fact: Fact) -> list[FieldDraft]:
    owner = draft.find(fact.subject) if fact.subject else None
    if owner is not None:
        existing = next((f for f in owner.fields if f.name == fact.field), None)
        if existing is None and fact.kind == "unique":
            existing = parse_field(fact.field.replace("_", " ")) or FieldDraft(fact.field)
            existing.type = infer_type(existing.name)
            owner.add_field(existing)
        return [existing] if existing is not None else []
    return [f for e in draft.entities.values() for f in e.fields if f.name == fact.field]


def _apply(field: FieldDraft, fact: Fact) -> None:
    if fact.kind == "unique":
        field.unique = field.required = True
    elif fact.kind == "required":
        field.required = True
    elif fact.kind == "optional":
        field.required = False
    elif fact.kind == "default":
        field.default = fact.value.lower() if field.type in ("enum", "boolean") else fact.value
    elif fact.kind == "range":
        field.minimum, field.maximum = float(fact.value), float(fact.high)
        if field.type == "string":
            field.type = "integer" if "." not in fact.value + fact.high else "float"
