"""Clauses with a verb: subject, verb group, objects and trailing modifiers -> model facts.

"Organizers create events with a name and venue" reads as subject=Organizer, verb=create
(class "create"), objects=[Event], modifiers=[("with", "a name and venue")], which gives
Event -> Organizer and Event's fields. verbs.py says what each verb class means.
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.copula import ONE_OF_N, copula
from tdeveloper.pipeline.nlp.items import (
    WITH_ITEM,
    Reading,
    add_fields,
    declare_item,
    entity_group,
    fieldish,
    plural_thing,
)
from tdeveloper.pipeline.nlp.joins import Predicate, assign, join
from tdeveloper.pipeline.nlp.lexicon import (
    AUX,
    BE,
    DET,
    GENERIC_ACTORS,
    PRON,
    QUANT,
    singular,
    words,
    wordset,
)
from tdeveloper.pipeline.nlp.model import EntityDraft
from tdeveloper.pipeline.nlp.phrases import (
    CHILDREN,
    PLACES,
    WITH,
    entities,
    member_of,
    participle,
    split_region,
    take_roles,
    worthy,
)
from tdeveloper.pipeline.nlp.text import split_list
from tdeveloper.pipeline.nlp.tokens import (
    Token,
    find_verb,
    guess_verb,
    noun_run_before,
    tokenize,
)
from tdeveloper.pipeline.nlp.verbs import Verb, lookup
from tdeveloper.pipeline.nlp.wording import (
    COLLECTION,
    EACH_WITH,
    LISTING,
    activity,
    each_owner,
    field_list,
    plain,
    values,
)

__all__ = ["read_clause", "resolve_pending"]

_PARTICLES = wordset("to in on for of with into onto by up down from")
_GIVEN = re.compile(r"^(?:up\s+|in\s+|on\s+|[a-z]+ly\s+)?with\s+(.+)$", re.IGNORECASE)
# Participles that do not end in -ed: "aliquots are split off a sample".
# "visitors only leave a first name": people who give details are records
_GIVE = wordset("leave give provide enter supply submit gets get")
_AT = wordset("at in on under within inside")
_MODALS = wordset("can could may might must should shall will would")
# Chained clauses read per sentence; deeper chains are pathological input (and recursion).
_MAX_DEPTH = 40
_MAX_CLAUSE = 2000  # characters; nobody writes a longer clause, but hostile input might
_COMPOSED = frozenset(
    {"make", "compose", "divide", "split", "organize", "organise", "break", "stage", "publish"}
)
_EACH_OF = frozenset(
    {"with", "having", "of", "has", "holding", "containing", "one", "recorded", "stored", "kept"}
)
_NEW_CLAUSE_WORDS = frozenset({"and", ",", "then", "but", "while"})
# Verbs whose act is itself a record: "review" -> Review, "rate" -> Rating.
_NOMINAL = {
    "comment": "comment",
    "review": "review",
    "rate": "rating",
    "vote": "vote",
    "reply": "reply",
    "message": "message",
    "answer": "answer",
    "post": "post",
    "report": "report",
    "bid": "bid",
    "log": "log entry",
}


def read_clause(reading: Reading, text: str) -> bool:
    """Read one clause; False when it has no verb (the caller reads it as a phrase)."""
    text = plain(text[:_MAX_CLAUSE])
    if activity(text):
        return True  # "tagging is done by volunteers": who does the work, not a record
    tokens = tokenize(text)
    index = find_verb(tokens)
    if index is None:
        index = guess_verb(tokens)  # "maintenance windows block an instrument"
    if index is None:
        return False
    if reading.depth >= _MAX_DEPTH:
        return True  # a run-on of dozens of chained clauses: the rest is not a data model
    reading.depth += 1
    try:
        verb = lookup(tokens[index].low)
        # "people belong to households", "a person is part of a group": people as records
        owns = verb is not None and (verb.kind in {"have", "belong"} or verb.base in _GIVE)
        owns |= any(t.low in BE for t in tokens[index : index + 3])
        subject = _subject(reading, tokens, index, owns=owns)
        _predicate(reading, text, tokens, index, subject)
    finally:
        reading.depth -= 1
    return True


def _subject(
    reading: Reading, tokens: list[Token], index: int, *, owns: bool = False
) -> EntityDraft | None:
    """The entity a clause is about; "users" is one only when they have something
    ("users have a name"), not when they merely act ("users can search")."""
    run = noun_run_before(tokens, index)
    if not run:
        before = tokens[index - 1].low if index else ""
        return reading.last_subject if before in {"they", "it"} else None
    run, places = _head_run(tokens, run)
    phrase = " ".join(t.text for t in run)
    if not words(phrase) or (singular(words(phrase)[-1]) in GENERIC_ACTORS and not owns):
        return None
    entity = reading.draft.declare(phrase, weak=True)
    if entity is not None:
        reading.last_subject = entity
        for group in run[-1].groups:  # "law firms (firm name, billing rate) prosecute ..."
            if field_list(group):
                add_fields(reading, entity, group)
        for place in places:  # "a daily menu for a school", "a lesson held under an enrolment"
            found = reading.draft.find(" ".join(t.text for t in place))
            if found is not None and found is not entity:
                reading.draft.relate("many_to_one", entity, found, tag="inferred", confidence=0.7)
    return entity


_BACK_OVER = wordset("for of under in on at from to by with within during that who which")


def _head_run(tokens: list[Token], run: list[Token]) -> tuple[list[Token], list[list[Token]]]:
    """The clause's first noun phrase when prepositional phrases, participles or a relative
    clause stand between it and the verb ("a daily menu for a school on a given date offers",
    "households that pick up food are"), and the noun phrases passed over."""
    passed: list[list[Token]] = []
    start = tokens.index(run[0])
    while start > 1:
        j = start - 1
        while j > 0 and tokens[j].low in DET | QUANT:
            j -= 1
        if tokens[j].low not in _BACK_OVER:
            break
        j -= 1
        if j >= 0 and participle(tokens[j].low):
            j -= 1  # "a lesson held under ..."
        earlier = noun_run_before(tokens, j + 1) if j >= 0 else []
        if not earlier:
            break
        passed.append(run)
        run, start = earlier, tokens.index(earlier[0])
    return run, passed


def _predicate(
    reading: Reading, text: str, tokens: list[Token], index: int, subject: EntityDraft | None
) -> None:
    i, be = index, False
    while i < len(tokens) and tokens[i].low in AUX | BE | {"be", "able", "not", "either"}:
        be |= tokens[i].low in BE
        i += 1
    if i >= len(tokens):
        return
    main, verb = tokens[i], lookup(tokens[i].low)
    end, same_subject = _continuation(tokens, i + 1)
    particle = tokens[i + 1].low if i + 1 < end else ""
    passive = be and verb is not None and (verb.form == "ed" or participle(main.low))
    if verb is not None and passive:
        verb, passive = _voice(verb, particle)
    j = i + 1
    if verb is not None and verb.base == "report" and particle == "to":
        verb = Verb(verb.base, "belong", verb.form)  # "each employee reports to a manager"
    up_to = particle == "up" and i + 2 < end and tokens[i + 2].low == "to"  # "up to 2 plots"
    if (
        verb is not None
        and verb.kind != "other"
        and particle in _PARTICLES - {"with"}
        and not up_to
    ):
        j += 1
        if j < end and particle in {"up", "down"} and tokens[j].low in {"of", "into"}:
            j += 1  # "made up of roles", "broken down into catch lines"
    elif verb is not None and verb.kind == "contain" and particle == "as":
        j += 1  # "staged as a run of performances"
    elif verb is not None and verb.kind == "belong" and particle in _AT | {"per", "for", "against"}:
        j += 1  # "a hive sits at an apiary"
    elif verb is not None and verb.base == "sit" and particle not in _PARTICLES | _AT:
        verb = Verb(verb.base, "create", verb.form)  # "students sit exams": theirs
    region = ""
    if j < end:
        stop = tokens[end].start if end < len(tokens) else len(text)
        region = text[tokens[j].start : stop].strip(" ,")
    each = EACH_WITH.search(region)
    if each:
        region = region[: each.start()]
    if verb is None or verb.kind == "other":
        _unknown_verb(reading, subject, main, region, be)
    else:
        _dispatch(reading, _build(reading, subject, verb, passive, region))
    if each and (owner := each_owner(reading, subject, region)) is not None:
        add_fields(reading, owner, values(each["values"]))
    if end < len(tokens) - 1 and reading.depth < _MAX_DEPTH:
        reading.depth += 1
        try:
            if same_subject:
                _predicate(reading, text, tokens, end + 1, subject)
            else:
                read_clause(reading, text[tokens[end + 1].start :])
        finally:
            reading.depth -= 1


def _parts_of(reading: Reading, p: Predicate) -> bool:
    """ "buildings contain units": each unit sits in one building (a list of values stays
    values: "the kit contains a name and a size")."""
    items = split_list(p.region)
    last = words(items[0])[-1:] if len(items) == 1 else []
    if not last or singular(last[0]) == last[0] or p.subject is None:
        return False
    part = reading.draft.find(items[0]) or reading.draft.declare(items[0])
    if part is None or part is p.subject:
        return False
    reading.draft.relate("many_to_one", part, p.subject, required=True)
    return True


def _voice(verb: Verb, particle: str) -> tuple[Verb, bool]:
    """A passive verb and whether it stays passive: "albums are made of tracks" says the
    tracks belong to the album; "products are stored in warehouses" names a place."""
    if verb.base in _COMPOSED and particle in {"of", "up", "into", "as", "down"}:
        return Verb(verb.base, "contain", verb.form), False
    if verb.kind == "have" and particle in _AT | {"per", "for", "against"}:
        return Verb(verb.base, "belong", verb.form), False
    return verb, True


def _continuation(tokens: list[Token], start: int) -> tuple[int, bool]:
    """Where this verb's objects stop: "... and log work orders" or "... and we track"."""
    for k in range(start, len(tokens) - 1):
        if tokens[k].low not in _NEW_CLAUSE_WORDS:
            continue
        nxt = tokens[k + 1]
        after = tokens[k + 2] if k + 2 < len(tokens) else None
        if nxt.low in _MODALS or nxt.low in BE or _verb_here(nxt, after):
            return k, True
        if nxt.low in {"every", "each"} and after is not None and after.low not in _EACH_OF:
            return k, False  # "..., and every performance happens in a venue"
        found = find_verb(tokens, k + 1, stop=k + 5)
        if found is not None:
            between = tokens[k + 1 : found]
            contact = len(between) >= 2 and between[-1].low in PRON and between[-2].nounish
            if between and not contact and all(t.nounish or t.low in DET | PRON for t in between):
                return k, False
    return len(tokens), True


