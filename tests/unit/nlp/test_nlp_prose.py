"""Prose shapes product owners write: compound predicates, "for every X we record",
passives with places, copulas, colon lists after a clause, relative and contact clauses."""

from __future__ import annotations

import pytest

from support.nl import Look
from tdeveloper.pipeline.nlp import understand


def fields(text: str, entity: str) -> list[str]:
    return [f.name for f in Look.entity(understand(text), entity).fields]


def test_belongs_to_and_has_fields_in_one_sentence() -> None:
    req = understand(
        "Policyholders have a name. Each policy belongs to a policyholder and has a policy "
        "number, a product type (home, car or travel) and a start date."
    )
    assert ("many_to_one", "Policy", "Policyholder") in Look.links(req)
    assert Look.types(req, "Policy") == {
        "policy_number": "string",
        "product_type": "enum",
        "start_date": "date",
    }
    assert Look.names(req) == ["Policyholder", "Policy"]


def test_for_every_thing_we_record_its_fields() -> None:
    text = "Owners have a name. For every dog we record its name, breed and date of birth."
    assert fields(text, "Dog") == ["name", "breed", "date_of_birth"]


def test_which_and_how_many_items_name_a_reference_and_a_count() -> None:
    req = understand(
        "Households have a name. For each pickup we record which household came, the date "
        "and how many bags they took."
    )
    assert ("many_to_one", "Pickup", "Household") in Look.links(req)
    assert Look.types(req, "Pickup")["number_of_bags"] == "integer"


@pytest.mark.parametrize(
    "text",
    [
        "Dogs have a name. An appointment is for one dog and has a start time and a price.",
        "Dogs have a name. Appointments are per dog: start time, price.",
    ],
)
def test_is_for_and_are_per_make_a_reference(text: str) -> None:
    req = understand(text)
    assert ("many_to_one", "Appointment", "Dog") in Look.links(req)
    assert {"start_time", "price"} <= set(Look.types(req, "Appointment"))


def test_a_place_verb_with_a_preposition() -> None:
    req = understand("Apiaries have a name. Each hive sits at an apiary and has a number.")
    assert ("many_to_one", "Hive", "Apiary") in Look.links(req)


def test_passive_agent_and_place_describe_the_subject() -> None:
    req = understand(
        "Riders have a name. Bikes have a number. Stations have a name. A trip is made by a "
        "rider on a bike, starting at one station and ending at another station."
    )
    links = {(r.source, r.target, r.field) for r in req.relations}
    assert {
        ("Trip", "Rider", "rider_id"),
        ("Trip", "Bike", "bike_id"),
        ("Trip", "Station", "start_station_id"),
        ("Trip", "Station", "end_station_id"),
    } <= links


@pytest.mark.parametrize(
    ("text", "child", "parent"),
    [
        ("Aliquots have a number. Tests are run on aliquots.", "Test", "Aliquot"),
        ("Patients have a name. Treatments are recorded per patient.", "Treatment", "Patient"),
        ("Samples have a barcode. Aliquots are split off a sample.", "Aliquot", "Sample"),
        (
            "Patients have a name. Dentists have a name. Treatments are recorded per patient "
            "and are performed by a dentist.",
            "Treatment",
            "Dentist",
        ),
        (
            "Assets have a tag. An asset is either assigned to an employee or sitting in a "
            "stock location.",
            "Asset",
            "StockLocation",
        ),
        (
            "Every asset has a tag, a type of laptop, monitor or phone, and it belongs to a model.",
            "Asset",
            "Model",
        ),
        (
            "Checkouts have a date. Returns are recorded against the checkout they came from, "
            "with the return date.",
            "Return",
            "Checkout",
        ),
        (
            "Schools have a name. Dishes have a name. A daily menu for a school on a given "
            "date offers several dishes.",
            "DailyMenu",
            "School",
        ),
        (
            "Enrolments have a weekday. Every lesson held under an enrolment is recorded with "
            "its date.",
            "Lesson",
            "Enrollment",
        ),
        (
            "Members have a name. Books borrowed by members are tracked with a due date.",
            "Book",
            "Member",
        ),
    ],
)
def test_many_to_one_shapes(text: str, child: str, parent: str) -> None:
    assert ("many_to_one", child, parent) in Look.links(understand(text))


def test_a_list_after_a_clause_gives_its_subject_fields() -> None:
    text = "Aliquots have a number. Tests are run on aliquots: test name, result value, date run"
    assert fields(text, "Test") == ["test_name", "result_value", "date_run"]


