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
    req = understand("공방 앱: 자개함(이름, 가격)")  # "세탁물" is in the glossary now
    assert any(e.name.lower().startswith("jagae") for e in req.entities)


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


def names(req: Requirements) -> list[str]:
    return [e.name for e in req.entities]


def test_per_owner_madda_gives_many_children() -> None:
    req = understand("프로젝트는 이름을 가진다. 프로젝트마다 여러 작업이 있다. 작업은 제목이 있다.")
    assert relation(req, "Task", "Project").kind == "many_to_one"


def test_may_have_a_parent_is_an_optional_self_reference() -> None:
    req = understand("부서는 부서명과 부서 코드를 가지고, 상위 부서를 가질 수도 있습니다.")
    assert names(req) == ["Department"]  # "수도" is not a noun ("Count")
    assert relation(req, "Department", "Department").field == "parent_department_id"


def test_a_held_role_named_later_becomes_a_named_reference() -> None:
    req = understand(
        "작업은 제목을 가진다. 각 작업에는 담당자가 한 명 있고 담당자는 사용자이다. "
        "사용자는 이름과 이메일을 가진다."
    )
    assert relation(req, "Task", "User").field == "assignee_id"
    assert "Assignee" not in names(req)


@pytest.mark.parametrize(
    "sentence",
    [
        "학생과 강의는 다대다 관계이다.",
        "학생은 강의와 다대다 관계이다.",
        "학생과 강의는 다대다이다.",
    ],
)
def test_many_to_many_stated_outright(sentence: str) -> None:
    req = understand(f"학생은 이름이 있다. 강의는 제목이 있다. {sentence}")
    assert any(
        r.kind == "many_to_many" and {r.source, r.target} == {"Student", "Course"}
        for r in req.relations
    )
    assert names(req) == ["Student", "Course"]


def test_an_agent_after_a_dropped_topic_acts_on_it() -> None:
    req = understand("강사는 이름이 있다. 강의는 제목과 가격을 가지며 한 명의 강사가 만든다.")
    assert relation(req, "Course", "Instructor").kind == "many_to_one"


def test_a_conditional_clause_sets_the_topic_of_the_next() -> None:
    req = understand(
        "고객은 이름이 있다. 차량은 모델명이 있다. "
        "고객이 차량을 대여하면 대여 시작일과 반납일, 총 금액을 기록한다."
    )
    rental = fields(req, "Rental")
    assert {"return_date", "total_amount"} <= set(rental)
    assert "Amount" not in names(req)


def test_ordering_without_an_object_makes_the_order_the_topic() -> None:
    req = understand("손님은 이름이 있다. 손님이 주문하면 주문 시각과 배달 주소가 저장된다.")
    assert {"order_time", "delivery_address"} <= set(fields(req, "Order"))
    assert relation(req, "Order", "Customer").kind == "many_to_one"


def test_an_assigned_passive_without_a_place_gives_the_topic_a_reference() -> None:
    req = understand("주문은 주문일이 있고 배달원이 배정된다. 배달원은 이름이 있다.")
    assert relation(req, "Order", "Courier").kind == "many_to_one"
    req = understand("팀은 팀명을 가지고 멘토가 한 명 배정될 수도 있습니다. 멘토는 이름이 있다.")
    assert relation(req, "Team", "Mentor").kind == "many_to_one"


def test_signing_up_with_fields_names_the_fields() -> None:
    req = understand("사용자는 닉네임과 이메일로 가입해요. 레시피는 제목이 있어요.")
    assert {"nickname", "email"} <= set(fields(req, "User"))


def test_registering_a_record_is_not_a_registration() -> None:
    req = understand("판매자는 닉네임이 있다. 상품은 제목과 가격이 있고 판매자가 등록한다.")
    assert "Registration" not in names(req)
    assert relation(req, "Product", "Seller").kind == "many_to_one"


def test_record_suffixes_and_name_suffixes() -> None:
    req = understand("회원(이름), 도서(제목), 대출(대출일). 대출 기록은 회원과 도서를 연결한다.")
    assert names(req) == ["Member", "Book", "Loan"]
    from tdeveloper.pipeline.nlp.korean import translate

    assert "performance name" in translate("공연(공연명, 장르)").english
    # An entity's own name is its name ("공연은 공연명을 가진다").
    assert {"name", "genre"} <= set(
        fields(understand("공연은 공연명과 장르를 가진다."), "Performance")
    )


