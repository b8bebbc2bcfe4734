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
from tdeveloper.pipeline.nlp.korean_clauses import Clause, Phrase, render, reshape

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
_QUANTITY = frozenset({"하나", "한개", "1개"})
_RECORD_SUFFIXES = frozenset({"기록", "내역", "정보", "목록", "데이터"})


class _LineReader:
    """Reads one line's morphemes into clauses and writes them as English."""

    def __init__(self, morphs: list[tuple[str, str]], labels: dict[str, str]) -> None:
        self.morphs = morphs
        self.labels = labels
        self.nouns, self.verbs, self.modifiers = korean_table()
        self.out: list[str] = []
        self.clause = Clause()
        self.run: list[tuple[str, str]] = []  # noun morphemes not yet turned into a phrase
        self.coordinated: list[str] = []  # English nouns joined by 과/와/및/, so far
        self.modifier = ""
        self.depth = 0  # inside parentheses: list-style field names
        self.fields_follow = False  # after "회원:" the words are field names
        self.owner = ""  # a possessor waiting for its noun ("직원의")
        self.inline: list[str] | None = None  # inside "(...)" of a clause with a verb ("~" seen)
        self.inline_start = 0
        self.topic: Phrase | None = None  # Korean drops a known subject: it carries over
        self.prefix = ""  # "조직도를 관리하는 시스템": words that go before the next noun
        self.group_head = ""  # the noun before "(", whose own name a list may repeat
        self.skip = 0  # morphemes already consumed by a look-ahead
        self.held: dict[str, tuple[str, int]] = {}  # "각 작업에는 담당자가 있고": noun -> owner

    def read(self) -> str:
        for index, (form, tag) in enumerate(self.morphs):
            if self.skip:
                self.skip -= 1
                continue
            self._step(index, form, tag)
        self._end_clause()
        return " ".join(part for part in self.out if part).replace(" ,", ",").strip()

    def _step(self, index: int, form: str, tag: str) -> None:
        if tag in _NOUN_TAGS or tag == "SN":
            self.run.append((form, tag))
        elif self._todo(index):
            self.run.append(("할일", "NNG"))  # "할 일": one noun written as two words
            self.skip = 2
        elif tag in _SUFFIX_VERBS and self._describes_next(index) and self.run:
            self._relative(index)
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
        elif tag == "JC" or form == "및":
            self._flush_run()
        elif tag == "MM" and form in self.nouns and self._next_tag(index) in _NOUN_TAGS:
            self.run.append((form, "NNG"))  # "총 금액": a prefix the glossary knows ("total")
        elif tag in ("MM", "MAG"):
            self._flush_run()
            self.modifier = self.modifiers.get(form, self.modifier)
        elif tag.startswith("J"):
            self._particle(form, tag)
        elif tag in ("EF",) or (tag == "EC" and self.clause.verb):
            self.clause.conditional = tag == "EC" and form in ("면", "으면")
            self._end_clause()
        elif tag in _PUNCT_TAGS:
            self._punct(form, tag, index)

    def _verb_stem(self, suffix: str) -> str:
        """ "수강신청" + "하": the longest noun run that makes a known verb, else the last noun."""
        for size in range(len(self.run), 0, -1):
            noun = "".join(form for form, _ in self.run[-size:])
            if noun + suffix in self.verbs or size == 1:
                del self.run[-size:]
                self.clause.event = self.nouns.get(noun, "")
                return noun + suffix
        return suffix

    def _todo(self, index: int) -> bool:
        window = self.morphs[index : index + 3]
        return [(f, t) for f, t in window] == [("하", "VV"), ("ᆯ", "ETM"), ("일", "NNG")]

    def _relative(self, index: int) -> None:
        """ "조직도를 관리하는 시스템": the verb and its object describe the next noun, as an
        English compound does ("company organization chart management system")."""
        noun = "".join(form for form, _ in self.run)
        self.run = []
        phrases = self.clause.phrases
        if phrases and phrases[-1].role == "object" and not self.coordinated:
            words = [" ".join(phrases.pop().nouns), self.nouns.get(noun, "")]
            self.prefix = " ".join(w for w in words if w)
        self.skip = 1  # the ending ("는", "ㄴ") has no word of its own

    def _noun(self) -> str:
        """The English for the pending noun run (longest glossary compound first)."""
        words: list[str] = []
        if len(self.run) > 1 and self.run[-1][0] in _QUANTITY:
            self.run.pop()  # "좌석 하나": a count after its noun ("(A, B 중 하나)": dropped)
            inside = self.depth > 0 or self.inline is not None
            self.modifier = self.modifier if inside else self.modifier or "one"
        forms = [form for form, _ in self.run]
        korean = "".join(forms)
        start = 0
        while start < len(forms):
            for end in range(len(forms), start, -1):
                key = "".join(forms[start:end])
                if key in self.nouns or end == start + 1:
                    after = start > 0 and self.run[start - 1][1] != "SN"  # not "3명"
                    words.append(self._word(key, self.run[start][1], after, end == len(forms)))
                    start = end
                    break
        english = " ".join(w for w in [self.prefix, *words] if w)
        self.prefix = ""
        if self.depth and self.group_head and english.startswith(self.group_head):
            rest = english[len(self.group_head) :]
            english = rest if rest in ("name", "code") else english
        if english:
            self.labels.setdefault(english, korean)
        self.run = []
        return english

    def _word(self, key: str, tag: str, after_noun: bool, last: bool) -> str:
        if after_noun and key == "명":
            return "name"  # "공연명": the performance's name
        if after_noun and last and key in _RECORD_SUFFIXES:
            return ""  # "대출 기록", "회원 정보": the record is the thing itself
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
            phrase = Phrase(self.coordinated, role, self.modifier, self.owner)
            self.clause.phrases.append(phrase)
        elif self.modifier and role:
            self.clause.phrases.append(Phrase([], role, self.modifier))
        self.coordinated, self.modifier, self.owner = [], "", ""

    def _particle(self, form: str, tag: str) -> None:
        if self.run and self.run[-1][0].isdigit() and form in ("부터", "에서", "까지"):
            key = "until" if form == "까지" else "from"
            self.clause.numbers[key] = self.run.pop()[0]
            return
        if form == "도" and [f for f, _ in self.run] == ["수"]:
            return  # "가질 수도 있다": "may", read with the 있다 that follows
        if tag == "JKB" and form in ("와", "과"):
            self._flush_run()  # "참가자와 팀은": "with" joins the nouns like "and"
            return
        if tag == "JX" and form == "마다":
            self._close_phrase("per")  # "프로젝트마다": each project
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
        if form in ("-", "\u2013") and pending and opening and not self.clause.verb:
            form = ":"  # "헬스장 앱 - 회원(...)": a dash after the app's name introduces it
        if form == ":" and self.depth == 0 and self.out[-1:] == [","] and ")" in self.out:
            self.out[-1] = "."  # "A(x, y), B: z, w": B's fields start a list of their own
        # "도서관:" and an opening "식당 예약 및 메뉴 관리." name the app, in the singular.
        self._end_clause(heading=form in ":." and self.depth == 0 and opening)
        if form == "(" and self.depth == 0:  # "과목(과목명, 학점)": the subject's own name
            self.group_head = self.out[-1].split(" ")[-1] + " " if self.out else ""
        self.depth = max(0, self.depth + form.count("(") - form.count(")"))
        self.fields_follow = self.fields_follow or form == ":"
        if not (self.out and self.out[-1].endswith(".") and form in ".,!?"):
            self.out.append(form)  # a rewritten clause already ends with its full stop

    def _carry_topic(self, clause: Clause) -> None:
        """A clause without a topic is about the last one ("...가지며 하나의 부서에 소속된다",
        "...가지며 한 명의 강사가 만든다": the instructor makes the course)."""
        for phrase in clause.phrases:
            if phrase.role == "per":  # "프로젝트마다 작업이 있다" / "리그마다 팀이 참가한다"
                phrase.role = "owner" if clause.verb == "have" else "place"
        topic = clause.role("topic", "owner")
        if topic is not None:
            self.topic = topic
            return
        if self.topic is None or clause.conditional:
            return  # "손님이 주문하면": the clause sets up a topic rather than taking one
        toward = clause.verb.endswith(" to") and clause.role("place")  # "선수가 팀에 속한다"
        acted_on = clause.verb not in ("be", "have") and not clause.role("object", "complement")
        if clause.verb == "have" or (acted_on and not toward) or not clause.role("subject"):
            clause.phrases.insert(0, Phrase(list(self.topic.nouns), "topic"))

    def _modal(self, index: int) -> bool:
        """ "달릴 수 있다": the verb before "-ㄹ 수" is the clause's own."""
        return self.morphs[index + 2 : index + 3] == [("수", "NNB")]

    def _next_tag(self, index: int) -> str:
        return self.morphs[index + 1][1] if index + 1 < len(self.morphs) else ""

    def _describes_next(self, index: int) -> bool:
        """ "관리하는 시스템": a verb ending that makes it describe the next noun."""
        return self._next_tag(index) == "ETM" and not self._modal(index)

    def _next_is_noun(self, index: int) -> bool:
        """Whether a noun follows (an adjective before it, "매운 정도", or a determiner,
        "총 금액", counts as its start)."""
        tag = self._next_tag(index)
        if tag == "MM":
            return self._next_is_noun(index + 1)
        return tag in _NOUN_TAGS or (tag in ("VA", "VV") and self._next_tag(index + 1) == "ETM")

    def _end_clause(self, *, heading: bool = False) -> None:
        self._close_phrase("")
        clause, self.clause = self.clause, Clause()
        if clause.verb:
            self._carry_topic(clause)
            reshape(clause)
        if clause.phrases or clause.verb:
            # Singular in field lists and in a heading ("도서관:" is the app's title).
            singular = self.depth > 0 or self.fields_follow or heading
            self.out.append(self._held_role(clause) or render(clause, list_style=singular))
            self._hold(clause)
        if clause.conditional:  # "고객이 차량을 대여하면 ... 기록한다": about the rental
            made = clause.role("object") if clause.verb == "make" else None
            event = made.nouns if made else [clause.event] if clause.event else []
            self.topic = Phrase(list(event), "topic") if event else self.topic

    def _hold(self, clause: Clause) -> None:
        """Remembers "각 작업에는 담당자가 한 명 있다": the assignee is the task's."""
        owner = clause.role("owner", "topic")
        held = clause.role("subject", "object")
        if clause.verb == "have" and owner and held and len(held.nouns) == 1:
            self.held[held.nouns[0]] = (owner.nouns[0], len(self.out) - 1)

    def _held_role(self, clause: Clause) -> str:
        """ "담당자는 사용자이다" after "각 작업에는 담당자가 있다": a reference named for its
        role ("Each task has an assignee who is a user"), replacing the bare mention."""
        topic, kind = clause.role("topic", "subject"), clause.role("complement")
        if clause.verb != "be" or topic is None or kind is None or len(topic.nouns) != 1:
            return ""
        if topic.owner or topic.nouns[0] not in self.held or len(kind.nouns) != 1:
            return ""
        owner, index = self.held.pop(topic.nouns[0])
        self.out[index] = ""
        role, target = topic.nouns[0], kind.nouns[0]
        other = "another" if target == owner else _article(target)
        return f"Each {owner} has {_article(role)} {role} who is {other} {target}."


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeio" else "a"
