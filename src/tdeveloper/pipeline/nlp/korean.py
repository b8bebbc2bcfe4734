"""Korean descriptions: detect Hangul and gloss known words into English for the reader.

This is a word-for-word gloss through the knowledge base's glossary, not translation: it
works for the list-heavy way specs are usually written ("환자(이름, 생년월일)"), and unknown
words are dropped rather than guessed. Particles glued to nouns ("예약을") are stripped.
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.knowledge import glossary
from tdeveloper.pipeline.nlp.lexicon import singular, wordset

__all__ = ["gloss", "is_korean"]

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_WORD = re.compile(r"[\uac00-\ud7a3]+|[^\uac00-\ud7a3]")
# Particles and endings, longest first so "으로" is tried before "로".
_PARTICLES = tuple(
    sorted(
        wordset(
            "을 를 이 가 은 는 의 와 과 로 으로 에 에서 도 만 들 에게 께 으로서 이나 나 랑 "
            "이랑 하고 을를 및 등을 등"
        ),
        key=len,
        reverse=True,
    )
)


def is_korean(text: str) -> bool:
    """True when Hangul makes up a fair share of the letters."""
    hangul = len(_HANGUL.findall(text))
    letters = sum(1 for c in text if c.isalpha())
    return hangul > 0 and hangul * 3 >= letters


def _lookup(word: str, table: dict[str, str]) -> str | None:
    if word in table:
        return table[word]
    for particle in _PARTICLES:
        if word.endswith(particle) and word[: -len(particle)] in table:
            return table[word[: -len(particle)]]
    return None


def _singular_phrase(english: str) -> str:
    parts = english.split()
    return " ".join([*parts[:-1], singular(parts[-1])]) if parts else english


def gloss(text: str) -> str:
    """English-ish rendering of a Korean description (punctuation and Latin text kept)."""
    table = glossary("ko")
    out: list[str] = []
    depth = 0
    for piece in _WORD.findall(text):
        if not _HANGUL.match(piece):
            depth += piece.count("(") - piece.count(")")
            out.append(piece)
            continue
        english = _lookup(piece, table)
        if english:
            # Inside "환자(...)" the words are fields, so nouns stay singular there.
            out.append(f" {_singular_phrase(english) if depth > 0 else english} ")
    glossed = "".join(out)
    glossed = re.sub(r"\)\s*(?=[A-Za-z])", ") ", glossed)
    return re.sub(r"[ \t]+", " ", glossed).strip()
