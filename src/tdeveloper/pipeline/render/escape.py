"""Escaping filters: the only way free text (titles, labels, enum values...) reaches a file.

Each filter returns a complete literal for its target language, so a template never wraps
free text in quotes of its own. Non-printable characters (line breaks, bidi controls) are
always escaped, which also keeps every literal on one line; lone surrogates, which no UTF-8
file or response can hold, become U+FFFD.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = [
    "comment",
    "js_str",
    "json_text",
    "md_block",
    "md_inline",
    "py_str",
    "toml_str",
    "yaml_str",
]

_COMMON = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_JS_EXTRA = {"'": "\\'", "`": "\\`", "<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_SURROGATE = re.compile("[\ud800-\udfff]")
# Markdown that can start anywhere (emphasis, code, links, tables, math), and that only
# counts at the start of a line (headings, lists, setext underlines).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+(?=[.)]))")
_MD_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_SPACES = re.compile(r"\s+")


def _hex(ch: str, style: str) -> str:
    """Escape one character: `py` and YAML know \\x/\\u/\\U, TOML \\u/\\U, JS \\u/\\u{}."""
    code = ord(ch)
    if code < 0x100 and style == "py":
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\u{{{code:x}}}" if style == "js" else f"\\U{code:08x}"


def _quote(text: str, table: dict[str, str], style: str) -> str:
    """`text` in double quotes; specials from `table`, other non-printables as hex escapes."""
    if text.isprintable() and not any(ch in table for ch in text):
        return f'"{text}"'
    out = [table.get(ch) or (ch if ch.isprintable() else _hex(ch, style)) for ch in text]
    return '"' + "".join(out) + '"'


def _no_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def py_str(value: object) -> str:
    """A Python string literal. Lone surrogates become U+FFFD: the generated app could not
    encode them as UTF-8 (its OpenAPI document or a response would fail)."""
    return _quote(_no_surrogates(str(value)), _COMMON, "py")


def js_str(value: object) -> str:
    """A JavaScript/TypeScript string literal that is also safe inside an HTML <script>."""
    return _quote(_no_surrogates(str(value)), _COMMON | _JS_EXTRA, "js")


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON for any JSON-compatible value; ASCII-only so no character can break a file."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def yaml_str(value: object) -> str:
    """A YAML double-quoted scalar."""
    return _quote(_no_surrogates(str(value)), _COMMON, "py")


def toml_str(value: object) -> str:
    """A TOML basic string (TOML 1.0 has no \\x escapes)."""
    return _quote(_no_surrogates(str(value)), _COMMON, "toml")


def _one_line(text: str) -> str:
    printable = "".join(ch if ch.isprintable() else " " for ch in _no_surrogates(text))
    return _SPACES.sub(" ", printable).strip()


def comment(value: object, limit: int = 120) -> str:
    """Text for a `#` or `//` comment: one line, no control characters, bounded length."""
    text = _one_line(str(value))
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def md_inline(value: object) -> str:
    """Markdown text that renders literally: no links, HTML, emphasis or headings."""
    text = _MD_SPECIAL.sub(r"\\\1", _one_line(str(value)))
    text = _MD_LINE_START.sub(_escape_line_start, text)
    return "".join(_MD_HTML.get(ch, ch) for ch in text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.groups()
    return f"{indent}{marker}\\" if marker[0].isdigit() else f"{indent}\\{marker}"


def md_block(value: object) -> str:
    """Multi-line free text as a Markdown block quote, each line escaped like `md_inline`."""
    lines = [md_inline(line) for line in _no_surrogates(str(value)).splitlines()]
    return "\n".join(f"> {line}".rstrip() for line in lines).strip("\n") or ">"
