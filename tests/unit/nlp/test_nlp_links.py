"""The last pass: references a clause implies when no rule read its verb (links.py)."""

from __future__ import annotations

import pytest

from support.nl import Look
from tdeveloper.pipeline.nlp import understand

M2O = "many_to_one"


def relation(text: str, source: str, target: str) -> tuple[str, float] | None:
    """(source tag, confidence) of the reference source -> target, if there is one."""
    req = understand(text)
    found = [r for r in req.relations if (r.kind, r.source, r.target) == (M2O, source, target)]
    return (found[0].source_tag, found[0].confidence) if found else None


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # an unknown verb, a possessive: the topic refers to its application
        (
            "Patents have a title and a number. Renewal notices have a date and a fee. Every "
            "renewal notice is filed against its patent.",
            "RenewalNotice",
            "Patent",
        ),
        # "per": one record per thing
        (
            "Hives have a name and a location. Inspections have a date and a brood pattern. "
            "Inspections are done per hive.",
            "Inspection",
            "Hive",
        ),
        # a "when ..." opening names no topic; the record made in the main clause does
        (
            "Kilns have a name. Firings have a date and a peak temperature. When a pot is "
            "finished we note a firing, linked to the kiln it went into.",
            "Firing",
            "Kiln",
        ),
        # a person making a record: the record refers to the person and to what it names
        (
            "Walkers have a name. Sightings have a date and a count. A walker logs a "
            "sighting of one bird at a given hour.",
            "Sighting",
            "Walker",
        ),
        # "split into": the parts refer to the whole
        (
            "Shipments have a reference and a date. Parcels have a weight. Each shipment "
            "is split into parcels before loading.",
            "Parcel",
            "Shipment",
        ),
        # "grouped into": every one of the things sits in one group
        (
            "Seeds have a variety and a year. Batches have a code. Seeds are grouped into "
            "batches for storage.",
            "Seed",
            "Batch",
        ),
        # a place opening: what we record there belongs to it
        (
            "Plots have a number. Surveys have a date and a count. Within a plot we "
            "record surveys every spring.",
            "Survey",
            "Plot",
        ),
        # a name whose first word ends in s: "customs entries"
        (
            "Shipments have a reference. Customs entries have a number. We also record "
            "customs entries per shipment, with the date cleared.",
            "CustomsEntry",
            "Shipment",
        ),
        # "played by one of our teams against an opponent"
        (
            "Teams have a name. Fixtures have a date. Fixtures are played by one of our "
            "teams against an opponent.",
            "Fixture",
            "Team",
        ),
        # an apposition between the topic and its verb
        (
            "Advertisers, companies with a name and an industry, sign campaigns; a campaign "
            "has a budget and a start date.",
            "Campaign",
            "Advertiser",
        ),
        # "one of our ..." is one thing
        (
            "Vets have a name. Calls have a time and a reason and are answered by one of our vets.",
            "Call",
            "Vet",
        ),
        # "each" hands the reference to the plural thing before it
        (
            "Tours have a title. Departures have a date. Guides have a name. Tours run as "
            "departures at set times, each led by one guide.",
            "Departure",
            "Guide",
        ),
        # a field that names an entity with a clause after it is a reference
        (
            "Locomotives have a number. Services have a date, a headcode and the "
            "locomotive hauling it.",
            "Service",
            "Locomotive",
        ),
        # another one of its own kind
        (
            "Recipes have a title and a cuisine. A recipe may adapt another recipe.",
            "Recipe",
            "Recipe",
        ),
    ],
)
def test_clause_implies_a_reference(text: str, source: str, target: str) -> None:
    assert relation(text, source, target) is not None, Look.links(understand(text))


