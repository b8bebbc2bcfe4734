"""Field types to code: annotations, bounds, defaults, samples, and the Python dependencies."""

from __future__ import annotations

import ast
import math

import pytest

from tdeveloper.pipeline.render.defaults import convert_default
from tdeveloper.pipeline.render.deps import python_deps
from tdeveloper.pipeline.render.fields import bounds, field_code, type_info
from tdeveloper.pipeline.render.samples import sample, update_case
from tdeveloper.spec import Field, Library, Selection
from tdeveloper.spec.base import FIELD_TYPES


def code(field: Field, *, nullable: bool = False) -> str:
    return field_code(field, type_info(field), nullable=nullable).create_type


@pytest.mark.parametrize("kind", FIELD_TYPES)
def test_every_type_has_valid_fragments(kind: str) -> None:
    field = Field(name="x", type=kind, values=("a",), target="Other")  # type: ignore[arg-type]
    info = type_info(field)
    result = field_code(field, info, nullable=True)
    for fragment in (result.create_type, result.read_type, info.py, f"sa.{info.sa}"):
        ast.parse(fragment, mode="eval")
    ast.parse(sample(field, "other"), mode="eval")


def test_enum_without_values_is_a_string_and_values_are_deduplicated() -> None:
    assert type_info(Field(name="x", type="enum")).sa == "String(200)"
    info = type_info(Field(name="x", type="enum", values=("b", "a", "b", "long\x00value")))
    assert info.create == '_t.Literal["b", "a", "longvalue"]'
    assert info.sa == "String(9)"


def test_strings_are_bounded_and_integers_stay_32_bit() -> None:
    assert (
        code(Field(name="x", type="string"))
        == "_t.Annotated[_common.Text, _pd.Field(max_length=200)]"
    )
    assert code(Field(name="x", type="text")) == "_common.Text"
    big = Field(name="x", type="integer", minimum=-1e30, maximum=1e30)
    assert bounds(big) == (-(2**31), 2**31 - 1)
    assert code(Field(name="x", type="integer", minimum=0.5, maximum=9.5)).endswith(
        "_pd.Field(ge=1, le=9)]"
    )


@pytest.mark.parametrize(
    ("minimum", "maximum", "expected"),
    [(math.nan, 5, (None, 5)), (-math.inf, math.inf, (None, None)), (10, 1, (None, None))],
)
def test_unusable_bounds_are_dropped(
    minimum: float, maximum: float, expected: tuple[float | None, float | None]
) -> None:
    assert bounds(Field(name="x", type="float", minimum=minimum, maximum=maximum)) == expected


def test_bounds_only_apply_to_numbers() -> None:
    assert bounds(Field(name="x", type="string", minimum=1, maximum=3)) == (None, None)


