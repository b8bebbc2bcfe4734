"""Korean text tidied before it is analysed, line by line: the layout people give a brief.

Business briefs carry context sections ("[배경]", "■ 목표", "비기능 요구사항: ...") that say
why the app is wanted, not what it holds: they are left out up to the next blank line or
heading, and a data heading ("[요구사항]", "주요 기능") is dropped itself. Tables written with
"|" become "학생: 이름, 학년" lines (their header and rule rows dropped), outline numbers
("1)", "2.1", "①") and bullets ("·", "■", "•") become "- ", an arrow ("신청함 → 승인") ends a
sentence, and chat noise ("ㅋㅋ", "ㄱㄱ", emoji, "!!") goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["names", "tidy"]

# Section names (decorations and numbering stripped) that only give context.
_CONTEXT = re.compile(
    r"^(추진\s*)?(배경|목표|목적|개요|현황|문제점|기대\s*효과|비기능(\s*요구\s*사항)?|참고(\s*사항)?"
    r"|제약(\s*사항)?)(\s*(및|와|과|/|,)\s*(배경|목표|목적|현황))?$"
)
# Section names that introduce the data: the heading itself says nothing.
_DATA = re.compile(
    r"^(주요\s*)?(기능(\s*요구\s*사항)?|요구\s*사항|상세\s*요구\s*사항|데이터(\s*구조)?|엔티티|테이블"
    r"|필요한\s*(기능|데이터|정보)|요청\s*사항|기능\s*목록|화면)$"
)
_DECOR = re.compile(r"^[\s\[\]()【】<>〈〉■□◆◇▶▷►●○◎#*=\-]+|[\s\[\]()【】<>〈〉:=#*\-]+$")
_NUMBER = re.compile(
    r"^\s*(?:\d+(?:\.\d+)+\.?|\d+[.)]|[①-⑳]|[가나다라마바사아자차카타파하][.)]|\(\d+\))\s*"
)
_BULLET = re.compile(r"^\s*[·•▪◦∙■□◆◇▶▷►●○※]\s*")
_HEADER_CELLS = frozenset(
    {"항목", "내용", "구분", "필드", "필드명", "속성", "설명", "엔티티", "테이블", "테이블명",
     "데이터", "항목명", "비고", "정보", "컬럼", "칼럼", "저장", "저장할", "관리", "관리할",
     "저장할 정보", "관리할 정보", "대상", "주요 정보", "데이터 항목", "이름", "예시"}
)  # fmt: skip
# "고객 / 이름, 휴대폰": a two-column table row the layout reader has already flattened.
_SLASH_ROW = re.compile(r"^-?\s*([^/(),:|]{1,20}?)\s+/\s+([^/]+?,.+)$")
# A syllable ending in ㄹ ("올릴", "쓸") glued to "때" or to "수 있/없".
_RIEUL = "".join(chr(0xAC00 + 28 * i + 8) for i in range(399))
_RIEUL_SPACING = re.compile(f"([{_RIEUL}])(때|수(?=\\s*[있없]))")
_RULE_ROW = re.compile(r"^[\s|:\-=+]+$")
_NOISE = re.compile(
    r"[\u3131-\u318e\u1100-\u11ff]+|[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]|(?<!\d)~+(?!\s*\d)"
)


def tidy(text: str) -> str:
    lines: list[str] = []
    context = False
    table_started = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            context, table_started = False, False
            lines.append("")
            continue
        head, colon, rest = line.partition(":")
        name = _DECOR.sub("", _NUMBER.sub("", head)).strip()
        if _CONTEXT.match(name):
            context = not (colon and rest.strip())  # "목표: ..." is a section of one line
            continue
        if _DATA.match(name):
            context = False
            if colon and rest.strip():
                lines.append(rest.strip())
            continue
        if context or (name in _HEADER_CELLS and rest.strip() in _HEADER_CELLS):
            continue  # "- 항목: 내용": a table's header row, already flattened
        if "|" in line:
            row, table_started = _row(line, table_started), True
            if row:
                lines.append(row)
            continue
        lines.append(_line(line))
    return "\n".join(lines)


def _row(line: str, started: bool) -> str:
    """ "| 학생 | 이름, 학년 |" -> "학생: 이름, 학년"; header and rule rows say nothing."""
    if _RULE_ROW.match(line):
        return ""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    cells = [cell for cell in cells if cell]
    if not cells or (not started and all(cell in _HEADER_CELLS for cell in cells)):
        return ""
    if len(cells) == 1:
        return cells[0]
    return f"- {cells[0]}: {', '.join(cells[1:])}"


def _line(line: str) -> str:
    line = _SLASH_ROW.sub(r"- \1: \2", _NOISE.sub(" ", line))
    line = re.sub(r"[!?]{2,}|\s→\s?|\s->\s?|⇒", ". ", line)
    line = re.sub(r"(?<=[가-힣])\s*·\s*(?=[가-힣])", ", ", line)  # "이름·이메일"
    if _NUMBER.match(line) or _BULLET.match(line):
        line = "- " + _BULLET.sub("", _NUMBER.sub("", line))
    line = _RIEUL_SPACING.sub(r"\1 \2", line)  # "올릴때", "쓸수있게": the spaces chat leaves out
    line = re.sub(f"(?<=[{_RIEUL}] 수)(?=[있없])", " ", line)
    line = re.sub(r"(?<=[A-Za-z])\.(?=\s|$)", " .", line)  # "isbn.": the stop is not the word's
    return re.sub(r"\s{2,}", " ", line).strip()


# "Account(고객사)", "매물(listing)", "영업 기회(Opportunity)": a term and its translation.
_EN_KO = re.compile(r"\b([A-Za-z][A-Za-z ]{2,30}?)\s*\(\s*([가-힣]+(?: [가-힣]+)?)\s*\)")
_KO_EN = re.compile(r"((?:[가-힣]+ )?[가-힣]+)\s*\(\s*([A-Za-z][A-Za-z ]{2,30}?)\s*\)")


def names(
    text: str, nouns: dict[str, str], value: Callable[[str], bool]
) -> tuple[str, dict[str, str]]:
    """The text with "Account(고객사)" written "고객사", and 고객사 -> "account": a writer's own
    English name for a thing wins over the glossary's, and its Korean word stays the label.
    Values ("무게(kg)", "사진(URL)") keep their glossary names."""
    found: dict[str, str] = {}

    def pair(korean: str, english: str, whole: str) -> str:
        words = korean.split(" ")
        key = "".join(words) if "".join(words) in nouns else words[-1]
        kept = korean[: len(korean) - len(words[-1])] if key == words[-1] else ""
        if key not in nouns or value(nouns[key]):
            return whole
        found[key] = english.strip().lower()
        return kept + key

    text = _EN_KO.sub(lambda m: pair(m[2], m[1], m[0]), text)
    text = _KO_EN.sub(lambda m: pair(m[1], m[2], m[0]), text)
    glossed = _KO_KO.sub(
        lambda m: m[1] if _thing(m[1], nouns, value) and _thing(m[2], nouns, value) else m[0],
        text,
    )  # "회원(이름)" lists a value: kept
    return glossed, found


# "환자(반려동물) 정보", "화주(고객사)": a thing glossed with another Korean word for it.
_KO_KO = re.compile(r"([가-힣]+)\s*\(\s*([가-힣]+)\s*\)")


def _thing(word: str, nouns: dict[str, str], value: Callable[[str], bool]) -> bool:
    return bool(nouns.get(word)) and not value(nouns[word])
