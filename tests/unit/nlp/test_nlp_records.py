"""Records named without a verb the lexicon knows: unknown verbs, qualified heads, contact
clauses, relatives about the object."""

from __future__ import annotations

import pytest

from support.nl import Look
from tdeveloper.pipeline.nlp import understand


@pytest.mark.parametrize(
    ("text", "entity", "fields", "link"),
    [
        # an unknown verb after a subject with its values in parentheses
        (
            "Patents have a title. Law firms (firm name, contact attorney, billing rate) "
            "prosecute the patents.",
            "LawFirm",
            ["firm_name", "contact_attorney", "billing_rate"],
            None,
        ),
        # an unknown verb after "a" and a two-word subject
        (
            "Volunteers have a name. Services have a date. A roster entry puts one volunteer "
            "on one service with a role and a start time.",
            "RosterEntry",
            ["role", "start_time"],
            "Service",
        ),
        # an unknown verb, then ", with" and the values
        (
            "Instruments have a name. Maintenance windows block an instrument, with a start "
            "date, an end date and a reason.",
            "MaintenanceWindow",
            ["start_date", "end_date", "reason"],
            "Instrument",
        ),
        # "X we receive is logged against ...": the subject is X
        (
            "Applications have a title. Every office action we receive is logged against its "
            "application with the action type and the date received.",
            "OfficeAction",
            ["action_type", "date_received"],
            "Application",
        ),
        # "grouped into Ys, which have ...": the relative clause is about the Ys
        (
            "Applications have a title. Applications are grouped into patent families, "
            "which have a family name and a priority date.",
            "PatentFamily",
            ["family_name", "priority_date"],
            None,
        ),
        # a chat-style dash head qualified by "per"
        (
            "tanks: name, volume. water tests per tank - date, ph, ammonia",
            "WaterTest",
            ["date", "ph", "ammonia"],
            "Tank",
        ),
        # a verbless "X per Y with ..." phrase
        (
            "Tanks: name, volume. Also a maintenance log per tank with date and notes.",
            "MaintenanceLog",
            ["date", "notes"],
            "Tank",
        ),
        # a contact clause with a preposition as the head of a dash list
        (
            "trucks (name, plate no). spots we park at - name, address, permit expiry",
            "Spot",
            ["name", "address", "permit_expiry"],
            None,
        ),
    ],
)
def test_unknown_verbs_and_qualified_heads_name_records(
    text: str, entity: str, fields: list[str], link: str | None
) -> None:
    req = understand(text)
    assert [f.name for f in Look.entity(req, entity).fields if f.type != "reference"] == fields
    if link is not None:
        assert ("many_to_one", entity, link) in Look.links(req)


def test_a_plural_noun_is_not_read_as_an_unknown_verb() -> None:
    req = understand("A meetup site where organisers create groups, groups host events.")
    assert "HostEvent" not in Look.names(req)
    assert ("many_to_one", "Event", "Group") in Look.links(req)


def test_who_does_an_activity_is_no_record() -> None:
    req = understand(
        "Images have a file path. Tagging is done by volunteers and students; each tagger "
        "has a name and an experience level."
    )
    assert Look.names(req) == ["Image", "Tagger"]


def test_values_lose_manner_adverbs_and_reasons() -> None:
    req = understand(
        "Stations have a code. The cameras are tracked separately with a serial number, a "
        "make and a purchase date, because they move between stations."
    )
    assert Look.fields(req, "Camera") == [
        "serial_number",
        "make",
        "purchase_date",
    ]


def test_storage_named_in_passing_is_no_table() -> None:
    req = understand(
        "Images have a file path and sit on external hard drives. Species are held in a "
        "reference table with a common name and a scientific name. Each image shows one "
        "species."
    )
    assert sorted(Look.names(req)) == ["Image", "Species"]