def test_contact_relative_clause_inside_a_field_list() -> None:
    text = "Teachers have a name, the instruments they teach and an hourly rate."
    assert fields(text, "Teacher") == ["name", "instruments", "hourly_rate"]


def test_british_and_american_spellings_are_one_entity() -> None:
    req = understand(
        "Students have a name. A student enrols in courses. Each enrolment records a grade."
    )
    assert "Enrollment" in Look.names(req)
    assert "Enrolment" not in Look.names(req)


def test_default_stated_after_the_field() -> None:
    req = understand("Lessons have a length in minutes, which is 30 by default.")
    length = Look.entity(req, "Lesson").fields[0]
    assert (length.name, length.type, length.default) == ("length_minutes", "integer", "30")


def test_casual_shorthand_and_etc() -> None:
    req = understand("Classes like yoga, spin etc have a room. Instructors r just name + bio.")
    assert fields("Instructors r just name + bio.", "Instructor") == ["name", "bio"]
    assert "Yoga" not in Look.names(req)


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("Teams have a name. A team has 2-5 participants.", ("many_to_one", "Participant", "Team")),
        (
            "Arms have a name. Each participant belongs to exactly one study arm.",
            ("many_to_one", "Participant", "Arm"),
        ),
        (
            "Patients have a name. Dentists have a name. A patient can optionally have a "
            "referring dentist.",
            ("many_to_one", "Patient", "Dentist"),
        ),
        (
            "Sites have a name. Participants are enrolled at a site.",
            ("many_to_one", "Participant", "Site"),
        ),
        (
            "Films have a title. A film can be selected for several sections.",
            ("many_to_many", "Film", "Section"),
        ),
        (
            "Shows have a title. Hosts have a name. Shows have multiple hosts and a host can be "
            "on multiple shows.",
            ("many_to_many", "Host", "Show"),
        ),
        (
            "Episodes have a title. A guest can appear on many episodes.",
            ("many_to_many", "Episode", "Guest"),
        ),
        (
            "Teams have a name. A participant is in one team.",
            ("many_to_one", "Participant", "Team"),
        ),
    ],
)
def test_counts_copulas_and_quantities_shape_the_relation(
    text: str, link: tuple[str, str, str]
) -> None:
    links = Look.links(understand(text))
    assert link in links
    assert len([x for x in links if {x[1], x[2]} == {link[1], link[2]}]) == 1


def test_register_with_fields_describes_the_subject() -> None:
    req = understand("Riders register with an email and a phone number.")
    assert Look.names(req) == ["Rider"]
    assert fields("Riders register with an email and a phone number.", "Rider") == [
        "email",
        "phone_number",
    ]


def test_people_are_records_when_they_have_fields_and_belong() -> None:
    req = understand(
        "Households have a name. People belong to a household; for each person we want a "
        "first name, an email and whether they have been baptized. A person can be part of "
        "many groups. Groups such as the choir have a name and a leader, who is one of the "
        "people in the directory."
    )
    assert Look.types(req, "Person") == {
        "first_name": "string",
        "email": "email",
        "baptized": "boolean",
    }
    links = {(r.kind, r.source, r.target, r.field) for r in req.relations}
    assert ("many_to_one", "Person", "Household", "household_id") in links
    assert ("many_to_one", "Group", "Person", "leader_id") in links
    assert ("many_to_many", "Person", "Group", None) in links
    assert "Choir" not in Look.names(req)


def test_plural_before_each_with_is_a_child_with_those_fields() -> None:
    req = understand(
        "Spaces have a name. The space has desks, each with a code such as A-12 and a rate."
    )
    assert fields(
        "Spaces have a name. The space has desks, each with a code and a rate.", "Desk"
    ) == [
        "code",
        "rate",
    ]
    assert ("many_to_one", "Desk", "Space") in Look.links(req)


def test_apposition_gives_the_subject_fields() -> None:
    text = (
        "Jars have a code. Gardeners, people with a name, an email and a neighbourhood, "
        "check out packets, and for each checkout we want the number of packets and the date."
    )
    assert fields(text, "Gardener") == ["name", "email", "neighbourhood"]
    assert fields(text, "Checkout") == ["number_of_packets", "date"]


def test_a_field_recorded_on_an_entity_with_its_values() -> None:
    req = understand(
        "Items have a brand. The outcome is recorded on the item as fixed, partly fixed or "
        "not fixed, along with repair notes."
    )
    outcome = Look.entity(req, "Item").fields[1]
    assert (outcome.name, outcome.type, outcome.values) == (
        "outcome",
        "enum",
        ("fixed", "partly_fixed", "not_fixed"),
    )
    assert Look.types(req, "Item")["repair_notes"] == "text"


