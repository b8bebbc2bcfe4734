"""Korean clauses in English word order: the phrase and clause records the Korean reader
(korean.py) fills from morphemes, the reshaping a clause needs before it is written (a dropped
subject, "마다", a passive "배정된다"), and the English sentence each clause becomes."""

from __future__ import annotations

from dataclasses import dataclass, field

from tdeveloper.spec.names import plural

__all__ = ["Clause", "Phrase", "be_sentence", "render", "reshape"]


@dataclass
class Phrase:
    nouns: list[str]  # English singular words of each coordinated noun
    role: str = ""
    modifier: str = ""
    owner: str = ""  # "직원의 상사": the employee's manager

    def text(self, *, many: bool = False) -> str:
        many = many and self.modifier not in ("one", "each", "every")
        words = [_plural_head(n) if many else n for n in self.nouns]
        modifier = "other" if many and self.modifier == "another" else self.modifier
        if len(words) <= 1:
            return f"{modifier} {''.join(words)}".strip()
        joined = ", ".join(words[:-1]) + " and " + words[-1]
        return f"{modifier} {joined}".strip()


def _plural_head(noun: str) -> str:
    head, paren, rest = noun.partition(" (")
    return plural(head) + paren + rest


@dataclass
class Clause:
    phrases: list[Phrase] = field(default_factory=list)
    verb: str = ""  # English base form; "" when the clause has none
    numbers: dict[str, str] = field(default_factory=dict)  # "from"/"until" -> number
    modal: bool = False
    event: str = ""  # "대여하다": the English of the verb's own noun ("rental")
    conditional: bool = False  # "...하면": the clause sets up what the next ones describe

    def role(self, *names: str) -> Phrase | None:
        return next((p for p in self.phrases if p.role in names and p.nouns), None)


# Verbs whose means phrase names what the subject holds ("닉네임과 이메일로 가입한다").
_SIGN_UP = frozenset({"join", "register", "sign up", "log in"})
# Opening clauses that only say what is wanted ("...시스템이 필요합니다").
_WISH = frozenset({"need", "want"})


def reshape(clause: Clause) -> None:
    """Rewrites a clause (its dropped subject already carried over) into a shape `render`
    writes as plain English."""
    subject, topic = clause.role("subject"), clause.role("topic", "owner")
    place, means = clause.role("place"), clause.role("means")
    if clause.verb == "assigned to" and place is None and subject and topic:
        # "(팀에는) 멘토가 배정된다": the team has a mentor.
        subject.role, clause.verb = "object", "have"
        subject.modifier = subject.modifier or "one"
    elif clause.verb == "assigned to":
        clause.verb = "belong to"
    if clause.verb in _SIGN_UP and means and not clause.role("object"):
        means.role, clause.verb = "object", "have"  # joins with a nickname: has a nickname
    if clause.verb == "register":
        # "판매자가 상품을 등록한다" adds a record (no registration is made of it);
        # "학생이 강좌에 등록한다" registers for the course.
        acted_on = clause.role("object") or (clause.role("topic") and clause.role("subject"))
        clause.verb = "add" if acted_on else "register for"
    if clause.verb == "have" and topic is not None and len(topic.nouns) == 1:
        own = topic.nouns[0] + " "
        for phrase in clause.phrases:
            if phrase is not topic:  # "부서는 부서명을 가진다": the department's name
                phrase.nouns = [_own_field(n, own) for n in phrase.nouns]
    if clause.conditional and clause.event and not clause.role("object", "complement"):
        # "손님이 주문하면": customers make orders (what follows describes the order).
        clause.phrases.append(Phrase([clause.event], "object"))
        clause.verb = "make"


def _own_field(noun: str, own: str) -> str:
    rest = noun[len(own) :] if noun.startswith(own) else ""
    return rest if rest in ("name", "code") else noun


def be_sentence(clause: Clause) -> str:
    """ "X는 Y이다" shapes with a meaning of their own, or "" when the clause has none."""
    topic, other = clause.role("topic", "owner", "subject"), clause.role("complement")
    if clause.verb != "be" or topic is None or other is None:
        return ""
    kind = other.text()
    pair = [*topic.nouns, *other.nouns[:-1]]  # "학생은 강의와 다대다 관계이다"
    cardinality = other.nouns[-1]
    if cardinality.startswith(("many-to-many", "one-to-many")) and len(pair) == 2:
        second = plural(pair[1])
        if cardinality.startswith("one-to-many"):  # "부서와 직원은 일대다 관계이다"
            return f"Each {pair[0]} has many {second}."
        return f"Each {pair[0]} has {second} (many-to-many)."  # the reader's own form
    if topic.owner and topic.nouns == ["default"]:  # "상태의 기본값은 대기이다"
        return f"The default {topic.owner} is {kind}."
    if kind in ("optional", "required", "unique"):  # "메모는 선택 사항이다"
        name = topic.text()
        return f"{(name if name.endswith('s') else plural(name)).capitalize()} are {kind}."
    return ""


def render(clause: Clause, *, list_style: bool) -> str:
    """One clause in English word order; a verbless clause is just its nouns."""
    if not clause.verb or clause.verb in _WISH:
        return " ".join(p.text(many=not list_style) for p in clause.phrases if p.nouns)
    if sentence := be_sentence(clause):
        return sentence
    roles = {p.role: p for p in reversed(clause.phrases) if p.nouns}
    topic, agent = roles.get("topic"), roles.get("subject")
    if clause.verb not in ("have", "be") and topic and agent and "object" not in roles:
        # "휴가 신청은 직원이 제출한다": the topic is what the agent acts on.
        verb = ("can " if clause.modal else "") + clause.verb
        agent.modifier = "" if agent.modifier in ("one", "each", "every") else agent.modifier
        return f"{agent.text(many=True).capitalize()} {verb} {topic.text(many=True)}."
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


def _predicate(clause: Clause, subject: Phrase, roles: dict[str, Phrase]) -> str:
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