def test_many_later_in_the_clause_does_not_make_the_link_many() -> None:
    req = understand(
        "Images have a file path. Detections have a confidence score. A detection is "
        "attached to an image, says how many individuals were seen, and has a confidence "
        "score."
    )
    assert ("many_to_one", "Detection", "Image") in Look.links(req)


@pytest.mark.parametrize(
    ("text", "entity", "fields"),
    [
        # ", each with" after a plural object: the values are the object's
        (
            "Drivers have a name. The road network is divided into routes, each with a "
            "route code, a priority class and a target time.",
            "Route",
            ["route_code", "priority_class", "target_time"],
        ),
        # an unknown verb with a preposition, then ", each with" about the subject
        (
            "Settings have a percentage. Targeting rules hang off that setting in priority "
            "order, each with a position, an attribute and an operator.",
            "TargetingRule",
            ["position", "attribute", "operator"],
        ),
        # "X are <description> (values)": the parenthesised values are X's
        (
            "Rules have a name. Segments are reusable groups of customers (name, "
            "description, included account IDs).",
            "Segment",
            ["name", "description", "included_account_ids"],
        ),
        # "several Xs (examples) with values": a child with its values
        (
            "Projects have a name. Each project has several environments (development, "
            "staging and so on) with a name, a key and a colour.",
            "Environment",
            ["name", "key", "colour"],
        ),
        # a title, then the one kind of thing with its values
        (
            "URL shortener: links with a target url, short code and click count",
            "Link",
            ["target_url", "short_code", "click_count"],
        ),
        # "we log a X with ...": the record and its values
        (
            "Shipments have a reference. We log a tracking event with a timestamp, a status "
            "and an optional note.",
            "TrackingEvent",
            ["timestamp", "status", "note"],
        ),
        # "an inventory of Xs (examples) with ...": the Xs are the records
        (
            "Members have a name. We also want a simple inventory of consumables (acrylic "
            "sheets, filament) with name, unit and a reorder threshold.",
            "Consumable",
            ["name", "unit", "reorder_threshold"],
        ),
    ],
)
def test_values_reach_the_thing_they_describe(text: str, entity: str, fields: list[str]) -> None:
    req = understand(text)
    assert [f.name for f in Look.entity(req, entity).fields if f.type != "reference"] == fields


def test_an_apposition_with_values_then_an_unknown_verb() -> None:
    req = understand(
        "Matches have a date. A referee, with a name and a grade, officiates each match."
    )
    assert Look.fields(req, "Referee") == ["name", "grade"]
    assert ("many_to_one", "Match", "Referee") in Look.links(req)


def test_reviewing_with_values_names_a_review() -> None:
    req = understand(
        "Listings have a title. Travellers have a name. After a stay the traveller can "
        "review the listing with a rating from 1 to 5 and some text."
    )
    assert Look.types(req, "Review")["rating"] == "integer"
    assert {("many_to_one", "Review", "Traveller"), ("many_to_one", "Review", "Listing")} <= (
        Look.links(req)
    )


def test_examples_after_like_are_rows_and_the_same_thing_shared_is_many_to_many() -> None:
    req = understand(
        "Listings have a title. Listings offer amenities like wifi, parking or a pool, and "
        "the same amenity is shared by many listings."
    )
    assert sorted(Look.names(req)) == ["Amenity", "Listing"]
    assert Look.links(req) == {("many_to_many", "Amenity", "Listing")}


def test_people_who_like_things_are_not_examples() -> None:
    req = understand("Members have a name. Members like posts, comments and photos.")
    assert {"Post", "Comment", "Photo"} <= set(Look.names(req))


