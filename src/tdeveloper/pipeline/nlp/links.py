"""References no rule read but the sentence still carries: the last pass over the text.

A careful reader links two things a clause names together even when its verb is unknown:
"every office action is logged against its application", "water tests per tank",
"a usage ..., linked to the tray and to the theatre it was used in". The clause's topic
(the first entity it names, when it is the subject) refers to every other entity the
clause names in the singular ("its application", "a single autoclave", "per tank",
"which tank", "one of our vets"). A person doing something ("a member books a desk") is
left to the rules that read events, unless the person makes a named record ("an observer
logs a sighting of one species": the sighting refers to both). Only pairs no other rule
linked are touched, and what this pass adds is tagged inferred with a lower confidence,
so the report asks about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdeveloper.pipeline.nlp.lexicon import (
    DROP_LEAD,
    FUNCTION_WORDS,
    PREP,
    singular,
    spelling,
    words,
    wordset,
)
from tdeveloper.pipeline.nlp.model import Draft, EntityDraft, is_person
from tdeveloper.pipeline.nlp.text import clauses, sentences
from tdeveloper.pipeline.nlp.tokens import find_verb, tokenize
from tdeveloper.pipeline.nlp.wording import without_apposition
from tdeveloper.spec.names import snake

__all__ = ["infer_links"]

# Words that make the next mention one thing: "its application", "a single autoclave".
_ONE = wordset("a an one its the their his her per single which this that whichever same")
_SELF = wordset("another other parent previous original older old earlier")
# "an observer logs a sighting": the subject makes a record, which refers back to it.
_MAKES = wordset(
    "place places make makes write writes leave leaves create creates submit submits "
    "raise raises file files post posts send sends issue issues log logs record records "
    "keep keeps sign signs"
)
# What a person "is", "has" or "works at" links them; what a person does ("books a desk",
# "marks the viewing") is an event the reader handles or a record the text names.
_STATIVE = wordset(
    "is are was were be has have had belongs belong works work reports report lives live sits sit"
)
_ADVERBS = wordset(
    "can could may might must should will would also always only usually optionally often "
    "normally typically each both then just"
)
# A subordinate opening ("when a tray is opened in theatre, we record ...") has no topic;
# a place opening ("within a trench we record contexts") is where the record belongs.
_OPENERS = wordset("when whenever if once after before because while since as during")
_PLACES = wordset("within in on at for under")
_SUBJECTS = wordset("we i you they")
_BACK = wordset("it they this these")  # "..., and it lists ...": the topic goes on
_PREFIX = 3  # words allowed before the topic: "every new", "we keep one"
# Words after a name that make it a modifier: "a context number", "the guest's name".
_MODIFIED = wordset(
    "s number name date code id type count time status level reference ref email phone "
    "address fee price size title"
)
_EACH = 9  # "tours run as departures at ... times, each led by": how far back "each" looks
_JOINT = re.compile(
    r",\s+(?:and|but|so|while)\s+|\s+so\s+|:\s+(?=(?:an?|the|each|every)\s)"
    r"|\s+(?:since|because|although|unless|until)\s+"
)
_ADJECTIVES = 2  # "a specific lending institution": words allowed between "a" and the name
_CONFIDENCE = 0.55


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: EntityDraft
    plural: bool


Names = list[tuple[list[str], EntityDraft, bool]]  # words, entity, whether only the head


def infer_links(draft: Draft, text: str) -> None:
    """Add the references the clauses of `text` imply between entities not yet linked."""
    if not draft.entities:
        return
    names = _names(draft)
    for line in text.split("\n"):
        for sentence in sentences(line):
            topic: EntityDraft | None = None
            for clause in _clauses(sentence):
                topic = _link_clause(draft, names, clause, topic)


def _clauses(sentence: str) -> list[list[str]]:
    """The clause word lists of a sentence; an opening "when ..." is dropped and an
    opening place moves to the end as "per <place>"."""
    parts = [
        [_word(w) for w in words(p.replace("'s ", " s "))]
        for c in clauses(without_apposition(sentence))
        for p in _JOINT.split(c)
    ]
    parts = [p for p in parts if p]
    if not parts or parts[0][0] not in _OPENERS | _PLACES:
        return parts
    first = parts[0]
    cut = next((i for i, w in enumerate(first) if w in _SUBJECTS), None)
    if cut is None:
        return parts[1:]
    place = [w for w in first[1:cut] if w not in DROP_LEAD]
    parts[0] = first[cut:] + (["per", *place] if first[0] in _PLACES and place else [])
    return parts


def _word(word: str) -> str:
    return "one" if word == "1" else spelling(word)


def _names(draft: Draft) -> Names:
    """Each entity's words (longest first), and its head word alone when no other shares it."""
    full = [(snake(e.name).split("_"), e) for e in draft.entities.values()]
    heads: dict[str, list[EntityDraft]] = {}
    for parts, entity in full:
        heads.setdefault(parts[-1], []).append(entity)
    named: Names = [(parts, entity, False) for parts, entity in full]
    named += [
        ([head], found[0], True)
        for head, found in heads.items()
        if len(found) == 1 and snake(found[0].name) != head
    ]
    return sorted(named, key=lambda item: -len(item[0]))


