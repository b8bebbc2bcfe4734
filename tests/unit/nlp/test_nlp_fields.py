"""One list item becomes one typed field."""

from __future__ import annotations

import pytest

from tdeveloper.pipeline.nlp.fields import enum_values, infer_type, parse_field


@pytest.mark.parametrize(
    ("item", "name", "kind"),
    [
        ("date of birth", "date_of_birth", "date"),
        ("delivery date", "delivery_date", "date"),
        ("birthday", "birthday", "date"),
        ("shipped on", "shipped_on", "date"),
        ("created at", "created_at", "datetime"),
        ("last login timestamp", "last_login_timestamp", "datetime"),
        ("departure time", "departure_time", "datetime"),
        ("opening time", "opening_time", "time"),
        ("cooking time", "cooking_time", "integer"),
        ("price", "price", "decimal"),
        ("monthly fee", "monthly_fee", "decimal"),
        ("account balance", "account_balance", "decimal"),
        ("nightly rate", "nightly_rate", "decimal"),
        ("interest rate", "interest_rate", "float"),
        ("number of seats", "number_of_seats", "integer"),
        ("seat count", "seat_count", "integer"),
        ("stock", "stock", "integer"),
        ("year", "year", "integer"),
        ("page number", "page_number", "integer"),
        ("phone number", "phone_number", "string"),
        ("licence number", "licence_number", "string"),
        ("weight", "weight", "float"),
        ("longitude", "longitude", "float"),
        ("hours worked", "hours_worked", "float"),
        ("archived flag", "archived", "boolean"),
        ("is public", "is_public", "boolean"),
        ("has warranty", "has_warranty", "boolean"),
        ("active", "active", "boolean"),
        ("whether the invoice is paid", "invoice_paid", "boolean"),
        ("contact email", "contact_email", "email"),
        ("e-mail", "email", "email"),
        ("homepage", "homepage", "url"),
        ("repo link", "repo_link", "url"),
        ("bio", "bio", "text"),
        ("release notes", "release_notes", "text"),
        ("metadata", "metadata", "json"),
        ("colour", "colour", "string"),
        ("cost centre", "cost_centre", "string"),
        # filler words a name drops: "in" before a unit, "field", a purpose, the question
        ("weight in kg", "weight_kg", "float"),
        ("total weight in kilograms", "total_weight_kg", "float"),
        ("lesson length in minutes", "lesson_length_minutes", "integer"),
        ("email address", "email", "email"),
        ("a notes field", "notes", "text"),
        ("a hex colour for the calendar", "hex_colour", "string"),
        ("how many bags they took", "number_of_bags", "integer"),
        ("the instruments they teach", "instruments", "string"),
    ],
)
def test_types_from_names(item: str, name: str, kind: str) -> None:
    field = parse_field(item)
    assert field is not None
    assert (field.name, field.type) == (name, kind)


@pytest.mark.parametrize(
    ("item", "values"),
    [
        ("level (beginner, intermediate, advanced)", ("beginner", "intermediate", "advanced")),
        ("state: draft/live/retired", ("draft", "live", "retired")),
        ("mood (Very Happy / Sad)", ("very_happy", "sad")),
        ("grade (A+, B, C-)", ("a", "b", "c")),
        ("score (1-0, 0-1, 1/2-1/2)", ("1_0", "0_1", "1_2_1_2")),
    ],
)
def test_enum_values_are_snake_case_in_order(item: str, values: tuple[str, ...]) -> None:
    field = parse_field(item)
    assert field is not None
    assert (field.type, field.values) == ("enum", values)


def test_one_of_phrase_is_an_enum_after_list_splitting() -> None:
    from tdeveloper.pipeline.nlp.text import split_list

    items = split_list("size which is one of small, medium or large, colour")
    field = parse_field(items[0])
    assert field is not None
    assert field.values == ("small", "medium", "large")


def test_notes_in_groups() -> None:
    stars = parse_field("stars (1-5)")
    assert stars is not None
    assert (stars.type, stars.minimum, stars.maximum) == ("integer", 1, 5)
    inline = parse_field("score 0 to 100")
    assert inline is not None
    assert (inline.name, inline.minimum, inline.maximum) == ("score", 0, 100)
    handle = parse_field("handle (required, unique)")
    assert handle is not None
    assert handle.required
    assert handle.unique
    vegan = parse_field("vegan (yes/no)")
    assert vegan is not None
    assert vegan.type == "boolean"
    labels = parse_field("labels (many-to-many)")
    assert labels is not None
    assert labels.many
    assert labels.plural


def test_references_are_kept_as_hints() -> None:
    coach = parse_field("coach (a staff member)")
    assert coach is not None
    assert (coach.name, coach.ref) == ("coach", "staff member")
    mentor = parse_field("mentor who is another student")
    assert mentor is not None
    assert (mentor.name, mentor.ref) == ("mentor", "student")


def test_name_and_identifiers_get_constraints() -> None:
    title = parse_field("title")
    assert title is not None
    assert title.required
    sku = parse_field("SKU")
    assert sku is not None
    assert sku.unique
    assert sku.name == "sku"


@pytest.mark.parametrize("item", ["", "   ", "123 456", "(only a group)", "a b c d e f g h"])
def test_implausible_items_give_no_field(item: str) -> None:
    assert parse_field(item) is None


def test_enum_values_drop_blanks_and_duplicates() -> None:
    assert enum_values(["Open", "open ", "", "---", "In Progress"]) == ("open", "in_progress")


def test_infer_type_defaults_to_string() -> None:
    assert infer_type("nickname") == "string"
