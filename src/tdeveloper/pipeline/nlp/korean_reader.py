"""Korean morphemes read into clauses, one line at a time.

`LineReader` walks a line's morphemes (from kiwipiepy, in korean.py): noun runs are looked up in
the glossary (longest compound first, unknown words romanized so nothing is lost), particles give
each noun phrase its role, verbs and endings close a clause, and punctuation keeps list-style
text ("회원(이름, 이메일)") as it is. Each finished clause is written as English by
`ClauseWriter` (korean_writer.py), which also holds what earlier clauses of the line said.
"""

from __future__ import annotations

from itertools import pairwise

from tdeveloper.pipeline.nlp.hangul import romanize
from tdeveloper.pipeline.nlp.korean_clauses import Clause, Phrase, field_like
from tdeveloper.pipeline.nlp.korean_writer import ClauseWriter
from tdeveloper.spec.names import plural

__all__ = ["LineReader"]

_NOUN_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "SL", "SH", "XR", "XSN", "XPN"})
_SUFFIX_VERBS = frozenset({"XSV", "XSA"})
_PUNCT_TAGS = frozenset({"SF", "SP", "SSO", "SSC", "SO", "SW", "SE"})

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
# "신청함", "시작됨": a note written with a noun ending, read as the verb it ends.
_NOUN_ENDINGS = {"함": "하", "됨": "되"}
# Words naming a homeroom-style group; "class" alone is a reserved word in generated code.
_GROUP = frozenset({"반", "학급"})