def _verb_here(word: Token, after: Token | None) -> bool:
    """Whether `word` after "and" starts a new verb phrase rather than a list item."""
    verb = lookup(word.low)
    if verb is None or verb.form not in {"base", "s"} or word.groups or after is None:
        return False
    if not after.is_word or after.low in {"and", "or"}:
        return False
    if after.low in DET | QUANT | {"one"}:
        return True  # "... and has a number": a determiner opens the verb's object
    if verb.kind == "belong" and verb.form == "s":
        return True  # "... and sits at one of the apiaries" (not a "starts at" field)
    return not fieldish(f"{word.text} {after.text}")  # "issue date", "starts at" are fields


_ROLE_IS = re.compile(
    r"^(?:an?|the|one)\s+(?P<role>[a-z]+),?\s+(?:who|which|that)\s+is\s+(?:also\s+)?(?:another|an?|"
    r"one of (?:the|our|their))\s+(?P<kind>[a-z]+)$",
    re.IGNORECASE,
)


def _build(
    reading: Reading, subject: EntityDraft | None, verb: Verb, passive: bool, region: str
) -> Predicate:
    objects_text, mods = split_region(region)
    if verb.kind in {"belong", "link"} and subject is not None and (role := _ROLE_IS.match(region)):
        add_fields(reading, subject, f"{role['role']} (another {role['kind']})")
        return Predicate(subject, verb, passive, [], [], region)  # "reports to a manager, who
        # is another employee": a self-reference named by its role
    if verb.kind in {"belong", "link"} and subject is not None:
        # "tied to a lending institution and to a borrowing institution": two roles
        objects_text = take_roles(reading, subject, objects_text)
        mods = [(m, take_roles(reading, subject, t) if m in PLACES else t) for m, t in mods]
    if verb.kind == "have" and subject is not None:
        # "log work orders with hours spent", "logs a sighting of one species at one site"
        placed = verb.base not in ("have", "get") and any(m in PLACES for m, _ in mods)
        single = len(split_list(objects_text)) == 1 and not fieldish(objects_text)
        listed = bool(mods) and mods[-1][0] in WITH and plural_thing(objects_text)
        if not (listed or (placed and single and worthy(objects_text))):
            return Predicate(subject, verb, passive, [], [], region)
        verb = Verb(verb.base, "create", verb.form)
    elif _gives_fields(subject, verb, passive, objects_text, mods):
        # "visitors only leave a first name and a postcode": values, not things
        return Predicate(subject, Verb(verb.base, "have", verb.form), passive, [], [], region)
    # "we track quiz scores": one vague object is weak; "we store a, b and c" is a list.
    weak = verb.kind == "other" or (
        verb.kind == "have" and sum(plural_thing(i) for i in split_list(objects_text)) < 2
    )
    objects = entities(reading, objects_text, weak=weak)
    if objects:
        reading.last_object = objects[-1]
    return Predicate(subject, verb, passive, objects, mods, region)


