"""Spec defaults (free text such as "0", "today", "open") turned into code of the field's type.

A default that does not parse or breaks the field's own constraints is dropped rather than
generated: pydantic does not validate defaults, so a bad one would reach the database.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from tdeveloper.pipeline.render.escape import py_str
from tdeveloper.spec import Field

__all__ = ["DefaultValue", "convert_default", "num_literal"]

_TRUE = frozenset({"true", "yes", "1", "on", "y"})
_FALSE = frozenset({"false", "no", "0", "off", "n"})
_NOW = frozenset({"now", "now()", "current_timestamp", "utcnow"})
_TODAY = frozenset({"today", "current_date", "now", "now()"})
_MONEY_LIMIT = decimal.Decimal("10000000000")

Bounds = tuple[float | None, float | None]


@dataclass(frozen=True, slots=True)
class DefaultValue:
    code: str  # the right-hand side of `name: type = <code>` in the create schema


def num_literal(value: float) -> str:
    """A numeric literal: integral values without a fraction, others via repr (finite only)."""
    assert math.isfinite(value)
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _within(value: float | decimal.Decimal, limits: Bounds) -> bool:
    low, high = limits
    return (low is None or value >= low) and (high is None or value <= high)


def _integer(raw: str, limits: Bounds) -> str | None:
    number = decimal.Decimal(raw)
    if number != number.to_integral_value() or not -(2**31) <= number < 2**31:
        return None
    return str(int(number)) if _within(number, limits) else None


def _decimal(raw: str, limits: Bounds) -> str | None:
    number = decimal.Decimal(raw)
    fits = number.is_finite() and abs(number) < _MONEY_LIMIT
    if not fits or number != number.quantize(decimal.Decimal("0.01")):
        return None
    return f"_decimal.Decimal({py_str(str(number))})" if _within(number, limits) else None


def _float(raw: str, limits: Bounds) -> str | None:
    number = float(raw)
    return num_literal(number) if math.isfinite(number) and _within(number, limits) else None


def _boolean(raw: str, _: Bounds) -> str | None:
    word = raw.lower()
    return "True" if word in _TRUE else "False" if word in _FALSE else None


def _date(raw: str, _: Bounds) -> str | None:
    if raw.lower() in _TODAY:
        return "_pd.Field(default_factory=_dt.date.today)"
    value = dt.date.fromisoformat(raw)
    return f"_dt.date({value.year}, {value.month}, {value.day})"


def _datetime(raw: str, _: Bounds) -> str | None:
    if raw.lower() in _NOW:
        return "_pd.Field(default_factory=_common.utc_now)"
    value = dt.datetime.fromisoformat(raw)
    if value.tzinfo is not None:  # stored as naive UTC, like the API's own input type does
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    parts = (value.year, value.month, value.day, value.hour, value.minute, value.second)
    return f"_dt.datetime({', '.join(map(str, parts))}, {value.microsecond})"


def _time(raw: str, _: Bounds) -> str | None:
    value = dt.time.fromisoformat(raw)
    return f"_dt.time({value.hour}, {value.minute}, {value.second}, {value.microsecond})"


def _uuid(raw: str, _: Bounds) -> str | None:
    return f"_uuid.UUID({py_str(str(uuid.UUID(raw)))})"


_CONVERTERS: dict[str, Callable[[str, Bounds], str | None]] = {
    "integer": _integer,
    "decimal": _decimal,
    "float": _float,
    "boolean": _boolean,
    "date": _date,
    "datetime": _datetime,
    "time": _time,
    "uuid": _uuid,
}


def _text(field: Field, raw: str, max_length: int) -> str | None:
    if field.type == "enum":
        values = [v.replace("\x00", "") for v in field.values]
        return py_str(raw) if raw in values else None
    text = raw.replace("\x00", "")
    return py_str(text) if len(text) <= max_length else None


def convert_default(field: Field, limits: Bounds, max_length: int) -> DefaultValue | None:
    """The default of `field` as code, or None when it has none or it cannot be used."""
    raw = field.default
    if raw is None:
        return None
    if field.type in ("string", "text", "enum"):
        code = _text(field, raw, max_length)
    elif field.type in _CONVERTERS:
        try:
            code = _CONVERTERS[field.type](raw.strip(), limits)
        except (ValueError, ArithmeticError, OverflowError):
            code = None
    else:  # email, url, json, reference: no sensible constant default
        code = None
    return DefaultValue(code) if code is not None else None
