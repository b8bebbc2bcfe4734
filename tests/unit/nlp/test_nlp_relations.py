"""Relations from verbs, fields naming entities and annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tdeveloper.pipeline.nlp import understand

if TYPE_CHECKING:
    from conftest import Look

M2O, M2M = "many_to_one", "many_to_many"


def _fk(text: str) -> dict[tuple[str, str], tuple[str | None, bool]]:
    req = understand(text)
    return {(r.source, r.target): (r.field, r.required) for r in req.relations if r.kind == M2O}


def test_belongs_to_is_required() -> None:
    fks = _fk("A vehicle belongs to a depot. Depots have a name and a city.")
    assert fks[("Vehicle", "Depot")] == ("depot_id", True)


@pytest.mark.parametrize(
    "text",
    [
        "Each farmer can have several plots. Plots have an area.",
        "Farmers have many plots. Plots have an area and a crop.",
        "A farmer has multiple plots.",
    ],
)
def test_quantified_have_makes_a_child(text: str, look: type[Look]) -> None:
    req = understand(text)
    assert (M2O, "Plot", "Farmer") in look.links(req)


def test_field_naming_an_entity_becomes_a_reference_only(look: type[Look]) -> None:
    req = understand(
        "- Teams: name, city\n- Players: name, shirt number, team\n- Coaches: name, team"
    )
    assert {(M2O, "Player", "Team"), (M2O, "Coach", "Team")} <= look.links(req)
    assert "team" not in look.types(req, "Player")
    assert look.types(req, "Player") == {"name": "string", "shirt_number": "integer"}


def test_role_reference_with_article_hint() -> None:
    fks = _fk(
        "- Tickets: subject, reporter (a customer), assignee (an agent)\n"
        "- Customers: name\n- Agents: name"
    )
    assert fks[("Ticket", "Customer")][0] == "reporter_id"
    assert fks[("Ticket", "Agent")][0] == "assignee_id"


def test_prefixed_role_reference() -> None:
    fks = _fk("Matches record home team, away team and kickoff time. Teams have a name.")
    assert {f for (s, t), (f, _) in fks.items() if (s, t) == ("Match", "Team")} <= {
        "home_team_id",
        "away_team_id",
    }
    req = understand("Matches record home team, away team and kickoff time. Teams have a name.")
    fields = {r.field for r in req.relations if r.source == "Match"}
    assert fields == {"home_team_id", "away_team_id"}


def test_self_reference() -> None:
    fks = _fk("Staff members: name, email, mentor who is another staff member")
    assert fks[("StaffMember", "StaffMember")][0] == "mentor_id"


def test_create_verbs_make_the_object_belong_to_the_subject(look: type[Look]) -> None:
    req = understand("Chefs publish recipes with a title and a cooking time.")
    assert (M2O, "Recipe", "Chef") in look.links(req)
    assert look.types(req, "Recipe") == {"title": "string", "cooking_time": "integer"}


def test_passive_by(look: type[Look]) -> None:
    req = understand("Reviews are written by critics. Critics have a name.")
    assert (M2O, "Review", "Critic") in look.links(req)


def test_join_verb_creates_the_join_entity(look: type[Look]) -> None:
    req = understand("Guests reserve rooms. Rooms have a number and a floor.")
    assert {(M2O, "Reservation", "Guest"), (M2O, "Reservation", "Room")} <= look.links(req)
    reservation = look.entity(req, "Reservation")
    assert reservation.source == "inferred"


def test_join_verb_with_many_and_no_join_entity_is_many_to_many(look: type[Look]) -> None:
    req = understand("Volunteers register for many shifts. Shifts have a start time.")
    assert (M2M, "Shift", "Volunteer") in look.links(req)


def test_join_verb_reuses_a_named_join_entity(look: type[Look]) -> None:
    req = understand(
        "Patrons borrow magazines; each loan records a start date and an end date. "
        "Magazines have a title."
    )
    assert {(M2O, "Loan", "Patron"), (M2O, "Loan", "Magazine")} <= look.links(req)
    assert look.types(req, "Loan") == {"start_date": "date", "end_date": "date"}


def test_many_to_many_verbs_and_annotations(look: type[Look]) -> None:
    req = understand(
        "Listeners can follow podcasts. Podcasts have a title. "
        "Episodes have a title and labels (many-to-many)."
    )
    assert (M2M, "Listener", "Podcast") in look.links(req)
    assert (M2M, "Episode", "Label") in look.links(req)


def test_link_verbs(look: type[Look]) -> None:
    req = understand("A booking links a tutor and a student. Tutors have a rate.")
    assert {(M2O, "Booking", "Tutor"), (M2O, "Booking", "Student")} <= look.links(req)


def test_assignment_points_at_the_person(look: type[Look]) -> None:
    passive = understand("Inspectors are assigned to farms. Farms have an address.")
    assert (M2O, "Farm", "Inspector") in look.links(passive)
    placed = understand("Guests are assigned to tables. Tables have a number.")
    assert (M2O, "Guest", "Table") in look.links(placed)
    active = understand("Managers assign chores to employees. Chores have a title.")
    assert (M2O, "Chore", "Employee") in look.links(active)


def test_made_of_and_of(look: type[Look]) -> None:
    req = understand("Albums are made of tracks (title, length). Fans buy copies of albums.")
    assert (M2O, "Track", "Album") in look.links(req)
    assert {(M2O, "Copy", "Album"), (M2O, "Copy", "Fan")} <= look.links(req)


def test_possessive_list_item(look: type[Look]) -> None:
    req = understand("We need to manage our landlords and their buildings.")
    assert (M2O, "Building", "Landlord") in look.links(req)


def test_stated_relations_are_not_duplicated_by_the_knowledge_base() -> None:
    req = understand("Vet clinic: owners, pets and vets. A pet belongs to an owner.")
    pet_owner = [r for r in req.relations if {r.source, r.target} == {"Pet", "Owner"}]
    assert len(pet_owner) == 1
    assert pet_owner[0].source_tag == "stated"


def test_knowledge_base_links_stated_entities(look: type[Look]) -> None:
    req = understand("Parking: parking lots (name, address) and parking spaces (code, level).")
    assert (M2O, "ParkingSpace", "ParkingLot") in look.links(req)
    tags = {r.source_tag for r in req.relations}
    assert tags == {"knowledge_base"}