def test_a_relative_clause_before_a_noun_makes_no_entity() -> None:
    req = understand("회사 조직도를 관리하는 시스템이 필요합니다. 부서는 부서명과 위치가 있습니다.")
    assert names(req) == ["Department"]


def test_a_count_after_its_noun_and_one_of_in_an_enum() -> None:
    req = understand(
        "좌석은 번호와 등급(VIP, R, S 중 하나)을 가진다. 공연은 장르가 있다. "
        "티켓은 가격이 있다. 티켓은 좌석 하나와 공연 하나에 연결된다."
    )
    assert relation(req, "Ticket", "Seat").kind == "many_to_one"
    assert relation(req, "Ticket", "Performance").kind == "many_to_one"
    assert fields(req, "Seat")["grade"].values == ("vip", "r", "s")


def test_defaults_and_optional_notes_make_no_entities() -> None:
    req = understand(
        "예약은 시작 시간과 상태를 가진다. 예약 상태의 기본값은 대기이다. "
        "상담은 메모를 가진다. 메모는 선택 사항이다."
    )
    assert set(names(req)) <= {"Reservation", "Consultation"}


def test_an_opening_title_with_mit_and_a_dash_heading() -> None:
    req = understand("식당 예약 및 메뉴 관리. 테이블은 번호가 있다. 손님이 테이블을 예약한다.")
    assert "RestaurantReservation" not in names(req)
    assert relation(req, "Reservation", "Table").kind == "many_to_one"
    gym = understand(
        "헬스장 앱 - Member(이름, 전화번호, 회원권 만료일), Trainer(이름, 경력 연수), "
        "PT session: member, trainer, 날짜, 시간, 출석 여부"
    )
    assert names(gym) == ["Member", "Trainer", "PtSession"]
    assert relation(gym, "PtSession", "Trainer").kind == "many_to_one"


def test_small_wording_rules() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    assert "other users" in translate("사용자는 다른 사용자를 팔로우할 수 있다.").english
    assert "task" in translate("상태의 기본값은 할 일이다.").english


def test_a_list_repeating_its_heads_name_gives_plain_name_and_no_self_reference() -> None:
    req = understand("학교: 학생(이름, 학번), 과목(과목명, 학점). 학생은 여러 과목을 수강한다.")
    assert {"name", "credits"} <= set(fields(req, "Subject"))
    assert not any(r.source == r.target == "Subject" for r in req.relations)


def test_new_glossary_nouns_are_not_romanized() -> None:
    req = understand(
        "농가는 농장 이름, 대표자 이름, 지역, 사업자 번호를 등록하고 소비자는 이름과 배송지 "
        "주소로 가입한다. 수강료는 금액이 있다."
    )
    assert names(req) == ["Farm", "Consumer", "Tuition"]
    assert {"name", "representative_name", "region", "business_number"} <= set(fields(req, "Farm"))
    assert "shipping_address" in fields(req, "Consumer")  # "address" said once


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        ("예약은 예약 일시, 가격, 상태를 관리합니다.", "Reservation", {"price", "status"}),
        ("반은 반 이름, 수업 요일, 정원으로 구성됩니다.", "ClassGroup", {"name", "capacity"}),
        ("매장은 매장명, 주소, 전화번호를 등록한다.", "Store", {"name", "address"}),
        (
            "고양이마다 이름, 몸무게, 그리고 특이사항(예: 알레르기 있음)을 기록해 주세요.",
            "Cat",
            {"name", "weight", "notes"},
        ),
    ],
)
def test_keeping_a_list_of_values_gives_fields_not_entities(
    text: str, entity: str, expected: set[str]
) -> None:
    req = understand(text)
    assert names(req) == [entity]
    assert expected <= set(fields(req, entity))


def test_managing_things_still_relates_them() -> None:
    req = understand("보호자는 이름이 있다. 한 보호자가 여러 마리의 반려견을 등록할 수 있다.")
    assert relation(req, "Dog", "Owner").kind == "many_to_one"


def test_writing_to_a_place_makes_it_the_owner_and_do_adds_an_object() -> None:
    req = understand(
        "상담은 상담 일시가 있다. 상담이 끝나면 직원이 상담에 메모를 남기고 "
        "사진도 여러 장 올릴 수 있다. 사진에는 이미지 주소와 촬영 전/후 구분이 들어갑니다."
    )
    assert names(req) == ["Consultation", "Photo"]
    assert "notes" in fields(req, "Consultation")
    assert relation(req, "Photo", "Consultation").kind == "many_to_one"


