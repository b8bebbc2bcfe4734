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
from tdeveloper.pipeline.nlp.korean_clauses import (
    Clause,
    Phrase,
    field_like,
    recording,
    render,
    reshape,
)
from tdeveloper.spec.names import plural

__all__ = ["Translation", "is_korean", "translate"]

_NOUN_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SL", "SH", "XR", "XSN", "XPN"})
_SUFFIX_VERBS = frozenset({"XSV", "XSA"})
_PUNCT_TAGS = frozenset({"SF", "SP", "SSO", "SSC", "SO", "SW", "SE"})
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
    return [(t.form, t.tag.split("-")[0]) for t in tokens]


def translate(text: str) -> Translation:
    """English rendering of a Korean description, line by line, with the Korean labels."""
    result = Translation("")
    lines = _EXAMPLE.sub("", text).split("\n")
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
_RECORD_SUFFIXES = frozenset({"기록", "내역", "정보", "목록", "데이터", "건"})
# Verbs that only say when something happens ("미용이 끝나면"): no data of their own.
_ENDINGS = frozenset({"끝나", "끝내", "지나", "마치", "완료되", "종료되", "시작되"})
# ... and, describing a noun, their subject belongs to them ("수업이 있는 날", "배송이 끝난").
_EVENTS = _ENDINGS | {"있", "없"}
# "날마다", "매달": when something happens, not whose it is.
_TIME = frozenset({"day", "week", "month", "year", "weekday", "hour", "time", "date", "night"})
_WHEN = frozenset({"daily", "weekly", "monthly", "yearly"})
# Words naming a homeroom-style group; "class" alone is a reserved word in generated code.
_GROUP = frozenset({"반", "학급"})


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
        self.items: dict[str, tuple[str, str]] = {}  # order -> (product, order item)

    def read(self) -> str:
        for index, (form, tag) in enumerate(self.morphs):
            if self.skip:
                self.skip -= 1
                continue
            self._step(index, form, tag)
        self._end_clause()
        return " ".join(part for part in self.out if part).replace(" ,", ",").strip()

    def _step(self, index: int, form: str, tag: str) -> None:
        if tag == "VV" and form == "이" and self.run:
            tag = "VCP"  # "봉사자여야": the copula, read by the analyser as a verb
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
            # "매운 정도", "승인한 요청": a verb describing the next noun, not the clause's.
            self._describing(index, form)
        elif tag in ("VV", "VA"):
            self._verb(form)
        elif tag == "JKG":
            # "직원의 상사": a possessor; "한 명의 환자" (a counter) leaves nothing behind.
            self.owner = self._noun() if self.run else self.owner
        elif tag == "VCP":
            self._flush_run()
            self._close_phrase("complement")
            self.clause.verb = self.clause.verb or "be"
        elif tag == "JC" and form == "하고" and self._verb_before_and():
            self._verb(self._verb_stem("하"))  # "지역을 등록하고" read as a noun and "하고"
            self._end_clause()
        elif tag == "JC" or form == "및":
            self._flush_run()
        elif tag == "MM" and form in self.nouns and self._next_tag(index) in _NOUN_TAGS:
            self.run.append((form, "NNG"))  # "총 금액": a prefix the glossary knows ("total")
        elif tag in ("MM", "MAG"):
            self._flush_run()
            if self.modifiers.get(form) not in _WHEN:  # "매달 청구되며": when, not how many
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

    def _verb_before_and(self) -> bool:
        noun = "".join(form for form, _ in self.run)
        return bool(self.run) and noun + "하" in self.verbs and bool(self.clause.role("object"))

    def _todo(self, index: int) -> bool:
        window = self.morphs[index : index + 3]
        return [(f, t) for f, t in window] == [("하", "VV"), ("ᆯ", "ETM"), ("일", "NNG")]

    def _relative(self, index: int) -> None:
        """ "조직도를 관리하는 시스템": the verb and its object describe the next noun, as an
        English compound does ("company organization chart management system")."""
        noun = "".join(form for form, _ in self.run)
        self._drop_subject(index - len(self.run), noun + self.morphs[index][0])
        self.run = []
        phrases = self.clause.phrases
        if phrases and phrases[-1].role == "object" and not self.coordinated:
            words = [" ".join(phrases.pop().nouns), self.nouns.get(noun, "")]
            self.prefix = " ".join(w for w in words if w)
        self.skip = 1  # the ending ("는", "ㄴ") has no word of its own

    def _describing(self, index: int, stem: str) -> None:
        if stem == "같" and (self.run or self.coordinated):
            self.run, self.coordinated = [], []  # "복지관이나 요양원 같은 기관": examples
        self._drop_subject(index, stem)

    def _drop_subject(self, index: int, stem: str) -> None:
        """ "배송이 끝난 주문 상품", "수업이 있는 날": the subject is the describing verb's."""
        phrases = self.clause.phrases
        before = self.morphs[index - 1][1] if index > 0 else ""
        if stem in _EVENTS and before == "JKS" and phrases and phrases[-1].role == "subject":
            phrases.pop()

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
        if len(words) > 1 and self.run[0][1] == "SN" and words[0] == forms[0]:
            words = words[1:]  # "1365 포털 아이디": a number naming a service, not a field
        parts = " ".join(w for w in [self.prefix, *words] if w).split(" ")
        # "배송지 주소": "shipping address address" says its last word once.
        english = " ".join(w for i, w in enumerate(parts) if i == 0 or w != parts[i - 1])
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
        if after_noun and last and key == "일":
            return "date"  # "활동일": the activity's date (alone, "일" is a task)
        if key in _GROUP and not (self.depth or self.fields_follow):
            return "class group"  # "반은 ...": the group, not a field (학생(이름, 반))
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
            self._per()  # "프로젝트마다": each project
            return
        if form in _MEANS and self.run[-1:] == [("별", "XSN")]:
            self.run.pop()
            self._per()  # "학생별로": per student
            return
        if tag == "JX" and form in _TOPIC:
            count = len(self.clause.phrases)
            self._mark_topic()
            if form == "도" and len(self.clause.phrases) > count:
                self.clause.phrases[-1].also = True  # "사진도": maybe an object, said "too"
            return
        role = _ROLES.get(tag) or ("place" if form in _PLACE else "means" if form in _MEANS else "")
        if role:
            self._close_phrase(role)

    def _per(self) -> None:
        self._flush_run()
        if self.coordinated and all(noun in _TIME for noun in self.coordinated):
            self.coordinated, self.modifier, self.owner = [], "", ""  # "날마다": when
            return
        self._close_phrase("per")

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
            self.clause.negated = stem == "없"
            return
        if stem == "하" and self.clause.verb and not self.run and not self.coordinated:
            return  # "봉사자여야 합니다", "입력해야 한다": an auxiliary, the verb is said
        self._flush_run()
        if self.coordinated:
            self._close_phrase("object")  # "회원이 도서 대출" style: a bare noun before a verb
        elif self.modifier and self.clause.phrases and not self.clause.phrases[-1].modifier:
            self.clause.phrases[-1].modifier = self.modifier  # "댓글이 여러 개": after its noun
            self.modifier = ""
        # A bare 하다 with an object is "to make one" (주문을 하다); unknown verbs mostly say
        # what a record holds (예약에는 ... 들어간다), so they read as "have".
        self.clause.verb = "make" if stem == "하" else self.verbs.get(stem, "have")
        self.clause.stem = stem

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
        if form == "/" and self._joined(index):
            return  # "전/후 구분": one word written with a slash
        phrases = self.clause.phrases
        apposition = phrases[-1:] and phrases[-1].role == "means" and self.clause.role("topic")
        if form == "," and not pending and not self.clause.verb and apposition:
            phrases.pop()  # "봉사처는 ... 기관으로, 기관명...": "as an organization"
            return
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

    def _joined(self, index: int) -> bool:
        """ "전/후": two one-syllable nouns joined by a slash outside a list."""
        after = self.morphs[index + 1] if index + 1 < len(self.morphs) else ("", "")
        single = bool(self.run) and len(self.run[-1][0]) == 1
        inside = self.depth > 0 or self.inline is not None
        return single and not inside and len(after[0]) == 1 and after[1] in _NOUN_TAGS

    def _carry_topic(self, clause: Clause) -> None:
        """A clause without a topic is about the last one ("...가지며 하나의 부서에 소속된다",
        "...가지며 한 명의 강사가 만든다": the instructor makes the course)."""
        for phrase in clause.phrases:
            if phrase.role != "per":  # "프로젝트마다 작업이 있다" / "리그마다 팀이 참가한다"
                continue
            alone = not any(p.nouns for p in clause.phrases if p is not phrase)
            if alone and self.topic is not None and not clause.conditional:
                # "(관리비는) 세대별로 부과된다": render() says each unit has many fees.
                clause.phrases.insert(0, Phrase(list(self.topic.nouns), "topic"))
                return
            if clause.verb != "have" and clause.role("object") and not clause.role("topic"):
                clause.verb = "have"  # "기관마다 여러 활동을 모집한다": each has many
                for made in clause.phrases:
                    made.modifier = "many" if made.role == "object" else made.modifier
            if clause.verb == "have":
                phrase.role = "owner"
            elif not clause.role("topic") or clause.role("subject", "object", "complement"):
                phrase.role = "place"  # else "수강료는 학생별로 청구된다": render() says whose
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
        if tag in ("MM", "MAJ"):  # "..., 그리고 특이사항": a conjunction before the last one
            return self._next_is_noun(index + 1)
        return tag in _NOUN_TAGS or (tag in ("VA", "VV") and self._next_tag(index + 1) == "ETM")

    def _end_clause(self, *, heading: bool = False) -> None:
        self._close_phrase("")
        clause, self.clause = self.clause, Clause()
        own = any(p.nouns for p in clause.phrases)
        if clause.stem in _ENDINGS or (clause.verb and not own and not clause.conditional):
            return  # "미용이 끝나면", "(...) 인증합니다": nothing the data holds
        if clause.verb and (value := self._value_topic(clause)):
            self.out.append(value)
            return
        if clause.verb:
            recording(clause)
            self._also(clause)
            self._carry_topic(clause)
            reshape(clause)
            self._item_values(clause)
        if clause.verb and (items := self._line_items(clause)):
            self.out.append(items)
        elif clause.phrases or clause.verb:
            # Singular in field lists and in a heading ("도서관:" is the app's title).
            singular = self.depth > 0 or self.fields_follow or heading
            self.out.append(self._held_role(clause) or render(clause, list_style=singular))
            self._hold(clause)
        if clause.conditional:  # "고객이 차량을 대여하면 ... 기록한다": about the rental
            made = clause.role("object") if clause.verb == "make" else None
            event = made.nouns if made else [clause.event] if clause.event else []
            self.topic = Phrase(list(event), "topic") if event else self.topic

    def _line_items(self, clause: Clause) -> str:
        """ "주문 한 건에 여러 상품을 담는다": when the glossary names the pair ("주문상품": order
        item), the order has many order items, each for one product."""
        whole, part = clause.role("place", "topic", "owner"), clause.role("object")
        if clause.verb not in ("contain", "include") or whole is None or part is None:
            return ""
        if part.modifier != "many" or len(whole.nouns) != 1 or len(part.nouns) != 1:
            return ""
        one, other = whole.nouns[0], part.nouns[0]
        item = self.nouns.get(self.labels.get(one, "") + self.labels.get(other, ""), "")
        if not item or item in (one, other):
            return ""
        self.items[one] = (other, item)
        return (
            f"Each {one} has many {plural(item)}. Each {item} belongs to {_article(other)} {other}."
        )

    def _item_values(self, clause: Clause) -> None:
        """ "(주문은) 상품별 수량을 기록한다" after its order items: the quantity is an item's."""
        owner = clause.role("topic", "owner")
        if clause.verb != "have" or owner is None or owner.nouns[0] not in self.items:
            return
        other, item = self.items[owner.nouns[0]]
        for phrase in clause.phrases:
            if phrase is not owner and all(n.startswith(other + " ") for n in phrase.nouns):
                phrase.nouns = [n[len(other) + 1 :] for n in phrase.nouns]
                owner.nouns = [item] if phrase.nouns else owner.nouns

    def _also(self, clause: Clause) -> None:
        """ "예약에 메모를 남기고 사진도 올릴 수 있다": 도 marks a second object, not a topic."""
        also = next((p for p in clause.phrases if p.also and p.role == "topic"), None)
        if also is None or self.topic is None or also.nouns == self.topic.nouns:
            return
        acts = clause.verb not in ("be", "have") and not clause.verb.endswith(" to")
        if acts and not clause.role("subject", "object", "complement"):
            also.role = "object"

    def _value_topic(self, clause: Clause) -> str:
        """ "납부일은 비워 둡니다", "사업자 번호는 중복될 수 없습니다", "아이디는 있는 경우에만
        입력합니다": a value of the record being described, not a topic of its own."""
        topic = clause.role("topic")
        if topic is None or self.topic is None or len(topic.nouns) != 1:
            return ""
        value, owner = topic.nouns[0], self.topic.text(many=True).capitalize()
        if not field_like(value) or clause.role("subject", "object", "complement", "owner"):
            return ""
        if clause.verb == "duplicate" and clause.negated:  # said before, or said here
            said = any(value in part for part in self.out)
            return f"The {value} is unique." if said else f"{owner} have unique {value}."
        place = clause.role("place")
        if clause.verb == "leave empty" or (place is not None and place.nouns == ["case"]):
            return f"{owner} have optional {value}."
        return ""

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
