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


# "...하는 구조야", "...하는 거 만들어줘": a frame around the act the writer describes
_FRAME = frozenset({"구조", "방식", "형태", "식", "거", "것"})
_FRAME_END = frozenset({"VCP", "VV", "VX"})
Morph = tuple[str, str]


def _light_verbs(morphs: list[Morph]) -> list[Morph]:
    """Morphemes the analyser reads apart from what a description means, put right one by
    one (each rule in `_mend` says which)."""
    out: list[Morph] = []
    for form, tag in morphs:
        out.extend(_mend(out, form, tag))
    return out


def _mend(out: list[Morph], form: str, tag: str) -> list[Morph]:
    """What to add to `out` for the next morpheme (`out` may lose its last ones)."""
    last = out[-1] if out else ("", "")
    before = out[-2] if len(out) > 1 else ("", "")
    if (form, tag) == ("ᆫ지", "EC") and last == ("이", "VCP"):
        out.pop()  # "몇월분인지, 금액": "which month it is for" names the month
        return []
    if (form, tag) == ("는지", "EC") and last[1] == "VV" and before[1].startswith("NN"):
        out.pop()  # "몇시간 쓰는지": how many hours it is used names the hours
        return []
    if before[1] == "ETM" and last[0] in _FRAME and tag in _FRAME_END:
        del out[-2:]  # "밴드가 예약하는 구조야", "좌석 예약하는 거 만들어주세요": the act
        return [("다", "EF")]
    if form == "몇" and tag in ("NR", "MM"):
        return []  # "몇 시간": the hours
    if (form, tag) == ("있", "VX") and last[1].startswith("NN"):
        return [("있", "VA")]  # "드럼세트 유무 있고": the values are there
    light = (form, tag) in (("하고", "JC"), ("하", "VV"))
    if light and last[1] in ("NNP", "NNG") and f"{last[0]}하" in korean_table()[1]:
        # "신청하고", "예약하는": a glossary noun kept whole can leave its 하 read as "and"
        # (하고/JC) or as a verb of its own; a noun whose 하-verb the glossary knows is that verb
        out[-1] = (last[0], "NNG")
        return [("하", "XSV"), ("고", "EC")] if form == "하고" else [("하", "XSV")]
    return [(form, tag)]


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