def test_inferred_links_say_so_and_ask() -> None:
    text = (
        "Kilns have a name. Firings have a date and a peak temperature. When a pot is "
        "finished we note a firing, linked to the kiln it went into."
    )
    assert relation(text, "Firing", "Kiln") == ("inferred", 0.55)
    assert any("firing" in q.lower() and "kiln" in q.lower() for q in understand(text).questions)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # a person doing something is an event, not a reference from the person
        (
            "Members have a name. Desks have a number. A member books a desk for a day.",
            "Member",
            "Desk",
        ),
        (
            "Members have a name. Desks have a number. A member books a desk for a day.",
            "Desk",
            "Member",
        ),
        # an object position is no topic: "record the quantity of each part used on a job"
        (
            "Parts have a code. Jobs have a date. Record the quantity of each part used on a job.",
            "Part",
            "Job",
        ),
        # plural mentions are not one thing
        (
            "Trays have a code. Autoclaves have a serial. Trays are sterilised in cycles run "
            "on our autoclaves.",
            "Tray",
            "Autoclave",
        ),
        # "a ... number" is a field, not the entity
        (
            "Contexts have a colour. Trenches have a code. A trench holds a context number.",
            "Trench",
            "Context",
        ),
    ],
)
def test_no_reference_without_a_singular_mention(text: str, source: str, target: str) -> None:
    assert relation(text, source, target) is None


def test_a_field_naming_an_entity_then_a_clause_is_the_reference() -> None:
    req = understand(
        "Tanks have a volume. Fish: species, nickname, which tank theyre in. Engineers have "
        "a name. Sessions have a date and the engineer responsible for it."
    )
    assert Look.types(req, "Fish") == {"species": "string", "nickname": "string"}
    assert {("many_to_one", "Fish", "Tank"), ("many_to_one", "Session", "Engineer")} <= (
        Look.links(req)
    )


@pytest.mark.parametrize(
    ("text", "links"),
    [
        # "one or more" is many
        (
            "Rentals have a date. Equipment items have a code. Each rental covers one or "
            "more equipment items.",
            {("many_to_many", "EquipmentItem", "Rental")},
        ),
        (
            "Units have a number. Tenants have a name. A lease is for a single unit and is "
            "signed by one or more tenants.",
            {("many_to_one", "Lease", "Unit"), ("many_to_many", "Lease", "Tenant")},
        ),
        # ", and both are users": the roles' kind
        (
            "Tickets have a title. Users have a name. Every ticket has a reporter and an "
            "assignee, and both are users.",
            {("many_to_one", "Ticket", "User")},
        ),
        # "both of whom are also persons": two references to the same kind
        (
            "Each person has a given name. A person has a mother and a father, both of whom "
            "are also persons in the tree.",
            {("many_to_one", "Person", "Person")},
        ),
        # a possessive object is owned, not joined
        (
            "Cars have a colour. Drivers have a name. Drivers register their cars by plate.",
            {("many_to_one", "Car", "Driver")},
        ),
        # a session that starts when a car enters is the car's
        (
            "Cars have a plate. A parking session starts when a car enters and records the "
            "entry time and the exit time.",
            {("many_to_one", "ParkingSession", "Car")},
        ),
        # "contain": the parts sit in one whole
        (
            "Buildings have an address. Buildings contain units; a unit has a floor.",
            {("many_to_one", "Unit", "Building")},
        ),
        # "gets several": children
        (
            "Manuscripts have a title. A manuscript gets several reviews, each by one editor.",
            {("many_to_one", "Review", "Manuscript")},
        ),
        # "works in many" and "has many" the other way: many-to-many
        (
            "Translators have a name. Languages have a code. A translator works in many "
            "languages and each language has many translators.",
            {("many_to_many", "Language", "Translator")},
        ),
    ],
)
def test_relation_shapes_in_prose(text: str, links: set[tuple[str, str, str]]) -> None:
    assert links <= Look.links(understand(text))


def test_chat_fillers_are_no_words_of_the_model() -> None:
    req = understand("Rides have a date. Kids have a name. kids can be on many rides ofc")
    assert sorted(Look.names(req)) == ["Kid", "Ride"]
    assert Look.links(req) == {("many_to_many", "Kid", "Ride")}