def _gives_fields(
    subject: EntityDraft | None,
    verb: Verb,
    passive: bool,
    objects: str,
    mods: list[tuple[str, str]],
) -> bool:
    items = split_list(objects)
    return (
        subject is not None
        and not passive
        and not mods
        and verb.kind in {"create", "other", "m2m"}
        and len(items) >= 2
        and all((fieldish(i) or verb.base in _GIVE) and not plural_thing(i) for i in items)
    )


def _dispatch(reading: Reading, p: Predicate) -> None:
    draft = reading.draft
    if p.verb.kind == "have":
        first, second = [*words(p.region)[:2], "", ""][:2]
        past = participle(first) or first.endswith(("en", "wn"))
        perfect = first in _PERFECT or (past and second in DET)  # "has outgrown its index"
        if (p.verb.base == "get" and first not in QUANT) or perfect:
            return  # "gets several reviews" has children; "get stripped", "has done it" no values
        if p.subject is not None and p.verb.base == "contain" and _parts_of(reading, p):
            return
        if p.subject is not None:
            add_fields(reading, p.subject, values(p.region))
        elif len(p.objects) == 1 and p.mods and p.mods[-1][0] in WITH:
            add_fields(reading, p.objects[0], values(p.mods[-1][1]))  # "we log an event with"
        return
    if p.verb.kind == "join":
        join(reading, p)
    elif p.verb.kind in {"belong"} or (p.passive and p.verb.kind in {"create", "manage"}):
        # "attached to an image, says ... how many individuals": only the object's own words
        many = bool(set(words(p.region.split(",")[0])) & QUANT)
        for obj in p.objects:
            if p.subject is not None and many:
                draft.relate("many_to_many", p.subject, obj)
            elif p.subject is not None:
                draft.relate("many_to_one", p.subject, obj, required=p.verb.base == "belong")
    elif p.verb.kind == "m2m":
        kind = "many_to_one" if _SINGULAR.match(p.region) else "many_to_many"
        for obj in p.objects:  # "each product uses exactly one formula" is many-to-one
            if p.subject is not None:
                draft.relate(kind, p.subject, obj)
    elif p.verb.kind == "link":
        for obj in p.objects:
            if p.subject is not None:
                draft.relate("many_to_one", p.subject, obj, required=True)
    elif p.verb.kind == "assign":
        assign(reading, p)
    else:  # create, contain, manage: the objects belong to the subject
        for obj in p.objects:
            if p.subject is not None and obj is not p.subject:
                draft.relate("many_to_one", obj, p.subject, required=p.verb.kind == "contain")
    _apply_mods(reading, p)


