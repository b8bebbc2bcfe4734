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

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tdeveloper.pipeline.nlp.hangul import HANGUL, is_korean, romanize
from tdeveloper.pipeline.nlp.knowledge import korean_table
from tdeveloper.spec.names import plural

__all__ = ["Translation", "is_korean", "translate"]

_NOUN_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SL", "SH", "XR", "XSN", "XPN"})
_SUFFIX_VERBS = frozenset({"XSV", "XSA"})
_PUNCT_TAGS = frozenset({"SF", "SP", "SSO", "SSC", "SO", "SW", "SE"})
_LOCK = threading.Lock()
_RANGE = re.compile(r"(\d+)\s*~\s*(\d+)")


@dataclass
class Translation:
    english: str
    labels: dict[str, str] = field(default_factory=dict)  # english singular -> Korean words


@dataclass
class _Phrase:
    nouns: list[str]  # English singular words of each coordinated noun
    role: str = ""
    modifier: str = ""
    owner: str = ""  # "직원의 상사": the employee's manager

    def text(self, *, many: bool = False) -> str:
        many = many and self.modifier not in ("one", "each", "every")
        words = [_plural_head(n) if many else n for n in self.nouns]
        if len(words) <= 1:
            return f"{self.modifier} {''.join(words)}".strip()
        joined = ", ".join(words[:-1]) + " and " + words[-1]
        return f"{self.modifier} {joined}".strip()


def _plural_head(noun: str) -> str:
    head, paren, rest = noun.partition(" (")
    return plural(head) + paren + rest


@dataclass
class _Clause:
    phrases: list[_Phrase] = field(default_factory=list)
    verb: str = ""  # English base form; "" when the clause has none
    numbers: dict[str, str] = field(default_factory=dict)  # "from"/"until" -> number
    modal: bool = False


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
    return [(t.form, t.tag.split("-")[0]) for t in tokens]


def translate(text: str) -> Translation:
    """English rendering of a Korean description, line by line, with the Korean labels."""
    result = Translation("")
    lines = text.split("\n")
    english = "\n".join(
        _line(line, result.labels) if HANGUL.search(line) else line for line in lines
    )
    result.english = _RANGE.sub(r"\1-\2", english)  # "(1~5)" reads as a range
    return result


def _line(line: str, labels: dict[str, str]) -> str:
    reader = _LineReader(_morphemes(line), labels)
    return reader.read()


# Particle -> the role of the noun phrase before it.
_ROLES = {"JKS": "subject", "JKO": "object", "JKC": "complement"}
_PLACE = frozenset({"에", "에게", "한테", "께", "에서"})
_MEANS = frozenset({"로", "으로"})
_TOPIC = frozenset({"은", "는", "도"})


