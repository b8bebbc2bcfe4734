"""Identifier rules: every name that reaches generated code passes through here.

Names are ASCII, start with a letter, and avoid Python, SQL and JavaScript keywords and
names that generated code or its libraries already use. Bad names are renamed (with a
note saying so) or rejected with a `SpecError`.
"""

from __future__ import annotations

import builtins
import keyword
import re
import unicodedata

from tdeveloper.spec.errors import SpecError

__all__ = [
    "RESERVED_WORDS",
    "entity_name",
    "field_name",
    "pascal",
    "plural",
    "slug",
    "snake",
]

_SQL = """
all analyse analyze and any array as asc asymmetric authorization binary both case cast check
collate column concurrently constraint create cross current_date current_time current_timestamp
current_user default deferrable delete desc distinct do drop else end except false fetch for
foreign freeze from full grant group having ilike in initially inner insert intersect into is
isnull join lateral leading left like limit localtime localtimestamp natural not notnull null
offset on only or order outer overlaps placing primary references returning right select
session_user similar some symmetric table tablesample then to trailing true union unique update
user using values variadic verbose when where window with
"""
_JS = """
await break case catch class const continue debugger default delete do else enum export extends
false finally for function if implements import in instanceof interface let new null package
private protected public return static super switch this throw true try typeof var void while
with yield arguments eval
"""
# Attributes of pydantic BaseModel / SQLAlchemy declarative classes that a field would shadow.
_FRAMEWORK = """
id metadata registry json dict copy schema schema_json validate construct fields parse_obj
parse_raw parse_file from_orm update_forward_refs model_config model_fields query
"""

_CODE_WORDS = frozenset(
    set(keyword.kwlist) | set(_JS.split()) | {w.lower() for w in keyword.kwlist}
)
_SQL_WORDS = frozenset(_SQL.split())
RESERVED_WORDS: frozenset[str] = _CODE_WORDS | _SQL_WORDS
_FRAMEWORK_WORDS = frozenset(_FRAMEWORK.split())
_NICER = {
    "class": "class_name",
    "order": "sort_order",
    "user": "user_name",
    "group": "group_name",
    "default": "default_value",
    "select": "selection",
    "type": "kind",
    "end": "end_at",
    "from": "from_value",
    "to": "to_value",
    "id": "external_id",
}
_RESERVED_ENTITIES = frozenset(
    {n for n in dir(builtins) if n[:1].isupper()} | {"Base", "Settings", "Page", "Health"}
)

_IRREGULAR = {
    "person": "people",
    "child": "children",
    "man": "men",
    "woman": "women",
    "mouse": "mice",
    "goose": "geese",
    "foot": "feet",
    "tooth": "teeth",
    "criterion": "criteria",
    "datum": "data",
    "analysis": "analyses",
    "thesis": "theses",
    "diagnosis": "diagnoses",
    "status": "statuses",
    "bus": "buses",
    "quiz": "quizzes",
    "leaf": "leaves",
    "life": "lives",
    "knife": "knives",
    "wife": "wives",
    "half": "halves",
    "shelf": "shelves",
}
_UNCOUNTABLE = frozenset(
    {"series", "species", "news", "equipment", "information", "sheep", "fish", "data", "media"}
)


def ascii_fold(text: str) -> str:
    """Strip accents and drop what is not ASCII ("Café" -> "Cafe")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> list[str]:
    text = ascii_fold(text)
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", text)
    return [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]


def snake(text: str) -> str:
    return "_".join(_words(text))


def pascal(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in _words(text))


def slug(text: str, fallback: str = "app") -> str:
    value = "-".join(_words(text))[:60].strip("-")
    if not value or not value[0].isalpha():
        value = f"{fallback}-{value}".strip("-")
    return value


def plural(word: str) -> str:
    """English plural of a snake_case noun phrase (only the last word changes)."""
    head, _, last = word.rpartition("_")
    prefix = f"{head}_" if head else ""
    if last in _UNCOUNTABLE or (last.endswith("ies") and len(last) > 4):
        return word
    if last in _IRREGULAR:
        return prefix + _IRREGULAR[last]
    if re.search(r"[^aeiou]y$", last):
        return prefix + last[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", last):
        return prefix + last + "es"
    return prefix + last + "s"


def entity_name(raw: str, notes: list[str], taken: frozenset[str] = frozenset()) -> str:
    """A valid PascalCase entity name for `raw`, or `SpecError` if none can be made.

    The entity's snake form names Python modules and variables, so it must be no Python or
    JavaScript keyword; its table is the plural, so only that must avoid SQL's words
    ("Order" is fine: its table is `orders`). A renamed entity never takes a name in `taken`
    (the other entities' names), so "Order" cannot merge into an "OrderItem".
    """
    name = pascal(raw)
    if not name:
        raise SpecError(f"entity name {raw!r} has no ASCII letters; name it in English", item=raw)
    if name[0].isdigit():  # "3d model" -> "Model3d": the leading word moves to the end
        words = _words(raw)
        moved = pascal(" ".join([*words[1:], words[0]]))
        if not moved[0].isalpha():
            raise SpecError(f"entity name {raw!r} needs a word that starts with a letter")
        notes.append(f"entity {raw!r} renamed to {moved!r}: names cannot start with a digit")
        name = moved
    if _reserved_entity(name):
        renamed = next(
            candidate
            for suffix in ("Item", "Record", "Entry", *(f"Item{n}" for n in range(2, 99)))
            if (candidate := f"{name}{suffix}") not in taken and not _reserved_entity(candidate)
        )
        notes.append(f"entity {raw!r} renamed to {renamed!r}: {name!r} is a reserved word")
        return renamed
    if ascii_fold(raw) != raw:
        notes.append(f"entity {raw!r} renamed to {name!r}: names must be ASCII")
    return name


def _reserved_entity(name: str) -> bool:
    base = snake(name)
    return name in _RESERVED_ENTITIES or base in _CODE_WORDS or plural(base) in _SQL_WORDS


def field_name(raw: str, notes: list[str]) -> str:
    """A valid snake_case field name for `raw`, or `SpecError` if none can be made."""
    name = snake(raw)
    if not name:
        raise SpecError(f"field name {raw!r} has no ASCII letters; name it in English", item=raw)
    if name[0].isdigit():
        renamed = f"n{name}"
        notes.append(f"field {raw!r} renamed to {renamed!r}: names cannot start with a digit")
        return renamed
    if name in RESERVED_WORDS or name in _FRAMEWORK_WORDS or name.startswith("model_"):
        renamed = _NICER.get(name, f"{name}_value")
        notes.append(f"field {raw!r} renamed to {renamed!r}: {name!r} is a reserved word")
        return renamed
    return name
