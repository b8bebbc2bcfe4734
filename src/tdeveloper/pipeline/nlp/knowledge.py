"""The domain knowledge base (catalog/domains.json): matching a description to a domain
and filling in what the description leaves out.

What the description states always wins: the knowledge base gives fields only to entities
named without any, relations only between entities the description has, and a whole model
only when the description names no entity at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from tdeveloper.pipeline.nlp.fields import FieldDraft
from tdeveloper.pipeline.nlp.lexicon import singular, words
from tdeveloper.pipeline.nlp.model import Draft, EntityDraft
from tdeveloper.spec.names import snake

__all__ = [
    "KB_CONFIDENCE",
    "Domain",
    "KbEntity",
    "add_kb_entity",
    "domains",
    "fill_fields",
    "fill_relations",
    "glossary",
    "kb_entity",
    "known_field_names",
    "korean_table",
    "match_domain",
    "whole_model",
]

KB_CONFIDENCE = 0.6


@dataclass(frozen=True)
class KbEntity:
    name: str
    aliases: tuple[str, ...]  # snake_case singular spellings, the name's own included
    fields: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Domain:
    id: str
    title: str
    keywords: tuple[tuple[str, ...], ...]  # each keyword as a tuple of singular words
    entities: tuple[KbEntity, ...]
    relations: tuple[dict[str, Any], ...]
    features: tuple[str, ...]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(singular(w) for w in words(text))


def _hangul_keys(keywords: dict[str, list[str]]) -> list[str]:
    return [k for lang, items in keywords.items() if lang != "en" for k in items]


@cache
def _raw() -> dict[str, Any]:
    ref = resources.files("tdeveloper.pipeline").joinpath("catalog", "domains.json")
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


@cache
def domains() -> tuple[Domain, ...]:
    """Every domain, in file order (ties in matching go to the earlier one)."""
    out = []
    for raw in _raw()["domains"]:
        entities = tuple(
            KbEntity(
                e["name"],
                tuple(dict.fromkeys([snake(e["name"]), *(snake(a) for a in e.get("aliases", ()))])),
                tuple(e["fields"]),
            )
            for e in raw["entities"]
        )
        keys = tuple(_phrase(k) for k in raw["keywords"].get("en", ()) if words(k))
        out.append(
            Domain(
                raw["id"],
                raw["title"],
                keys,
                entities,
                tuple(raw["relations"]),
                tuple(raw.get("features", ())),
            )
        )
    return tuple(out)


@cache
def glossary(language: str) -> dict[str, str]:
    """Word -> English glossary for a language (used to read Korean descriptions)."""
    table: dict[str, str] = _raw().get("glossary", {}).get(language, {})
    return table


@cache
def known_field_names() -> frozenset[str]:
    """Every field name the knowledge base uses ("date_of_birth", "price", ...)."""
    return frozenset(str(spec["name"]) for d in domains() for e in d.entities for spec in e.fields)


# "환자정보", "회원관리", "공연명": compounds with a word the Korean reader drops or reads
# itself ("X명" is the X's name) are left to it.
_NOISE_TAILS = ("정보", "관리", "목록", "데이터", "기능", "내역", "시스템", "사항", "명", "이름")


@cache
def korean_table() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Korean nouns, verb stems and modifiers -> English (catalog/korean.json)."""
    ref = resources.files("tdeveloper.pipeline").joinpath("catalog", "korean.json")
    if not ref.is_file():  # the older, nouns-only glossary
        nouns = {k: singular_phrase(v) for k, v in glossary("ko").items()}
        return nouns, {}, {}
    data: dict[str, dict[str, str]] = json.loads(ref.read_text(encoding="utf-8"))
    nouns = dict(data["nouns"])
    folder = resources.files("tdeveloper.pipeline").joinpath("catalog")
    extras = [f for f in folder.iterdir() if f.name.startswith("korean_")]
    for extra in sorted(extras, key=lambda f: f.name):
        more: dict[str, dict[str, str]] = json.loads(extra.read_text(encoding="utf-8"))
        # the main glossary's choice wins; the word lists by domain only add words
        kept = {k: v for k, v in more.get("nouns", {}).items() if not k.endswith(_NOISE_TAILS)}
        nouns = {**kept, **nouns}  # nouns only: a verb's class shapes whole sentences
    return nouns, data["verbs"], data["modifiers"]


def singular_phrase(english: str) -> str:
    parts = english.split()
    return " ".join([*parts[:-1], singular(parts[-1])]) if parts else english


@cache
def _foreign_keywords() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((raw["id"], tuple(_hangul_keys(raw["keywords"]))) for raw in _raw()["domains"])