class LineReader(ClauseWriter):
    """Reads one line's morphemes into clauses and writes them as English."""

    def __init__(self, morphs: list[tuple[str, str]], labels: dict[str, str]) -> None:
        super().__init__(labels)
        self.morphs = morphs
        self.clause = Clause()
        self.run: list[tuple[str, str]] = []  # noun morphemes not yet turned into a phrase
        self.coordinated: list[str] = []  # English nouns joined by 과/와/및/, so far
        self.modifier = ""
        self.owner = ""  # a possessor waiting for its noun ("직원의")
        self.inline: list[str] | None = None  # inside "(...)" of a clause with a verb ("~" seen)
        self.inline_start = 0
        self.prefix = ""  # "조직도를 관리하는 시스템": words that go before the next noun
        self.group_head = ""  # the noun before "(", whose own name a list may repeat
        self.skip = 0  # morphemes already consumed by a look-ahead
        self.slashed = False  # nouns joined by "/": alternatives, kinds of something

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
        if form in _NOUN_ENDINGS and tag == "NNG" and self.run and self._ends(index + 1):
            self._verb(self._verb_stem(_NOUN_ENDINGS[form]))  # "대여 신청함": a note's verb
        elif form == "중" and tag == "NNB" and self._one_of(index):
            return
        elif (
            form in ("시", "때") and tag in ("NNG", "NNB") and self.run and self.run[-1][1] != "SN"
        ):
            self._close_phrase("topic")  # "예약 시 시작 일시를 저장": what is kept then
        elif form == "당" and self.run and "".join(f for f, _ in self.run) + "당" not in self.nouns:
            self._per()  # "예약 하나당": per reservation ("시간당 요금" is the glossary's)
        elif form == "정도" and self.run and self._about(index):
            self._flush_run()  # "닉네임이랑 동네 정도만": "about", not a level
            self.skip = int(self._next_tag(index) == "VCP")  # "URL 정도면 돼요"
        elif form == "한" and tag in ("NNP", "NNG") and self._next_tag(index) in _NOUN_TAGS:
            self._flush_run()  # "한 클래스에": "one", misread as a noun
            self.modifier = "one"
        elif tag in _NOUN_TAGS or tag == "SN":
            self.run.append((form, tag))
        elif self._todo(index):
            self.run.append(("할일", "NNG"))  # "할 일": one noun written as two words
            self.skip = 2
        elif tag in (*_SUFFIX_VERBS, "VV", "VA") and self._when(index):
            pass
        elif tag in _SUFFIX_VERBS and self._describes_next(index) and self.run:
            self._relative(index)
        elif tag in _SUFFIX_VERBS or (tag == "VV" and form in ("하", "되") and self.run):
            self._verb(self._verb_stem(form))
        elif tag == "VA" and form in self.modifiers:
            self._flush_run()
            self.modifier = self.modifiers[form]  # "많은": an adjective that quantifies
        elif (
            tag in ("VV", "VA")
            and self._next_tag(index) == "ETM"
            and not self._modal(index)
            and not self._must(index)
        ):
            # "매운 정도", "승인한 요청": a verb describing the next noun, not the clause's.
            self._describing(index, form)
        elif tag in ("VV", "VA"):
            self._verb(form)
        elif tag == "JKG":
            # "직원의 상사": a possessor; "한 명의 환자" (a counter) leaves nothing behind.
            self.owner = self._noun() if self.run else self.owner
        elif tag == "VCP" and self._one_each():
            pass
        elif tag == "VCP" and self.modifier == "many" and self.clause.role("place", "owner"):
            self._verb("있")  # "모임 하나에 멤버 여러 명이고": the group has many members
            self._owner_here()
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
        elif tag == "EF" or (tag == "EC" and self.clause.verb and self._next_tag(index) != "VX"):
            # "보여주면": the ending after an auxiliary ("주") is the clause's own
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

    def _about(self, index: int) -> bool:
        after = self.morphs[index + 1] if index + 1 < len(self.morphs) else ("", "SF")
        return after in (("만", "JX"), ("면", "EC")) or after[1] in ("SF", "VCP", "SP")

    def _when(self, index: int) -> bool:
        """ "상품 올릴 때 제목을 넣는다", "등록할 때 종류를 고른다": what the values are kept for
        is the topic (the thing acted on, else the act itself, "registration")."""
        if self.morphs[index + 2 : index + 3] not in ([("때", "NNG")], [("시", "NNB")]):
            return False
        if not self.run or self._next_tag(index) != "ETM":
            return False
        form, tag = self.morphs[index]
        if tag in _SUFFIX_VERBS or form in ("하", "되"):  # "등록할 때": the act's own noun
            self.run = [] if self.clause.role("object") else self.run
        if self.clause.role("object"):
            self.clause.phrases[-1].role = "topic"
        self._close_phrase("topic")
        self.skip = 2
        return True

    def _describing(self, index: int, stem: str) -> None:
        ending, after = self.morphs[index + 1][0], self.morphs[index + 2 : index + 3]
        if after and stem + ending + after[0][0] in self.nouns and after[0][1] in _NOUN_TAGS:
            self.run.append((stem + ending + after[0][0], "NNG"))  # "남은 횟수": one glossary noun
            self.skip = 2
            return
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
        for run in self._bare_list():
            self.run = run
            if english := self._noun():
                self.coordinated.append(english)
        self.run = []

    def _bare_list(self) -> list[list[tuple[str, str]]]:
        """ "제목 가격 사진 설명 카테고리 넣어줘": values listed without commas or particles are a
        list when each word is a value on its own and no two make a compound."""
        run = self.run
        if len(run) < 3 or self.depth:
            return [run] if run else []
        forms = [form for form, _ in run]
        own = all(field_like(self.nouns.get(f, f.lower())) for f in forms)
        pairs = any(a + b in self.nouns for a, b in pairwise(forms))
        return [[item] for item in run] if own and not pairs else [run]

    def _close_phrase(self, role: str) -> None:
        self._flush_run()
        if (
            self.slashed
            and len(self.coordinated) > 1
            and not any(map(field_like, self.coordinated))
        ):
            self.coordinated = [f"type ({', '.join(self.coordinated)})"]
        self.slashed = False
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
        alternatives = not self.depth and not self.clause.verb and self._next_is_noun(index)
        if form == "/" and pending and alternatives:  # "그룹수업/개인수업 있고": kinds
            self._flush_run()
            self.slashed = True
            return
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
        if form == ":" and self.depth == 0 and not self.fields_follow and self.out:
            self.heading = "" if field_like(self.out[-1]) else self.out[-1]
        self.fields_follow = self.fields_follow or form == ":"
        if not (self.out and self.out[-1].endswith(".") and form in ".,!?"):
            self.out.append(form)  # a rewritten clause already ends with its full stop

    def _joined(self, index: int) -> bool:
        """ "전/후": two one-syllable nouns joined by a slash outside a list."""
        after = self.morphs[index + 1] if index + 1 < len(self.morphs) else ("", "")
        single = bool(self.run) and len(self.run[-1][0]) == 1
        inside = self.depth > 0 or self.inline is not None
        return single and not inside and len(after[0]) == 1 and after[1] in _NOUN_TAGS

    def _modal(self, index: int) -> bool:
        """ "달릴 수 있다": the verb before "-ㄹ 수" is the clause's own."""
        return self.morphs[index + 2 : index + 3] == [("수", "NNB")]

    def _must(self, index: int) -> bool:
        """ "관리할 것.", "연결되는 거고": the clause's verb, nominalised ("shall manage"), not a
        verb describing 것."""
        if self.morphs[index + 2 : index + 3] not in ([("것", "NNB")], [("거", "NNB")]):
            return False
        return self._ends(index + 3) or self._next_tag(index + 2) == "VCP"

    def _ends(self, index: int) -> bool:
        """Whether the clause ends at `index` (end of line, a full stop, a comma or an arrow)."""
        if index >= len(self.morphs):
            return True
        form, tag = self.morphs[index]
        return tag in ("SF", "SW", "SE") or tag.startswith("E") or form in (",", ")", "→")

    def _one_of(self, index: int) -> bool:
        """ "등급은 일반, 프리미엄, 기업 중 하나로 한다": the topic is a value with these choices,
        written as "Members have grade (standard, premium, company)." """
        after = self.morphs[index + 1 : index + 2]
        topic = self.clause.role("topic")
        if not after or after[0][0] != "하나" or self.depth or self.inline is not None:
            return False
        if topic is None or len(topic.nouns) != 1 or len(self.coordinated) + bool(self.run) < 2:
            return False
        owner, value = self._value_owner(topic.nouns[0])
        if not owner:
            return False
        self._flush_run()
        choices = ", ".join(self.coordinated)
        self.out.append(f"{plural(owner).capitalize()} have {value} ({choices}).")
        self.clause, self.coordinated, self.modifier = Clause(), [], ""
        end = index + 1
        while not self._ends(end):
            end += 1
        self.skip = end - index - 1
        return True

    def _next_tag(self, index: int) -> str:
        return self.morphs[index + 1][1] if index + 1 < len(self.morphs) else ""

    def _describes_next(self, index: int) -> bool:
        """ "관리하는 시스템": a verb ending that makes it describe the next noun."""
        return self._next_tag(index) == "ETM" and not self._modal(index) and not self._must(index)

    def _next_is_noun(self, index: int) -> bool:
        """Whether a noun follows (an adjective before it, "매운 정도", or a determiner,
        "총 금액", counts as its start)."""
        tag = self._next_tag(index)
        if tag in ("MM", "MAJ"):  # "..., 그리고 특이사항": a conjunction before the last one
            return self._next_is_noun(index + 1)
        if tag in _NOUN_TAGS or tag == "SN":  # "..., 1박 가격"
            return True
        return tag in ("VA", "VV") and self._next_tag(index + 1) == "ETM"

    def _end_clause(self, *, heading: bool = False) -> None:
        self._bare_verb()
        self._close_phrase("")
        clause, self.clause = self.clause, Clause()
        own = any(p.nouns for p in clause.phrases)
        if clause.stem in _ENDINGS or (clause.verb and not own and not clause.conditional):
            return  # "미용이 끝나면", "(...) 인증합니다": nothing the data holds
        self._write(clause, heading=heading)

    def _bare_verb(self) -> None:
        """ "강사 한 명이 진행", "대여 건마다 대여일 기록", "한 클래스에 일정이 여러 개": a note
        ends without its verb ending; its last verbal noun is the verb, or it says what is had."""
        clause = self.clause
        if clause.verb or self.depth or not any(p.nouns for p in clause.phrases):
            return
        if self.run and self.run[-1][0] + "하" in self.verbs and self.run[-1][1] != "SN":
            self._verb(self._verb_stem("하"))
        elif clause.role("topic") and self._pending_values():
            self._verb("있")  # "멤버는 닉네임 프사 자기소개 정도?": what a member has
        elif clause.role("subject") and clause.role("place", "owner", "per"):
            self._verb("있")
            self._owner_here()

    def _one_each(self) -> bool:
        """ "예약 하나당 사이트는 하나다": each reservation has one site."""
        per, topic = self.clause.role("per"), self.clause.role("topic")
        if [f for f, _ in self.run] != ["하나"] or per is None or topic is None:
            return False
        self.run = []
        topic.role, topic.modifier, per.role, per.modifier = "object", "one", "owner", ""
        self.clause.verb = "have"
        return True

    def _owner_here(self) -> None:
        """ "한 클래스에 일정이 여러 개": the place is the owner ("courses have many schedules")."""
        place = self.clause.role("place")
        if place is not None:
            place.role, place.modifier = "owner", ""

    def _pending_values(self) -> bool:
        self._flush_run()
        return bool(self.coordinated) and all(field_like(n) for n in self.coordinated)
