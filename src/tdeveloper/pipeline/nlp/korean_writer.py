"""Korean clauses written as English sentences, in the context of the line they are on.

`ClauseWriter` holds what the Korean reader (korean_reader.py) has learned from earlier clauses
of a line (the topic a dropped subject refers to, the record a heading names, a noun another
clause said is held, an order's line items) and writes each finished clause with it: a value
said as a topic ("납부일은 비워 둡니다"), values after a sentence, a record left after an event,
line items, and a reference named for its role ("담당자는 사용자이다").
"""

from __future__ import annotations

import re

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

__all__ = ["ClauseWriter"]


class ClauseWriter:
    """Writes finished clauses as English; the state earlier clauses leave for later ones."""

    def __init__(self, labels: dict[str, str]) -> None:
        self.labels = labels
        self.nouns, self.verbs, self.modifiers = korean_table()
        self.out: list[str] = []
        self.depth = 0  # inside parentheses: list-style field names
        self.fields_follow = False  # after "회원:" the words are field names
        self.topic: Phrase | None = None  # Korean drops a known subject: it carries over
        self.agent: Phrase | None = None  # who acts in the line's chained clauses
        self.held: dict[str, tuple[str, int]] = {}  # "각 작업에는 담당자가 있고": noun -> owner
        self.items: dict[str, tuple[str, str]] = {}  # order -> (product, order item)
        self.made = ""  # "후기도 쓸 수 있게": the thing the last sentence made
        self.parties: list[str] = []  # "중개사가 고객에게 매물을 보여주면": who takes part
        self.heading = ""  # "근태: 직원별로 출근 시각을 기록합니다": the record the line is about

    def _write(self, clause: Clause, *, heading: bool) -> None:
        """Writes a finished clause as English, with what earlier clauses said."""
        if clause.verb and (value := self._value_topic(clause)):
            self.out.append(value)
            return
        if not clause.verb and (values := self._trailing_values(clause)):
            self.out.append(values)
            return
        if clause.verb and (record := self._record_of_event(clause)):
            self.out.append(record)
            return
        if clause.verb and self.heading:
            self._under_heading(clause)
        elif clause.verb and (self.topic is None or self._owned_first(clause)):
            _owner_first(clause)  # with a topic, only "강사 이름" written as two glossary words
        if clause.verb:
            recording(clause)
            self._also(clause)
            self._carry_topic(clause)
            reshape(clause)
            self._item_values(clause)
        if clause.verb:
            made = clause.role("object")
            one = made is not None and len(made.nouns) == 1 and not field_like(made.nouns[0])
            self.made = made.nouns[0] if made and one else ""
        said = len(self.out)
        if clause.verb and (items := self._line_items(clause)):
            self.out.append(items)
        elif clause.phrases or clause.verb:
            # Singular in field lists and in a heading ("도서관:" is the app's title).
            singular = self.depth > 0 or self.fields_follow or heading
            self.out.append(self._held_role(clause) or render(clause, list_style=singular))
            self._hold(clause)
        if clause.conditional:  # "고객이 차량을 대여하면 ... 기록한다": about the rental
            kept = ("subject", "place", "object")
            found = [n for p in clause.phrases if p.role in kept for n in p.nouns]
            self.parties = [n for n in found if not field_like(n)]
            made = clause.role("object") if clause.verb == "make" else None
            event = made.nouns if made else [clause.event] if clause.event else []
            self.topic = Phrase(list(event), "topic") if event else self.topic
            both = len(self.parties) == 2 and len(self.out) > said
            if not made and event and both and event[0] not in self.parties:
                # "회원이 수업 예약하면 날짜를 기록한다": the reservation is of both parties.
                ends = " and ".join(_article(n) + " " + n for n in self.parties)
                self.out[-1] = f"Each {event[0]} has {ends}."

    def _trailing_values(self, clause: Clause) -> str:
        """ "후기도 쓸 수 있게 해줘 별점이랑 내용": values tacked on after a sentence are the
        values of the thing it just made."""
        made, self.made = self.made, ""
        nouns = [n for p in clause.phrases for n in p.nouns]
        if not made or self.depth or self.fields_follow or any(p.role for p in clause.phrases):
            return ""
        if not nouns or not all(field_like(n) for n in nouns):
            return ""
        return f"{plural(made).capitalize()} have {Phrase(nouns).text()}."

    def _record_of_event(self, clause: Clause) -> str:
        """ "중개사가 고객에게 매물을 보여주면 방문 기록을 남기는데, 방문 일시를 기록한다": the
        record left after an event refers to those taking part, and what follows is its own."""
        parties, self.parties = self.parties, []
        made = clause.role("object")
        if not parties or clause.conditional or made is None or len(made.nouns) != 1:
            return ""
        if clause.role("topic", "owner", "subject") or field_like(made.nouns[0]):
            return ""
        if clause.verb not in ("leave", "write", "create", "add", "make", "have"):
            return ""
        record = made.nouns[0]
        self.topic = Phrase([record], "topic")
        return f"{plural(record).capitalize()} have {Phrase(parties).text()}."

    def _owned_first(self, clause: Clause) -> bool:
        """Whether the first value was written as a thing and its value ("강사 이름"), not as
        one glossary word whose English has two ("주문일시": ordered at, "시작일": start date)."""
        held = clause.role("object", "subject")
        korean = self.labels.get(held.nouns[0], "") if held else ""
        korean = re.sub("(님|들)+(?=.)", "", korean)  # "강사님들 이름"
        if not korean or korean in self.nouns or not held or not self.topic:
            return False
        if held.nouns[0].startswith(self.topic.nouns[0] + " "):
            return False  # "(주문은) 주문 시각": the topic's own "order time"
        return any(
            korean[:cut] in self.nouns and korean[cut:] in self.nouns
            for cut in range(1, len(korean))
        )

    def _under_heading(self, clause: Clause) -> None:
        """ "근태: 직원별로 출근 시각, 근무일을 기록합니다": a sentence after a heading without a
        topic of its own is about the heading's record; "직원별로" names whose it is."""
        if clause.role("topic", "owner", "subject") or not clause.role("object"):
            return
        per, held = clause.role("per"), clause.role("object")
        if per is not None and held is not None:
            held.nouns = [*per.nouns, *held.nouns]
            clause.phrases.remove(per)
        clause.phrases.insert(0, Phrase([self.heading], "topic"))

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
        # "날짜와 시간, 남은 횟수도 기록한다": values said "too" are kept, not a topic.
        acts = acts or (clause.verb == "have" and all(field_like(n) for n in also.nouns))
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
            if clause.verb == "have" and clause.role("topic"):
                continue  # "회비는 회원별로 금액을 기록": render() says each member has many
            if clause.verb == "have":
                phrase.role = "owner"
            elif not clause.role("topic") or clause.role("subject", "object", "complement"):
                phrase.role = "place"  # else "수강료는 학생별로 청구된다": render() says whose
        topic = clause.role("topic", "owner")
        if topic is not None:
            self.topic = topic
            return
        acts = clause.verb not in ("have", "be")
        if acts and (agent := clause.role("subject")) is not None:
            self.agent = agent  # "회원이 이용권 충전하고 좌석 예약": the member does both
        elif acts and self.agent is not None and clause.role("object") and not clause.conditional:
            clause.phrases.insert(0, Phrase(list(self.agent.nouns), "subject"))
            return
        if self.topic is None or clause.conditional:
            return  # "손님이 주문하면": the clause sets up a topic rather than taking one
        toward = clause.verb.endswith(" to") and clause.role("place")  # "선수가 팀에 속한다"
        acted_on = clause.verb not in ("be", "have") and not clause.role("object", "complement")
        if clause.verb == "have" or (acted_on and not toward) or not clause.role("subject"):
            clause.phrases.insert(0, Phrase(list(self.topic.nouns), "topic"))

    def _value_owner(self, noun: str) -> tuple[str, str]:
        """ "회원 등급" -> ("member", "grade"); "배송 상태" -> the delivery request already named
        ("배송 요청"); a bare "상태" -> the record being described."""
        words = noun.split(" ")
        if len(words) == 1:
            return (self.topic.nouns[0] if self.topic and field_like(noun) else "", noun)
        value = words[-1]
        korean = self.labels.get(noun, "")
        head = next((k for k in self.nouns if self.nouns[k] == value and korean.endswith(k)), "")
        stem = korean[: len(korean) - len(head)] if head else ""
        for english, said in self.labels.items():
            if stem and said != korean and said.startswith(stem) and not field_like(english):
                return english, value
        return " ".join(words[:-1]), value


def _owner_first(clause: Clause) -> None:
    """ "회원 이름, 폰번호, 잔여 횟수 관리하고요": with no topic, the first value's own noun
    ("회원" of "회원 이름") is whose the values are ("Members have name, phone number...")."""
    held = clause.role("object", "subject")
    if held is None or clause.role("topic", "owner", "place", "per", "means", "complement"):
        return
    if len(clause.phrases) != 1 or len(held.nouns) < 2 or held.owner:
        return
    words = held.nouns[0].partition(" (")[0].split(" ")
    if len(words) != 2 or field_like(words[0]) or not all(field_like(n) for n in held.nouns):
        return
    held.nouns = [held.nouns[0][len(words[0]) + 1 :], *held.nouns[1:]]
    held.role, clause.verb = "object", "have"
    clause.phrases.insert(0, Phrase([words[0]], "topic"))


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeio" else "a"
