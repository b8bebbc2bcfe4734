"""Values the generated tests send: valid for each field's type and constraints.

`sample` returns an expression over `n` (a per-call counter, so unique fields get distinct
values) using helpers defined in the generated `tests/factories.py`. `update_case` picks a
field and an expression for a value different from the created one.
"""

from __future__ import annotations

from tdeveloper.pipeline.render.defaults import num_literal
from tdeveloper.pipeline.render.escape import py_str
from tdeveloper.pipeline.render.fields import INT32_MAX, INT32_MIN, bounds, enum_values
from tdeveloper.pipeline.render.fields import string_length as _length
from tdeveloper.pipeline.render.views import UpdateCase
from tdeveloper.spec import Field

__all__ = ["sample", "sample_range", "update_case"]

_SPAN = 1_000_000
_FIXED = {
    "boolean": "n % 2 == 0",
    "date": "_date(n)",
    "datetime": "_datetime(n)",
    "time": "_time(n)",
    "email": "_email(n)",
    "url": "_url(n)",
    "uuid": "_uuid(n)",
    "json": '{"n": n}',
}


def sample_range(field: Field) -> tuple[float, float]:
    """A (low, high) range inside the field's bounds for numeric samples."""
    low, high = bounds(field)
    floor, ceiling = (INT32_MIN, INT32_MAX) if field.type == "integer" else (-1e9, 1e9)
    if low is None and high is None:
        return 1, _SPAN
    if low is None:
        assert high is not None
        return max(high - _SPAN, floor), high
    if high is None:
        return low, min(low + _SPAN, ceiling)
    return low, high


def sample(field: Field, target_module: str | None) -> str:
    """The expression for `field` in a generated factory payload."""
    if field.type == "reference":
        return f'create_{target_module}(client)["id"]'
    if field.type in _FIXED:
        return _FIXED[field.type]
    if field.type in ("integer", "decimal", "float"):
        low, high = sample_range(field)
        helper = {"integer": "_int", "decimal": "_money", "float": "_float"}[field.type]
        return f"{helper}(n, {num_literal(low)}, {num_literal(high)})"
    values = enum_values(field) if field.type == "enum" else ()
    if values:
        items = ", ".join(py_str(v) for v in values)
        return f"_pick(n, ({items}{',' if len(values) == 1 else ''}))"
    return f"_text(n, {_length(field) if field.type == 'string' or field.max_length else 1000})"


def update_case(fields: list[Field]) -> UpdateCase | None:
    """The first field whose value the update test can change predictably."""
    for field in fields:
        value = _changed(field)
        if value is not None:
            return UpdateCase(field.name, value)
    return None


def _changed(field: Field) -> str | None:
    current = f"created[{py_str(field.name)}]"
    if field.type in ("string", "text"):
        size = _length(field) if field.type == "string" or field.max_length else 1000
        return py_str("updated"[:size])  # created values are "value N" or digits
    if field.type == "boolean":
        return f"not {current}"
    if field.type == "integer":
        low, high = (int(x) for x in sample_range(field))
        return None if low == high else f"{low} if {current} != {low} else {high}"
    values = enum_values(field) if field.type == "enum" else ()
    if len(values) >= 2:
        first, second = py_str(values[0]), py_str(values[1])
        return f"{first} if {current} != {first} else {second}"
    return None