def _apply_mods(reading: Reading, p: Predicate) -> None:
    draft = reading.draft
    # Without an object the modifiers describe the action ("pay with Stripe"), not a thing;
    # in the passive they describe the subject ("a trip is made by a rider on a bike").
    target = p.objects[-1] if p.objects else None
    if p.subject is not None and (p.passive or p.verb.kind == "belong"):
        target = p.subject  # "returns are recorded against a checkout, with a date"
    for marker, text in p.mods:
        if target is None:
            break
        if marker in WITH:
            add_fields(reading, target, text)
        elif marker in CHILDREN:
            for child in entities(reading, text):
                draft.relate("many_to_one", child, target, required=True)
        elif marker != "by" or not p.passive:
            if p.passive and set(words(text)[:2]) & QUANT:
                member_of(reading, target, text)  # "performed at many concerts"
                continue
            for place in entities(reading, text):
                if place is not target:
                    draft.relate("many_to_one", target, place, tag="inferred", confidence=0.7)
                if text.lower().startswith("their ") and p.subject and place is not p.subject:
                    draft.relate("many_to_one", p.subject, place, tag="inferred", confidence=0.6)
        elif p.subject is not None:
            for agent in entities(reading, text):
                draft.relate("many_to_one", p.subject, agent)


def _unknown_verb(
    reading: Reading, subject: EntityDraft | None, main: Token, region: str, be: bool
) -> None:
    """A verb we do not know: "readers can comment (author, content)" names a Comment."""
    if be:
        copula(reading, subject, main, region)
        return
    if subject is None and _records_named(reading, region):
        return  # "we also want an inventory of consumables with a name and a unit"
    if subject is not None and (given := _GIVEN.match(region)):
        add_fields(reading, subject, values(given.group(1)))  # "sign up with a name"
        return
    listed = LISTING.search(region)
    if subject is not None and listed and field_list(listed[1], every=True):
        add_fields(reading, subject, listed[1])  # "windows block an instrument, with a reason"
        region = region[: listed.start()]
    if (lead := _LEAD_PREP.match(region)) and not _GIVEN.match(region):
        region = region[lead.end() :]  # "guests appear on many episodes"
    tokens = tokenize(region)
    if find_verb(tokens, stop=8) is not None:  # "need a system to manage pets": inner clause
        read_clause(reading, region)
        return
    known = lookup(main.low)
    noun = _NOMINAL.get(known.base if known else main.low, main.low)
    group = main.groups[0] if main.groups else next((g for t in tokens for g in t.groups), "")
    nominal = noun in _NOMINAL.values() and subject is not None
    if nominal and not group and (given := _WITH_VALUES.search(region)):
        # "travellers can review the listing with a rating and some text": a Review
        items = split_list(values(given["values"]))
        group = ", ".join(_ARTICLE.sub("", i) for i in items)
        region = region[: given.start()]
    if not group or entity_group(f"{noun} ({group})") is None:
        objects = entities(reading, region, weak=True)
        if objects:
            reading.last_object = objects[-1]  # "..., which have a name": about the object
        many = bool(set(words(region)) & {"many", "several", "multiple"})
        for obj in objects:
            if subject is not None and many:  # "episodes can feature several guests"
                reading.draft.relate("many_to_many", subject, obj, tag="inferred")
        if subject is not None and not many and noun not in _NOMINAL.values():
            _singular_links(reading, subject, region)
        reading.pending.append((noun, subject, objects))
        return
    _nominal(reading, subject, noun, group, re.sub(r"\([^()]*\)", " ", region))


