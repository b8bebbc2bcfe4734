"""Korean descriptions: detected, analysed with kiwipiepy, English identifiers, Korean labels."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.nl import read_or_refuse
from tdeveloper.pipeline import parse
from tdeveloper.pipeline.nlp import understand
from tdeveloper.pipeline.nlp.hangul import is_korean, romanize
from tdeveloper.spec import FieldReq, RelationReq, Requirements

LIBRARY = "도서관 관리 시스템: 회원(이름, 이메일), 도서(제목, 저자, ISBN), 대출(대출일, 반납예정일)"


def fields(req: Requirements, entity: str) -> dict[str, FieldReq]:
    found = next(e for e in req.entities if e.name == entity)
    return {f.name: f for f in found.fields}


def relation(req: Requirements, source: str, target: str) -> RelationReq:
    return next(r for r in req.relations if (r.source, r.target) == (source, target))


def test_the_library_example_gives_english_identifiers_and_korean_labels() -> None:
    req = understand(LIBRARY)
    assert req.language == "ko"
    assert [e.name for e in req.entities] == ["Member", "Book", "Loan"]
    assert [e.label for e in req.entities] == ["회원", "도서", "대출"]
    assert fields(req, "Member")["name"].label == "이름"
    assert fields(req, "Book")["isbn"].label == "ISBN"
    due = fields(req, "Loan")["due_date"]
    assert (due.type, due.label) == ("date", "반납예정일")


def test_korean_labels_reach_the_spec_and_its_openapi() -> None:
    parsed = parse(LIBRARY)
    loan = parsed.spec.entity("Loan")
    assert loan.label == "대출"
    member_id = loan.field("member_id")
    assert member_id is not None and member_id.label == "회원"
    schema = parsed.openapi["components"]["schemas"]
    assert any(
        prop.get("title") == "반납예정일"
        for body in schema.values()
        for prop in body.get("properties", {}).values()
    )


def test_language_is_detected() -> None:
    assert is_korean("회원은 도서를 빌린다")
    assert is_korean("헬스장 앱 - Member(이름, 전화번호)")
    assert not is_korean("A library app with members (이름 means name)")
    assert understand("A library with members and books.").language == "en"


def test_unknown_words_are_romanized_not_dropped() -> None:
    assert romanize("세탁소") == "setakso"
    req = understand("세탁소 앱: 세탁물(이름, 가격)")
    assert any(e.name.lower().startswith("setakmul") for e in req.entities)


def test_belongs_to_is_many_to_one() -> None:
    req = understand("각 대출은 회원과 도서에 속한다. 회원은 이름이 있다. 도서는 제목이 있다.")
    assert relation(req, "Loan", "Member").kind == "many_to_one"
    assert relation(req, "Loan", "Book").kind == "many_to_one"


def test_a_borrowing_verb_makes_a_join_entity() -> None:
    req = understand("회원은 도서를 빌린다. 회원은 이름이 있다.")
    assert relation(req, "Loan", "Member").required
    assert relation(req, "Loan", "Book").required


def test_many_to_many_from_a_verb() -> None:
    req = understand("학생은 여러 강좌를 수강한다. 학생은 이름이 있다. 강좌는 제목이 있다.")
    assert any(
        r.kind == "many_to_many" and {r.source, r.target} == {"Student", "Course"}
        for r in req.relations
    )


def test_self_reference() -> None:
    req = understand("직원은 이름이 있다. 직원은 다른 직원을 상사로 가진다.")
    rel = relation(req, "Employee", "Employee")
    assert rel.field == "manager_id"


def test_possessive_self_reference() -> None:
    req = understand("직원은 이름과 이메일을 가진다. 직원의 상사도 직원입니다.")
    assert relation(req, "Employee", "Employee").field == "manager_id"


def test_role_named_references() -> None:
    req = understand("경기에는 홈팀과 원정팀, 경기일이 있다. 팀은 이름이 있다.")
    assert {r.field for r in req.relations if r.target == "Team"} == {
        "home_team_id",
        "away_team_id",
    }


@pytest.mark.parametrize(
    ("text", "entity", "name", "check"),
    [
        ("리뷰는 평점(1~5)과 내용을 가진다.", "Review", "rating", ("integer", 1.0, 5.0)),
        ("주문은 상태(대기/결제/배송)와 합계를 가진다.", "Order", "status", ("enum", None, None)),
    ],
)
def test_ranges_and_enums(
    text: str, entity: str, name: str, check: tuple[str, float | None, float | None]
) -> None:
    found = fields(understand(text), entity)[name]
    assert (found.type, found.minimum, found.maximum) == check


def test_identified_by_is_unique_and_the_next_clause_keeps_its_subject() -> None:
    req = understand("차량은 번호판으로 식별되며 제조사와 모델이 있다.")
    vehicle = fields(req, "Vehicle")
    assert vehicle["plate_number"].unique
    assert {"make", "model"} <= set(vehicle)


def test_the_analyser_loads_only_for_korean_text() -> None:
    script = (
        "import sys\n"
        "from tdeveloper.pipeline.nlp import understand\n"
        "understand('A library with members and books.')\n"
        "print('kiwipiepy' in sys.modules)\n"
        "understand('회원은 도서를 빌린다.')\n"
        "print('kiwipiepy' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["False", "True"]


_PIECES = [
    "회원", "도서", "대출", "직원", "상사", "예약", "환자", "평점", "상태", "이름", "은", "는",
    "을", "를", "이", "가", "과", "와", "및", "의", "에", "에는", "로", "도", "부터", "까지",
    "(", ")", ", ", ":", "/", "~", "1", "5", " ", ".", "\n", "- ", "다른", "여러", "각", "한 명의",
    "가진다", "있다", "속한다", "이다", "빌린다", "할 수 있다", "매운", "하며", "되고", "ISBN",
]  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        ),
        min_size=1,
        max_size=40,
    ).map("".join)
)
def test_any_korean_text_reads_or_is_refused_cleanly(text: str) -> None:
    read_or_refuse(text)


def test_quantity_after_its_noun_and_can_constructions() -> None:
    req = understand("게시글은 제목이 있다. 각 게시글에는 댓글이 여러 개 달릴 수 있다.")
    assert relation(req, "Comment", "Post").kind == "many_to_one"
