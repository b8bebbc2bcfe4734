"""Walks the description: bullets, "Head: list" lines, sentences, verbless phrases.

"Head: a, b, c" is either an entity with fields ("Pets: name, species") or a title with
an entity list ("Vet clinic: owners, pets, vets"); `_entity_list` decides by counting
items that read as attributes against items that read as plural things.
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.clauses import read_clause, resolve_pending
from tdeveloper.pipeline.nlp.items import (
    WITH_ITEM,
    Reading,
    add_fields,
    declare_item,
    entity_group,
    fieldish,
    plural_thing,
)
from tdeveloper.pipeline.nlp.knowledge import domains
from tdeveloper.pipeline.nlp.lexicon import APP_WORDS, PRON, singular, words, wordset
from tdeveloper.pipeline.nlp.model import EntityDraft, entity_phrase_ok
from tdeveloper.pipeline.nlp.text import (
    clauses,
    segments,
    sentences,
    split_list,
    split_top,
    strip_parens,
)
from tdeveloper.pipeline.nlp.tokens import find_verb, tokenize
from tdeveloper.pipeline.nlp.verbs import lookup
from tdeveloper.pipeline.nlp.wording import APPOSITION, field_list, fields_then_clause
from tdeveloper.spec.names import plural

__all__ = ["read"]

_COLON = re.compile(r":")
_COMMA = re.compile(r",")
_SEMICOLON = re.compile(r";")
_WITH = re.compile(r"\s+(?:with|including|containing|featuring|for managing|to manage)\s+")
# Headings whose bullets are entity names, and headings whose bullets are not model items.
_ENTITY_HEADINGS = wordset("entities entity models model tables data objects things")
_OTHER_HEADINGS = wordset(
    "features feature roles role requirements requirement notes note pages screens "
    "integrations constraints goals scope users tech stack"
)


def read(text: str) -> Reading:
    """Read a normalised description into a `Reading` (draft model plus title candidates)."""
    reading = Reading()
    mode = ""
    for segment in segments(text):
        if segment.bullet:
            _bullet(reading, segment.text, mode)
            continue
        mode = _line(reading, segment.text)
    resolve_pending(reading)
    return reading


def _bullet(reading: Reading, text: str, mode: str) -> None:
    head, rest = _split_colon(text)
    if rest:
        if reading.heading_phrase:  # "Boat rental:" over "- Boats: ..." is a title
            reading.titles.append(reading.heading_phrase)
            reading.heading_phrase = ""
        if find_verb(tokenize(head)) is not None and len(words(head)) > 1 and field_list(rest):
            _sentence(reading, text)  # "- episodes belong to a show: number, title"
        else:
            _colon_line(reading, head, rest)
    elif mode == "entity" and find_verb(tokenize(f"it {text}")) == 1:
        _heading_sentence(reading, text)  # "- belongs to a project" under "Task:"
    elif mode == "entity" and len(words(text)) <= 6 and find_verb(tokenize(text)) is None:
        if reading.heading is None and reading.heading_phrase:
            reading.heading = reading.draft.declare(reading.heading_phrase)
            reading.heading_phrase = ""
        if reading.heading is not None:
            add_fields(reading, reading.heading, text)
    elif mode == "entity":
        _heading_sentence(reading, text)
    elif mode == "entities" or entity_group(text) is not None:
        declare_item(reading, text.rstrip("."))
    elif mode != "other":
        _prose(reading, text)


def _heading_sentence(reading: Reading, text: str) -> None:
    """A bullet under "Task:" that starts with a verb ("belongs to a project") is about
    the heading's entity."""
    tokens = tokenize(f"it {text}")
    heading = reading.heading
    if heading is None and reading.heading_phrase:
        heading = reading.heading = reading.draft.declare(reading.heading_phrase)
        reading.heading_phrase = ""
    if heading is not None and find_verb(tokens) == 1:
        _sentence(reading, f"{heading.label} {text}")
    else:
        _sentence(reading, text)


def _line(reading: Reading, text: str) -> str:
    """Read a non-bullet line; returns the mode its bullets are read in when it is a heading."""
    stripped = text.rstrip()
    if stripped.endswith(":") and ":" not in stripped[:-1]:
        head = stripped[:-1].strip()
        low = set(words(head))
        reading.heading, reading.heading_phrase = None, ""
        if low & _ENTITY_HEADINGS:
            return "entities"
        if low & _OTHER_HEADINGS or not entity_phrase_ok(head):
            return "other"
        reading.heading_phrase = head
        return "entity"
    _prose(reading, text)
    return ""


