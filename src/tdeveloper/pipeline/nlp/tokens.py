"""Tokens of one clause, and where its verb is.

A token is a word (with any parenthesised groups that follow it attached) or a comma or
colon. Knowing the character span of each token lets callers cut the original text back
out for list splitting, so groups and punctuation survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from tdeveloper.pipeline.nlp.lexicon import (
    AUX,
    BE,
    DET,
    FUNCTION_WORDS,
    PREP,
    PRON,
    QUANT,
    REL,
    singular,
    wordset,
)
from tdeveloper.pipeline.nlp.verbs import Verb, lookup
from tdeveloper.spec.names import ascii_fold

__all__ = ["Token", "find_verb", "guess_verb", "noun_run_before", "tokenize"]

_MODALS = wordset("can could may might must should shall will would")
_PLURAL_PRONOUNS = wordset("we they you i")
# A subjectless verb after these still starts a clause ("an app to manage pets").
_OPENERS = wordset("to that which who for")
_OPEN_KINDS = frozenset({"manage", "have", "create", "join", "m2m"})
# Imperatives opening a sentence ("Track owners and pets").
_IMPERATIVE_KINDS = frozenset({"manage", "have"})


@dataclass
class Token:
    text: str
    start: int
    end: int
    groups: list[str] = field(default_factory=list)

    @cached_property
    def low(self) -> str:
        return ascii_fold(self.text).lower().strip("'\"")

    @property
    def is_word(self) -> bool:
        return self.text not in {",", ":"}

    @property
    def nounish(self) -> bool:
        """Could be (part of) a noun phrase: a content word that is not a verb here."""
        low = self.low
        return self.is_word and low not in FUNCTION_WORDS and bool(low[:1].isalnum())


def _close(text: str, start: int) -> int:
    """Index just past the parenthesis group opening at `start` (end of text if unclosed)."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


_PIECE = re.compile(r"\(|[,:;]|[^\s(),:;]+")


def tokenize(text: str) -> list[Token]:
    """Words and commas/colons; a parenthesised group attaches to the word before it."""
    tokens: list[Token] = []
    index = 0
    while match := _PIECE.search(text, index):
        piece, begin = match.group(0), match.start()
        if piece == "(":
            end = _close(text, begin)
            inner = text[begin + 1 : end - 1 if text[end - 1 : end] == ")" else end].strip()
            if tokens and inner:
                tokens[-1].groups.append(inner)
                tokens[-1].end = end
            index = end
            continue
        index = match.end()
        word = piece.strip("\"'")
        if piece in ",:;":
            tokens.append(Token("," if piece == ";" else piece, begin, index))
        elif word:
            tokens.append(Token(word, begin, index))
    return tokens


def _agrees(subject: Token, verb: Verb) -> bool:
    """Subject-verb agreement separates "members borrow" from "member profile"."""
    low = subject.low
    if verb.form == "ing":
        return False  # "event booking" is a noun; "is booking" goes through BE
    if verb.form == "ed":
        return True
    if low in _PLURAL_PRONOUNS:
        return verb.form == "base"
    if low in {"it", "he", "she", "someone", "everyone", "anyone"}:
        return verb.form == "s"
    if low.endswith("s") and singular(low) == low:
        return verb.form in {"base", "s"}  # "species", "series": one spelling for both
    plural = singular(low) != low
    return verb.form == ("base" if plural else "s")


def _agrees_past(tokens: list[Token], index: int, start: int, verb: Verb) -> bool:
    """ "the pieces in our music library have", "each load of grapes comes": the verb agrees
    with the noun before the prepositional phrase."""
    run = noun_run_before(tokens, index)
    j = index - len(run) - 1
    while j > start and tokens[j].low in DET:
        j -= 1
    if not run or j <= start or tokens[j].low not in PREP:
        return False
    head = noun_run_before(tokens, j)
    return bool(head) and head[-1].nounish and _agrees(head[-1], verb)


