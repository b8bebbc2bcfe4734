from __future__ import annotations

import keyword

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdeveloper.spec.errors import SpecError
from tdeveloper.spec.names import (
    RESERVED_WORDS,
    entity_name,
    field_name,
    pascal,
    plural,
    slug,
    snake,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("sales reps", "sales_reps"), ("DateOfBirth", "date_of_birth"), ("ISBN", "isbn"),
     ("Café menu", "cafe_menu"), ("HTTPServer", "http_server")],
)  # fmt: skip
def test_snake(raw: str, expected: str) -> None:
    assert snake(raw) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("pet", "pets"), ("category", "categories"), ("box", "boxes"), ("person", "people"),
     ("order_item", "order_items"), ("species", "species"), ("status", "statuses"),
     ("day", "days"), ("match", "matches")],
)  # fmt: skip
def test_plural(word: str, expected: str) -> None:
    assert plural(word) == expected


@pytest.mark.parametrize("word", ["class", "from", "order", "user", "select", "import", "default"])
def test_reserved_field_names_are_renamed_with_a_note(word: str) -> None:
    notes: list[str] = []
    name = field_name(word, notes)
    assert name != word
    assert name.isidentifier() and not keyword.iskeyword(name)
    assert name not in RESERVED_WORDS
    assert notes and word in notes[0]


@pytest.mark.parametrize("word", ["Class", "From", "Import", "Case", "Exception", "Base"])
def test_reserved_entity_names_are_renamed(word: str) -> None:
    notes: list[str] = []
    assert entity_name(word, notes) == f"{word}Item"
    assert notes


@pytest.mark.parametrize("word", ["Order", "User", "Select", "Group", "Table"])
def test_sql_words_are_fine_entity_names_because_tables_are_plural(word: str) -> None:
    notes: list[str] = []
    assert entity_name(word, notes) == word
    assert plural(snake(word)) not in RESERVED_WORDS
    assert not notes


def test_a_renamed_entity_never_takes_another_entitys_name() -> None:
    notes: list[str] = []
    assert entity_name("Class", notes, frozenset({"ClassItem"})) == "ClassRecord"


def test_leading_digits_and_non_ascii() -> None:
    notes: list[str] = []
    assert field_name("2fa enabled", notes) == "n2fa_enabled"
    assert entity_name("3d model", notes) == "Model3d"
    assert entity_name("Café", notes) == "Cafe"
    assert len(notes) == 3


@pytest.mark.parametrize("raw", ["", "   ", "회원", "🐶", "123"])
def test_names_without_letters_are_rejected_clearly(raw: str) -> None:
    with pytest.raises(SpecError, match="name"):
        entity_name(raw, [])


def test_slug() -> None:
    assert slug("Vet Clinic!") == "vet-clinic"
    assert slug("42") == "app-42"
    assert slug("") == "app"


@given(st.text(max_size=40))
def test_any_text_gives_a_safe_identifier_or_a_spec_error(raw: str) -> None:
    notes: list[str] = []
    for make in (entity_name, field_name):
        try:
            name = make(raw, notes)
        except SpecError:
            continue
        assert name.isascii() and name.isidentifier()
        assert not keyword.iskeyword(name) and not keyword.iskeyword(snake(name))
        assert snake(name) not in RESERVED_WORDS or make is entity_name


def test_pascal() -> None:
    assert pascal("order items") == "OrderItems"