def test_people_who_leave_details_and_kinds_with_fields() -> None:
    req = understand(
        "Items have a brand. Visitors only leave a first name and a postcode. Each item is "
        "seen by one fixer; fixers are volunteers with a name and a phone."
    )
    assert Look.types(req, "Visitor") == {"first_name": "string", "postcode": "string"}
    assert Look.types(req, "Fixer") == {"name": "string", "phone": "string"}
    assert ("many_to_one", "Item", "Fixer") in Look.links(req)
    assert "FirstName" not in Look.names(req)


def test_casual_dash_lists_in_one_line_and_shorthand() -> None:
    req = understand(
        "customers - name adress phone. jobs - customer, address if diff, desc, date booked, "
        "paid or not. parts used on a job: part name, qty, cost each."
    )
    assert Look.types(req, "Job") == {
        "address": "string",
        "description": "text",
        "date_booked": "date",
        "paid": "boolean",
    }
    assert fields("parts used on a job: part name, qty", "Part") == ["part_name", "quantity"]
    links = Look.links(req)
    assert {("many_to_one", "Job", "Customer"), ("many_to_one", "Part", "Job")} <= links


def test_type_of_values_and_between_ranges() -> None:
    req = understand("Jars have a type of glass, plastic or tin and a rate between 0 and 100.")
    jar = {f.name: f for f in Look.entity(req, "Jar").fields}
    assert jar["type"].values == ("glass", "plastic", "tin")
    assert (jar["rate"].minimum, jar["rate"].maximum) == (0, 100)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Rounds have a name. An application is submitted to one round.", "Application"),
        ("Tools have a name and a condition. Members borrow tools.", "Tool"),
        ("Managers have a name and a team name. Players have a club.", "Manager"),
        ("Salon services have a name and a price.", "SalonService"),
    ],
)
def test_words_that_also_name_software_can_name_records(text: str, entity: str) -> None:
    assert entity in Look.names(understand(text))


def test_a_giver_of_values_and_asides_are_not_entities() -> None:
    req = understand(
        "Applications have an amount. Each review gives a score and a recommendation. "
        "Hirers, whether local groups or individuals, have a name. Allergens, like peanuts "
        "or gluten, have a name."
    )
    assert fields("Each review gives a score and a recommendation.", "Review") == [
        "score",
        "recommendation",
    ]
    assert {"LocalGroup", "Recommendation", "Peanut"}.isdisjoint(Look.names(req))


def test_for_one_thing_on_a_date_with_fields() -> None:
    req = understand(
        "Rooms have a name. Hirers have a name. A hire is for one room and one hirer on a "
        "date, with a start and end time and whether the kitchen is needed."
    )
    assert list(Look.types(req, "Hire")) == ["date", "start_time", "end_time", "kitchen_needed"]
    assert {("many_to_one", "Hire", "Room"), ("many_to_one", "Hire", "Hirer")} <= Look.links(req)


def test_there_are_things_each_with_fields_and_a_clause_about_the_object() -> None:
    req = understand(
        "There are two rooms, the main hall and the meeting room, each stored with a name "
        "and a capacity. Students have a name. Students also sit grade exams, which are "
        "recorded with the grade level and the mark."
    )
    assert list(Look.types(req, "Room")) == ["name", "capacity"]
    assert list(Look.types(req, "GradeExam")) == ["grade_level", "mark"]
    assert ("many_to_one", "GradeExam", "Student") in Look.links(req)


def test_chatty_headings_and_value_lists() -> None:
    req = understand(
        "managers (name, team name, email). players r footballers w/ name, positon "
        "gk/def/mid/fwd. lessons have an attendance of present, absent or cancelled by "
        "teacher. + inspections twice a yr: date, grade 1-5. plots have a number. plots are "
        "rented by one tenant "
        "but a tenant can have up to 2 plots."
    )
    assert list(Look.types(req, "Manager")) == ["name", "team_name", "email"]
    position = Look.entity(req, "Player").fields[1]
    assert (position.name, position.values) == ("position", ("gk", "def", "mid", "fwd"))
    attendance = Look.entity(req, "Lesson").fields[0]
    assert attendance.values == ("present", "absent", "cancelled_by_teacher")
    assert list(Look.types(req, "Inspection")) == ["date", "grade"]
    assert ("many_to_one", "Plot", "Tenant") in Look.links(req)


