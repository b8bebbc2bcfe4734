"""Types and base classes shared by every schema module.

Integers are bounded to PostgreSQL's INTEGER range, strings refuse NUL (PostgreSQL cannot
store it), floats and decimals refuse NaN and infinity, and datetimes are stored as naive
UTC and returned with an explicit UTC offset (times of day too).
"""

import datetime as dt
import decimal
import math
import re
import typing as t

import pydantic

INT32_MIN = -(2**31)
INT32_MAX = 2**31 - 1
NO_NUL = r"^[^\x00]*$"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{2}:\d{2}")


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _iso(pattern: re.Pattern[str]) -> t.Callable[[t.Any], t.Any]:
    # pydantic also reads numbers as Unix timestamps or seconds; the schema promises ISO 8601.
    def check(value: t.Any) -> t.Any:
        if isinstance(value, int | float) or (isinstance(value, str) and not pattern.match(value)):
            raise ValueError("expected ISO 8601 text")
        return value

    return check


def _naive_utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    except OverflowError as exc:  # e.g. 0001-01-01T00:00:00+01:00
        raise ValueError("datetime is out of range once converted to UTC") from exc


def _aware_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _naive_utc_time(value: dt.time) -> dt.time:
    if value.tzinfo is None:
        return value
    moment = dt.datetime.combine(dt.date(2000, 1, 1), value)  # any date: only the offset matters
    return moment.astimezone(dt.UTC).time().replace(tzinfo=None)


def _aware_utc_time(value: dt.time) -> dt.time:
    # JSON Schema's "time" format requires an offset.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _finite_json(value: t.Any) -> t.Any:
    # Iterative, so deeply nested documents cannot exhaust the stack.
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError("JSON numbers must be finite")
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return value


Text = t.Annotated[str, pydantic.StringConstraints(pattern=NO_NUL)]
Int32 = t.Annotated[int, pydantic.Field(ge=INT32_MIN, le=INT32_MAX)]
Id = t.Annotated[int, pydantic.Field(ge=1, le=INT32_MAX)]
MONEY_MAX = 9_999_999_999.99  # Numeric(12, 2)


class _MoneySchema:
    """Documents what a decimal accepts; pydantic's own schema allows any number or string."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: t.Any, handler: pydantic.GetJsonSchemaHandler
    ) -> dict[str, t.Any]:
        schema = handler(core_schema)
        for option in schema.get("anyOf", ()):
            if option.get("type") == "number":
                option.setdefault("minimum", -MONEY_MAX)
                option.setdefault("maximum", MONEY_MAX)
                option["multipleOf"] = 0.01
            elif option.get("type") == "string":
                option["pattern"] = r"^-?\d{1,10}(\.\d{1,2})?$"
        return schema


Money = t.Annotated[
    decimal.Decimal,
    pydantic.Field(max_digits=12, decimal_places=2, allow_inf_nan=False),
    _MoneySchema(),
]
Finite = t.Annotated[float, pydantic.Field(allow_inf_nan=False)]
Bool = t.Annotated[bool, pydantic.Strict()]  # true/false only, not 1 or "yes"
Date = t.Annotated[dt.date, pydantic.BeforeValidator(_iso(_ISO_DATE))]
DateTimeIn = t.Annotated[
    dt.datetime,
    pydantic.BeforeValidator(_iso(_ISO_DATE)),
    pydantic.AfterValidator(_naive_utc),
]
DateTimeOut = t.Annotated[dt.datetime, pydantic.AfterValidator(_aware_utc)]
TimeIn = t.Annotated[
    dt.time, pydantic.BeforeValidator(_iso(_ISO_TIME)), pydantic.AfterValidator(_naive_utc_time)
]
TimeOut = t.Annotated[dt.time, pydantic.AfterValidator(_aware_utc_time)]
Email = t.Annotated[pydantic.EmailStr, pydantic.Field(max_length=320)]
HttpUrl = t.Annotated[pydantic.AnyHttpUrl, pydantic.PlainSerializer(str, return_type=str)]
JsonObject = t.Annotated[dict[str, t.Any], pydantic.AfterValidator(_finite_json)]


def _is_number(annotation: t.Any) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, int | float | decimal.Decimal) and annotation is not bool
    args = t.get_args(annotation)
    if t.get_origin(annotation) is t.Annotated:
        return _is_number(args[0])
    return any(_is_number(arg) for arg in args)


class InputSchema(pydantic.BaseModel):
    """Request bodies: unknown keys are an error, not silently dropped."""

    model_config = pydantic.ConfigDict(extra="forbid")

    @pydantic.model_validator(mode="before")
    @classmethod
    def _no_booleans_for_numbers(cls, data: t.Any) -> t.Any:
        # pydantic would read true/false as 1/0; the schema promises numbers. (Checked here,
        # not by a field validator, which would hide the field's bounds from the schema.)
        if isinstance(data, dict):
            for name, field in cls.model_fields.items():
                if isinstance(data.get(name), bool) and _is_number(field.annotation):
                    raise ValueError(f"{name}: expected a number, not a boolean")
        return data


class ReadSchema(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(from_attributes=True)


class ErrorMessage(pydantic.BaseModel):
    detail: str


class HealthStatus(pydantic.BaseModel):
    status: t.Literal["ok"]
