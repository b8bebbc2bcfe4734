"""Korean descriptions: morphemes (kiwipiepy) -> plain English the English reader understands.

Korean puts the verb last and marks roles with particles ("회원은 도서를 빌린다": member-TOPIC
book-OBJECT borrow). The analyser splits words into morphemes; noun runs are looked up in the
glossary (longest compound first, unknown words romanized so nothing is lost), particles give
each noun phrase its role, and each clause is rewritten in English word order ("Members borrow
books."). List-style text ("회원(이름, 이메일)") keeps its punctuation. The Korean words are
returned too, so the spec can show them as labels. The analyser costs a one-time load (about
a second), so it is loaded on the first Korean description only, once per process.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tdeveloper.pipeline.nlp.hangul import HANGUL, is_korean, romanize
from tdeveloper.pipeline.nlp.knowledge import korean_table
from tdeveloper.spec.names import plural

__all__ = ["Translation", "is_korean", "translate"]

_NOUN_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SL", "SH", "XR", "XSN"})
_VERB_TAGS = frozenset({"VV", "VA", "VX"})
_SUFFIX_VERBS = frozenset({"XSV", "XSA"})
_PUNCT_TAGS = frozenset({"SF", "SP", "SSO", "SSC", "SO", "SW", "SE"})
_LOCK = threading.Lock()


@dataclass
class Translation:
    english: str
    labels: dict[str, str] = field(default_factory=dict)  # english singular -> Korean words


@dataclass
class _Phrase:
    nouns: list[str]  # English singular words of each coordinated noun
    role: str = ""
    modifier: str = ""

    def text(self, *, many: bool = False) -> str:
        words = [plural(n) if many else n for n in self.nouns]
        joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
        return f"{self.modifier} {joined}".strip()


@dataclass
class _Clause:
    phrases: list[_Phrase] = field(default_factory=list)
    verb: str = ""  # English base form; "" when the clause has none
    numbers: dict[str, str] = field(default_factory=dict)  # "from"/"until" -> number
    modal: bool = False


@cache
def _kiwi() -> Any:
    from kiwipiepy import Kiwi  # type: ignore[import-untyped]  # loaded on first Korean text

    return Kiwi()


def _morphemes(line: str) -> list[tuple[str, str]]:
    with _LOCK:  # one analyser per process; calls are serialised to be safe across threads
        tokens = _kiwi().tokenize(line)
    return [(t.form, t.tag.split("-")[0]) for t in tokens]


def translate(text: str) -> Translation:
    """English rendering of a Korean description, line by line, with the Korean labels."""
    result = Translation("")
    lines = text.split("\n")
    result.english = "\n".join(
        _line(line, result.labels) if HANGUL.search(line) else line for line in lines
    )
    return result


def _line(line: str, labels: dict[str, str]) -> str:
    reader = _LineReader(_morphemes(line), labels)
    return reader.read()


# Particle -> the role of the noun phrase before it.
_ROLES = {
    "JKS": "subject",
    "JKO": "object",
    "JKC": "complement",
    "JKG": "of",
}
_PLACE = frozenset({"에", "에게", "한테", "께", "에서"})
_MEANS = frozenset({"로", "으로"})
_TOPIC = frozenset({"은", "는"})


class _LineReader:
    """Reads one line's morphemes into clauses and writes them as English."""

    def __init__(self, morphs: list[tuple[str, str]], labels: dict[str, str]) -> None:
        self.morphs = morphs
        self.labels = labels
        self.nouns, self.verbs, self.modifiers = korean_table()
        self.out: list[str] = []
        self.clause = _Clause()
        self.run: list[str] = []  # Korean noun morphemes not yet turned into a phrase
        self.coordinated: list[str] = []  # English nouns joined by 과/와/및/, so far
        self.modifier = ""
        self.depth = 0  # inside parentheses: list-style field names
        self.fields_follow = False  # after "회원:" the words are field names

    def read(self) -> str:
        for index, (form, tag) in enumerate(self.morphs):
            self._step(index, form, tag)
        self._end_clause()
        return " ".join(part for part in self.out if part).replace(" ,", ",").strip()

    def _step(self, index: int, form: str, tag: str) -> None:
        if tag in _NOUN_TAGS or tag == "SN":
            self.run.append(form)
        elif tag in _SUFFIX_VERBS or (tag == "VV" and form in ("하", "되") and self.run):
            stem = (self.run.pop() if self.run else "") + form
            self._verb(stem)
        elif tag in _VERB_TAGS:
            self._verb(form)
        elif tag == "VCP":
            self._flush_run()
            self._close_phrase("complement")
            self.clause.verb = self.clause.verb or "be"
        elif tag in ("MM", "MAG"):
            self._flush_run()
            self.modifier = self.modifiers.get(form, self.modifier)
        elif tag == "JC" or (tag == "MAJ" and form == "및"):
            self._flush_run()
        elif tag.startswith("J"):
            self._particle(form, tag)
        elif tag in ("EF",) or (tag == "EC" and self.clause.verb):
            self._end_clause()
        elif tag in _PUNCT_TAGS:
            self._punct(form, tag, index)

    def _noun(self) -> str:
        """The English for the pending noun run (longest glossary compound first)."""
        words: list[str] = []
        korean = "".join(self.run)
        start = 0
        while start < len(self.run):
            for end in range(len(self.run), start, -1):
                key = "".join(self.run[start:end])
                if key in self.nouns or end == start + 1:
                    words.append(self.nouns.get(key) or romanize(key).lower())
                    start = end
                    break
        english = " ".join(w for w in words if w)
        self.labels.setdefault(english, korean)
        self.run = []
        return english

    def _flush_run(self) -> None:
        if self.run:
            self.coordinated.append(self._noun())

    def _close_phrase(self, role: str) -> None:
        self._flush_run()
        if self.coordinated:
            phrase = _Phrase(self.coordinated, role, self.modifier)
            self.clause.phrases.append(phrase)
        elif self.modifier and role:
            self.clause.phrases.append(_Phrase([], role, self.modifier))
        self.coordinated, self.modifier = [], ""

    def _particle(self, form: str, tag: str) -> None:
        if self.run and self.run[-1].isdigit() and form in ("부터", "에서", "까지"):
            key = "until" if form == "까지" else "from"
            self.clause.numbers[key] = self.run.pop()
            return
        if tag == "JX" and form in _TOPIC:
            self._mark_topic()
            return
        role = _ROLES.get(tag) or ("place" if form in _PLACE else "means" if form in _MEANS else "")
        if role:
            self._close_phrase(role)

    def _mark_topic(self) -> None:
        """은/는 marks the topic, or turns a place phrase (경기에는) into the owner."""
        if not self.run and not self.coordinated and self.clause.phrases:
            last = self.clause.phrases[-1]
            last.role = "owner" if last.role == "place" else last.role or "topic"
            return
        self._close_phrase("topic")

    def _verb(self, stem: str) -> None:
        if stem in ("있", "없") and self.run == ["수"] and self.clause.verb:
            self.run, self.clause.modal = [], stem == "있"  # "-ㄹ 수 있다": "can"
            return
        self._flush_run()
        if self.coordinated:
            self._close_phrase("object")  # "회원이 도서 대출" style: a bare noun before a verb
        self.clause.verb = self.verbs.get(stem, self.clause.verb or "relate")

    def _punct(self, form: str, tag: str, index: int) -> None:
        pending = self.run or self.coordinated
        listing = self.depth > 0 or self._next_is_noun(index)
        if form == "," and not self.clause.verb and pending and listing:
            self._flush_run()  # a list comma coordinates nouns ("제목, 본문, 작성일")
            return
        self._end_clause()
        self.depth = max(0, self.depth + form.count("(") - form.count(")"))
        self.fields_follow = self.fields_follow or form == ":"
        if not (self.out and self.out[-1].endswith(".") and form in ".,!?"):
            self.out.append(form)  # a rewritten clause already ends with its full stop

    def _next_is_noun(self, index: int) -> bool:
        return index + 1 < len(self.morphs) and self.morphs[index + 1][1] in _NOUN_TAGS

    def _end_clause(self) -> None:
        self._close_phrase("")
        clause, self.clause = self.clause, _Clause()
        if clause.phrases or clause.verb:
            fields = self.depth > 0 or self.fields_follow
            self.out.append(_render(clause, list_style=fields))