class _LineReader:
    """Reads one line's morphemes into clauses and writes them as English."""

    def __init__(self, morphs: list[tuple[str, str]], labels: dict[str, str]) -> None:
        self.morphs = morphs
        self.labels = labels
        self.nouns, self.verbs, self.modifiers = korean_table()
        self.out: list[str] = []
        self.clause = _Clause()
        self.run: list[tuple[str, str]] = []  # noun morphemes not yet turned into a phrase
        self.coordinated: list[str] = []  # English nouns joined by 과/와/및/, so far
        self.modifier = ""
        self.depth = 0  # inside parentheses: list-style field names
        self.fields_follow = False  # after "회원:" the words are field names
        self.owner = ""  # a possessor waiting for its noun ("직원의")
        self.inline: list[str] | None = None  # inside "(...)" of a clause with a verb ("~" seen)
        self.inline_start = 0
        self.topic: _Phrase | None = None  # Korean drops a known subject: it carries over

    def read(self) -> str:
        for index, (form, tag) in enumerate(self.morphs):
            self._step(index, form, tag)
        self._end_clause()
        return " ".join(part for part in self.out if part).replace(" ,", ",").strip()

    def _step(self, index: int, form: str, tag: str) -> None:
        if tag in _NOUN_TAGS or tag == "SN":
            self.run.append((form, tag))
        elif tag in _SUFFIX_VERBS or (tag == "VV" and form in ("하", "되") and self.run):
            self._verb(self._verb_stem(form))
        elif tag == "VA" and form in self.modifiers:
            self._flush_run()
            self.modifier = self.modifiers[form]  # "많은": an adjective that quantifies
        elif tag in ("VV", "VA") and self._next_tag(index) == "ETM" and not self._modal(index):
            pass  # "매운 정도", "승인한 요청": a verb describing the next noun, not the clause's
        elif tag in ("VV", "VA"):
            self._verb(form)
        elif tag == "JKG":
            # "직원의 상사": a possessor; "한 명의 환자" (a counter) leaves nothing behind.
            self.owner = self._noun() if self.run else self.owner
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

    def _verb_stem(self, suffix: str) -> str:
        """ "수강신청" + "하": the longest noun run that makes a known verb, else the last noun."""
        for size in range(len(self.run), 0, -1):
            stem = "".join(form for form, _ in self.run[-size:]) + suffix
            if stem in self.verbs or size == 1:
                del self.run[-size:]
                return stem
        return suffix

    def _noun(self) -> str:
        """The English for the pending noun run (longest glossary compound first)."""
        words: list[str] = []
        forms = [form for form, _ in self.run]
        korean = "".join(forms)
        start = 0
        while start < len(forms):
            for end in range(len(forms), start, -1):
                key = "".join(forms[start:end])
                if key in self.nouns or end == start + 1:
                    words.append(self._word(key, self.run[start][1]))
                    start = end
                    break
        english = " ".join(w for w in words if w)
        if english:
            self.labels.setdefault(english, korean)
        self.run = []
        return english

    def _word(self, key: str, tag: str) -> str:
        if key in self.nouns:
            return self.nouns[key]
        # Counters, suffixes and prefixes alone ("개", "들") carry no name of their own.
        return "" if tag in ("NNB", "XSN", "XPN") else romanize(key).lower()

    def _flush_run(self) -> None:
        if self.run and (english := self._noun()):
            self.coordinated.append(english)

    def _close_phrase(self, role: str) -> None:
        self._flush_run()
        if self.coordinated:
            phrase = _Phrase(self.coordinated, role, self.modifier, self.owner)
            self.clause.phrases.append(phrase)
        elif self.modifier and role:
            self.clause.phrases.append(_Phrase([], role, self.modifier))
        self.coordinated, self.modifier, self.owner = [], "", ""

    def _particle(self, form: str, tag: str) -> None:
        if self.run and self.run[-1][0].isdigit() and form in ("부터", "에서", "까지"):
            key = "until" if form == "까지" else "from"
            self.clause.numbers[key] = self.run.pop()[0]
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
        if stem in ("있", "없") and [f for f, _ in self.run] == ["수"] and self.clause.verb:
            self.run, self.clause.modal = [], stem == "있"  # "-ㄹ 수 있다": "can"
            return
        self._flush_run()
        if self.coordinated:
            self._close_phrase("object")  # "회원이 도서 대출" style: a bare noun before a verb
        elif self.modifier and self.clause.phrases and not self.clause.phrases[-1].modifier:
            self.clause.phrases[-1].modifier = self.modifier  # "댓글이 여러 개": after its noun
            self.modifier = ""
        # A bare 하다 with an object is "to make one" (주문을 하다); unknown verbs mostly say
        # what a record holds (예약에는 ... 들어간다), so they read as "have".
        self.clause.verb = "make" if stem == "하" else self.verbs.get(stem, "have")

    def _inline_group(self, form: str, tag: str, index: int) -> bool:
        """ "배송 상태(결제완료, 배송중)를 저장하고": a group inside a clause with a verb
        stays attached to its noun instead of ending the clause."""
        if tag == "SSO" and self.inline is None and self._verb_ahead(index):
            self._flush_run()
            self.inline, self.inline_start = [], len(self.coordinated)
            return True
        if self.inline is None:
            return False
        if tag == "SSC":
            self._flush_run()
            group = self.coordinated[self.inline_start :]
            del self.coordinated[self.inline_start :]
            joiner = "-" if self.inline else ", "  # "(1~5)" is a range
            if self.coordinated and group:
                self.coordinated[-1] += f" ({joiner.join(group)})"
            self.inline = None
        elif form in (",", "/", "~"):
            self._flush_run()
            if form == "~":
                self.inline.append(form)
        return True

    def _verb_ahead(self, index: int) -> bool:
        for form, tag in self.morphs[index + 1 :]:
            if tag == "SF" or (tag == "SP" and form == ":"):
                return False
            if tag in ("VV", "XSV") and not tag.startswith("E"):
                return True
        return False

    def _punct(self, form: str, tag: str, index: int) -> None:
        if self._inline_group(form, tag, index):
            return
        pending = self.run or self.coordinated
        listing = self.depth > 0 or self._next_is_noun(index)
        if form == "," and not self.clause.verb and pending and listing:
            self._flush_run()  # a list comma coordinates nouns ("제목, 본문, 작성일")
            return
        opening = all(part in ("", "-", "*") for part in self.out)  # nothing but a bullet yet
        self._end_clause(heading=form == ":" and self.depth == 0 and opening)
        self.depth = max(0, self.depth + form.count("(") - form.count(")"))
        self.fields_follow = self.fields_follow or form == ":"
        if not (self.out and self.out[-1].endswith(".") and form in ".,!?"):
            self.out.append(form)  # a rewritten clause already ends with its full stop

    def _carry_topic(self, clause: _Clause) -> None:
        """A clause without a topic is about the last one ("...가지며 하나의 부서에 소속된다")."""
        topic = next((p for p in clause.phrases if p.role in ("topic", "owner")), None)
        if topic is not None:
            self.topic = topic
        elif self.topic is not None and (
            clause.verb == "have" or not any(p.role == "subject" for p in clause.phrases)
        ):
            clause.phrases.insert(0, _Phrase(list(self.topic.nouns), "topic"))

    def _modal(self, index: int) -> bool:
        """ "달릴 수 있다": the verb before "-ㄹ 수" is the clause's own."""
        return self.morphs[index + 2 : index + 3] == [("수", "NNB")]

    def _next_tag(self, index: int) -> str:
        return self.morphs[index + 1][1] if index + 1 < len(self.morphs) else ""

    def _next_is_noun(self, index: int) -> bool:
        """Whether a noun follows (an adjective before it, "매운 정도", counts as its start)."""
        tag = self._next_tag(index)
        return tag in _NOUN_TAGS or (tag in ("VA", "VV") and self._next_tag(index + 1) == "ETM")

    def _end_clause(self, *, heading: bool = False) -> None:
        self._close_phrase("")
        clause, self.clause = self.clause, _Clause()
        if clause.verb:
            self._carry_topic(clause)
        if clause.phrases or clause.verb:
            # Singular in field lists and in a heading ("도서관:" is the app's title).
            singular = self.depth > 0 or self.fields_follow or heading
            self.out.append(_render(clause, list_style=singular))