def test_which_has_fields_before_the_main_clause() -> None:
    text = (
        "At each event, which has a date, a venue and an opening time, visitors bring in "
        "broken items. Items have a brand."
    )
    assert fields(text, "Event") == ["date", "venue", "opening_time"]


def test_an_unknown_act_ties_its_subject_to_each_single_thing() -> None:
    req = understand(
        "Films have a title. Venues have a name. A screening shows one film at one venue, "
        "with a start time and the number of seats sold."
    )
    assert {("many_to_one", "Screening", "Film"), ("many_to_one", "Screening", "Venue")} <= (
        Look.links(req)
    )
    assert list(Look.types(req, "Screening")) == ["start_time", "number_of_seats_sold"]


def test_booked_events_and_agreement_past_a_prepositional_phrase() -> None:
    req = understand(
        "Customers, which can be either businesses or people, book deliveries; a customer "
        "has a name. Deliveries have a price. The pieces in our music library have a title "
        "and a composer, and a piece can be performed at many concerts. Concerts have a date."
    )
    assert "Booking" not in Look.names(req)
    assert ("many_to_one", "Delivery", "Customer") in Look.links(req)
    assert list(Look.types(req, "Piece")) == ["title", "composer"]
    assert ("many_to_many", "Concert", "Piece") in Look.links(req)


def test_staged_as_a_run_each_with_and_a_clause_after_every() -> None:
    req = understand(
        "Productions have a title. A production is staged as a run of performances, each "
        "with a date and a curtain time, and every performance happens in one of our two "
        "venues, which have a name and a seat count."
    )
    assert list(Look.types(req, "Performance")) == ["date", "curtain_time"]
    assert list(Look.types(req, "Venue")) == ["name", "seat_count"]
    links = Look.links(req)
    assert {
        ("many_to_one", "Performance", "Production"),
        ("many_to_one", "Performance", "Venue"),
    } <= links


def test_made_up_of_broken_down_into_and_a_pair_record() -> None:
    req = understand(
        "Productions have a title. Each production is made up of roles, which have a "
        "character name. Landings have a time. A landing is broken down into catch lines, "
        "with the weight in kilograms. Trips have a date. Divers have a name. Divers are "
        "booked onto trips, and for each diver on a trip we want to know the tank pressure."
    )
    links = Look.links(req)
    assert {("many_to_one", "Role", "Production"), ("many_to_one", "CatchLine", "Landing")} <= links
    assert list(Look.types(req, "Booking")) == ["tank_pressure"]


def test_single_objects_of_m2m_verbs_and_participle_tails() -> None:
    req = understand(
        "Formulas have a name. Products each use exactly one formula. Vessels have a name. "
        "A landing involves one vessel arriving at a port."
    )
    links = Look.links(req)
    assert {("many_to_one", "Product", "Formula"), ("many_to_one", "Landing", "Vessel")} <= links
    assert "VesselArriving" not in Look.names(req)


def test_records_between_two_things_named_outright() -> None:
    req = understand(
        "Actors have a name. Roles have a name. Actors and roles are connected through "
        "castings, which record the weekly fee. Objects have a title. Agreements have a "
        "title. Agreements are signed yearly, so each object on an agreement is stored as a "
        "loan line, along with the credit line."
    )
    assert list(Look.types(req, "Casting")) == ["weekly_fee"]
    assert list(Look.types(req, "LoanLine")) == ["credit_line"]
    links = Look.links(req)
    assert {
        ("many_to_one", "Casting", "Actor"),
        ("many_to_one", "Casting", "Role"),
        ("many_to_one", "LoanLine", "Object"),
        ("many_to_one", "LoanLine", "Agreement"),
    } <= links


def test_two_roles_of_one_entity_stay_two_references() -> None:
    req = understand(
        "Institutions have a name. A loan agreement is tied to a lending institution and to "
        "a borrowing institution."
    )
    fields_of = {(r.field, r.target) for r in req.relations if r.source == "LoanAgreement"}
    assert fields_of == {
        ("lending_institution_id", "Institution"),
        ("borrowing_institution_id", "Institution"),
    }


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            "Employees have a name. Each employee reports to a manager, who is another employee.",
            "manager_id",
        ),
        (
            "Formulas have a name. A formula may optionally point to the formula it was "
            "derived from.",
            "parent_formula_id",
        ),
    ],
)
def test_self_references_name_their_role(text: str, field: str) -> None:
    rel = next(r for r in understand(text).relations if r.source == r.target)
    assert rel.field == field
