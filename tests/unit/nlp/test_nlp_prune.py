"""The pruning pass: entities a careful analyst would not make a table of are dropped."""

from __future__ import annotations

from support.nl import Look
from tdeveloper.pipeline.nlp import understand


def test_the_business_in_the_opening_sentence_is_not_a_table() -> None:
    req = understand(
        "Our rowing club wants to keep track of boats and outings. Boats have a name, a "
        "length and a rigger type. Each outing uses one boat and has a date and a distance "
        "in kilometres. Rowers have a name and a membership number."
    )
    assert Look.names(req) == ["Boat", "Outing", "Rower"]


def test_a_business_that_keeps_a_spreadsheet_is_not_a_table() -> None:
    req = understand(
        "Our theatre keeps everything in a spreadsheet. Shows have a title and a running "
        "time. Performances have a date and a start time, and each performance is of one "
        "show. Actors have a name and an agent."
    )
    assert Look.names(req) == ["Show", "Performance", "Actor"]


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


def test_background_asides_of_a_long_brief_are_dropped() -> None:
    req = understand(
        "Hikers log walks. Walks have a title, a distance and a date. Hikers have a name and "
        "an email. Each walk has a difficulty. The secretary has been juggling paper lists "
        "for years and wants something simpler. Every status change needs to be kept for "
        "audits. Summits have a name and a height, and a walk can visit several summits."
    )
    assert Look.names(req) == ["Hiker", "Walk", "Summit"]


def test_bullets_and_short_texts_keep_their_entities() -> None:
    req = understand(
        "- Tickets: subject, reporter (a customer), assignee (an agent)\n"
        "- Customers: name\n- Agents: name"
    )
    assert Look.names(req) == ["Ticket", "Customer", "Agent"]
    req = understand("Listeners can follow podcasts. Podcasts have a title. Episodes have a title.")
    assert {"Listener", "Podcast", "Episode"} <= set(Look.names(req))
