"""Second look at the entities read: drop those a careful analyst would not make a table of.

The reader declares an entity for almost every noun phrase a clause links to another, so a
description's context leaves tables behind: the business itself ("our beekeeping club
wants..."), phrases that keep a number or an adjective ("three cities", "specific dates"),
fragments of verbs ("as departures", "led"), and values read as things ("a start time").
An entity counts as described when most of its stated fields read as attributes (not as
misread clauses such as "tired_of_chasing_parents"); the rules, in order:

1. names: leading numbers, quantities, sizes and function words ("four rooms", "which are
   staff members", "maybe discount codes too") and what follows a participle ("filmmakers
   credited") are not part of a name; the rest names the entity, and an entity of that
   name takes over its fields and relations;
2. openers: a qualified name the opening sentence uses once ("our lab runs clinical
   studies") is the entity the rest of the text calls by its head ("each study has ...");
3. the business: the one organisation the opening sentence is about and never names again
   ("the foundation gives grants", "we run an escape-room business") owns the app;
4. values: an undescribed name that reads as a field ("start time", "postcode", "a price")
   becomes a field of the one entity it was linked to;
5. non-nouns and tools: verb forms ("led"), words that never name a thing ("there", "pls")
   and the spreadsheet, group chat or paper diary the app replaces;
6. orphans: a weak entity whose only links went with the above goes too;
7. asides: in a long brief, undescribed entities cut off from every described one and
   named only in sentences naming no described entity are background ("status changes
   need to be traceable for audits");
8. the scene: in a long brief, an entity named only before the first sentence that gives
   an entity its fields, with at most one field and no stated link (or named only where
   the writer speaks: "we", "our"), is context ("sessions in church halls", "a report for
   the finance office"); a qualified one whose head is an entity is that entity;
9. one thing, two names: a role another entity plays ("a principal investigator, who is
   one of the researchers"), an apposition that goes on to describe another ("one handler,
   an employee with a name"), a bare head of one described entity ("group" for research
   groups), a name qualified by the business's own word ("the club apiaries"), and a
   record made of a verb that reaches one entity only ("we book shipments": no Booking).
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.fields import FieldDraft, infer_type
from tdeveloper.pipeline.nlp.lexicon import (
    APP_WORDS,
    AUX,
    BE,
    FUNCTION_WORDS,
    PERSON_WORDS,
    PRON,
    singular,
    words,
    wordset,
)
from tdeveloper.pipeline.nlp.model import Draft, EntityDraft, entity_phrase_ok
from tdeveloper.pipeline.nlp.text import sentences
from tdeveloper.pipeline.nlp.verbs import lookup
from tdeveloper.spec.names import pascal, snake

__all__ = ["prune"]

_NUMBERS = wordset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred hundreds thousand thousands million dozen dozens couple pair"
)
# Words that qualify a name without changing what it names: amounts, sizes, degree, time.
_QUALIFIERS = _NUMBERS | wordset(
    "about around approximately roughly nearly almost over under than more less most fewer "
    "few some such these those same certain specific particular various separate individual "
    "large larger largest big bigger biggest small smaller smallest little tiny huge whole "
    "current existing previous today todays regular elderly actual typical chosen selected "
    "maybe perhaps possibly probably also too as which who that are is were was through "
    "of with without plus extra additional other another"
)
# Trailing words that are not part of a name ("discount codes too", "site managers themselves").
_TAIL = wordset("too also themselves themselve itself etc either aswell once")
# Chat shorthand and words that never name a table.
_NOT_NOUNS = wordset(
    "pls plz ppl lol thx thanks there here nobody somebody anybody everybody noone none "
    "whoever whatever anything something nothing everything"
)
# The last word of a name that is a value, not a thing ("a start time", "the postcode").
_VALUE_WORDS = wordset(
    "name number code type status condition region postcode zip size city country address "
    "phone email description flag score rating month week day year time date "
    "amount price cost fee salary total count quantity percentage weight height length duration "
    "capacity value id title"
)
# Heads of organisations: the business a description is written for.
_ORG_WORDS = wordset(
    "club society association business company agency practice firm foundation trust "
    "charity committee council department facility league service startup cooperative coop "
    "estate library shed centre center network organisation organization nonprofit "
    "institute office bureau group team lab laboratory hall studio kitchen hotel hostel "
    "restaurant cafe bakery brewery winery salon gym clinic garage farm theatre museum"
)
# The tools a description says it replaces.
_TOOL_WORDS = wordset(
    "spreadsheet spreadsheets sheet workbook excel whiteboard notebook binder logbook chat "
    "groupchat whatsapp slack tablet pc inbox calendar folder drive csv database"
)
_LOOKUP = wordset("reference lookup")  # "species are held in a reference table"
# Types that only a value has: a "rent payment" may be money, but it is still a record.
_VALUE_TYPES = frozenset({"date", "datetime", "time", "boolean", "email", "url"})
_PAPER = wordset("paper printed handwritten")  # "a paper diary", "paper sign-up sheets"
_MIN_SENTENCES = 3  # an opening sentence is context only when more follows it
_CONTEXT_SENTENCES = 5  # a brief this long has background sentences
_DETAILED = 3  # described entities needed before the rest can be told apart as background


def prune(draft: Draft, text: str) -> None:
    """Drop (or fold into others) the entities a careful analyst would not keep."""
    linked = [e for e in draft.entities.values() if draft.has_relations(e.name)]
    sentences_ = _sentences(text)
    _tidy_names(draft)
    if len(sentences_) >= _MIN_SENTENCES:
        _fold_openers(draft, sentences_)
        _drop_house_words(draft, sentences_[0])
    _fold_roles(draft, sentences_)
    _fold_appositions(draft, text.lower(), sentences_)
    for entity in list(draft.entities.values()):
        if entity.name not in draft.entities:
            continue
        if _business(entity, sentences_):
            _remove(draft, entity)
        elif _described(entity):
            continue
        elif _value_like(draft, entity):
            _to_field(draft, entity)
        elif _not_noun(entity) or _tool(entity):
            _remove(draft, entity)
    _fold_half_joins(draft, sentences_)
    _drop_orphans(draft, linked)
    long = len(sentences_) >= _CONTEXT_SENTENCES
    if long:
        _drop_preamble(draft, sentences_)
    _fold_heads(draft)
    if long:
        _drop_asides(draft, sentences_)


def _sentences(text: str) -> list[list[str]]:
    """Every sentence of `text` as lowercase words ("'s" dropped)."""
    out: list[list[str]] = []
    for line in text.replace("'s ", " ").split("\n"):
        out.extend(found for sentence in sentences(line) if (found := words(sentence)))
    return out


def _find(sentence: list[str], parts: list[str]) -> int | None:
    """Where `parts` (singular words) start in `sentence`, in any number."""
    size = len(parts)
    for j in range(len(sentence) - size + 1):
        if [singular(w) for w in sentence[j : j + size]] == parts:
            return j
    return None


def _mentions(sentences_: list[list[str]], parts: list[str]) -> list[int]:
    """Indexes of the sentences that hold `parts` in a row."""
    return [i for i, sent in enumerate(sentences_) if _find(sent, parts) is not None]


def _parts(entity: EntityDraft) -> list[str]:
    return snake(entity.name).split("_")


def _described(entity: EntityDraft) -> bool:
    """Whether the text gives the entity attributes: more stated fields that read as
    attributes than misread clauses ("tired_of_chasing_parents", "hosted_dances")."""
    stated = sum(f.source == "stated" for f in entity.fields)
    real = _real_count(entity)
    return real > 0 and real >= stated - real


def _real_count(entity: EntityDraft) -> int:
    return sum(f.source == "stated" and not _clause_like(f.name.split("_")) for f in entity.fields)


_NOISE = (FUNCTION_WORDS | BE) - {"of"}


def _clause_like(parts: list[str]) -> bool:
    if len(parts) > 4 or any(p in _NOISE for p in parts) or set(parts) <= APP_WORDS:
        return True
    # "hosted dances", not "paid date" or "assigned to"
    return len(parts) > 1 and _participle(parts[0]) and singular(parts[-1]) != parts[-1]


# --- rule 1: names -------------------------------------------------------------------------


def _tidy_names(draft: Draft) -> None:
    for entity in list(draft.entities.values()):
        parts = _parts(entity)
        kept = _core(parts)
        if kept == parts:
            continue
        name = pascal(" ".join([*kept[:-1], singular(kept[-1])])) if kept else ""
        bare = not _described(entity)
        if not kept or not entity_phrase_ok(" ".join(kept)):
            if bare:
                _remove(draft, entity)
        elif bare and entity.weak and name not in draft.entities and kept[-1] not in _VALUE_WORDS:
            _remove(draft, entity)  # "today bookings live in a diary": context, not a record
        else:
            _rename(draft, entity, name)


def _core(parts: list[str]) -> list[str]:
    """The words of a name that name something: qualifiers, shorthand and tails dropped,
    and a participle ends it ("filmmakers credited" -> "filmmakers")."""
    kept = list(parts)
    while len(kept) > 1 and kept[0] in _QUALIFIERS | FUNCTION_WORDS:
        kept = kept[1:]
    while kept and kept[-1] in _TAIL:
        kept = kept[:-1]
    for i, word in enumerate(kept[1:], start=1):
        if word in _NOT_NOUNS or _participle(word):
            return kept[:i]
    return kept


def _participle(word: str) -> bool:
    if word.endswith("eed"):
        return False  # "seed", "breed", "need"
    verb = lookup(word)
    if verb is not None:
        return verb.form == "ed"
    return word.endswith("ed") and len(word) > 5 and not word.endswith("ured")


def _rename(draft: Draft, entity: EntityDraft, name: str) -> None:
    """Give `entity` the name `name`, or fold it into the entity already called that."""
    old = entity.name
    if name == old:
        return
    target = draft.entities.get(name)
    if target is None and not _described(entity):
        target = _loose(draft, name, old)
    if target is None:
        entity.name = name
        entity.label = " ".join(snake(name).split("_")).capitalize()
        draft.entities = {(name if k == old else k): v for k, v in draft.entities.items()}
    else:
        for f in entity.fields:
            target.add_field(f)
        target.weak = target.weak and entity.weak
        del draft.entities[old]
        name = target.name
    _repoint(draft, old, name)


def _loose(draft: Draft, name: str, old: str) -> EntityDraft | None:
    """The one other entity whose name starts or ends with `name` ("Broker" -> BrokerFirm)."""
    key = snake(name)
    found = [
        e
        for e in draft.entities.values()
        if e.name != old
        and (snake(e.name).startswith(f"{key}_") or snake(e.name).endswith(f"_{key}"))
    ]
    return found[0] if len(found) == 1 else None


def _repoint(draft: Draft, old: str, new: str) -> None:
    seen: set[tuple[str, str, str, str | None]] = set()
    kept = []
    for rel in draft.relations:
        was_self = rel.source == rel.target
        if rel.field == f"{snake(old)}_id":
            rel.field = f"{snake(new)}_id"
        rel.source = new if rel.source == old else rel.source
        rel.target = new if rel.target == old else rel.target
        key = (rel.kind, rel.source, rel.target, rel.field)
        if (rel.source == rel.target and not was_self) or key in seen:
            continue
        seen.add(key)
        kept.append(rel)
    draft.relations = kept


# --- rule 2: values ------------------------------------------------------------------------


def _value_like(draft: Draft, entity: EntityDraft) -> bool:
    partners = {r.source for r in draft.relations if r.target == entity.name} | {
        r.target for r in draft.relations if r.source == entity.name
    }
    parts = _parts(entity)
    if len(parts) == 1:
        return parts[0] in _VALUE_WORDS  # "a number", "the date"
    if len(partners - {entity.name}) > 1:
        return False  # "treatment notes" for a therapist and an appointment: a record
    if parts[-1] in _VALUE_WORDS:
        return True
    return len(parts) > 1 and infer_type(snake(entity.name)) in _VALUE_TYPES


def _to_field(draft: Draft, entity: EntityDraft) -> None:
    """A value read as a thing becomes a field of the one entity it was linked to."""
    owners = {
        r.target if r.source == entity.name else r.source
        for r in draft.relations
        if entity.name in (r.source, r.target) and r.kind == "many_to_one"
    } - {entity.name}
    owner = draft.entities[owners.pop()] if len(owners) == 1 else None
    if owner is not None and _described(owner):
        name = snake(entity.name)
        owner.add_field(FieldDraft(name, infer_type(name), source="stated", confidence=0.6))
    _remove(draft, entity)


# --- rules 3 to 5: the business, non-nouns, tools ---------------------------------------


def _not_noun(entity: EntityDraft) -> bool:
    parts = _parts(entity)
    if parts[0] in _NOT_NOUNS | PRON:
        return True
    verb = lookup(parts[-1]) if len(parts) == 1 else None
    return verb is not None and verb.form == "ed"


def _tool(entity: EntityDraft) -> bool:
    parts = _parts(entity)
    qualified = len(parts) > 1 and parts[0] in _PAPER | _LOOKUP
    return parts[-1] in _TOOL_WORDS or qualified


def _business(entity: EntityDraft, sentences_: list[list[str]]) -> bool:
    """The organisation the opening sentence introduces, never mentioned again by name:
    "our lab runs ...", "we run an escape-room business", "X is a forwarder with ..."."""
    if len(sentences_) < _MIN_SENTENCES or _real_count(entity) > 1:
        return False
    parts = [singular(p) for p in _parts(entity)]
    found = _mentions(sentences_, parts)
    if found[:1] != [0] or (found[1:] and not _called_the(entity, sentences_, found[1:])):
        return False
    first = sentences_[0]
    at = _find(first, parts)
    if at is None:
        return False
    end = at + len(parts)
    if first[end - 1] != parts[-1]:
        return False  # the business is one: "our lab", "a core facility", not "listeners"
    then = first[end] if end < len(first) else ""
    acts = lookup(then) is not None or then in BE | AUX | PRON  # "our lab runs", "X is a"
    before = first[:at]
    if all(w in _OPENING for w in before) and (acts or bool(set(before) & PRON)):
        return True
    return parts[-1] in _ORG_WORDS and not _described(entity)


def _called_the(entity: EntityDraft, sentences_: list[list[str]], found: list[int]) -> bool:
    """Whether an entity with no stated fields is called "the hotel" or "our hotel" each
    time: the business the opening introduced ("the hotel also sells extras")."""
    if any(f.source == "stated" for f in entity.fields):
        return False
    parts = [singular(p) for p in _parts(entity)]
    for i in found:
        said = sentences_[i]
        at = _find(said, parts)
        if not at or said[at - 1] not in {"the", "our"} or said[at + len(parts) - 1] != parts[-1]:
            return False
    return True


_OPENING = _QUALIFIERS | wordset(
    "our my the a an we i me mate and are re run is this so ok hey hi for at"
)


def _fold_openers(draft: Draft, sentences_: list[list[str]]) -> None:
    """ "Our lab runs small clinical studies ... each study has a code": a qualified name
    the opening sentence uses once is the entity the rest of the text calls by its head."""
    for entity in list(draft.entities.values()):
        parts = [singular(p) for p in _parts(entity)]
        if len(parts) < 2 or _mentions(sentences_, parts) != [0]:
            continue
        if any(i > 0 for i in _mentions(sentences_, parts[-1:])):
            _rename(draft, entity, pascal(parts[-1]))


def _fold_heads(draft: Draft) -> None:
    """ "Research groups have a name ... researchers belong to one group": an undescribed
    one-word entity is the one described entity its word ends the name of (people
    excepted: "members" and "staff members" are rarely the same)."""
    for entity in list(draft.entities.values()):
        parts = _parts(entity)
        if len(parts) > 1 or parts[0] in PERSON_WORDS or _described(entity):
            continue
        longer = [
            e
            for e in draft.entities.values()
            if snake(e.name).endswith(f"_{parts[0]}") and _described(e)
        ]
        if len(longer) == 1:
            _rename(draft, entity, longer[0].name)


def _drop_house_words(draft: Draft, opening: list[str]) -> None:
    """ "Our beekeeping club ... the club apiaries": the word for the business itself,
    named by the opening sentence, qualifies nothing; "club apiaries" are apiaries."""
    ends = [*opening[1:], ""]  # the business is a head: "our club wants", not "club house"
    house = {
        w
        for w, then in zip(opening, ends, strict=True)
        if w in _ORG_WORDS and (not then or then in FUNCTION_WORDS or lookup(then) is not None)
    }
    for entity in list(draft.entities.values()):
        parts = _parts(entity)
        if entity.name in draft.entities and len(parts) > 1 and parts[0] in house:
            _rename(draft, entity, pascal(" ".join(parts[1:])))


def _fold_half_joins(draft: Draft, sentences_: list[list[str]]) -> None:
    """A record the reader made of a verb ("we book shipments" -> Booking, "items are
    registered with a brand" -> Registration) joins nothing when it reaches one entity
    only: that entity takes its fields and it goes."""
    for entity in list(draft.entities.values()):
        if entity.source != "inferred" or _mentions(sentences_, _parts(entity)):
            continue
        partners = {
            r.target if r.source == entity.name else r.source
            for r in draft.relations
            if entity.name in (r.source, r.target)
        } - {entity.name}
        if len(partners) != 1:
            continue
        owner = draft.entities[partners.pop()]
        for f in entity.fields:
            if f.source == "stated":
                owner.add_field(f)
        _remove(draft, entity)


def _fold_appositions(draft: Draft, text: str, sentences_: list[list[str]]) -> None:
    """ "Each claim is handled by one handler, an employee with a name": a name used once,
    as an apposition that goes on to describe another entity, is that entity."""
    for entity in list(draft.entities.values()):
        parts = _parts(entity)
        if entity.name not in draft.entities or len(_mentions(sentences_, parts)) != 1:
            continue
        if not re.search(rf",\s+an?\s+{_pattern(entity)}\s+(?:with|who)\b", text):
            continue  # no apposition names it: skip the pairwise search (many entities)
        for other in list(draft.entities.values()):
            if other is entity:
                continue
            said = rf"\b{_pattern(other)},\s+an?\s+{_pattern(entity)}\s+(?:with|who)\b"
            if re.search(said, text):
                _rename(draft, entity, other.name)
                break


def _pattern(entity: EntityDraft) -> str:
    """A regular expression for the entity's name in running text, in either number."""
    parts = _parts(entity)
    return r"\s+".join([*parts[:-1], f"{parts[-1]}s?"])


_ROLE_OF = wordset("one of the our a an another also both")


def _fold_roles(draft: Draft, sentences_: list[list[str]]) -> None:
    """ "Led by a principal investigator, who is one of the researchers": an undescribed
    role played by another entity is that entity; its links keep their names, so "a
    supervisor, who is another staff member" is a staff member's link to another."""
    for entity in list(draft.entities.values()):
        if entity.name not in draft.entities or _described(entity):
            continue
        parts = [singular(p) for p in _parts(entity)]
        role = next(filter(None, (_role_of(draft, s, parts) for s in sentences_)), None)
        if role is None or role is entity:
            continue
        for f in entity.fields:
            role.add_field(f)
        del draft.entities[entity.name]
        for rel in draft.relations:
            rel.source = role.name if rel.source == entity.name else rel.source
            rel.target = role.name if rel.target == entity.name else rel.target


def _role_of(draft: Draft, sentence: list[str], parts: list[str]) -> EntityDraft | None:
    at = _find(sentence, parts)
    if at is None:
        return None
    rest = sentence[at + len(parts) :]
    if rest[:1] != ["who"] or rest[1:2] not in (["is"], ["are"]):
        return None
    rest = rest[2:]
    while rest and rest[0] in _ROLE_OF:
        rest = rest[1:]
    return draft.find(" ".join(rest[:2])) or draft.find(" ".join(rest[:1])) if rest else None


def _drop_asides(draft: Draft, sentences_: list[list[str]]) -> None:
    """Undescribed entities cut off from every described one, named only in sentences that
    name no described entity: the background of a long brief ("status changes for audits")."""
    described = {e.name for e in draft.entities.values() if _described(e)}
    if len(described) < _DETAILED:
        return  # the reader found too little to tell background from data
    busy = {
        i for name in described for i in _mentions(sentences_, [_parts(draft.entities[name])[-1]])
    }
    reach = set(described)  # everything linked, however indirectly, to a described entity
    grew = True
    while grew:
        grew = False
        for rel in draft.relations:
            if (rel.source in reach) != (rel.target in reach):
                reach |= {rel.source, rel.target}
                grew = True
    for entity in list(draft.entities.values()):
        found = _mentions(sentences_, [singular(p) for p in _parts(entity)])
        if entity.name not in reach and found and not set(found) & busy:
            _remove(draft, entity)


def _drop_preamble(draft: Draft, sentences_: list[list[str]]) -> None:
    """A long brief sets the scene before it describes its data ("our blood service runs
    sessions in church halls and schools", "reports for the finance office"): an entity
    named only before the first sentence that gives a described entity its fields, with
    at most one field of its own, is the scene; a qualified one whose head names another
    entity ("monthly plans" before "plans have a name") is that entity."""
    described = [e for e in draft.entities.values() if _described(e)]
    if len(described) < _DETAILED:
        return
    # the data starts where an entity is first given fields (two or more: one may be a
    # misread clause such as "our investors keep asking")
    detailed = [e for e in described if _real_count(e) > 1]
    start = min((_first_data(e, sentences_) for e in detailed), default=0)
    for entity in list(draft.entities.values()):
        if entity.name not in draft.entities:
            continue
        parts = [singular(p) for p in _parts(entity)]
        found = _mentions(sentences_, parts)
        if not found or max(found) >= start:
            continue
        head = draft.entities.get(pascal(parts[-1]))
        if len(parts) > 1 and head is not None and head is not entity:
            _rename(draft, entity, head.name)
        elif _real_count(entity) <= 1 and (
            not _stated_link(draft, entity) or all(_WRITER & set(sentences_[i]) for i in found)
        ):
            _remove(draft, entity)


_WRITER = wordset("we our us ours i my me")


def _stated_link(draft: Draft, entity: EntityDraft) -> bool:
    return any(
        entity.name in (r.source, r.target) and r.source_tag == "stated" for r in draft.relations
    )


def _first_data(entity: EntityDraft, sentences_: list[list[str]]) -> int:
    """The first sentence naming `entity` (by its head) with one of its stated fields."""
    head = singular(_parts(entity)[-1])
    names = [
        [singular(w) for w in f.name.split("_") if w not in FUNCTION_WORDS]
        for f in entity.fields
        if f.source == "stated" and not _clause_like(f.name.split("_"))
    ]
    for i, sentence in enumerate(sentences_):
        said = {singular(w) for w in sentence}
        if head in said and any(name and set(name) <= said for name in names):
            return i
    return len(sentences_)


# --- removal -------------------------------------------------------------------------------


def _remove(draft: Draft, entity: EntityDraft) -> None:
    draft.entities.pop(entity.name, None)
    draft.relations = [r for r in draft.relations if entity.name not in (r.source, r.target)]


def _drop_orphans(draft: Draft, linked: list[EntityDraft]) -> None:
    """A weak entity kept only for a link to something now gone goes too."""
    for entity in linked:
        if entity.weak and not entity.fields and not draft.has_relations(entity.name):
            _remove(draft, entity)