def _prose(reading: Reading, text: str) -> None:
    for sentence in sentences(text):
        _sentence(reading, sentence)


def _split_colon(text: str) -> tuple[str, str]:
    parts = split_top(text, _COLON)
    if len(parts) < 2 or text.lstrip().startswith(":"):
        return text, ""
    head = parts[0]
    return head, text[text.index(":", len(head)) + 1 :].strip() if ":" in text else ""


_FOR_EACH = re.compile(
    r"^(?:for|per|on|about)\s+(?:each|every|any|an?|the)?\s*(?P<noun>[^,:]+?)\s*,?\s+"
    r"(?:we|you|i|they|the (?:app|system|tool|site))\s+(?:(?:will|would|also|should|must|"
    r"need to|want to|have to|can|just|always)\s+)*(?:(?:want|need|would like|like) to "
    r"(?:know|see|record|store|track|capture|keep|log)|record|store|track|keep|log|capture|"
    r"save|need|want|note|hold|collect|require|ask for|write down|enter)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)


_OWNED = re.compile(
    r"^(?:(?:and|also)\s+)?(?:we|i|you|they)\s+(?:also\s+)?(?:keep|record|store|note|need|want|"
    r"track|log|capture|hold|take)\s+(?:the\s+|each\s+|every\s+)?(?P<noun>[a-z][a-z ]{0,30}?)'s\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_FOR_EACH_ITS = re.compile(
    r"^(?:and\s+)?(?:for|per)\s+(?:each|every)\s+(?P<noun>[a-z][a-z ]{0,30}?)\s+(?:its|their)\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE,
)
_RECORDED_ON = re.compile(
    r"^the\s+(?P<field>[a-z][a-z ]{0,30}?)\s+(?:is|are)\s+(?:recorded|stored|kept|tracked|"
    r"noted|logged|saved|held|set)\s+(?:on|for|against|in|with|per)\s+(?:the|each|every|an?)\s+"
    r"(?P<entity>[a-z][a-z ]{0,30}?)(?:\s+as\s+(?P<values>[^;]+?))?"
    r"(?:,?\s+(?:along with|together with|plus|and also)\s+(?P<more>.+))?$",
    re.IGNORECASE,
)


def _recorded_on(reading: Reading, sentence: str) -> bool:
    """ "The outcome is recorded on the item as fixed or not fixed, along with notes"."""
    match = _RECORDED_ON.match(sentence)
    if match is None or (entity := reading.draft.declare(match["entity"])) is None:
        return False
    values = f" ({'/'.join(split_list(match['values']))})" if match["values"] else ""
    add_fields(reading, entity, match["field"] + values)
    if match["more"]:
        add_fields(reading, entity, match["more"])
    return True


_PAIR = re.compile(r"^(?P<a>[a-z ]+?)\s+(?:on|in|at|for|per)\s+(?:a|an|the|each)\s+(?P<b>[a-z ]+)$")


def _pair_record(reading: Reading, noun: str) -> EntityDraft | None:
    """ "for each diver on a trip": the record that joins a diver and a trip."""
    match = _PAIR.match(noun.lower())
    if match is None:
        return None
    a, b = reading.draft.find(match["a"]), reading.draft.find(match["b"])
    for entity in reading.draft.entities.values():
        targets = {r.target for r in reading.draft.relations if r.source == entity.name}
        if a and b and {a.name, b.name} <= targets:
            return entity
    return None


def _for_each(reading: Reading, sentence: str) -> bool:
    """ "For every dog we record its name, breed and weight": fields of Dog; so are "we keep
    the dog's name and breed" and "(and) for each dog its name and breed"."""
    match = _FOR_EACH.match(sentence) or _OWNED.match(sentence) or _FOR_EACH_ITS.match(sentence)
    if match is None or find_verb(tokenize(match["noun"])) is not None:
        return False
    entity = _pair_record(reading, match["noun"]) or reading.draft.declare(match["noun"])
    if entity is None:
        return False
    reading.last_subject = entity
    add_fields(reading, entity, match["rest"])
    return True


def _apposition(reading: Reading, sentence: str) -> bool:
    """ "Gardeners, people with a name and an email, check out packets": the apposition
    gives the subject's fields, the rest is the sentence."""
    match = APPOSITION.match(sentence)
    kind = match["kind"] if match else None
    if match is None or (kind and fieldish(kind)) or not entity_phrase_ok(match["np"]):
        return False
    if words(match["np"])[0] in PRON:
        return False  # "we also have three vehicles, each with ...": a clause, not a subject
    fields, rest = fields_then_clause(match["tail"])
    entity = reading.draft.declare(match["np"]) if rest else None
    if entity is None:
        return False
    add_fields(reading, entity, fields)
    _sentence(reading, f"{match['np']} {rest}")
    return True


# "There are two rooms, the main hall and the meeting room, each with a name and a capacity"
_THERE_ARE = re.compile(
    r"^(?:there\s+(?:are|is|will be)|we\s+(?:also\s+)?have)\s+(?:(?:a|an|\w+)\s+)?"
    r"(?P<things>[a-z][a-z ]{0,30}?)"
    r"(?:\s*,\s*[^,]+,)?\s*,?\s+each\s+(?:stored\s+|recorded\s+|kept\s+)?with\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# Colon heads whose text is no part of the model, and heads whose text is the app's title.
_ASIDE_HEAD = re.compile(
    r"^(?:out(?:side)?\s+(?:of\s+)?scope|not\s+in\s+scope|non[- ]?functional(?:\s+\w+)?|"
    r"(?:some\s+)?(?:background|context)|nice\s+to\s+haves?|later|future|constraints?)$",
    re.IGNORECASE,
)
_TITLE_HEAD = re.compile(
    r"^(?:(?:internal|draft|product|project|technical)\s+)?(?:spec|specification|brief|"
    r"requirements?)$",
    re.IGNORECASE,
)
# "Records must be kept for seven years": a retention rule, not a table
_RETENTION = re.compile(
    r"\b(?:kept|retained|stored|archived|held)\s+for\s+(?:at\s+least\s+)?(?:\d+|[a-z]+)\s+"
    r"(?:years?|months?|days?)\b",
    re.IGNORECASE,
)
# "Students sit grade exams, which are recorded with the mark": a clause about the object
_WHICH = re.compile(r",\s+(?:which|who)\s+(?=(?:is|are|has|have|can|must|only|also|need)\b)")


def _there_are(reading: Reading, sentence: str) -> bool:
    match = _THERE_ARE.match(sentence)
    if match is None or (entity := reading.draft.declare(match["things"])) is None:
        return False
    fields, clause = fields_then_clause(match["rest"])  # "..., and we log which vehicle ..."
    add_fields(reading, entity, fields)
    if clause:
        _sentence(reading, re.sub(r"^(?:and|but)\s+", "", clause))
    return True


_OWNS = re.compile(r"^(?:has|have|holds|carries)\s+(?P<rest>.+)$", re.IGNORECASE)
_LEAD_PLACE = re.compile(r"^(?:at|in|on|for|during)\s+", re.IGNORECASE)


def _which(reading: Reading, sentence: str) -> bool:
    parts = split_top(sentence, _WHICH)
    if len(parts) != 2 or _IDENTITY.match(parts[1]):
        return False  # "a manager, who is another employee" is read as one phrase
    if find_verb(tokenize(parts[0])) is None:
        return _which_has(reading, parts[0], parts[1])
    reading.last_object = None
    _sentence(reading, parts[0])
    thing = reading.last_object
    if thing is None:
        return False
    # "..., which has a name": the relative's verb agrees with one thing
    one = words(parts[1])[:1] in (["has"], ["is"], ["needs"])
    noun = f"each {thing.label.lower()}" if one else plural(thing.label.lower())
    _sentence(reading, f"{noun} {parts[1]}")
    return True


_IDENTITY = re.compile(r"^(?:is|are)\s+(?:also\s+)?(?:another|an?|one of)\b", re.IGNORECASE)


def _which_has(reading: Reading, head: str, relative: str) -> bool:
    """ "At each event, which has a date and a venue, visitors bring items"."""
    owns = _OWNS.match(relative)
    entity = reading.draft.declare(_LEAD_PLACE.sub("", head)) if owns else None
    if owns is None or entity is None:
        return False
    fields, rest = fields_then_clause(owns["rest"])
    add_fields(reading, entity, fields)
    if rest:
        _sentence(reading, rest)
    return True


# "Actors and roles are connected through castings, which record the weekly fee"
_THROUGH = re.compile(
    r"^(?P<a>[a-z][a-z ]{0,30}?)\s+and\s+(?P<b>[a-z][a-z ]{0,30}?)\s+are\s+(?:connected|linked|"
    r"joined|related|associated|matched|tied)\s+(?:through|via|by|using|with)\s+(?P<c>[a-z][a-z ]"
    r"{0,30}?)(?:,?\s+(?:which|that|each of which)\s+(?:record|store|hold|have|has|track|capture|"
    r"keep|carry|carries)s?\s+(?P<fields>.+))?$",
    re.IGNORECASE,
)
# "each object on an agreement is stored as a loan line, along with the credit line"
_STORED_AS = re.compile(
    r"^(?:each|every|an?)\s+(?P<a>[a-z][a-z ]{0,30}?)\s+(?:on|in|for|of|per|within)\s+(?:an?|the|"
    r"each|every)\s+(?P<b>[a-z][a-z ]{0,30}?)\s+is\s+(?:recorded|stored|kept|tracked|logged|"
    r"saved|held)\s+as\s+(?:an?\s+)?(?P<c>[a-z][a-z ]{0,30}?)(?:,?\s+(?:together with|along "
    r"with|with|including)\s+(?P<fields>.+))?$",
    re.IGNORECASE,
)


def _record_between(reading: Reading, sentence: str) -> bool:
    """A record that joins two things, named outright."""
    match = _THROUGH.match(sentence) or _STORED_AS.match(sentence)
    if match is None:
        return False
    a, b = (reading.draft.find(match[k]) or reading.draft.declare(match[k]) for k in "ab")
    record = reading.draft.declare(re.sub(r"\s+records?$", "", match["c"]))
    if a is None or b is None or record is None or record in (a, b):
        return False
    for side in (a, b):
        reading.draft.relate("many_to_one", record, side, required=True)
    if match["fields"]:
        add_fields(reading, record, match["fields"])
    return True


def _sentence(reading: Reading, sentence: str) -> None:
    if _RETENTION.search(sentence) and ":" not in sentence:
        return
    for item in split_top(sentence, _COMMA)[:-1]:
        if (group := entity_group(item.strip())) and plural_thing(group[0]):
            declare_item(reading, item.strip())  # "venues (name, city), promoters who book me"
    if _record_between(reading, sentence):
        return
    if _apposition(reading, sentence) or _there_are(reading, sentence):
        return
    if _which(reading, sentence):
        return
    head, rest = _split_colon(sentence)
    before, comma, last = head.rpartition(", ")
    if rest and comma and len(words(last)) <= 2 and find_verb(tokenize(before)) is not None:
        _sentence(reading, before)  # "... has tracks in order, track: title, artist"
        _sentence(reading, f"{last}: {rest}")
        return
    head_verb = find_verb(tokenize(head)) is not None
    if rest and (of := _HEAD_OF.match(head)) and _head_of(reading, of["x"], of["y"], rest):
        return
    log = _HEAD_LOG.match(head) if rest else None
    if log and _head_log(reading, log["who"] or "", log["x"], rest):
        return
    if rest and len(words(head)) <= 6 and not head_verb:
        _colon_line(reading, head, rest)
        return
    if rest and head_verb and find_verb(tokenize(rest)) is not None:
        _sentence(reading, head)  # "Invoices are issued for X: every invoice has ..."
        _sentence(reading, rest)
        return
    if rest and head_verb and not _has_verb(head) and _subject_list(reading, head, rest):
        return
    for clause in clauses(sentence):
        if _for_each(reading, clause) or _recorded_on(reading, clause):
            continue
        if _record_between(reading, clause):
            continue
        if not read_clause(reading, clause):
            _verbless(reading, clause)


def _has_verb(head: str) -> bool:
    """ "Tickets have a priority: low/high" keeps its colon: the list is the priority's."""
    tokens = tokenize(head)
    index = find_verb(tokens)
    verb = lookup(tokens[index].low) if index is not None else None
    return verb is not None and verb.kind == "have"


def _subject_list(reading: Reading, head: str, rest: str) -> bool:
    """ "Tests are run on aliquots: test name, result, date run": the list after the colon
    gives the fields of the clause's subject."""
    reading.last_subject = None
    _sentence(reading, head)
    subject = reading.last_subject
    if subject is None:
        return False
    items = split_list(rest)
    if _entity_list(subject.label, items):
        _declare_all(reading, items)
    else:
        add_fields(reading, subject, rest)
    return True


# "parts used on a job:", "scores per match:": the head's thing belongs to another
_HEAD_OF = re.compile(
    r"^(?P<x>[a-z][a-z ]{0,30}?)\s+(?:(?:[a-z]+ed|used|made|sold|done|run|held|given)\s+)?"
    r"(?:on|for|in|at|per|during|from|of|against)\s+(?:a|an|each|every|one|the)?\s*"
    r"(?P<y>[a-z][a-z ]{0,30})$",
    re.IGNORECASE,
)
# "books ppl bring:", "things we sell:": a contact clause names the head noun
_HEAD_CLAUSE = re.compile(
    r"^(?P<x>[a-z][a-z ]{0,30}?)\s+(?:we|they|you|i|people|ppl|users|members|customers)"
    r"\s+[a-z]+(?:\s+(?:at|in|on|to|from|with|for))?$",
    re.IGNORECASE,
)


# "+ inspections twice a yr:", "oh and mini leagues:": chat around a heading's noun
_HEAD_NOISE = re.compile(
    r"^(?:[+&,]\s*|(?:oh|and|also|plus|then|finally|lastly)\s+)+"
    r"|\s+(?:(?:once|twice|\w+ times)\s+(?:a|an|per|every)\s+\w+|every\s+\w+|each\s+\w+)$",
    re.IGNORECASE,
)


def _colon_line(reading: Reading, head: str, rest: str) -> None:
    """ "Head: list; more prose" or "Head: list. Each car belongs to a customer." -> the
    list, then the prose after it."""
    head = _HEAD_NOISE.sub("", strip_parens(head)[0] or head) or head
    if _ASIDE_HEAD.match(head):
        return  # "Outside scope: ...", "Non-functional bits: ..."
    if _TITLE_HEAD.match(head):
        reading.titles.append(rest)  # "Internal spec: customer accounts and billing"
        return
    if clause := _HEAD_CLAUSE.match(head):
        head = clause["x"]
    if (of := _HEAD_OF.match(head)) and _head_of(reading, of["x"], of["y"], rest):
        return
    parts = split_top(rest, _SEMICOLON)
    if len(parts) == 1:
        parts = _list_then_prose(rest)
    if len(parts) > 1 and find_verb(tokenize(parts[0])) is None:
        _colon_list(reading, head, parts[0])
        for part in parts[1:]:
            _prose(reading, part)
        return
    _colon_list(reading, head, rest)


# "rides: driver is a parent, date, ...": the first value points at another entity
_ROLE_ITEM = re.compile(
    r"^(?P<field>[a-z][a-z ]{0,20}?)\s+is\s+(?:an?|the)\s+(?P<ref>[a-z]+)$", re.IGNORECASE
)
_ROLE_LIST = 3


def _one_plural(phrase: str) -> bool:
    return len(split_list(phrase)) == 1 and plural_thing(phrase) and entity_phrase_ok(phrase)


def _list_then_prose(rest: str) -> list[str]:
    found = sentences(rest)
    if len(found) > 1 and all(find_verb(tokenize(s)) is not None for s in found[1:]):
        return [found[0].rstrip(". "), " ".join(found[1:])]
    return [rest]


def _colon_list(reading: Reading, head: str, rest: str) -> None:
    first = next(iter(split_top(rest, _COMMA)), "")  # a bare "," splits into nothing
    if (role := _ROLE_ITEM.match(first)) and len(split_list(rest)) >= _ROLE_LIST:
        rest = f"{role['field']} (a {role['ref']}){rest[len(first) :]}"  # "driver is a parent"
        first = rest
    if (kind := WITH_ITEM.match(rest)) and _one_plural(kind["head"]):
        reading.titles.append(head)  # "URL shortener: links with a target url, short code"
        if (entity := reading.draft.declare(kind["head"])) is not None:
            add_fields(reading, entity, kind["rest"])
        return
    if find_verb(tokenize(first)) is not None and entity_group(first) is None:
        reading.titles.append(head)
        _prose(reading, rest)
        return
    items = split_list(rest)
    if _entity_list(head, items):
        reading.titles.append(head)
        _declare_all(reading, items)
        return
    entity = reading.draft.declare(head)
    if entity is None:
        reading.titles.append(head)
        return
    add_fields(reading, entity, rest)


# "members log sends: member, route, date": the logged things, made by whoever logs them
_HEAD_LOG = re.compile(
    r"^(?:(?P<who>[a-z]+)\s+)?(?:also\s+)?(?:(?:wanna|want to|need to|can|will|should)\s+)?"
    r"(?:log|logs|track|tracks|record|records|keep|keeps|store|stores|save|saves|note|notes)\s+"
    r"(?P<x>[a-z][a-z ]{0,30})$",
    re.IGNORECASE,
)


def _head_log(reading: Reading, who: str, things: str, rest: str) -> bool:
    if find_verb(tokenize(rest)) is not None or not plural_thing(things):
        return False
    entity = reading.draft.declare(things)
    if entity is None:
        return False
    add_fields(reading, entity, rest)
    owner = reading.draft.find(who) if who and singular(who) != who else None
    if owner is not None and owner is not entity:
        reading.draft.relate("many_to_one", entity, owner)
    return True


def _head_of(reading: Reading, child: str, parent: str, rest: str) -> bool:
    if find_verb(tokenize(rest)) is not None or not entity_phrase_ok(child):
        return False
    entity = reading.draft.declare(child)
    owner = reading.draft.find(parent) or reading.draft.declare(parent)
    if entity is None or owner is None or owner is entity:
        return False
    add_fields(reading, entity, rest)
    reading.draft.relate("many_to_one", entity, owner, required=True)
    return True


def _titleish(head: str) -> bool:
    parts = words(head)
    return (
        not parts
        or bool(set(parts) & APP_WORDS)
        or not entity_phrase_ok(head)
        or _names_app_kind(parts)
    )


_LEAD = wordset("a an the our my simple small basic new")


def _names_app_kind(parts: list[str]) -> bool:
    """ "a blog", "an online shop": the head is a kind of app the knowledge base knows, so
    "a blog with posts and comments" lists entities, not the blog's fields."""
    kind = tuple(w for w in parts if w not in _LEAD)
    return any(kind == keyword for domain in domains() for keyword in domain.keywords)


def _entity_list(head: str, items: list[str]) -> bool:
    """Whether `items` name entities (True) or the fields of `head` (False)."""
    if any(entity_group(i) is not None for i in items):
        return True
    fields = sum(fieldish(i) for i in items)
    plural = sum(plural_thing(i) for i in items)
    titleish = _titleish(head)
    if fields > plural:
        return False
    if plural >= 2 or (titleish and plural >= 1):
        return True
    return titleish and fields == 0


def _declare_all(reading: Reading, items: list[str]) -> None:
    previous, with_fields = None, False
    for item in items:
        if with_fields and previous is not None and fieldish(item) and not plural_thing(item):
            add_fields(reading, previous, item)  # "sessions with a date and a duration"
            continue
        entity = declare_item(reading, item, previous=previous)
        previous = entity or previous
        with_fields = entity is not None and bool(WITH_ITEM.match(item))


def _verbless(reading: Reading, clause: str) -> None:
    """A phrase without a verb: "HR system with departments (...)", or a bare title."""
    parts = split_top(clause, _WITH)
    if len(parts) >= 2:
        head, rest = parts[0], clause[clause.find(parts[1], len(parts[0])) :]
        head = strip_parens(head)[0] or head
        items = split_list(rest)
        of = _HEAD_OF.match(_HEAD_NOISE.sub("", head))  # "a maintenance log per tank with ..."
        if of and _head_of(reading, of["x"], of["y"], rest):
            return
        if _entity_list(head, items):
            reading.titles.append(head)
            _declare_all(reading, items)
        elif (entity := reading.draft.declare(head)) is not None:
            add_fields(reading, entity, rest)
        else:
            reading.titles.append(head)
        return
    items = split_list(clause)
    if len(items) == 1 and entity_group(clause) is not None:
        declare_item(reading, clause)  # "managers (name, team name, email)."
    elif len(items) >= 2 and sum(plural_thing(i) or bool(entity_group(i)) for i in items) >= 2:
        _declare_all(reading, items)  # "cars (plate, model) and rentals (pickup date)"
    elif len(words(clause)) <= 8:
        reading.titles.append(clause)