def _render(clause: _Clause, *, list_style: bool) -> str:
    """One clause in English word order; a verbless clause is just its nouns."""
    if not clause.verb:
        return " ".join(p.text(many=not list_style) for p in clause.phrases if p.nouns)
    roles = {p.role: p for p in reversed(clause.phrases) if p.nouns}
    topic, agent = roles.get("topic"), roles.get("subject")
    if clause.verb not in ("have", "be") and topic and agent and "object" not in roles:
        # "휴가 신청은 직원이 제출한다": the topic is what the agent acts on.
        return f"{agent.text(many=True).capitalize()} {clause.verb} {topic.text(many=True)}."
    subject = roles.get("owner") or topic or agent
    if subject is None or (clause.verb == "have" and len(roles) == 1):
        # Nothing owns what the clause names ("예약 날짜와 시간이 저장된다"): just the nouns.
        return " ".join(p.text(many=True) for p in clause.phrases if p.nouns) + "."
    subject.modifier = "" if subject.modifier in ("each", "every") else subject.modifier
    predicate = _predicate(clause, subject, roles)
    if subject.owner and clause.verb == "be":  # "직원의 상사도 직원이다"
        return f"Each {subject.owner} has a {predicate}."
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
    if clause.verb == "be" and other is not None and subject.owner:
        kind = "another" if other.text() == subject.owner else "a"
        return f"{subject.text()} who is {kind} {other.text()}"
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
