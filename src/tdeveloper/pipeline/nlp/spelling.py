"""Typo repair for the words that matter: entity and field nouns ("custmers", "oders").

Only a word that neither our vocabulary nor an English dictionary (pyspellchecker's word
list, loaded on the first unknown word) knows is touched, and only toward a vocabulary word
with the same first letter that is one edit away (a letter added, dropped, changed, or two
letters swapped), so "setlist" never becomes "stylist". The vocabulary is the knowledge
base's entity and field words, the Korean glossary's English, the verbs and the reader's
function words, each with its plural.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from tdeveloper.pipeline.nlp.knowledge import domains, korean_table
from tdeveloper.pipeline.nlp.lexicon import FUNCTION_WORDS, words
from tdeveloper.pipeline.nlp.verbs import VERBS
from tdeveloper.spec.names import plural

__all__ = ["correct"]

_WORD = re.compile(r"[A-Za-z]{5,}")


@cache
def _vocabulary() -> frozenset[str]:
    found: set[str] = set(FUNCTION_WORDS) | set(VERBS)
    for domain in domains():
        for keyword in domain.keywords:
            found.update(keyword)
        for entity in domain.entities:
            for alias in entity.aliases:
                found.update(alias.split("_"))
            for spec in entity.fields:
                found.update(str(spec.get("name", "")).split("_"))
    for english in korean_table()[0].values():
        found.update(words(english))
    return frozenset(found | {plural(w) for w in found if w.isalpha()})


@cache
def _index() -> dict[tuple[str, int], tuple[str, ...]]:
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for word in _vocabulary():
        buckets[(word[:1], len(word))].append(word)
    return {key: tuple(sorted(value)) for key, value in buckets.items()}


def one_edit(a: str, b: str) -> bool:
    """Whether `b` is `a` with one letter inserted, deleted, changed or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    if len(a) == len(b):
        swapped = a[i + 1 : i + 2] == b[i : i + 1] and a[i : i + 1] == b[i + 1 : i + 2]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    return a[i + 1 :] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1 :]


@cache
def _best(word: str) -> str:
    """The one vocabulary word a single edit away (the first in order when several are)."""
    index = _index()
    # A dropped letter is the commonest slip ("oders"), so longer candidates are tried first.
    for size in (len(word) + 1, len(word), len(word) - 1):
        for candidate in index.get((word[:1], size), ()):
            british = candidate == word.replace("our", "or")  # "colour" is not a typo
            if one_edit(word, candidate) and not candidate.startswith(word) and not british:
                return candidate
    return word


@cache
def _english() -> frozenset[str]:
    from spellchecker import SpellChecker  # a 160,000-word list: loaded only when needed

    return frozenset(SpellChecker(distance=1).word_frequency.dictionary)


def correct(text: str) -> str:
    """The text with unknown words replaced by a very close known one (case kept)."""
    known = _vocabulary()

    def fix(match: re.Match[str]) -> str:
        raw = match.group(0)
        low = raw.lower()
        if any(c.isupper() for c in raw[1:]):
            return raw  # "LinkedIn", "TimeEntry": names, not typos
        if low in known or low in _english():
            return raw
        fixed = _best(low)
        return fixed.capitalize() if raw[:1].isupper() else fixed

    return _WORD.sub(fix, text)
