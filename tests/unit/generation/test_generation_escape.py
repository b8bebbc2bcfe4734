"""Escaping filters: each returns one literal that reads back as the original text."""

from __future__ import annotations

import ast
import json
import re
import tomllib

import pytest
import yaml

from tdeveloper.pipeline.render.escape import (
    comment,
    js_str,
    json_text,
    md_block,
    md_inline,
    py_str,
    toml_str,
    yaml_str,
)

SAMPLES = [
    "",
    "plain",
    "quote \" ' \"\"\" '''",
    "back\\slash \\n \\x00",
    "line\nbreak\r\n\u2028\u2029\x0b\x0c\x1c\x85",
    "nul\x00 bell\x07 del\x7f",
    "{{ x }} {% y %} ${z} `w`",
    "</script><!-- -->",
    "한국어 \u202e \U000e0001 \U0001f600",
]
SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(text: str) -> str:
    return SURROGATE.sub("\ufffd", text)


@pytest.mark.parametrize("text", [*SAMPLES, "lone \ud800"])
def test_py_str_is_one_python_literal_of_the_text(text: str) -> None:
    literal = py_str(text)
    assert "\n" not in literal
    assert "\r" not in literal
    assert len(literal.splitlines()) <= 1
    assert ast.literal_eval(literal) == _clean(text)
    literal.encode("utf-8")  # writable to a UTF-8 file


@pytest.mark.parametrize("text", SAMPLES)
def test_js_str_round_trips_and_cannot_close_a_script(text: str) -> None:
    literal = js_str(text)
    assert "<" not in literal
    assert "\u2028" not in literal
    decoded = json.loads(
        re.sub(r"\\u\{([0-9a-f]+)\}", _json_escape, literal.replace("\\'", "'").replace("\\`", "`"))
    )
    assert decoded == text


def _json_escape(match: re.Match[str]) -> str:
    code = int(match.group(1), 16) - 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


@pytest.mark.parametrize("text", SAMPLES)
def test_toml_and_yaml_strings_round_trip(text: str) -> None:
    assert tomllib.loads(f"key = {toml_str(text)}")["key"] == text
    assert yaml.safe_load(f"key: {yaml_str(text)}")["key"] == text


def test_json_text_is_ascii_and_script_safe() -> None:
    text = json_text({"b": "</script> é", "a": [1, None]})
    assert text.isascii()
    assert "<" not in text
    assert json.loads(text) == {"a": [1, None], "b": "</script> é"}


@pytest.mark.parametrize("text", SAMPLES)
def test_markdown_text_is_inert(text: str) -> None:
    for rendered in (md_inline(text), md_block(text)):
        assert "<" not in rendered
        assert "\u202e" not in rendered
        assert not re.search(r"(?<!\\)[`*_\[\]]", rendered)
    assert "\n" not in md_inline(text)
    assert all(line.startswith(">") for line in md_block(text).splitlines())


def test_comment_is_one_bounded_line() -> None:
    text = comment("a\nb\r\nc\u2028d\x00e " + "x" * 500)
    assert "\n" not in text
    assert "\r" not in text
    assert text.isprintable()
    assert len(text) <= 120
    assert comment("  spaced   out  ") == "spaced out"
