"""Korean clauses in English word order: the phrase and clause records the Korean reader
(korean_reader.py) fills from morphemes, the reshaping a clause needs before it is written (a
dropped subject, "마다", a passive "배정된다", values that are "managed" or "recorded" read as
held), and the English sentence each clause becomes (korean_writer.py writes it)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tdeveloper.spec.names import plural

__all__ = ["Clause", "Phrase", "be_sentence", "field_like", "recording", "render", "reshape"]


@dataclass
class Phrase:
    nouns: list[str]  # English singular words of each coordinated noun
    role: str = ""
    modifier: str = ""
    owner: str = ""  # "직원의 상사": the employee's manager
    also: bool = False  # marked with 도 ("사진도"): a topic, or an object said "too"

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
    stem: str = ""  # the Korean verb stem ("끝나")
    negated: bool = False  # "중복될 수 없다": "-ㄹ 수 없다"

    def role(self, *names: str) -> Phrase | None:
        return next((p for p in self.phrases if p.role in names and p.nouns), None)


# Verbs whose means phrase names what the subject holds ("닉네임과 이메일로 가입한다").
_SIGN_UP = frozenset({"join", "register", "sign up", "log in"})
# Opening clauses that only say what is wanted ("...시스템이 필요합니다").
_WISH = frozenset({"need", "want"})


# Verbs that keep values ("...를 관리/기록/등록/입력한다"): with values for objects, "have".
_RECORDING = frozenset(
    {
        "have",
        "manage",
        "leave",
        "add",
        "register",
        "consist of",
        "include",
        "contain",
        "post",
        "choose",
    }
)
# Last words of nouns that name a value rather than a thing ("예약 일시", "사업자 번호").
# fmt: off
_FIELD_HEADS = frozenset({
    "name", "title", "date", "time", "at", "on", "datetime", "number", "id", "code", "status",
    "state", "type", "kind", "category", "price", "amount", "fee", "cost", "total", "quantity",
    "stock", "count", "headcount", "capacity", "address", "phone", "contact", "email", "url",
    "image", "memo", "notes", "note", "description", "content", "rating", "score", "grade",
    "level", "weight", "height", "age", "gender", "birth", "region", "location", "area",
    "size", "color", "colour", "year", "month", "day", "weekday", "days", "hours", "duration",
    "period", "rate", "balance", "deposit", "salary", "points", "rank", "position", "username",
    "password", "nickname", "breed", "experience", "remarks", "reason", "result",
    "percentage", "photo", "picture", "avatar", "author", "bio", "isbn", "sku", "website",
    "brand", "career", "neighborhood", "introduction", "specialty", "certification", "feedback",
    "budget", "industry", "stage", "wage", "tonnage", "floor",
})
# fmt: on


def field_like(noun: str) -> bool:
    """Whether an English noun names a value ("billing month", "status (a, b)")."""
    words = noun.partition(" (")[0].split(" ")
    return words[-1] in _FIELD_HEADS


def recording(clause: Clause) -> None:
    """ "예약 일시, 가격, 상태를 관리합니다", "예약에 메모를 남기고", "반은 반 이름, 정원으로
    구성되며": keeping or listing values is having them; the place written to is their owner
    and whoever writes them ("담당자가 신청 건에 시간을 입력해") is no part of the data."""
    if clause.verb == "consist of" and (means := clause.role("means")) is not None:
        means.role = "object" if not clause.role("object") else means.role
    objects = [p for p in clause.phrases if p.role == "object" and p.nouns]
    if clause.verb not in _RECORDING or not objects:
        return
    nouns = [n for p in objects for n in p.nouns]
    values = sum(field_like(n) for n in nouns)
    if not values or (len(nouns) == 1 and objects[0].modifier == "many") or values * 2 < len(nouns):
        return  # "여러 반려견을 등록한다", "회원과 상품을 관리한다": things, not values
    left, place = clause.verb == "leave", clause.role("place")
    clause.verb = "have"
    if place is not None and clause.role("topic", "owner", "per") is None:
        place.role = "owner"
        clause.phrases = [p for p in clause.phrases if p.role != "subject"]
    _per_record(clause, objects)
    if left:
        _left_record(clause, [n for p in objects for n in p.nouns])


def _left_record(clause: Clause, values: list[str]) -> None:
    """ "주문 상품에는 별점과 후기 내용을 남길 수 있다": what is left on a thing ("후기 내용":
    a review's content) is a record of its own (a review of the order item)."""
    owner = clause.role("owner", "topic")
    words = next((v.split(" ") for v in values if len(v.split(" ")) == 2), [])
    if owner is None or len(owner.nouns) != 1 or not words or field_like(words[0]):
        return
    if words[0] in owner.nouns or not field_like(words[1]):
        return
    own = [v.removeprefix(words[0] + " ") for v in values]
    clause.phrases = [Phrase([words[0]], "topic"), Phrase([owner.nouns[0], *own], "object")]


def _per_record(clause: Clause, objects: list[Phrase]) -> None:
    """ "학생별로 그 반의 출석 상태를 기록한다": a value of something else, kept per student,
    is a record of its own (an attendance with its student, class and status)."""
    per, first = clause.role("per"), objects[0]
    words = first.nouns[0].partition(" (")[0].split(" ")
    if per is None or clause.role("topic", "owner") or len(words) < 2:
        return
    record = " ".join(words[:-1])
    if field_like(record) or record in per.nouns or not field_like(words[-1]):
        return
    value = first.nouns[0][len(record) + 1 :]  # "status (present, late)"
    nouns = [*per.nouns, *([first.owner] if first.owner else []), value, *first.nouns[1:]]
    rest = [n for p in objects[1:] for n in p.nouns]
    clause.phrases = [Phrase([record], "topic"), Phrase([*nouns, *rest], "object")]


def reshape(clause: Clause) -> None:
    """Rewrites a clause (its dropped subject already carried over) into a shape `render`
    writes as plain English."""
    subject, topic = clause.role("subject"), clause.role("topic", "owner")
    place, means = clause.role("place"), clause.role("means")
    owner = clause.role("owner")
    if clause.verb in ("belong to", "need") and owner is not None and subject and place is None:
        # "배송 요청에는 주소가 포함된다", "예약에는 입실일이 필요하다": the owner holds them.
        subject.role, clause.verb = "object", "have"
    if (
        clause.verb == "assigned to"
        and place
        and subject
        and "one" in (place.modifier, subject.modifier)
    ):
        # "배송 요청 하나에 기사 한 명이 배정된다": each request has one driver.
        place.role, subject.role, clause.verb = "owner", "object", "have"
        place.modifier, subject.modifier = "", "one"
    elif clause.verb == "assigned to" and place is None and subject and topic:
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
        if clause.role("place") and clause.verb.endswith((" for", " to", " in")):
            return  # "봉사자가 활동에 신청하면": volunteers register for activities
        # "손님이 주문하면": customers make orders (what follows describes the order).
        clause.phrases.append(Phrase([clause.event], "object"))
        clause.verb = "make"


def _own_field(noun: str, own: str) -> str:
    rest = noun[len(own) :] if noun.startswith(own) else ""
    own_value = rest.partition(" (")[0] in ("name", "code", "status", "type")
    return rest if own_value else noun


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


# Verbs that make their object the agent's ("작성한다", "남긴다"), with their participles.
_AUTHORED = {
    "write": "written", "leave": "left", "create": "created", "make": "made", "post": "posted",
    "submit": "submitted", "upload": "uploaded", "add": "added", "publish": "published",
    "send": "sent", "open": "opened", "own": "owned", "run": "run", "host": "hosted",
    "teach": "taught", "issue": "issued", "report": "reported", "request": "requested",
    "sell": "sold", "grow": "grown", "produce": "produced", "draft": "drafted",
}  # fmt: skip


def render(clause: Clause, *, list_style: bool) -> str:
    """One clause in English word order; a verbless clause is just its nouns."""
    if not clause.verb or clause.verb in _WISH:
        return " ".join(p.text(many=not list_style) for p in clause.phrases if p.nouns)
    if sentence := be_sentence(clause):
        return sentence
    roles = {p.role: p for p in reversed(clause.phrases) if p.nouns}
    topic, agent = roles.get("topic"), roles.get("subject")
    if (per := roles.get("per")) is not None and topic is not None:
        # "수강료는 학생별로 청구된다": each student has many tuitions; "회비는 회원별로 금액,
        # 납부일 기록": and the fees have those values.
        many = f"Each {per.text()} has many {topic.text(many=True)}."
        own = roles.get("object") if clause.verb == "have" else None
        return f"{many} {topic.text(many=True).capitalize()} have {own.text()}." if own else many
    if clause.verb not in ("have", "be") and topic and agent and "object" not in roles:
        # "휴가 신청은 직원이 제출한다": the topic is what the agent acts on; an authoring
        # verb says whose it is ("each leave request is submitted by an employee").
        if clause.stem == "하" and len(topic.nouns) == 1 and agent.modifier == "one":
            # "PT 수업은 트레이너 한 명과 회원 한 명이 한다": each session has one of each.
            return f"Each {topic.nouns[0]} has {' and '.join(_a(n) for n in agent.nouns)}."
        place, done = roles.get("place"), _AUTHORED.get(clause.verb, "")
        if done and len(topic.nouns) == len(agent.nouns) == 1:
            on = f" for {_a(place.nouns[0])}" if place and len(place.nouns) == 1 else ""
            return f"Each {topic.nouns[0]} is {done} by {_a(agent.nouns[0])}{on}."
        verb = ("can " if clause.modal else "") + clause.verb
        agent.modifier = "" if agent.modifier in ("one", "each", "every") else agent.modifier
        return f"{agent.text(many=True).capitalize()} {verb} {topic.text(many=True)}."
    subject = roles.get("owner") or topic or agent
    if subject is None or (clause.verb == "have" and len(roles) == 1):
        # Nothing owns what the clause names ("예약 날짜와 시간이 저장된다"): just the nouns.
        return " ".join(p.text(many=True) for p in clause.phrases if p.nouns) + "."
    # "강사 한 명이 수업 여러 개를 맡는다": "instructors handle many lessons" ("one" only
    # reads with "can": "one owner can add many dogs").
    one = subject.modifier == "one" and not clause.modal and clause.verb != "have"
    subject.modifier = "" if subject.modifier in ("each", "every") or one else subject.modifier
    target = roles.get("place") or roles.get("object")
    if clause.verb == "belong to" and not clause.modal and target is not None:
        # "대출은 회원과 도서에 속한다": each loan belongs to a member and a book.
        ends = " and ".join(_a(n) for n in target.nouns)
        return f"Each {subject.nouns[0]} belongs to {ends}."
    predicate = _predicate(clause, subject, roles)
    if subject.owner and clause.verb == "be":  # "직원의 상사도 직원이다"
        return f"Each {subject.owner} has a {predicate}."
    if predicate.startswith(("has a ", "is ")):  # singular: "Each employee has a manager..."
        return f"Each {subject.text()} {predicate}."
    return f"{subject.text(many=True).capitalize()} {predicate}."


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeio' else 'a'} {noun}"


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
