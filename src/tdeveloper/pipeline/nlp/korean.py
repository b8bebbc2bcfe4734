"""Korean descriptions: morphemes (kiwipiepy) -> plain English the English reader understands.

Korean puts the verb last and marks roles with particles ("회원은 도서를 빌린다": member-TOPIC
book-OBJECT borrow). This module is the entry point: `translate` tidies the text, analyses each
Korean line into morphemes and has `LineReader` (korean_reader.py) rewrite its clauses in English
word order ("Members borrow books."). The Korean words are returned too, so the spec can show
them as labels. The analyser costs a one-time load (about a second), so it is loaded on the
first Korean description only, once per process.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tdeveloper.pipeline.nlp.hangul import HANGUL, is_korean
from tdeveloper.pipeline.nlp.knowledge import korean_table
from tdeveloper.pipeline.nlp.korean_clauses import field_like
from tdeveloper.pipeline.nlp.korean_reader import LineReader
from tdeveloper.pipeline.nlp.korean_words import names, tidy

__all__ = ["Translation", "is_korean", "translate"]

_LOCK = threading.Lock()
_RANGE = re.compile(r"(\d+)\s*~\s*(\d+)")
# "(예: 입질이 있음)", "(예를 들어 ...)": an example, not a list of values.
_EXAMPLE = re.compile(
    r"\s*\((?:예|예시|예를 들어|예를 들면|ex|e\.g)\s*[:.)]?[^()]*\)", re.IGNORECASE
)


@dataclass
class Translation:
    english: str
    labels: dict[str, str] = field(default_factory=dict)  # english singular -> Korean words


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi  # type: ignore[import-untyped]  # loaded on first Korean text

    kiwi = Kiwi()
    for word in korean_table()[0]:
        if len(word) > 1 and HANGUL.match(word):
            kiwi.add_user_word(word, "NNP")  # glossary compounds stay whole ("우선순위")
    return kiwi


def _morphemes(line: str) -> list[tuple[str, str]]:
    with _LOCK:  # one analyser per process; calls are serialised to be safe across threads
        tokens = _kiwi().tokenize(line)
    morphs: list[tuple[str, str]] = []
    for token in tokens:
        morphs.extend(_unglued(token.form, token.tag.split("-")[0]))
    return _light_verbs(morphs)


def _light_verbs(morphs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ "신청하고", "예약하는": a glossary noun the analyser keeps whole can leave its 하 read
    as "and" (하고/JC) or as a verb of its own; a noun whose 하-verb the glossary knows is
    that verb."""
    verbs = korean_table()[1]
    out: list[tuple[str, str]] = []
    for form, tag in morphs:
        if (form, tag) == ("ᆫ지", "EC") and out and out[-1] == ("이", "VCP"):
            out.pop()  # "몇월분인지, 금액": "which month it is for" names the month
            continue
        noun = out[-1][0] if out and out[-1][1] in ("NNP", "NNG") else ""
        if noun and f"{noun}하" in verbs and (form, tag) in (("하고", "JC"), ("하", "VV")):
            out[-1] = (noun, "NNG")
            out.append(("하", "XSV"))
            if form == "하고":
                out.append(("고", "EC"))
            continue
        out.append((form, tag))
    return out


# Endings the analyser leaves glued to a word it does not know ("건마다", "고르고").
_GLUED = {"마다": "JX", "고": "EC", "며": "EC", "면": "EC"}


def _unglued(form: str, tag: str) -> list[tuple[str, str]]:
    """ "대여 건마다 대여일 기록", "종류를 고르고": in notes without verb endings the analyser
    reads unknown words as names; a known noun or verb stem with a particle or ending glued on
    is split back."""
    nouns, verbs, _ = korean_table()
    if tag != "NNP" or form in nouns:
        return [(form, tag)]
    for ending, kind in _GLUED.items():
        stem = form[: -len(ending)]
        if not stem or not form.endswith(ending):
            continue
        if kind == "JX" and (stem in nouns or stem == "건"):
            return [(stem, "NNB" if stem == "건" else "NNG"), (ending, kind)]
        if kind == "EC" and stem in verbs:
            return [(stem, "VV"), (ending, kind)]
    return [(form, tag)]


def translate(text: str) -> Translation:
    """English rendering of a Korean description, line by line, with the Korean labels."""
    result = Translation("")
    text, own = names(tidy(text), korean_table()[0], field_like)
    lines = _EXAMPLE.sub("", text).split("\n")
    english = "\n".join(
        _line(line, result.labels, own) if HANGUL.search(line) else line for line in lines
    )
    result.english = _RANGE.sub(r"\1-\2", english)  # "(1~5)" reads as a range
    return result


def _line(line: str, labels: dict[str, str], own: dict[str, str]) -> str:
    reader = LineReader(_morphemes(line), labels)
    reader.nouns = {**reader.nouns, **own} if own else reader.nouns
    return reader.read()
