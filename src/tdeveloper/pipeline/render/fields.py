"""How each spec field type becomes code: column type, schema annotations, filters, samples.

Everything here returns code fragments. Free text (labels, enum values, defaults) only
enters them through `escape.py_str`, and numbers only through `num_literal`, so a fragment
can be pasted into a template as is. Module aliases used in fragments (`_dt`, `_decimal`,
`_t`, `_uuid`, `_pd`, `_common`) start with an underscore, which no field name can, so a
field never shadows them inside a class body.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tdeveloper.pipeline.render.defaults import DefaultValue, convert_default, num_literal
from tdeveloper.pipeline.render.escape import py_str
from tdeveloper.spec import Field

__all__ = ["INT32_MAX", "INT32_MIN", "TypeInfo", "bounds", "field_code", "type_info"]

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1
MONEY_MAX = 9_999_999_999.99  # Numeric(12, 2)
STRING_LENGTH = 200
SEARCH_TYPES = frozenset({"string", "text", "email", "url"})


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """Fixed facts about one field type (enum and string lengths are filled per field)."""

    py: str  # the Python type of the ORM attribute and of the read schema
    sa: str  # SQLAlchemy type, without the module prefix
    create: str  # base annotation of the create/update schemas
    read: str  # annotation of the read schema (what responses declare)
    filter: str | None  # query-parameter annotation for equality filters (None: no filter)
    sortable: bool = True
    roundtrip: bool = True  # the API returns exactly what was sent (tests compare them)


_TYPES: dict[str, TypeInfo] = {
    "string": TypeInfo("str", "String({length})", "_common.Text", "str", "_common.Text"),
    "text": TypeInfo("str", "Text()", "_common.Text", "str", "_common.Text"),
    "integer": TypeInfo("int", "Integer()", "_common.Int32", "int", "_common.Int32"),
    "decimal": TypeInfo(
        "_decimal.Decimal",
        "Numeric(12, 2)",
        "_common.Money",
        "_decimal.Decimal",
        "_common.Money",
        roundtrip=False,
    ),
    "float": TypeInfo("float", "Float()", "_common.Finite", "float", "_common.Finite", True, False),
    "boolean": TypeInfo("bool", "Boolean()", "_common.Bool", "bool", "bool"),
    "date": TypeInfo("_dt.date", "Date()", "_common.Date", "_dt.date", "_common.Date"),
    "datetime": TypeInfo(
        "_dt.datetime",
        "DateTime()",
        "_common.DateTimeIn",
        "_common.DateTimeOut",
        "_common.DateTimeIn",
        roundtrip=False,
    ),
    "time": TypeInfo(
        "_dt.time", "Time()", "_common.TimeIn", "_common.TimeOut", "_common.TimeIn", True, False
    ),
    "email": TypeInfo("str", "String(320)", "_common.Email", "str", "_common.Text", True, False),
    "url": TypeInfo("str", "String(2083)", "_common.HttpUrl", "str", "_common.Text", True, False),
    "enum": TypeInfo("str", "String({length})", "{literal}", "{literal}", "{literal}"),
    "uuid": TypeInfo("_uuid.UUID", "Uuid()", "_uuid.UUID", "_uuid.UUID", "_uuid.UUID"),
    "json": TypeInfo(
        "dict[str, _t.Any]",
        "JSON()",
        "_common.JsonObject",
        "dict[str, _t.Any]",
        None,
        sortable=False,
    ),
    "reference": TypeInfo("int", "Integer()", "_common.Id", "int", "_common.Id"),
}


def enum_values(field: Field) -> tuple[str, ...]:
    """Distinct values in spec order; NUL is dropped because PostgreSQL cannot store it."""
    seen: dict[str, None] = {}
    for value in field.values:
        seen.setdefault(value.replace("\x00", ""), None)
    return tuple(seen)


def type_info(field: Field) -> TypeInfo:
    """The `TypeInfo` of `field` with per-field placeholders (lengths, enum literal) filled."""
    kind = field.type if field.type != "enum" or enum_values(field) else "string"
    info = _TYPES[kind]
    values = enum_values(field) if kind == "enum" else ()
    literal = "_t.Literal[" + ", ".join(py_str(v) for v in values) + "]"
    length = max((len(v) for v in values), default=0) or string_length(field)
    fill = {"literal": literal, "length": str(max(length, 1))}
    return TypeInfo(
        py=info.py.format_map(fill),
        sa=info.sa.format_map(fill),
        create=info.create.format_map(fill),
        read=info.read.format_map(fill),
        filter=info.filter.format_map(fill) if info.filter else None,
        sortable=info.sortable,
        roundtrip=info.roundtrip,
    )


def string_length(field: Field) -> int:
    if field.max_length is not None and field.max_length > 0:
        return min(field.max_length, 10_000_000)
    return STRING_LENGTH


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def bounds(field: Field) -> tuple[float | None, float | None]:
    """Usable (minimum, maximum): finite, inside the column's range, and not crossed."""
    low, high = _finite(field.minimum), _finite(field.maximum)
    if field.type == "integer":
        low = None if low is None else max(math.ceil(low), INT32_MIN)
        high = None if high is None else min(math.floor(high), INT32_MAX)
    elif field.type == "decimal":
        low = None if low is None else max(round(low, 2), -MONEY_MAX)
        high = None if high is None else min(round(high, 2), MONEY_MAX)
    elif field.type != "float":
        return None, None
    if low is not None and high is not None and low > high:
        return None, None
    return low, high


def constraints(field: Field) -> list[str]:
    """Keyword arguments for `pydantic.Field(...)` in the create/update schemas."""
    args: list[str] = []
    if field.type in ("string", "text") and (field.type == "string" or field.max_length):
        args.append(f"max_length={string_length(field)}")
    low, high = bounds(field)
    if low is not None:
        args.append(f"ge={num_literal(low)}")
    if high is not None:
        args.append(f"le={num_literal(high)}")
    if field.label:
        args.append(f"description={py_str(field.label)}")
    return args


@dataclass(frozen=True, slots=True)
class FieldCode:
    """The annotations and default of one field in each generated place."""

    create_type: str
    create_default: str  # "" or " = ..." (including the space)
    update_type: str
    read_type: str
    read_default: str
    filter_type: str | None
    default: DefaultValue | None


def field_code(field: Field, info: TypeInfo, *, nullable: bool) -> FieldCode:
    args = constraints(field)
    base = f"_t.Annotated[{info.create}, _pd.Field({', '.join(args)})]" if args else info.create
    longest = string_length(field) if field.type == "string" or field.max_length else 10**9
    default = convert_default(field, bounds(field), longest)
    create_type = f"{base} | None" if nullable else base
    create_default = f" = {default.code}" if default else " = None" if nullable else ""
    read_type = f"{info.read} | None" if nullable else info.read
    read_default = f" = _pd.Field(description={py_str(field.label)})" if field.label else ""
    return FieldCode(
        create_type=create_type,
        create_default=create_default,
        update_type=create_type,
        read_type=read_type,
        read_default=read_default,
        filter_type=info.filter,
        default=default,
    )
