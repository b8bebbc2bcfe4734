"""Splitting text into lines, sentences, clauses and list items."""

from __future__ import annotations

import pytest

from tdeveloper.pipeline.nlp.text import (
    clauses,
    normalize,
    parse_item,
    segments,
    sentences,
    split_list,
    strip_parens,
)


def test_normalize_folds_punctuation_and_controls() -> None:
    text = normalize("Caf\u00e9 \u201cmenu\u201d\u2014items\x00\r\n\tline  two ")
    assert text == 'Caf\u00e9 "menu" - items\n line two'


def test_segments_mark_bullets_and_fold_continuations() -> None:
    lines = segments("Title line\n- Boats: name,\n   length\n* Crews: name\n3. Trips: date")
    assert [(s.text, s.bullet) for s in lines] == [
        ("Title line", False),
        ("Boats: name, length", True),
        ("Crews: name", True),
        ("Trips: date", True),
    ]


def test_sentences_respect_parentheses_and_abbreviations() -> None:
    text = "A garden app. Plants have a name (e.g. basil. mint) and a height, e.g. 1.5 m. Done!"
    assert sentences(text) == [
        "A garden app",
        "Plants have a name (e.g. basil. mint) and a height, e.g. 1.5 m",
        "Done",
    ]


def test_clauses_split_at_semicolons_and_where() -> None:
    assert clauses("a tool where coaches plan drills; players log sessions") == [
        "a tool",
        "coaches plan drills",
        "players log sessions",
    ]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("name, colour and size", ["name", "colour", "size"]),
        ("name, size (s, m, l), price", ["name", "size (s, m, l)", "price"]),
        ("opening and closing time", ["opening time", "closing time"]),
        ("first and last name, email", ["first name", "last name", "email"]),
        ("visit date and time", ["visit date", "visit time"]),
        (
            "tier which is one of gold, silver or bronze, notes",
            ["tier (gold/silver/bronze)", "notes"],
        ),
        ("kind: indoor/outdoor, order", ["kind (indoor/outdoor)", "order"]),
        ("code; label", ["code", "label"]),
    ],
)
def test_split_list(text: str, items: list[str]) -> None:
    assert [" ".join(i.split()) for i in split_list(text)] == items


def test_strip_parens_keeps_nested_groups_inside() -> None:
    assert strip_parens("crates (size (s, m), weight) extra") == (
        "crates extra",
        ("size (s, m), weight",),
    )
    assert strip_parens("open (never closed") == ("open", ("never closed",))
    assert strip_parens("stray ) paren") == ("stray paren", ())


def test_parse_item_reads_colon_values() -> None:
    item = parse_item("mood: calm/angry (required)")
    assert (item.phrase, item.groups, item.after_colon) == ("mood", ("required",), "calm/angry")
