"""Verbs that make a record of their own or assign one thing to another.

"Members borrow books" -> a Loan referencing Member and Book; "customers book deliveries"
needs no Booking (the delivery is the booking); "technicians are assigned to requests" ->
the request references the technician. clauses.py reads the clause into a `Predicate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdeveloper.pipeline.nlp.items import Reading, add_fields, fieldish
from tdeveloper.pipeline.nlp.lexicon import words, wordset
from tdeveloper.pipeline.nlp.model import EntityDraft, is_person
from tdeveloper.pipeline.nlp.phrases import DETERMINED, PLACES, WITH, entities, member_of
from tdeveloper.pipeline.nlp.text import split_list
from tdeveloper.pipeline.nlp.verbs import JOIN_NOUNS, Verb
from tdeveloper.spec.names import snake

__all__ = ["Predicate", "assign", "join"]


@dataclass
class Predicate:
    subject: EntityDraft | None
    verb: Verb
    passive: bool
    objects: list[EntityDraft]
    mods: list[tuple[str, str]]
    region: str


_POSSESSIVE = re.compile(r"^(?:their|his|her|its)\s", re.IGNORECASE)
_CONTAINERS = wordset(
    "table room group team class bed seat shift department ward cabin desk slot squad "
    "section unit cohort crew house dorm"
)


def join(reading: Reading, p: Predicate) -> None:
    """ "Members borrow books" -> Loan -> Member and Loan -> Book (or M2M when "many")."""
    draft = reading.draft
    if p.subject is not None and _join_describes_subject(reading, p):
        return
    noun = JOIN_NOUNS.get(p.verb.base, p.verb.base)
    target = p.objects[0] if p.objects else _default_object(reading, p.subject)
    if p.subject and target and not p.passive and _POSSESSIVE.match(p.region):
        draft.relate("many_to_one", target, p.subject)  # "drivers register their cars"
        return
    if p.subject and target and not p.passive and _booked_event(p.verb, target):
        draft.relate("many_to_one", target, p.subject)  # "customers book deliveries"
        return
    existing = draft.find(noun)
    many = bool(set(words(p.region)) & {"many", "multiple", "several"})
    if p.subject is not None and target is not None and existing is None and many:
        draft.relate("many_to_many", p.subject, target)
        return
    if p.subject is None and target is None:
        return
    join = existing or draft.declare(noun, source="inferred")
    if join is None:
        return
    for other in (p.subject, target):
        if other is not None and other is not join:
            draft.relate("many_to_one", join, other, required=True, tag="inferred")
    for marker, text in p.mods:
        # "rent cameras for a start date and end date": the dates describe the rental
        if marker in WITH or (marker == "for" and all(fieldish(i) for i in split_list(text))):
            add_fields(reading, join, text)
    p.mods.clear()
    reading.last_object = join


# Things that are themselves the booking: "customers book deliveries" needs no Booking.
_EVENTS = wordset(
    "delivery appointment session trip ride lesson visit repair consultation treatment "
    "shipment pickup inspection tour event flight massage haircut cleaning installation job "
    "service move transfer collection"
)


def _booked_event(verb: Verb, target: EntityDraft) -> bool:
    head = snake(target.name).split("_")[-1]
    return verb.base in {"book", "reserve", "order", "request"} and head in _EVENTS


def _join_describes_subject(reading: Reading, p: Predicate) -> bool:
    """ "Riders register with an email": the subject's fields, not a Registration;
    "participants are enrolled at a site": one site each, not an Enrollment."""
    assert p.subject is not None
    if p.objects and not (p.passive and DETERMINED.match(p.region) and not p.mods):
        return False
    if p.passive and p.objects and DETERMINED.match(p.region) and not p.mods:
        for obj in p.objects:  # "each plot is rented by one tenant"
            reading.draft.relate("many_to_one", p.subject, obj, tag="inferred")
        return True
    if p.mods and all(marker in WITH for marker, _ in p.mods):
        for _, text in p.mods:
            add_fields(reading, p.subject, text)
        return True
    places = [text for marker, text in p.mods if marker in PLACES and DETERMINED.match(text)]
    if not (p.passive and places):
        return False
    for text in places:
        member_of(reading, p.subject, text)
    return True


def _default_object(reading: Reading, subject: EntityDraft | None) -> EntityDraft | None:
    """The thing an object-less "students enroll" is about: the first non-person entity."""
    for entity in reading.draft.entities.values():
        if entity is not subject and not is_person(entity.name) and not entity.weak:
            return entity
    return None


def assign(reading: Reading, p: Predicate) -> None:
    """The non-person side holds the reference: requests get a technician_id."""
    pairs: list[tuple[EntityDraft, EntityDraft]] = []
    if p.passive and p.subject is not None:
        pairs = [(p.subject, obj) for obj in p.objects]
    else:
        targets = [t for m, text in p.mods if m == "to" for t in entities(reading, text)]
        pairs = [(obj, t) for obj in p.objects for t in targets]
        p.mods[:] = [(m, t) for m, t in p.mods if m != "to"]
    for a, b in pairs:
        # A work item gets its assignee (requests -> technician), but a person is placed
        # into a container (guest -> table, employee -> team).
        container = snake(b.name).split("_")[-1] in _CONTAINERS
        person_first = is_person(a.name) and not is_person(b.name) and not container
        child, parent = (b, a) if person_first else (a, b)
        reading.draft.relate("many_to_one", child, parent, field=f"{snake(parent.name)}_id")