def test_an_ending_verb_and_its_subject_make_nothing() -> None:
    req = understand(
        "주문은 주문 일시가 있다. 배송이 끝난 주문에는 별점과 후기 내용을 남길 수 있다."
    )
    assert "Shipment" not in names(req)
    assert relation(req, "Review", "Order").kind == "many_to_one"  # left on the order
    assert {"rating", "content"} <= set(fields(req, "Review"))


def test_examples_before_gateun_and_an_apposition_with_euro() -> None:
    req = understand("지점은 본점이나 분점 같은 매장으로, 지점명과 주소를 가지고 있습니다.")
    assert names(req) == ["Branch"]
    assert {"name", "address"} <= set(fields(req, "Branch"))


def test_per_with_byeollo_and_time_words_are_not_owners() -> None:
    req = understand("회원은 이름이 있다. 회비는 회원별로 매달 청구되며 청구 월과 금액을 남긴다.")
    assert names(req) == ["Member", "MembershipFee"]
    assert relation(req, "MembershipFee", "Member").kind == "many_to_one"
    assert {"billing_month", "amount"} <= set(fields(req, "MembershipFee"))


def test_a_value_kept_per_owner_is_a_record_of_its_own() -> None:
    req = understand(
        "학생은 이름이 있다. 반은 반 이름이 있다. "
        "수업이 있는 날마다 학생별로 그 반의 출석 상태(출석, 결석)를 날짜와 함께 기록합니다."
    )
    assert names(req) == ["Student", "ClassGroup", "Attendance"]
    assert {"status", "date"} <= set(fields(req, "Attendance"))
    assert relation(req, "Attendance", "Student").kind == "many_to_one"
    assert relation(req, "Attendance", "ClassGroup").kind == "many_to_one"


def test_unique_and_optional_values_of_the_record_being_described() -> None:
    req = understand(
        "회원은 이름과 이메일을 가진다. 휴대폰 번호는 있는 경우에만 입력합니다. "
        "탈퇴일은 비워 둡니다. 사업자 번호는 중복될 수 없습니다."
    )
    assert names(req) == ["Member"]
    member = fields(req, "Member")
    assert {"phone_number", "withdrawal_date"} <= set(member)
    assert member["business_number"].unique


def test_a_copula_read_as_a_verb_still_names_a_role() -> None:
    req = understand("회원은 추천인을 적을 수 있는데, 추천인도 등록된 회원이어야 합니다.")
    assert relation(req, "Member", "Member").field == "referrer_id"


def test_per_owner_with_an_object_and_a_place_in_a_conditional() -> None:
    req = understand(
        "지점은 지점명이 있다. 지점마다 여러 직원을 채용한다. 직원은 이름이 있다. "
        "행사는 제목이 있다. 직원이 행사에 신청하면 신청 상태(대기, 승인)가 저장된다."
    )
    assert relation(req, "Employee", "Branch").kind == "many_to_one"
    assert relation(req, "Registration", "Event").kind == "many_to_one"
    assert relation(req, "Registration", "Employee").kind == "many_to_one"
    assert fields(req, "Registration")["status"].values == ("pending", "approval")


def test_contained_items_named_by_the_glossary_become_line_items() -> None:
    req = understand(
        "장바구니는 생성일이 있다. 장바구니 하나에 여러 상품을 담을 수 있고 상품별 수량을 "
        "기록한다. 상품은 가격이 있다."
    )
    assert relation(req, "CartItem", "Cart").kind == "many_to_one"
    assert relation(req, "CartItem", "Product").kind == "many_to_one"
    assert "quantity" in fields(req, "CartItem")
    # Without a glossary name for the pair, the items stay what they are.
    tasks = understand("할 일은 제목이 있다. 할 일 하나에 여러 태그를 담는다.")
    assert names(tasks) == ["Task", "Tag"]


def test_an_agent_that_authors_the_topic_owns_it() -> None:
    req = understand(
        "게시글은 제목이 있다. 사용자는 닉네임이 있다. "
        "댓글은 내용을 가지며 사용자가 게시글에 남길 수 있다."
    )
    assert relation(req, "Comment", "User").kind == "many_to_one"
    assert relation(req, "Comment", "Post").kind == "many_to_one"


def test_a_misread_hago_after_a_verb_noun_ends_the_clause() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    english = translate("농가는 지역을 등록하고 소비자는 이름으로 가입한다.").english
    assert english == "Farms have region. Consumers have name."