def _mentions(names: Names, clause: list[str]) -> list[_Mention]:
    taken: set[int] = set()
    found: list[_Mention] = []
    for parts, entity, head_only in names:
        size = len(parts)
        for i in range(len(clause) - size + 1):
            span = set(range(i, i + size))
            said = clause[i : i + size]
            as_one = [singular(w) for w in said]
            if taken & span or parts not in (as_one, [*said[:-1], as_one[-1]]):
                continue  # "customs entries" keeps its first word whole
            if head_only and i and clause[i - 1] not in FUNCTION_WORDS | DROP_LEAD:
                continue  # "a university email" is not the reminder email
            taken |= span
            if i + size < len(clause) and clause[i + size] in _MODIFIED:
                continue  # "a context number" is a field
            plural = clause[i + size - 1] != parts[-1] and clause[max(i - 3, 0) : i][:2] != [
                "one",
                "of",
            ]  # "one of our vets" is one vet
            found.append(_Mention(i, i + size, entity, plural))
    return sorted(found, key=lambda m: m.start)


def _link_clause(
    draft: Draft, names: Names, clause: list[str], topic: EntityDraft | None
) -> EntityDraft | None:
    """Link the clause's topic to the things it names; return the topic for the next
    clause ("..., and it lists ...", ", and points to the flag")."""
    found = _mentions(names, clause)
    if not found:
        return topic
    first = found[0]
    if topic is not None and first.start > 0 and _continues(clause):
        rest, after = found, 0
    elif _subject_like(clause[: first.start]):
        topic, rest, after = first.entity, found[1:], first.end
    else:
        return topic
    verb = next((w for w in clause[after:] if w not in _ADVERBS), "")
    if rest and verb in _MAKES and rest[0].start <= after + 2 + _ADJECTIVES:
        made = rest[0].entity  # "an observer logs a sighting": Sighting -> Observer
        _relate(draft, made, topic)
        topic, rest = made, rest[1:]
    elif is_person(topic.name) and verb not in _STATIVE:
        return topic
    previous = first
    for mention in rest:
        _link(draft, _source(clause, topic, previous, mention), mention, clause)
        previous = mention
    return topic


def _continues(clause: list[str]) -> bool:
    """Whether the clause goes on about the last topic: "it lists ...", "points to ..."."""
    return clause[0] in _BACK or find_verb(tokenize(f"it {' '.join(clause)}")) == 1


def _subject_like(prefix: list[str]) -> bool:
    """Whether the words before the first name leave it the subject ("every new", "we
    keep one"), not an object ("record the quantity of each part")."""
    if len(prefix) > _PREFIX or set(prefix) & PREP:
        return False
    return not prefix or prefix[0] in _SUBJECTS or set(prefix) <= FUNCTION_WORDS | DROP_LEAD


def _source(
    clause: list[str], topic: EntityDraft, previous: _Mention, mention: _Mention
) -> EntityDraft | None:
    """Who refers to `mention`: the topic, or the plural thing an "each" / "one per" after
    it distributes ("order lines each with a product"); None when that thing is no entity."""
    gap = clause[previous.end : mention.start]
    each = "each" in gap or ("one" in gap and "per" in gap)
    if not each:
        return topic
    near = len(gap) <= _EACH and previous.plural
    return previous.entity if near else None


def _link(draft: Draft, source: EntityDraft | None, mention: _Mention, clause: list[str]) -> None:
    if source is None:
        return
    det = _determiner(clause, mention.start)
    if mention.entity is source:
        if det in _SELF and not draft.linked(source.name, source.name):
            draft.relate("many_to_one", source, source, tag="inferred", confidence=_CONFIDENCE)
        return
    if mention.plural and det == "into":  # "grouped into trays", "split into items"
        # "applications are grouped into families"; "each donation is split into items"
        topic_plural = clause[0] != "each" and "are" in clause[: mention.start]
        _relate(draft, *((source, mention.entity) if topic_plural else (mention.entity, source)))
    elif not mention.plural and det in _ONE:
        _relate(draft, source, mention.entity)


def _relate(draft: Draft, source: EntityDraft, target: EntityDraft) -> None:
    if source is not target and not draft.linked(source.name, target.name):
        draft.relate("many_to_one", source, target, tag="inferred", confidence=_CONFIDENCE)


def _determiner(clause: list[str], start: int) -> str:
    """The word that decides the number of the mention at `start`, skipping adjectives."""
    for i in range(start - 1, max(start - 2 - _ADJECTIVES, -1), -1):
        word = clause[i]
        if word in _ONE | _SELF or word in FUNCTION_WORDS:
            return word
    return ""