def test_a_first_value_that_is_another_entity_points_at_it() -> None:
    req = understand(
        "carpool thing for school parents. parents: name, phone. rides: driver is a parent, "
        "date, departure time, seats avail"
    )
    assert ("many_to_one", "Ride", "Parent") in Look.links(req)
    assert [r.field for r in req.relations if r.source == "Ride"] == ["driver_id"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # "a number of berths" counts berths
        ("Ports have a name and a number of berths.", ["Port"]),
        # "whether a perfume, a candle or a diffuser": examples of the thing
        (
            "Finished products, whether a perfume, a candle or a diffuser, each use exactly "
            "one formula and have a product name. Formulas have a code.",
            ["Formula", "Product"],
        ),
        # "sits at" is a verb here, and "the club's apiaries" are apiaries
        (
            "Members have a name. A hive always belongs to exactly one member and sits at one "
            "of the club's apiaries.",
            ["Apiary", "Hive", "Member"],
        ),
    ],
)
def test_counts_examples_and_owners_name_no_tables(text: str, names: list[str]) -> None:
    assert sorted(Look.names(understand(text))) == names


def test_a_count_of_an_entity_is_no_reference() -> None:
    req = understand(
        "Schools have a name and a number of pupils. Each pupil is enrolled at one school."
    )
    assert Look.types(req, "School") == {"name": "string", "number_of_pupils": "integer"}
    assert Look.links(req) == {("many_to_one", "Pupil", "School")}


def test_chat_notes_name_records_they_log_and_values_they_need() -> None:
    req = understand(
        "walls: name, angle. routes r set on a wall w/ grade (V0-V10), hold colour, date set. "
        "members log sends - member + route + date + # of attempts + flash y/n. members just "
        "need name, email, membrship type. oh and routes get stripped n replaced"
    )
    assert Look.types(req, "Route") == {
        "grade": "string",
        "hold_colour": "string",
        "date_set": "date",
    }
    assert Look.types(req, "Send") == {
        "date": "date",
        "number_of_attempts": "integer",
        "flash": "boolean",
    }
    assert Look.fields(req, "Member") == [
        "name",
        "email",
        "membership_type",
    ]
    assert {
        ("many_to_one", "Route", "Wall"),
        ("many_to_one", "Send", "Member"),
        ("many_to_one", "Send", "Route"),
    } <= Look.links(req)


def test_a_note_typed_without_full_stops_is_read_sentence_by_sentence() -> None:
    req = understand(
        "app for tracking my plants each plant has a name and a last watered date i also "
        "want to log fertilizing events with date and product used"
    )
    assert sorted(Look.names(req)) == ["FertilizingEvent", "Plant"]
    assert Look.fields(req, "FertilizingEvent") == [
        "date",
        "product_used",
    ]


def test_and_each_does_not_start_a_new_sentence() -> None:
    req = understand(
        "University clubs directory where students can join many clubs and each club has a "
        "president who is a student"
    )
    assert ("many_to_many", "Club", "Student") in Look.links(req)


def test_a_chat_note_with_groups_places_and_inline_heads() -> None:
    req = understand(
        "hey so i need an app for my dj bookings lol. vennues (name, city, capacity) + "
        "promoters who book me, promoter has name phone & insta handle. each gig is at a "
        "venue on a date w/ fee, set lenght, and status (enquiry/confirmed/paid). a setlist "
        "is for one gig and has tracks in order, track = title, artist, bpm, key."
    )
    assert Look.fields(req, "Venue") == ["name", "city", "capacity"]
    assert Look.types(req, "Gig") == {"fee": "decimal", "set_length": "float", "status": "enum"}
    assert Look.fields(req, "Track") == ["title", "artist", "bpm", "key"]
    assert {("many_to_one", "Gig", "Venue"), ("many_to_one", "Setlist", "Gig")} <= Look.links(req)


def test_one_of_our_n_places_is_one_place() -> None:
    req = understand("plots have a number. plots are on one of our 3 sites (name + postcode).")
    assert Look.fields(req, "Site") == ["name", "postcode"]
    assert Look.links(req) == {("many_to_one", "Plot", "Site")}


