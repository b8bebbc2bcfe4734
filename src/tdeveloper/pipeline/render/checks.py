"""Defence in depth: every identifier that reaches generated code is checked again here.

The parser already validates names (`tdeveloper.spec.names`); generation refuses a spec
whose names could still break or inject code, or clash once laid out as modules, tables,
routes and class attributes, instead of rendering it.
"""

from __future__ import annotations

import keyword
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, NoReturn

from tdeveloper.spec import AppSpec, Field
from tdeveloper.spec.errors import StageError

if TYPE_CHECKING:
    from tdeveloper.pipeline.render.views import LinkView

__all__ = ["check_links", "check_names", "fail"]

_CLASS = re.compile(r"[A-Z][A-Za-z0-9]{0,62}")
_SNAKE = re.compile(r"[a-z][a-z0-9_]{0,62}")
_PLURAL = re.compile(r"[a-z][a-z0-9_-]{0,62}")
_SLUG = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
# Names generated modules define next to the entity classes.
_RESERVED_CLASSES = frozenset({"Base"})
# Attributes of pydantic models and SQLAlchemy declarative classes a field would shadow.
_RESERVED_FIELDS = frozenset(
    {
        "id",
        "metadata",
        "registry",
        "query",
        "copy",
        "dict",
        "json",
        "schema",
        "schema_json",
        "validate",
        "construct",
        "fields",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "update_forward_refs",
    }
)


def fail(message: str) -> NoReturn:
    raise StageError(f"cannot generate: {message}", stage="generation")


def _need(pattern: re.Pattern[str], value: str, what: str) -> None:
    if not pattern.fullmatch(value) or keyword.iskeyword(value):
        fail(f"{what} {value!r} is not a safe identifier")


def _distinct(values: Iterable[str], what: str) -> None:
    dupes = sorted(v for v, count in Counter(values).items() if count > 1)
    if dupes:
        fail(f"{what} used more than once: {', '.join(dupes)}")


def _check_field(entity: str, field: Field) -> None:
    _need(_SNAKE, field.name, f"field of {entity}")
    if field.name in _RESERVED_FIELDS or field.name.startswith("model_"):
        fail(f"field {entity}.{field.name} clashes with a framework attribute")


def check_names(spec: AppSpec) -> None:
    """Raise `StageError` unless every name in `spec` is a safe, distinct identifier."""
    if not _SLUG.fullmatch(spec.name) or len(spec.name) > 60:
        fail(f"project name {spec.name!r} is not a slug")
    for entity in spec.entities:
        _need(_CLASS, entity.name, "entity")
        if entity.name in _RESERVED_CLASSES:
            fail(f"entity name {entity.name!r} is reserved")
        _need(_SNAKE, entity.table, "table")
        _need(_SNAKE, entity.module, "module")
        _need(_PLURAL, entity.plural, "plural")
        for field in entity.fields:
            _check_field(entity.name, field)
        _distinct((f.name for f in entity.fields), f"field name in {entity.name}")
    _distinct((e.name for e in spec.entities), "entity name")
    _distinct((e.module for e in spec.entities), "entity module name")
    _distinct((e.table for e in spec.entities), "table name")
    _distinct((e.plural.replace("-", "_") for e in spec.entities), "plural")


def check_links(
    spec: AppSpec, fields: Mapping[str, Sequence[Field]], links: Sequence[LinkView]
) -> None:
    """Many-to-many names must be identifiers and not collide with the source's fields."""
    for link in links:
        for value, what in ((link.name, "name"), (link.field, "field"), (link.through, "table")):
            _need(_SNAKE, value, f"many-to-many {what}")
    for entity in spec.entities:
        own = [x for x in links if x.source == entity.name]
        names = ["id", *(f.name for f in fields[entity.name])]
        names += [n for x in own for n in (x.name, x.field)]
        _distinct(names, f"field or relation name in {entity.name}")
        for field in fields[entity.name]:
            _check_field(entity.name, field)
    _distinct((x.through for x in links), "many-to-many table")