# Layouts and styles of briefs written by others (eval/korean2.json).


def test_context_sections_are_left_out_and_data_headings_dropped() -> None:
    from tdeveloper.pipeline.nlp.korean_words import tidy

    text = (
        "[배경]\n지금은 엑셀로 배송 건을 관리합니다.\n\n■ 요구사항\n1) 기사는 이름을 가진다.\n"
        "목표: 배차를 줄이는 것.\n2.1 차량은 번호가 있다."
    )
    assert tidy(text).split("\n") == ["", "- 기사는 이름을 가진다.", "- 차량은 번호가 있다."]
    req = understand(
        "[배경]\n지금은 엑셀로 배송 건을 관리합니다.\n\n[요구사항]\n기사는 이름을 가진다."
    )
    assert names(req) == ["Driver"]


def test_table_rows_and_their_header_become_head_and_fields() -> None:
    from tdeveloper.pipeline.nlp.korean_words import tidy

    table = "| 항목 | 내용 |\n|---|---|\n| 학생 | 이름, 학년 |"
    assert tidy(table).split("\n") == ["- 학생: 이름, 학년"]
    assert tidy("고객 / 이름, 휴대폰") == "- 고객: 이름, 휴대폰"  # a row already flattened
    req = understand("고객 | 이름, 휴대폰, 주소\n주문 | 고객, 총 금액, 상태")
    assert {"name", "address"} <= set(fields(req, "Customer"))
    assert relation(req, "Order", "Customer").kind == "many_to_one"


def test_chat_noise_arrows_and_missing_spaces_are_tidied() -> None:
    from tdeveloper.pipeline.nlp.korean_words import tidy

    assert tidy("앱 만들어줘 ㅋㅋ 😊") == "앱 만들어줘"
    assert tidy("직원이 신청함 → 승인됨") == "직원이 신청함. 승인됨"
    assert tidy("상품 올릴때 후기도 쓸수있게") == "상품 올릴 때 후기도 쓸 수 있게"
    assert tidy("이름·이메일") == "이름, 이메일"


def test_one_of_makes_a_value_with_choices() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    english = translate(
        "회원은 이름이 있다. 회원 등급은 일반, 프리미엄, 기업 중 하나로 한다."
    ).english
    assert "Members have grade (standard, premium, company)." in english
    req = understand("배송 요청은 주소가 있다. 배송 상태는 접수, 배송 중, 배송 완료 중 하나이다.")
    assert names(req) == ["DeliveryRequest"]
    assert fields(req, "DeliveryRequest")["status"].type == "enum"


def test_requirement_endings_and_noun_endings_are_verbs() -> None:
    req = understand("공간은 공간명, 수용 인원, 시간당 요금을 관리할 것.")
    assert {"name", "capacity", "hourly_rate"} <= set(fields(req, "Space"))
    req = understand(
        "장비는 장비명이 있다.\n- 대여 건마다 대여일, 반납 예정일 기록\n- 강사 한 명이 진행"
    )
    assert {"rental_date", "due_date"} <= set(fields(req, "Rental"))


def test_a_verbless_note_with_a_place_and_a_count_says_what_is_had() -> None:
    req = understand("클래스는 이름이 있다. 일정은 날짜가 있다.\n- 한 클래스에 일정이 여러 개")
    assert relation(req, "Schedule", "Course").kind == "many_to_one"


def test_included_needed_and_one_assigned_make_the_owner_hold_them() -> None:
    req = understand(
        "배송 요청에는 출발지 주소와 화물 무게가 포함된다. 배송 요청 하나에 기사 한 명이 배정된다. "
        "기사는 이름이 있다. 예약에는 입실일과 인원 수가 필요하다."
    )
    assert {"origin_address", "cargo_weight"} <= set(fields(req, "DeliveryRequest"))
    assert relation(req, "DeliveryRequest", "Driver").kind == "many_to_one"
    reservation = fields(req, "Reservation")
    assert "headcount" in reservation and any(f.startswith("check_in") for f in reservation)


def test_casual_lists_without_particles_or_commas() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    english = translate(
        "유저 닉네임이랑 동네 정도만 있으면 되고 상품 올릴때 제목 가격 사진 설명 넣게 해줘. "
        "멤버는 닉네임 프사 자기소개 정도?"
    ).english
    assert "Users have nickname and neighborhood." in english
    assert "Products have title, price, photo and description." in english
    assert "Members have nickname, profile photo and bio." in english