def test_nullable_fields_accept_null_and_default_to_it() -> None:
    result = field_code(
        Field(name="x", type="boolean"), type_info(Field(name="x", type="boolean")), nullable=True
    )
    assert (result.create_type, result.create_default) == ("_common.Bool | None", " = None")
    assert result.read_type == "bool | None"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (Field(name="x", type="integer", default="5"), "5"),
        (Field(name="x", type="integer", default="5.0"), "5"),
        (Field(name="x", type="integer", default="5.5"), None),
        (Field(name="x", type="integer", default="9", maximum=3), None),
        (Field(name="x", type="integer", default="99999999999"), None),
        (Field(name="x", type="decimal", default="12.5"), '_decimal.Decimal("12.5")'),
        (Field(name="x", type="decimal", default="1.234"), None),
        (Field(name="x", type="decimal", default="NaN"), None),
        (Field(name="x", type="float", default="1e999"), None),
        (Field(name="x", type="float", default="0.25"), "0.25"),
        (Field(name="x", type="boolean", default="Yes"), "True"),
        (Field(name="x", type="boolean", default="maybe"), None),
        (
            Field(name="x", type="date", default="today"),
            "_pd.Field(default_factory=_dt.date.today)",
        ),
        (Field(name="x", type="date", default="2024-02-29"), "_dt.date(2024, 2, 29)"),
        (Field(name="x", type="date", default="2024-02-30"), None),
        (
            Field(name="x", type="datetime", default="now"),
            "_pd.Field(default_factory=_common.utc_now)",
        ),
        (
            Field(name="x", type="datetime", default="2024-01-01T02:00:00+02:00"),
            "_dt.datetime(2024, 1, 1, 0, 0, 0, 0)",
        ),
        (Field(name="x", type="time", default="09:30"), "_dt.time(9, 30, 0, 0)"),
        (
            Field(name="x", type="uuid", default="12345678123456781234567812345678"),
            '_uuid.UUID("12345678-1234-5678-1234-567812345678")',
        ),
        (Field(name="x", type="enum", values=("a", "b"), default="b"), '"b"'),
        (Field(name="x", type="enum", values=("a", "b"), default="c"), None),
        (Field(name="x", type="string", default='say "hi"\n'), '"say \\"hi\\"\\n"'),
        (Field(name="x", type="string", max_length=3, default="long"), None),
        (Field(name="x", type="email", default="a@b.c"), None),
        (Field(name="x", type="json", default="{}"), None),
    ],
)
def test_defaults_are_converted_or_dropped(field: Field, expected: str | None) -> None:
    limit = 3 if field.max_length else 200
    result = convert_default(field, bounds(field), limit)
    assert (result.code if result else None) == expected


def test_samples_respect_constraints() -> None:
    assert sample(Field(name="x", type="integer", minimum=5, maximum=6), None) == "_int(n, 5, 6)"
    assert sample(Field(name="x", type="decimal", maximum=-1), None) == "_money(n, -1000001, -1)"
    assert sample(Field(name="x", type="enum", values=("only",)), None) == '_pick(n, ("only",))'
    assert sample(Field(name="x", type="string", max_length=4), None) == "_text(n, 4)"
    assert sample(Field(name="owner_id", type="reference"), "owner") == 'create_owner(client)["id"]'


def test_update_case_picks_a_field_it_can_change() -> None:
    fields = [
        Field(name="flag_ref", type="reference"),
        Field(name="level", type="integer", minimum=3, maximum=3),
        Field(name="kind", type="enum", values=("a", "b")),
    ]
    case = update_case(fields)
    assert case is not None
    assert case.field == "kind"
    assert case.value == '"a" if created["kind"] != "a" else "b"'
    assert update_case([Field(name="j", type="json")]) is None


def _library(name: str, version: str, ecosystem: str = "python") -> Library:
    return Library(
        name=name, version=version, licence="MIT", ecosystem=ecosystem, purpose="", reason=""
    )  # type: ignore[arg-type]


def test_dependencies_come_from_the_selection_with_fallbacks() -> None:
    deps = python_deps(
        Selection(
            template="t",
            libraries=(
                _library("FastAPI", ">= 0.120, < 1"),
                _library("celery", "5.4"),
                _library("pytest-cov", ">=5"),
                _library("psycopg2-binary", ">=2.9"),
                _library("psycopg-binary", "3.2"),
                _library("evil; rm -rf /", ">=1"),
                _library("sqlalchemy", "latest; rm -rf /"),
                _library("react", "^18", "npm"),
            ),
        )
    )
    assert deps.main[:3] == ("alembic>=1.13,<2", "celery>=5.4", "email-validator>=2.1,<3")
    assert "FastAPI>=0.120,<1" in deps.main
    assert "sqlalchemy>=2.0.30,<3" in deps.main  # bad specifier: the known-good range instead
    assert not any("evil" in d or "react" in d or "psycopg2" in d for d in deps.main)
    assert deps.postgres == ("psycopg[binary]>=3.2",)
    assert "pytest-cov>=5" in deps.test
    assert "httpx2>=2,<3" in deps.test
