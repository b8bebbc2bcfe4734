"""Entities and their fields from bullets, headings, prose and parentheses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tdeveloper.pipeline.nlp import understand

if TYPE_CHECKING:
    from conftest import Look


def test_bullet_entities_with_fields(look: type[Look]) -> None:
    req = understand(
        "Boat rental:\n"
        "- Boats: name, length in meters, hourly rate, cabin count, built year\n"
        "- Skippers: full name, licence number, email\n"
        "- Trips: departure time, return time, status (booked, sailing, done)"
    )
    assert look.names(req) == ["Boat", "Skipper", "Trip"]
    assert look.types(req, "Boat") == {
        "name": "string",
        "length_m": "float",
        "hourly_rate": "decimal",
        "cabin_count": "integer",
        "built_year": "integer",
    }
    trip = look.entity(req, "Trip")
    assert [f.values for f in trip.fields if f.name == "status"] == [("booked", "sailing", "done")]
    assert all(e.source == "stated" and e.confidence >= 0.8 for e in req.entities)


def test_prose_have_sentences(look: type[Look]) -> None:
    req = understand(
        "A garden planner. Plants have a name, species, sowing date and a watering interval. "
        "Beds have a label, width and length."
    )
    assert look.names(req) == ["Plant", "Bed"]
    assert look.types(req, "Plant")["sowing_date"] == "date"
    assert look.types(req, "Bed") == {"label": "string", "width": "float", "length": "float"}


def test_heading_with_entity_list_uses_knowledge_for_fields(look: type[Look]) -> None:
    req = understand("Dental practice: patients, dentists and appointments")
    assert look.names(req) == ["Patient", "Dentist", "Appointment"]
    assert req.domain == "dental"
    patient = look.entity(req, "Patient")
    assert patient.source == "stated"
    assert {f.source for f in patient.fields} == {"knowledge_base"}
    assert all(f.confidence < 0.8 for f in patient.fields)


def test_x_with_y_lists_entities_with_grouped_fields(look: type[Look]) -> None:
    req = understand(
        "Band manager with musicians (name, instrument, joined on), gigs (venue, date, fee) "
        "and setlists"
    )
    assert look.names(req) == ["Musician", "Gig", "Setlist"]
    assert look.types(req, "Gig") == {"venue": "string", "date": "date", "fee": "decimal"}
    assert req.title == "Band Manager"


def test_entity_with_fields_after_with(look: type[Look]) -> None:
    req = understand("Hikers log hikes with a trail name, distance, elevation gain and a photo.")
    types = look.types(req, "Hike")
    assert types["distance"] == "float"
    assert types["photo"] == "url"
    assert "upload" in req.features


def test_heading_followed_by_field_bullets(look: type[Look]) -> None:
    req = understand("Recipes:\n- title\n- servings\n- instructions\nIngredients:\n- name\n- unit")
    assert look.names(req) == ["Recipe", "Ingredient"]
    assert look.types(req, "Recipe") == {
        "title": "string",
        "servings": "integer",
        "instructions": "text",
    }


def test_entities_bullets_under_an_entities_heading(look: type[Look]) -> None:
    req = understand("Entities:\n- warehouses\n- pallets\n- forklifts")
    assert look.names(req) == ["Warehouse", "Pallet", "Forklift"]


def test_stated_fields_win_over_the_knowledge_base(look: type[Look]) -> None:
    req = understand("A library. Books have a title and a shelf code. Members borrow books.")
    assert look.types(req, "Book") == {"title": "string", "shelf_code": "string"}
    assert "Loan" in look.names(req)


def test_knowledge_base_does_not_add_unmentioned_entities(look: type[Look]) -> None:
    req = understand("An online shop with products and customers.")
    assert look.names(req) == ["Product", "Customer"]


def test_terse_description_gets_the_whole_domain(look: type[Look]) -> None:
    req = understand("a helpdesk")
    assert req.domain == "helpdesk"
    assert "Ticket" in look.names(req)
    assert all(e.source == "knowledge_base" for e in req.entities)
    assert req.relations
    assert all(r.source_tag == "knowledge_base" for r in req.relations)


def test_never_emits_function_words_as_entities(look: type[Look]) -> None:
    req = understand("Each has many. Have the things with it and they have them.")
    bad = {"Each", "Have", "Thing", "It", "They", "Them", "The", "App"}
    assert not bad & set(look.names(req))


def test_unknown_text_gets_a_generic_item(look: type[Look]) -> None:
    req = understand("zorbulate the quixx")
    assert look.names(req) == ["Item"]
    assert look.entity(req, "Item").source == "default"
    assert req.questions


def test_entity_named_without_fields_and_unknown_gets_a_name_and_a_question(
    look: type[Look],
) -> None:
    req = understand("Observatory: telescopes (aperture, focal length), nebulae")
    assert look.types(req, "Nebula") == {"name": "string"}
    assert any("nebula" in q for q in req.questions)


def test_title() -> None:
    assert understand("A bakery app. Cakes have a name and a price.").title == "Bakery"
    assert understand("Simple CRM").title == "CRM"
    assert understand("a vet clinic").title == "Vet Clinic"
    assert understand("Cakes have a name and a price.").title