def test_a_things_first_value_names_whose_the_values_are() -> None:
    req = understand(
        "회원 이름, 폰번호, 잔여 횟수 관리하고요 강사님들 이름이랑 경력 보여주고 싶어요."
    )
    assert {"name", "phone_number", "remaining_count"} <= set(fields(req, "Member"))
    assert {"name", "career"} <= set(fields(req, "Instructor"))
    # The topic's own "order time" stays the order's field.
    assert "order_time" in fields(
        understand("손님은 이름이 있다. 손님이 주문하면 주문 시각과 배달 주소가 저장된다."), "Order"
    )


def test_a_value_kept_when_something_happens_belongs_to_it() -> None:
    req = understand("예약은 상태가 있다. 예약 시 시작 일시, 이용 인원을 저장할 것.")
    assert {"starts_at", "headcount"} <= set(fields(req, "Reservation")) or {
        "start_at",
        "headcount",
    } <= set(fields(req, "Reservation"))
    from tdeveloper.pipeline.nlp.korean import translate

    english = translate("참가자는 이름이 있다. 등록할 때 티켓 종류를 고르고 결제 금액이 저장돼요.")
    assert "Registrations" in english.english


def test_writers_own_english_names_and_korean_glosses() -> None:
    req = understand(
        "Account(고객사)는 회사명과 업종을 가지고, 고객사마다 여러 명의 Contact(담당자)가 "
        "있습니다. 담당자는 이름과 이메일을 가집니다."
    )
    assert names(req) == ["Account", "Contact"]
    assert relation(req, "Contact", "Account").kind == "many_to_one"
    assert next(e for e in req.entities if e.name == "Account").label == "고객사"
    req = understand("- 환자(반려동물) 정보: 이름, 품종, 몸무게")
    assert {"name", "breed", "weight"} <= set(fields(req, "Patient"))


def test_a_record_left_after_an_event_refers_to_its_parties() -> None:
    req = understand(
        "매물은 주소가 있다. 고객은 이름이 있다. 중개사가 고객에게 매물을 보여주면 방문 기록을 "
        "남기는데, 방문 일시와 고객 피드백을 기록합니다."
    )
    assert {"visited_at", "customer_feedback"} <= set(fields(req, "Visit"))
    assert relation(req, "Visit", "Customer").kind == "many_to_one"
    assert relation(req, "Visit", "Listing").kind == "many_to_one"


def test_a_heading_is_the_topic_of_its_line_and_per_names_a_reference() -> None:
    req = understand(
        "직원은 이름이 있다.\n· 근태: 직원별로 출근 시각, 퇴근 시각, 근무일을 기록합니다."
    )
    assert {"clock_in_time", "clock_out_time", "workday"} <= set(fields(req, "Attendance"))
    assert relation(req, "Attendance", "Employee").kind == "many_to_one"


def test_a_session_done_by_two_and_values_said_too() -> None:
    req = understand(
        "트레이너는 이름이 있다. 회원은 이름이 있다. "
        "PT 수업은 트레이너 한 명과 회원 한 명이 하는데 수업 날짜와 시간, 남은 횟수도 "
        "기록할 수 있을까요?"
    )
    assert relation(req, "PtLesson", "Trainer").kind == "many_to_one"
    assert relation(req, "PtLesson", "Member").kind == "many_to_one"
    assert "remaining_count" in fields(req, "PtLesson")


def test_glued_endings_the_analyser_misreads_are_split() -> None:
    from tdeveloper.pipeline.nlp.korean import _unglued

    assert _unglued("건마다", "NNP") == [("건", "NNB"), ("마다", "JX")]
    assert _unglued("고르고", "NNP") == [("고르", "VV"), ("고", "EC")]
    assert _unglued("회원", "NNP") == [("회원", "NNP")]


def test_values_tacked_on_after_a_sentence_are_the_made_things() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    english = translate("책은 제목이 있다. 후기도 쓸수있게 해줘 별점이랑 내용").english
    assert english.endswith("Reviews have rating and content.")
    # A list line after a heading is not tacked on.
    assert "Reviews have" not in translate("후기를 쓴다.\n책: 제목, 저자").english


def test_many_with_a_copula_after_a_place_is_had() -> None:
    req = understand("모임은 이름이 있다. 멤버는 닉네임이 있다. 모임 하나에 멤버 여러명이고")
    assert relation(req, "Member", "Group").kind == "many_to_one"