def find_verb(tokens: list[Token], start: int = 0, stop: int | None = None) -> int | None:
    """Index of the first token (from `start`, before `stop`) that begins a verb group."""
    for i in range(start, min(len(tokens), stop if stop is not None else len(tokens))):
        token = tokens[i]
        if not token.is_word:
            continue
        low, prev = token.low, _previous(tokens, i, start)
        subject = prev is not None and (prev.nounish or prev.low in PRON)
        if subject and (low in _MODALS or low in BE):
            return i
        verb = lookup(low)
        if verb is None or token.groups:
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        agrees = prev is not None and (_agrees(prev, verb) or _agrees_past(tokens, i, start, verb))
        if subject and prev is not None and agrees and _not_noun(verb, nxt):
            if verb.form == "ed" and prev.low not in PRON:
                later = find_verb(tokens, i + 1, stop)
                if later is not None and tokens[later].low in BE | _MODALS:
                    return later  # "a lesson held under an enrolment is recorded"
            return i
        kinds = _IMPERATIVE_KINDS if prev is None else _OPEN_KINDS
        opener = prev is None or prev.low in _OPENERS
        if opener and verb.kind in kinds and verb.form in {"base", "ing"} and _object_follows(nxt):
            return i
    return None


_OBJECT_OPENERS = wordset("a an the one its their each every that this")
_PLACE_WORDS = PREP | wordset("off onto around inside outside behind beside near")
_GUESS_WITHIN = 7  # an unknown verb comes early: "maintenance windows block an instrument"


def guess_verb(tokens: list[Token]) -> int | None:
    """An unknown verb between a subject noun phrase and its object ("law firms (...)
    prosecute the patents"): a word after nouns, before a determiner, agreeing in number."""
    for i in range(1, min(len(tokens) - 1, _GUESS_WITHIN)):
        before, word, nxt = tokens[i - 1], tokens[i], tokens[i + 1]
        if not all(t.nounish or t.low in DET for t in tokens[:i]):
            return None
        if not before.nounish or not word.nounish or word.groups or not word.low.isalpha():
            continue
        if word.low.endswith(("ing", "ly")):
            continue  # "claims handling for a broker": no finite verb
        plural = singular(before.low) != before.low
        agrees = word.low.endswith("s") != plural and not word.low.endswith("ss")
        after = tokens[i + 2].low if i + 2 < len(tokens) else ""
        opens = nxt.low in _OBJECT_OPENERS or (nxt.low in _PLACE_WORDS and after in _OBJECT_OPENERS)
        if opens and agrees:  # "... block an instrument", "... hang off that setting"
            return i
    return None


_ADVERBS = wordset(
    "also then only usually always often just now first later directly optionally sometimes "
    "typically normally each both"
)


def _previous(tokens: list[Token], index: int, start: int) -> Token | None:
    """The token before `index`, skipping adverbs ("the rental also stores")."""
    j = index - 1
    while j > start and tokens[j].low in _ADVERBS:
        j -= 1
    return tokens[j] if j >= start else None


def _not_noun(verb: Verb, nxt: Token | None) -> bool:
    """An -s form ending a phrase or followed by a verb is a plural noun ("blog posts have");
    an -ed form ending a phrase is an adjective ("parts used")."""
    if verb.form not in {"s", "ed"}:
        return True
    if nxt is None or not nxt.is_word or nxt.low in {"and", "or"}:
        return False
    if verb.form == "ed":  # a past verb takes an object: "signed the form", not "signed flag"
        return nxt.low in DET | PREP | PRON or singular(nxt.low) != nxt.low
    follower = lookup(nxt.low)
    return not (
        nxt.low in _MODALS
        or nxt.low in {"are", "were"}
        or (follower is not None and follower.form == "base")
    )


def _object_follows(nxt: Token | None) -> bool:
    return nxt is not None and (nxt.low in DET | QUANT or singular(nxt.low) != nxt.low)


_CAUSATIVE = wordset("let allow help enable need want make")


def _verbal(word: str) -> bool:
    """Inflected verbs ("lets", "wants") never modify a noun; base forms can ("order items")."""
    verb = lookup(word)
    return verb is not None and (verb.form in {"s", "ed", "ing"} or verb.base in _CAUSATIVE)


def noun_run_before(tokens: list[Token], index: int) -> list[Token]:
    """The noun phrase that ends just before `index` (its determiner excluded)."""
    run: list[Token] = []
    i = index - 1
    while i > 0 and tokens[i].low in _ADVERBS:
        i -= 1
    while i >= 0 and tokens[i].nounish and len(run) < 4:
        if tokens[i].low in REL | PREP | DET | AUX or (run and _verbal(tokens[i].low)):
            break
        run.insert(0, tokens[i])
        i -= 1
    return run
