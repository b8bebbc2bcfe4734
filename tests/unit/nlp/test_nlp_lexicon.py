"""Morphology, naming and the verb table."""

from __future__ import annotations

import pytest

from tdeveloper.pipeline.nlp.lexicon import entity_key, field_key, singular
from tdeveloper.pipeline.nlp.verbs import lookup


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("boats", "boat"),
        ("ferries", "ferry"),
        ("boxes", "box"),
        ("churches", "church"),
        ("courses", "course"),
        ("addresses", "address"),
        ("statuses", "status"),
        ("species", "species"),
        ("people", "person"),
        ("shelves", "shelf"),
        ("movies", "movie"),
        ("analyses", "analysis"),
        ("bus", "bus"),
        ("canvas", "canvas"),
    ],
)
def test_singular(plural: str, single: str) -> None:
    assert singular(plural) == single


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("Sales reps", "SalesRep"),
        ("order items", "OrderItem"),
        ("the Pets", "Pet"),
        ("several work orders", "WorkOrder"),
        ("Caf\u00e9s", "Cafe"),
        ("123", ""),
    ],
)
def test_entity_key(phrase: str, key: str) -> None:
    assert entity_key(phrase) == key


@pytest.mark.parametrize(
    ("phrase", "key"),
    [("Date of Birth", "date_of_birth"), ("ISBN", "isbn"), ("a QR code", "qr_code")],
)
def test_field_key(phrase: str, key: str) -> None:
    assert field_key(phrase) == key


def test_verb_table_knows_inflections_and_classes() -> None:
    wrote, enrolled, belongs = lookup("wrote"), lookup("enrolled"), lookup("belongs")
    assert wrote is not None
    assert (wrote.base, wrote.kind, wrote.form) == ("write", "create", "ed")
    assert enrolled is not None
    assert enrolled.kind == "join"
    assert belongs is not None
    assert (belongs.kind, belongs.form) == ("belong", "s")
    assert lookup("has") is not None
    assert lookup("pelican") is None
