"""Hangul helpers that need no analyser: detecting Korean text and romanizing words."""

from __future__ import annotations

import re

__all__ = ["HANGUL", "is_korean", "romanize"]

HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Revised Romanization, letter by letter (no sound changes across syllables): an unknown
# Korean word still becomes a readable, valid identifier ("세탁소" -> "setakso").
_INITIAL = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "-", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
_MEDIAL = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
_FINAL = (
    "-", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip


def is_korean(text: str) -> bool:
    """True when Hangul makes up a fair share of the letters."""
    hangul = len(HANGUL.findall(text))
    letters = sum(1 for c in text if c.isalpha())
    return hangul > 0 and hangul * 3 >= letters


def romanize(word: str) -> str:
    """Latin letters for a Korean word; other characters pass through."""
    out: list[str] = []
    for char in word:
        index = ord(char) - 0xAC00
        if not 0 <= index < 11172:
            out.append(char)
            continue
        initial, medial, final = index // 588, (index % 588) // 28, index % 28
        out.append(_INITIAL[initial].strip("-") + _MEDIAL[medial] + _FINAL[final].strip("-"))
    return "".join(out)