def _grams(tokens: tuple[str, ...], longest: int = 4) -> frozenset[tuple[str, ...]]:
    """Every run of 1..`longest` words, so keyword lookups are set lookups (linear time)."""
    return frozenset(
        tokens[i : i + n] for n in range(1, longest + 1) for i in range(len(tokens) - n + 1)
    )


def match_domain(text: str, original: str = "") -> Domain | None:
    """The best-scoring domain for a description, or None when nothing fits."""
    tokens = _phrase(text)
    grams = _grams(tokens)
    # A terse description ("notes") may name only an entity of the domain.
    threshold = 0.5 if len(tokens) <= 4 else 2.0
    best: tuple[float, int] = (0.0, 0)
    chosen = None
    foreign = dict(_foreign_keywords())
    for index, domain in enumerate(domains()):
        score = sum(len(k) + 1.0 for k in domain.keywords if k in grams)
        score += sum(2.0 for k in foreign.get(domain.id, ()) if original and k in original)
        # Entity names count more than their aliases ("note" is a CRM activity's alias).
        names = {snake(e.name) for e in domain.entities}
        aliases = {a for e in domain.entities for a in e.aliases} - names
        score += 0.75 * sum(1 for a in names if tuple(a.split("_")) in grams)
        score += 0.5 * sum(1 for a in aliases if tuple(a.split("_")) in grams)
        if score >= threshold and (score, -index) > best:
            best, chosen = (score, -index), domain
    return chosen


def kb_entity(name: str, preferred: Domain | None) -> KbEntity | None:
    """The knowledge-base entity for an entity name, preferring the matched domain."""
    key = snake(name)
    pool = ([preferred] if preferred else []) + list(domains())
    for domain in pool:
        for entity in domain.entities:
            if snake(entity.name) == key:
                return entity
    for domain in pool:
        for entity in domain.entities:
            if key in entity.aliases:
                return entity
    return None


def _field(raw: dict[str, Any]) -> FieldDraft:
    return FieldDraft(
        name=raw["name"],
        type=raw.get("type", "string"),
        values=tuple(raw.get("values", ())),
        required=bool(raw.get("required", False)),
        unique=bool(raw.get("unique", False)),
        minimum=raw.get("minimum"),
        maximum=raw.get("maximum"),
        default=raw.get("default"),
        source="knowledge_base",
        confidence=KB_CONFIDENCE,
    )


def fill_fields(entity: EntityDraft, preferred: Domain | None) -> bool:
    """Give an entity that was named without fields the knowledge base's fields."""
    known = kb_entity(entity.name, preferred)
    if known is None:
        return False
    for raw in known.fields:
        entity.add_field(_field(raw))
    return True


def _mapping(draft: Draft, domain: Domain) -> dict[str, EntityDraft]:
    """KB entity name -> the description's entity it stands for (name first, then alias)."""
    out: dict[str, EntityDraft] = {}
    for kb in domain.entities:
        for entity in draft.entities.values():
            if snake(entity.name) == snake(kb.name):
                out[kb.name] = entity
    taken = {e.name for e in out.values()}
    for kb in domain.entities:
        if kb.name in out:
            continue
        for entity in draft.entities.values():
            if entity.name not in taken and snake(entity.name) in kb.aliases:
                out[kb.name] = entity
                taken.add(entity.name)
                break
    return out


def fill_relations(draft: Draft, domain: Domain) -> None:
    """Add the domain's relations between entities the description has but did not link."""
    mapping = _mapping(draft, domain)
    for raw in domain.relations:
        source, target = mapping.get(raw["source"]), mapping.get(raw["target"])
        if source is None or target is None or draft.linked(source.name, target.name):
            continue
        field = raw.get("field") or f"{snake(target.name)}_id"
        draft.relate(
            raw["kind"],
            source,
            target,
            field=field,
            required=bool(raw.get("required", False)),
            tag="knowledge_base",
            confidence=0.5,
        )


def whole_model(draft: Draft, domain: Domain) -> None:
    """Copy the domain's entire model into an empty draft."""
    for kb in domain.entities:
        add_kb_entity(draft, kb)
    fill_relations(draft, domain)


def add_kb_entity(draft: Draft, kb: KbEntity) -> EntityDraft:
    """The knowledge base's entity, with its fields, added to the draft."""
    label = re.sub(r"_", " ", snake(kb.name)).capitalize()
    entity = EntityDraft(kb.name, label, source="knowledge_base", confidence=KB_CONFIDENCE)
    for raw in kb.fields:
        entity.add_field(_field(raw))
    draft.entities[kb.name] = entity
    return entity