def test_a_korean_gloss_of_a_value_is_kept() -> None:
    from tdeveloper.pipeline.nlp.knowledge import korean_table
    from tdeveloper.pipeline.nlp.korean_clauses import field_like
    from tdeveloper.pipeline.nlp.korean_words import names as glossed

    nouns = korean_table()[0]
    assert glossed("회원(이름), 화주(고객사)", nouns, field_like) == ("회원(이름), 화주", {})
    assert glossed("매물(listing)은", nouns, field_like) == ("매물은", {"매물": "listing"})
    assert glossed("무게(kg)", nouns, field_like) == ("무게(kg)", {})


def test_slash_alternatives_are_kinds_and_one_agent_reads_as_each() -> None:
    req = understand(
        "강사는 이름이 있다. 수업은 그룹수업/개인수업 있고 요일, 시간, 정원 정해져있어요. "
        "강사 한명이 수업 여러개 맡아요."
    )
    lesson = fields(req, "Lesson")
    assert {"type", "weekday", "capacity"} <= set(lesson)
    assert lesson["type"].values == ("group_class", "private_lesson")
    assert relation(req, "Lesson", "Instructor").kind == "many_to_one"


def test_an_event_between_two_parties_refers_to_both() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    english = translate("회원이 수업 예약하면 예약 날짜랑 출석 여부 체크할 수 있게요.").english
    assert english.startswith("Each reservation has a member and a lesson.")
    req = understand(
        "회원은 이름이 있다. 수업은 시간이 있다. " + "회원이 수업 예약하면 예약 날짜를 기록한다."
    )
    assert relation(req, "Reservation", "Member").kind == "many_to_one"
    assert relation(req, "Reservation", "Lesson").kind == "many_to_one"


def test_per_one_with_dang_gives_one_of_each() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    assert translate("예약 하나당 사이트는 하나다.").english == "Reservations have one site."
    req = understand("사이트는 번호가 있다. 예약은 인원 수가 있다. 예약 하나당 사이트는 하나다.")
    assert relation(req, "Reservation", "Site").kind == "many_to_one"
    # "시간당 요금" stays the glossary's "hourly rate".
    assert "hourly_rate" in fields(understand("공간은 시간당 요금이 있다."), "Space")


def test_a_light_verb_after_a_glossary_noun_stays_a_verb() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    english = translate("고객이 구독 신청하고 매주 배송 기록을 남깁니다.").english
    assert "register for subscriptions" in english.lower()


def test_word_lists_by_domain_add_to_the_glossary_without_overriding_it() -> None:
    from tdeveloper.pipeline.nlp.knowledge import korean_table

    nouns = korean_table()[0]
    assert nouns["조합원"] == "member" or nouns["조합원"].endswith("member")  # from a word list
    assert nouns["회원"] == "member"  # the main glossary's choice
    assert "공연명" not in nouns  # "X명" is left to the reader: the performance's name
    req = understand("합주실 예약: 밴드(밴드명, 대표자 이름), 예약(날짜, 시작 시간). 밴드가 예약.")
    assert "Band" in names(req)


def test_values_kept_per_owner_belong_to_the_topic() -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    english = translate(
        "회원은 이름, 전화번호. 회비는 회원별로 몇월분인지, 금액, 납부일 기록"
    ).english
    assert "Each member has many membership fees." in english
    assert "Membership fees have month, amount and paid on." in english
    req = understand("회원은 이름, 전화번호. 회비는 회원별로 몇월분인지, 금액, 납부일 기록")
    assert relation(req, "MembershipFee", "Member").kind == "many_to_one"


@pytest.mark.parametrize(
    ("text", "english"),
    [
        # "있" after values is "there are", not an auxiliary
        (
            "방마다 이름, 시간당 요금, 드럼세트 유무 있고",
            "Rooms have name, hourly rate and drum set flag.",
        ),
        # "...하는 구조야": the act inside the frame is the sentence
        ("밴드는 밴드명이 있다. 밴드가 방을 예약하는 구조야.", "Bands reserve rooms."),
        # "몇시간 쓰는지": the hours
        (
            "예약은 날짜, 시작시간, 몇시간 쓰는지, 결제상태.",
            "Reservations have date, start time, time",
        ),
    ],
)
def test_chat_frames_and_questions_inside_lists(text: str, english: str) -> None:
    from tdeveloper.pipeline.nlp.korean import translate

    assert english in translate(text).english
