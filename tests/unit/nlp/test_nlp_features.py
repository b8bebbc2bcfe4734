"""Features, roles, non-functional needs and unsupported asks."""

from __future__ import annotations

import pytest

from tdeveloper.pipeline.nlp import understand
from tdeveloper.pipeline.nlp.features import (
    detect_features,
    detect_roles,
    detect_unsupported,
    non_functional,
)
from tdeveloper.spec.requirements import Requirements


@pytest.mark.parametrize(
    ("text", "feature"),
    [
        ("Tutors sign up and log in to see their schedule.", "auth"),
        ("Only administrators can delete courses.", "roles"),
        ("Managers approve expense claims.", "roles"),
        ("Visitors can search listings by city.", "search"),
        ("Mechanics upload photos of the damage.", "upload"),
        ("Each claim may have attachments.", "upload"),
        ("Send email reminders before each class.", "notifications"),
        ("Notify the owner when a parcel arrives.", "notifications"),
        ("Members pay online for their lockers.", "payments"),
        ("Checkout with Stripe.", "payments"),
    ],
)
def test_feature_phrases(text: str, feature: str) -> None:
    assert feature in detect_features(text)


def test_features_follow_the_literal_order() -> None:
    req = understand("Members log in, upload photos and pay online. Admins search everything.")
    assert req.features == ("auth", "roles", "search", "upload", "payments")


def test_plain_description_has_no_features() -> None:
    assert detect_features("Plants have a name and a height.") == ()


def test_roles() -> None:
    assert detect_roles("Roles: owner, editor and viewer.") == ("owner", "editor", "viewer")
    assert detect_roles("Admins and moderators review posts by members.") == (
        "admin",
        "moderator",
        "member",
    )
    req = understand("A club app. Admins approve new members. Members have a name.")
    assert "roles" in req.features
    assert req.roles[0] == "admin"


@pytest.mark.parametrize(
    ("text", "scale"),
    [
        ("A small team tool.", "small"),
        ("Used by thousands of volunteers.", "medium"),
        ("About 5,000 users a day.", "medium"),
        ("Must handle millions of requests.", "large"),
        ("A high-traffic storefront.", "large"),
        ("Around 250k users.", "large"),
    ],
)
def test_scale(text: str, scale: str) -> None:
    assert non_functional(text).scale == scale


def test_compliance_and_hints() -> None:
    nf = non_functional("Patient data must be HIPAA and GDPR compliant; SOC 2 audited; export CSV")
    assert nf.compliance == ("GDPR", "HIPAA", "SOC 2")
    assert "data export" in nf.hints


@pytest.mark.parametrize(
    "text",
    [
        "a chess engine that plays at grandmaster level",
        "an AI opponent for poker",
        "a video editing suite with timelines",
        "simulate fluid dynamics with a physics simulation",
        "a 3D rendering engine with ray tracing",
        "a real-time multiplayer game for phones",
        "write a compiler for my programming language",
        "train a neural network on our photos",
        "bitcoin mining rig manager",
        "a trading bot that executes trades on live markets",
        "an operating system kernel",
    ],
)
def test_unsupported_asks_are_named_and_invent_no_entities(text: str) -> None:
    req = understand(text)
    assert req.unsupported
    assert req.entities == () or all(e.source != "knowledge_base" for e in req.entities)
    assert any("cannot build" in q for q in req.questions)


def test_pure_chess_engine_has_no_model() -> None:
    req = understand("A chess engine that plays at grandmaster level.")
    assert req.unsupported
    assert req.entities == ()
    assert req.relations == ()
    assert req.domain is None


def test_mixed_request_keeps_the_crud_part() -> None:
    req = understand(
        "A chess club app with members and tournaments, plus an engine that analyses games."
    )
    assert {e.name for e in req.entities} == {"Member", "Tournament"}
    assert req.unsupported == ("game-playing engine (move search and evaluation)",)


def test_chess_tournaments_alone_are_supported() -> None:
    req = understand("Chess league: players (name, rating) and games (result, played on).")
    assert req.unsupported == ()
    assert [e.name for e in req.entities] == ["Player", "Game"]


def test_masking_keeps_offsets() -> None:
    labels, masked = detect_unsupported("Pets: name. Also a chess engine!")
    assert labels
    assert len(masked) == len("Pets: name. Also a chess engine!")
    assert masked.startswith("Pets: name.")


def _accounts(req: Requirements) -> list[str]:
    """The entities nl_input marked as holding accounts (a unique, required email)."""
    return [
        e.name
        for e in req.entities
        if any(f.name == "email" and f.type == "email" and f.unique for f in e.fields)
    ]


@pytest.mark.parametrize(
    ("text", "account"),
    [
        (  # the antecedent of "who"
            "The app is used by researchers, who log in with single sign-on. Researchers "
            "have a name and a career stage. Instruments have a name and a room.",
            "Researcher",
        ),
        (  # a list of people, one of them an entity
            "Journalists, editors and freelancers will log in. Stories have a headline. "
            "Each story is edited by one editor; editors have a name and a desk.",
            "Editor",
        ),
        (  # "staff" starts the one person entity StaffMember
            "Staff members have a name and a phone number. Shifts have a date and belong to "
            "one staff member. Staff log in with a one-time code.",
            "StaffMember",
        ),
        (  # no one is said to sign up, but one stated person has an email
            "Newsletter signup page; subscribers have an email and a first name and choose "
            "topics. Topics have a name.",
            "Subscriber",
        ),
    ],
)
def test_the_stated_person_who_logs_in_holds_the_accounts(text: str, account: str) -> None:
    req = understand(text)
    assert "auth" in req.features
    assert _accounts(req) == [account]
    assert "User" not in [e.name for e in req.entities]


def test_a_long_brief_that_names_login_as_a_need_gets_no_user_table() -> None:
    """Its people who log in are no entity: the generator adds the accounts itself."""
    req = understand(
        "We run a network of clinics. Today bookings live in a paper diary. Clinics have a "
        "name, an address and a phone number. Therapists have a full name and a "
        "registration number, and work at one clinic. Patients have a name and a date of "
        "birth. Every appointment is for one patient with one therapist and has a start "
        "time. All staff log in with single sign-on through our Microsoft accounts."
    )
    assert "auth" in req.features
    assert "User" not in [e.name for e in req.entities]
    assert _accounts(req) == []


def test_people_who_will_not_log_in_are_not_the_accounts() -> None:
    req = understand(
        "Customers will not log in. Staff sign in. Customers have a name and a company. "
        "Orders have a date."
    )
    assert "Customer" not in _accounts(req)
    assert _accounts(req) == ["User"]  # a short text: nobody stated fits, so a User


def test_a_thing_before_the_generic_people_who_log_in_is_not_the_account() -> None:
    req = understand("Bookings have a date and a room. On the booking page, users log in.")
    assert _accounts(req) == ["User"]