_GROUPS = re.compile(r"\s*\([^()]*\)")  # "(acrylic sheets, filament)": examples


def _records_named(reading: Reading, region: str) -> bool:
    """ "(we want) a list of consumables with a name and a unit": the things, with values."""
    kind = WITH_ITEM.match(COLLECTION.sub("", _GROUPS.sub("", region)))
    if kind is None or len(split_list(kind["head"])) != 1 or not plural_thing(kind["head"]):
        return False
    entity = reading.draft.declare(kind["head"])
    if entity is not None:
        add_fields(reading, entity, values(kind["rest"]))
    return entity is not None


_ARTICLE = re.compile(r"^(?:an?|the|some|its|their)\s+", re.IGNORECASE)
_WITH_VALUES = re.compile(r"\s+with\s+(?P<values>.+)$", re.IGNORECASE)
_PERFECT = wordset("done been had made worked used taken got")  # "who has done it by hand"
_SINGULAR = re.compile(
    r"^(?:a|an|one(?! or more)|exactly one|only one|a single|the same|"
    r"one of (?:our|the|their|its)(?: \w+)?)\s",
    re.IGNORECASE,
)


def _singular_links(reading: Reading, subject: EntityDraft, region: str) -> None:
    """ "a screening shows one film at one venue, with a start time": an act we have no
    verb class for still ties its subject to each single thing it names."""
    objects, mods = split_region(ONE_OF_N.sub("one ", region))
    for text in [objects, *(t for m, t in mods if m in PLACES)]:
        if not _SINGULAR.match(text):
            continue
        if fieldish(text) and reading.draft.find(_SINGULAR.sub("", text)) is None:
            continue  # "a start time" is a value, "one venue" a known thing
        for thing in entities(reading, text):
            if thing is not subject:
                reading.draft.relate("many_to_one", subject, thing, tag="inferred", confidence=0.6)
                reading.last_object = thing
    for marker, text in mods:
        if marker in WITH:
            add_fields(reading, subject, text)