def _render(clause: _Clause, *, list_style: bool) -> str:
    """One clause in English word order; a verbless clause is just its nouns."""
    if not clause.verb:
        return " ".join(p.text(many=not list_style) for p in clause.phrases if p.nouns)
    roles = {p.role: p for p in reversed(clause.phrases) if p.nouns or p.modifier}
    subject = roles.get("owner") or roles.get("topic") or roles.get("subject")
    if subject is None:
        return " ".join(p.text(many=True) for p in clause.phrases if p.nouns) + "."
    subject.modifier = "" if subject.modifier in ("each", "every") else subject.modifier
    predicate = _predicate(clause, subject, roles)
    if predicate.startswith(("has a ", "is ")):  # singular: "Each employee has a manager..."
        return f"Each {subject.text()} {predicate}."
    return f"{subject.text(many=True).capitalize()} {predicate}."


def _predicate(clause: _Clause, subject: _Phrase, roles: dict[str, _Phrase]) -> str:
    others = (roles.get(r) for r in ("subject", "object", "complement"))
    other = next((p for p in others if p is not None and p is not subject), None)
    means, place = roles.get("means"), roles.get("place")
    verb = ("can " if clause.modal else "") + clause.verb
    if clause.numbers:
        return f"is from {clause.numbers.get('from', '')} to {clause.numbers.get('until', '')}"
    if clause.verb == "have" and other is not None and means is not None:
        return f"has a {means.text()} who is {other.text()}"
    if clause.verb == "be" and other is not None:
        return f"is a {other.text()}"
    if clause.verb == "identified" and means is not None:
        return f"is identified by its {means.text()}"
    target = other or place or means
    many = target is not None and (target.modifier == "many" or clause.verb != "have")
    rest = target.text(many=many) if target is not None else ""
    if clause.verb.endswith(" to") and target is None:
        verb = verb[: -len(" to")]
    return f"{verb} {rest}".strip()
