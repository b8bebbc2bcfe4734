"""The pruning pass: entities a careful analyst would not make a table of are dropped."""

from __future__ import annotations

import pytest

from support.nl import Look
from tdeveloper.pipeline.nlp import understand


def test_a_number_before_a_name_is_not_part_of_it() -> None:
    req = understand(
        "We run a pottery studio with three kilns. Kilns have a name, a maximum temperature "
        "and a status. A firing is a kiln plus a start time and a cone number. Students book "
        "firings, and a firing records the number of pieces."
    )
    names = Look.names(req)
    assert "Kiln" in names and "ThreeKiln" not in names and "PotteryStudio" not in names
    assert "name" in Look.types(req, "Kiln")  # the fields "three kilns" got are the kiln's


def test_verb_fragments_and_function_words_leave_names() -> None:
    req = understand(
        "We offer guided kayak trips on two rivers. A trip has a title, a river and a price. "
        "Trips run as sailings at set dates, each led by one instructor. Instructors have a "
        "name and a qualification."
    )
    names = Look.names(req)
    assert "Led" not in names and "AsSailing" not in names and "GuidedKayakTrip" not in names
    assert {"Trip", "Sailing", "Instructor"} <= set(names)


def test_which_are_is_not_part_of_a_name() -> None:
    req = understand(
        "A garage repairs cars. Cars have a plate, a make and a model. Each repair is "
        "handled by a senior mechanic and optionally an apprentice, both of which are staff "
        "members with a name and a grade. Repairs have a cost and a date."
    )
    names = Look.names(req)
    assert "StaffMember" in names and "WhichAreStaffMember" not in names


def test_a_value_read_as_a_thing_becomes_a_field() -> None:
    req = understand(
        "Speakers give talks. A talk has a title and an abstract. Talks are scheduled into "
        "rooms at a start time. Rooms have a name and a capacity."
    )
    assert Look.names(req) == ["Speaker", "Talk", "Room"]
    assert "start_time" in Look.types(req, "Talk")


def test_a_tool_the_app_replaces_is_not_a_table() -> None:
    req = understand(
        "The head gardener keeps her own spreadsheet of beds and plantings. Beds have a code, "
        "an area and a soil type. Each planting is in one bed and has a crop, a sowing date "
        "and a quantity. Gardeners have a name and a phone number."
    )
    names = Look.names(req)
    assert "Spreadsheet" not in names and {"Bed", "Planting"} <= set(names)


def test_a_qualified_name_used_once_in_the_opening_folds_into_its_head() -> None:
    req = understand(
        "We organise charity runs in four towns. A run has a name, a town, a distance and an "
        "entry fee. Runners register with a name, an email and a t-shirt size. Each "
        "registration is for one runner and one run and has a bib number. Marshals have a "
        "name and a phone number."
    )
    names = Look.names(req)
    assert "CharityRun" not in names and "FourTown" not in names
    assert {"Run", "Runner", "Registration", "Marshal"} <= set(names)

    req = understand("Listeners can follow podcasts. Podcasts have a title. Episodes have a title.")
    assert {"Listener", "Podcast", "Episode"} <= set(Look.names(req))


def test_the_scene_a_long_brief_sets_before_its_data_is_not_a_table() -> None:
    req = understand(
        "Our blood service runs mobile donation sessions in church halls and schools. Today "
        "donors are phoned by the contact centre, which we will integrate with later. It "
        "should send a weekly report to the finance office. Venues are stored with a name, "
        "an address and a parking note. A session takes place at one venue on a date, with "
        "a start time and an end time. Donors have a donor number, a name and a blood group, "
        "and book appointments for a session."
    )
    names = Look.names(req)
    assert {"Venue", "Session", "Donor"} <= set(names)
    assert not {"ChurchHall", "School", "ContactCentre", "ContactCenter", "FinanceOffice"} & set(
        names
    )


def test_a_qualified_name_of_the_scene_is_the_entity_its_head_names() -> None:
    req = understand(
        "This brief covers our billing data. We sell a web analytics product to companies "
        "on monthly plans. Billing is done in "
        "spreadsheets today. Organizations have a name and a web domain. Plans have a name, "
        "a monthly price and a seat limit. A subscription is on one plan and has a start "
        "date and a status."
    )
    names = Look.names(req)
    assert "Plan" in names and "MonthlyPlan" not in names
    assert {"monthly_price", "seat_limit"} <= set(Look.types(req, "Plan"))