def test_we_deal_with_is_no_deal_and_each_recorded_with_gives_values() -> None:
    req = understand(
        "Loans have a date. We deal with partner institutions. The network is divided into "
        "routes, each recorded with a code and a length."
    )
    assert "Deal" not in Look.names(req)
    assert Look.fields(req, "Route") == ["code", "length"]


def test_a_bullet_whose_head_is_a_clause_gives_its_subject_the_values() -> None:
    req = understand(
        "Podcast network CMS\n- shows: title, slug\n- episodes belong to a show: episode "
        "number, title, audio url, publish date\n- Users log in with email. Roles: admin, "
        "editor"
    )
    assert [f.name for f in Look.entity(req, "Episode").fields if f.type != "reference"] == [
        "episode_number",
        "title",
        "audio_url",
        "publish_date",
    ]
    assert ("many_to_one", "Episode", "Show") in Look.links(req)


def test_the_one_thing_a_terse_request_names_is_kept() -> None:
    req = understand("Track our office plants and when each one was last watered.")
    assert Look.names(req) == ["OfficePlant"]


def test_two_entity_groups_joined_by_and() -> None:
    req = understand("Cars (plate, model, daily price) and rentals (customer name, pickup date).")
    assert Look.fields(req, "Car") == ["plate", "model", "daily_price"]
    assert ("many_to_one", "Rental", "Car") in Look.links(req)


def test_values_kept_for_an_owner_named_with_s() -> None:
    req = understand(
        "Trials have a name. Handlers enter with their dogs: we keep the handler's name, phone "
        "number and home county, and for each dog its registered name, breed and date of birth."
    )
    assert Look.fields(req, "Handler") == [
        "name",
        "phone_number",
        "home_county",
    ]
    assert Look.fields(req, "Dog") == [
        "registered_name",
        "breed",
        "date_of_birth",
    ]


def test_a_record_that_notes_values() -> None:
    req = understand(
        "Dogs have a name. A run ties one dog to one trial and notes the draw position and the "
        "total score."
    )
    assert {"draw_position", "total_score"} <= {f.name for f in Look.entity(req, "Run").fields}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a gerund is no finite verb: "claims handling for a small broker" is a title
        (
            "Insurance claims handling for a small broker. Policyholders have a name.",
            ["Policyholder"],
        ),
        # "get a robe issued at the start of the season" names no start and no season
        ("Singers have a name. Singers get a robe issued at the start of the season.", ["Singer"]),
        # sections outside the model and titles given as a colon list
        (
            "Bands have a name. Outside scope: we don't need the seating plan, the programme "
            "adverts or the raffle.",
            ["Band"],
        ),
        ("Internal spec: customer accounts and billing. Accounts have a name.", ["Account"]),
        # a retention rule is no table; "has outgrown its index cards" is no value list
        (
            "Records must be kept for seven years. Our core store has outgrown its index "
            "cards. Cores have a depth.",
            ["Core"],
        ),
        # "we have three vehicles, each with ...": the vehicles and their values
        (
            "Incidents have a date. We also have three vehicles, each with a registration.",
            ["Incident", "Vehicle"],
        ),
        # "we'd like a register of members with ..." wants members, not a register
        (
            "I'd like a register of members with name, membership number and date joined.",
            ["Member"],
        ),
    ],
)
def test_wording_that_names_no_tables(text: str, names: list[str]) -> None:
    assert Look.names(understand(text)) == names


def test_has_done_is_no_value_list() -> None:
    req = understand(
        "Rooms have a name. The hall is run by a small trust, and the secretary, who has done "
        "it by hand for years, is retiring."
    )
    assert all(f.name != "done" for e in req.entities for f in e.fields)


def test_we_have_things_each_with_values_then_a_clause() -> None:
    req = understand(
        "Incidents have a date. We also have three vehicles, each with a registration and a "
        "name, and we log which vehicle went to which incident."
    )
    assert sorted(Look.names(req)) == ["Incident", "Vehicle"]
    assert Look.fields(req, "Vehicle") == ["registration", "name"]