_LEAD_PREP = re.compile(r"^(?:on|in|at|to|for|into|onto|across|under)\s+", re.IGNORECASE)


def resolve_pending(reading: Reading) -> None:
    """Link the entity an unknown verb names ("reply") to the verb's subject and objects."""
    for noun, subject, objects in reading.pending:
        thing = reading.draft.find(noun)
        if thing is None or thing.weak:
            continue
        for other in [subject, *objects]:
            if other is not None and other is not thing:
                reading.draft.relate("many_to_one", thing, other, tag="inferred", confidence=0.6)


def _nominal(
    reading: Reading, subject: EntityDraft | None, noun: str, group: str, region: str
) -> None:
    """ "Customers can review products (rating, text)" -> Review with those fields."""
    thing = declare_item(reading, f"{noun} ({group})")
    if thing is None:
        return
    if subject is not None:
        reading.draft.relate("many_to_one", thing, subject, tag="inferred")
    objects_text, mods = split_region(region)
    places = entities(reading, objects_text)
    places += [e for m, t in mods if m in {"on", "to", "for"} for e in entities(reading, t)]
    for place in places or ([reading.last_object] if reading.last_object else []):
        if place is not thing:
            reading.draft.relate("many_to_one", thing, place, tag="inferred", confidence=0.6)