def test_a_scene_entity_with_a_stated_link_stays_unless_the_writer_speaks() -> None:
    req = understand(
        "Customers place orders by phone. Each order is taken by one clerk. Products have a "
        "name, a price and a stock level. Orders have a date and a total. Clerks have a "
        "name and an extension."
    )
    assert {"Customer", "Order", "Product", "Clerk"} <= set(Look.names(req))


def test_a_role_played_by_another_entity_is_that_entity() -> None:
    req = understand(
        "Research groups have a name and a cost code, and each group is led by a principal "
        "investigator, who is one of the researchers. Researchers have a name and an email. "
        "Instruments have a name and a room."
    )
    assert "PrincipalInvestigator" not in Look.names(req)
    assert any(
        (r.source, r.target, r.field)
        == ("ResearchGroup", "Researcher", "principal_investigator_id")
        for r in req.relations
    )


def test_a_bare_head_is_the_one_described_entity_it_ends() -> None:
    req = understand(
        "Instruments have a name and a room. Research groups have a name and a cost code to "
        "charge. Researchers belong to one group and have a name, an email and a stage."
    )
    names = Look.names(req)
    assert "Group" not in names and {"ResearchGroup", "Researcher"} <= set(names)
    assert any((r.source, r.target) == ("Researcher", "ResearchGroup") for r in req.relations)


def test_people_are_not_folded_into_a_longer_name() -> None:
    req = understand(
        "Members book classes. Staff members have a name and a role. Classes have a title "
        "and a start time."
    )
    assert {"Member", "StaffMember"} <= set(Look.names(req))


def test_an_apposition_that_describes_an_entity_is_that_entity() -> None:
    req = understand(
        "Claims have a claim number and a date of loss. Each claim is handled by one "
        "handler, an employee with a name and an authority limit. Payments on a claim have "
        "an amount and a date."
    )
    names = Look.names(req)
    assert "Handler" in names and "Employee" not in names


def test_the_word_for_the_business_does_not_qualify_a_name() -> None:
    req = understand(
        "Our beekeeping club wants to keep track of members and their hives. Each member has "
        "a name and a phone number. A hive belongs to one member and is kept at one of the "
        "club apiaries, which have a name and a location. Inspections of a hive have a date."
    )
    names = Look.names(req)
    assert "Apiary" in names and "ClubApiary" not in names


def test_the_business_named_again_as_the_hotel_is_not_a_table() -> None:
    req = understand(
        "A small boutique hotel wants to replace its paper ledger. Rooms have a room number, "
        "a floor and a nightly rate. Guests register with their name and email. Each "
        "reservation covers one room and has a check-in date. The hotel also sells extras "
        "such as breakfast, each with a name and a price."
    )
    names = Look.names(req)
    assert "Hotel" not in names and {"Room", "Guest", "Reservation", "Extra"} <= set(names)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            (
                "Our rowing club wants to keep track of boats and outings. Boats have a name, a "
                "length and a rigger type. Each outing uses one boat and has a date and a distance "
                "in kilometres. Rowers have a name and a membership number."
            ),
            ["Boat", "Outing", "Rower"],
            id="the_business_in_the_opening_sentence_is_not_a_table",
        ),
        pytest.param(
            (
                "Our theatre keeps everything in a spreadsheet. Shows have a title and a running "
                "time. Performances have a date and a start time, and each performance is of one "
                "show. Actors have a name and an agent."
            ),
            ["Show", "Performance", "Actor"],
            id="a_business_that_keeps_a_spreadsheet_is_not_a_table",
        ),
        pytest.param(
            (
                "Hikers log walks. Walks have a title, a distance and a date. Hikers have a name "
                "and "
                "an email. Each walk has a difficulty. The secretary has been juggling paper lists "
                "for years and wants something simpler. Every status change needs to be kept for "
                "audits. Summits have a name and a height, and a walk can visit several summits."
            ),
            ["Hiker", "Walk", "Summit"],
            id="background_asides_of_a_long_brief_are_dropped",
        ),
        pytest.param(
            (
                "- Tickets: subject, reporter (a customer), assignee (an agent)\n"
                "- Customers: name\n- Agents: name"
            ),
            ["Ticket", "Customer", "Agent"],
            id="bullets_and_short_texts_keep_their_entities",
        ),
        pytest.param(
            (
                "Customers have a company name and a credit limit. For each customer we book "
                "shipments. A shipment has a reference, an ETD and a status. Ports have a code and "
                "a name."
            ),
            ["Customer", "Shipment", "Port"],
            id="a_record_made_of_a_verb_that_joins_nothing_is_not_a_table",
        ),
    ],
)
def test_entities_kept(text: str, names: list[str]) -> None:
    """Each case names the rule it checks; the entities left are exactly these."""
    assert Look.names(understand(text)) == names
