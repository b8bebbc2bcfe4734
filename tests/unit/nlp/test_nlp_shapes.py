"""Every relation shape and field rule the issue names, one small description each."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.nl import Look, read_or_refuse
from tdeveloper.pipeline.nlp import understand
from tdeveloper.spec import FieldReq, RelationReq, Requirements


def relation(req: Requirements, source: str, target: str, field: str | None = None) -> RelationReq:
    found = [
        r
        for r in req.relations
        if (r.source, r.target) == (source, target) and (field is None or r.field == field)
    ]
    assert found, f"no {source} -> {target} ({field}) in {req.relations}"
    return found[0]


def field(req: Requirements, entity: str, name: str) -> FieldReq:
    fields = {f.name: f for f in Look.entity(req, entity).fields}
    assert name in fields, f"{entity}.{name} not in {sorted(fields)}"
    return fields[name]


@pytest.mark.parametrize(
    "text",
    [
        "Each pet belongs to an owner. Owners have a name. Pets have a name.",
        "An owner has many pets. Owners have a name. Pets have a name.",
    ],
)
def test_many_to_one_in_both_phrasings(text: str) -> None:
    rel = relation(understand(text), "Pet", "Owner")
    assert (rel.kind, rel.field) == ("many_to_one", "owner_id")


def test_many_to_many_directly() -> None:
    req = understand("Attendees bookmark talks. Talks have a title. Attendees have a name.")
    assert ("many_to_many", "Attendee", "Talk") in Look.links(req)


def test_many_to_many_through_a_join_entity_with_its_own_fields() -> None:
    req = understand("A school: students, courses and enrollments with a grade.")
    assert field(req, "Enrollment", "grade").source == "stated"
    assert relation(req, "Enrollment", "Student").kind == "many_to_one"
    assert relation(req, "Enrollment", "Course").kind == "many_to_one"


def test_self_reference() -> None:
    req = understand("HR app: employees have a name and a manager who is another employee.")
    rel = relation(req, "Employee", "Employee")
    assert rel.field == "manager_id"
    assert rel.required is False


def test_role_named_references_to_one_entity() -> None:
    req = understand("Matches have a home team, an away team and a kickoff. Teams have a name.")
    assert relation(req, "Match", "Team", "home_team_id").kind == "many_to_one"
    assert relation(req, "Match", "Team", "away_team_id").kind == "many_to_one"
    assert ("many_to_many", "Match", "Team") not in Look.links(req)


def test_both_users_types_the_role_references_and_optional_is_kept() -> None:
    req = understand(
        "Issues have a title, a reporter and an assignee, both users. The assignee is optional."
        " The reporter is required. Users have a name and an email."
    )
    assert relation(req, "Issue", "User", "reporter_id").required is True
    assert relation(req, "Issue", "User", "assignee_id").required is False
    assert [f.name for f in Look.entity(req, "User").fields] == ["name", "email"]


def test_required_and_optional_references() -> None:
    req = understand(
        "Each order belongs to a customer. An order may have no courier at all. "
        "Customers have a name. Couriers have a name. Orders have a total."
    )
    assert relation(req, "Order", "Customer").required is True
    assert relation(req, "Order", "Courier").required is False


def test_types_from_names() -> None:
    req = understand(
        "Contacts have a birthday, a created at, a balance, a quantity, an active flag, "
        "an email, a website url and a phone number."
    )
    assert Look.types(req, "Contact") == {
        "birthday": "date",
        "created_at": "datetime",
        "balance": "decimal",
        "quantity": "integer",
        "active": "boolean",
        "email": "email",
        "website_url": "url",
        "phone_number": "string",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Tickets have a priority (low, medium, high).",
        "Tickets have a priority: low/medium/high.",
        "Tickets have a priority which is one of low, medium or high.",
    ],
)
def test_enums_from_groups_slashes_and_one_of(text: str) -> None:
    priority = field(understand(text), "Ticket", "priority")
    assert (priority.type, priority.values) == ("enum", ("low", "medium", "high"))


def test_unique_from_identified_by_keeps_the_field_and_no_entity() -> None:
    req = understand("Vehicles are identified by their plate and have a make, a model and a year.")
    assert Look.names(req) == ["Vehicle"]
    plate = field(req, "Vehicle", "plate")
    assert plate.unique and plate.required
    assert [f.name for f in Look.entity(req, "Vehicle").fields][-3:] == ["make", "model", "year"]


def test_unique_required_optional_words() -> None:
    req = understand("Members have a unique code, a required nickname and an optional phone.")
    code, nickname, phone = (field(req, "Member", n) for n in ("code", "nickname", "phone"))
    assert code.unique and code.required
    assert nickname.required and not nickname.unique
    assert not phone.required


@pytest.mark.parametrize(
    "text",
    [
        "Vehicles have a status (active/maintenance/retired, default: active).",
        "Vehicles have a status (active/maintenance/retired). Status defaults to active.",
    ],
)
def test_defaults(text: str) -> None:
    assert field(understand(text), "Vehicle", "status").default == "active"


def test_a_default_that_is_not_a_value_is_dropped() -> None:
    req = understand("Vehicles have a status (active/retired). Status defaults to flying.")
    assert field(req, "Vehicle", "status").default is None


@pytest.mark.parametrize(
    "text",
    [
        "Reviews have a comment and a rating from 1 to 5.",
        "Reviews have a comment and a rating (1-5).",
        "Reviews have a comment and a rating. The rating must be between 1 and 5.",
    ],
)
def test_ranges(text: str) -> None:
    rating = field(understand(text), "Review", "rating")
    assert (rating.type, rating.minimum, rating.maximum) == ("integer", 1.0, 5.0)


def test_logging_in_adds_a_user_with_a_unique_email_and_roles() -> None:
    req = understand("Users log in. Admins approve expense claims. Claims have an amount.")
    assert "auth" in req.features and "roles" in req.features
    user = Look.entity(req, "User")
    assert user.source == "inferred"
    email = field(req, "User", "email")
    assert email.unique and email.required and email.type == "email"
    role = field(req, "User", "role")
    assert role.values == req.roles and role.default == req.roles[-1]


def test_the_person_who_logs_in_is_the_account() -> None:
    req = understand("Observers sign up with a display name and an email. Birds have a name.")
    assert "User" not in Look.names(req)
    assert field(req, "Observer", "email").unique


def test_every_item_carries_where_it_came_from() -> None:
    req = understand("A helpdesk: tickets have a subject. Agents handle tickets.")
    assert field(req, "Ticket", "subject").source == "stated"
    assert {e.source for e in req.entities} <= {"stated", "inferred", "knowledge_base"}
    assert all(0.0 < f.confidence <= 1.0 for e in req.entities for f in e.fields)


def test_typos_in_entity_words_are_repaired_but_real_words_are_not() -> None:
    req = understand("shop app. custmers make oders. oders have a total. setlists have a name.")
    assert {"Customer", "Order", "Setlist"} <= set(Look.names(req))


def test_markdown_headings_and_nested_bullets() -> None:
    req = understand(
        "### Project\n- name\n- deadline\n\n### Task\n- title\n- belongs to a project\n"
        "- may have a parent task\n\n- Aircraft\n  - tail number (unique)\n  - model\n"
    )
    assert {"Project", "Task", "Aircraft"} <= set(Look.names(req))
    assert relation(req, "Task", "Task").field == "parent_task_id"
    assert relation(req, "Task", "Project").required is True
    assert field(req, "Aircraft", "tail_number").unique


def test_a_reference_the_text_did_not_state_becomes_a_question() -> None:
    req = understand("helpdesk with tickets, agents and customers")
    assert relation(req, "Ticket", "Customer").source_tag == "knowledge_base"
    assert "Can a ticket have several customers? It was read as one customer." in req.questions
    stated = understand("Each ticket belongs to a customer. Tickets have a subject.")
    assert not any("several" in q for q in stated.questions)


_WORDS = [
    "Members", "have", "a", "name", "and", "books", "belong", "to", "each", "(", ")", ",",
    ":", "/", "-", "1", "5", ".", "\n", "- ", "### ", "**", "->", "|", "with", "both", "users",
    "is", "identified", "by", "defaults", "default", "unique", "optional", "required", "from",
    "no", "at all", "who", "another", "employee", "manager", "log in", "sign up", "admins",
    "approve", "GDPR", "many", "several", "one of", "or", "~", "  - ", "Task:", "custmers",
    "oders", "that", "must be",
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40).map(" ".join))
def test_any_arrangement_of_the_rule_words_reads_or_is_refused_cleanly(text: str) -> None:
    read_or_refuse(text)


def test_markdown_tables() -> None:
    req = understand(
        "Gym app\n\n| Entity | Fields |\n|---|---|\n| Member | name, email, joined on |\n"
        "| Class | title, capacity |\n| Booking | member, class, status (booked/cancelled) |\n"
    )
    assert Look.names(req) == ["Member", "Class", "Booking"]
    assert relation(req, "Booking", "Class").field == "class_id"
    assert field(req, "Booking", "status").values == ("booked", "cancelled")


def test_references_both_ways_are_one_many_to_many() -> None:
    req = understand(
        "Shows have a title. Hosts have a name. A show has one or more hosts and a host can "
        "present several shows."
    )
    assert Look.links(req) == {("many_to_many", "Host", "Show")}


def test_housed_in_and_a_sentence_after_a_field_list() -> None:
    req = understand(
        "- Kennel: code, size\n- Animal: name, species\n- an animal is housed in a kennel\n"
        "- Car: registration (unique), make. Each car belongs to a customer.\n"
        "- Customer: name"
    )
    assert relation(req, "Animal", "Kennel").kind == "many_to_one"
    assert relation(req, "Car", "Customer").required is True
    assert [f.name for f in Look.entity(req, "Car").fields] == ["registration", "make"]


def test_a_kind_of_app_with_only_side_records_gets_its_main_record() -> None:
    req = understand("bookmark manager with tags")
    assert Look.entity(req, "Bookmark").source == "knowledge_base"
    assert ("many_to_many", "Bookmark", "Tag") in Look.links(req)


@pytest.mark.parametrize(
    "text",
    [
        "Posts have a title. Tags have a name. Posts and tags are many-to-many.",
        "Posts have a title. Tags have a name. There is a many-to-many relationship between "
        "posts and tags.",
        "- Post: title\n- Tag: name\n- Post <-> Tag",
    ],
)
def test_many_to_many_stated_outright(text: str) -> None:
    assert Look.links(understand(text)) == {("many_to_many", "Post", "Tag")}


def test_a_phrase_of_modifiers_names_no_entity() -> None:
    read_or_refuse("unique with all")  # once gave an entity with an empty name
