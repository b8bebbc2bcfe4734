"""Markdown and list layouts rewritten into the plain "Head: a, b, c" lines the reader knows.

People paste briefs from wikis and chat: `### Project` headings over bullet fields,
`**Author** - name, email`, nested bullets, `Product -> Category` arrows and `a | b | c`
value lists. Each becomes the equivalent plain line, so the reader needs one grammar only.
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.lexicon import singular
from tdeveloper.spec.names import plural

__all__ = ["flatten"]

_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*#*\s*:?\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<mark>[-*+]|\d{1,3}[.)])\s+(?P<text>.*)$")
# "Samples - barcode, collected on": a short head, a dash, then its list.
_DASH_HEAD = re.compile(r"^(?P<head>[A-Za-z][A-Za-z ]{0,30}?)\s+[-:]{1,2}\s+(?P<rest>\S.*)$")
_ARROW = re.compile(
    r"^(?P<child>[A-Za-z][A-Za-z ]{0,30}?)\s*(?:->|=>|→)\s*(?P<parent>[A-Za-z][A-Za-z ]{0,30}?)"
    r"\s*(?:\((?P<note>[^)]*)\))?\s*\.?$"
)
_PIPES = re.compile(r"\s+\|\s+")
_BOTH_WAYS = re.compile(
    r"^(?P<a>[A-Za-z][A-Za-z ]{0,30}?)\s*(?:<->|<=>|↔|\*-\*|>-<)\s*(?P<b>[A-Za-z][A-Za-z ]{0,30}?)"
    r"\s*(?:\([^)]*\))?\s*\.?$"
)
# "a many-to-many relationship between students and courses", "tags and posts are m2m"
_M2M_PHRASES = (
    re.compile(
        r"\b(?:there\s+is\s+)?(?:an?\s+)?many[- ]to[- ]many(?:\s+relation(?:ship)?)?\s+"
        r"between\s+(?P<a>[a-z][a-z ]{0,30}?)\s+and\s+(?P<b>[a-z][a-z ]{0,30}?)(?=[.;,]|$)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<a>[a-z][a-z ]{0,30}?)\s+and\s+(?P<b>[a-z][a-z ]{0,30}?)\s+(?:are|is)\s+"
        r"(?:in\s+a\s+)?(?:many[- ]to[- ]many|m2m|n:m)(?:\s+relation(?:ship)?)?(?=[.;,]|$)",
        re.IGNORECASE,
    ),
)


_TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.+)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_TABLE_HEAD = re.compile(
    r"\b(?:entit(?:y|ies)|tables?|models?|fields?|attributes?|columns?)\b", re.I
)


def flatten(text: str) -> str:
    lines = [_line(_table_row(line)) for line in text.split("\n")]
    return "\n".join(_nest(lines))


def _table_row(line: str) -> str:
    """ "| Customer | name, email |" -> "- Customer: name, email"; header and rule rows go."""
    row = _TABLE_ROW.match(line)
    if row is None:
        return line
    cells = [c.strip() for c in row["cells"].split("|")]
    if _TABLE_RULE.match(line) or all(_TABLE_HEAD.search(c) or not c for c in cells):
        return ""
    head, rest = cells[0], ", ".join(c for c in cells[1:] if c)
    return f"- {head}: {rest}" if rest else f"- {head}"


# Where a sentence starts in a note typed without full stops: "... my plants each plant has
# a name ... date i also want to log ..."
_STOPS = re.compile(r"[.!?;:]")
_RUN_ON = 12  # words: a shorter line is a heading or a phrase, not a run-on note
_RUN_ON_BREAK = re.compile(
    r"(?<!\band)(?<!\bor)(?<!,)\s+(?=(?:each|every)\s+[a-z]+\s+(?:has|have|is|are|belongs|gets|needs)\b"
    r"|(?:i|we)\s+(?:also\s+)?(?:want|need|would|wanna|have)\b)"
)

# Chat-style shorthand: "name + email", "phone n address", "w/ start date", "band = name".
_CASUAL = (
    (re.compile(r"(?<=[\w)])\s+\+\s+"), ", "),
    (re.compile(r"(?:^|(?<=[.!?]\s))\+\s+"), ""),  # "... + inspections twice a yr:"
    (re.compile(r"(?<=[a-z]) n (?=[a-z])"), " and "),
    (re.compile(r"\bw/o\b", re.IGNORECASE), "without"),
    (re.compile(r"#\s*of\b", re.IGNORECASE), "number of"),  # "# of attempts"
    (re.compile(r"(?<=[a-z]s) r (?=[a-z])"), " are "),  # "instructors r just name + bio"
    (re.compile(r"\blike\s+[^.;:()]{1,60}?,?\s*\betc\b\.?", re.IGNORECASE), ""),
    (re.compile(r",?\s*\betc\b\.?(?=\s|$|[,;)])", re.IGNORECASE), ""),
    (re.compile(r"\bw/(?=\s|[a-z])", re.IGNORECASE), "with "),
    (
        re.compile(r"(?:^|(?<=[.;!?,]\s))(?P<head>[A-Za-z][A-Za-z ]{0,30}?)\s*=\s*(?=[a-z])"),
        r"\g<head>: ",
    ),
)


# Phrasal verbs said in words the reader knows.
_PHRASAL = (
    (re.compile(r"\b(we|i|they|you) deal with\b", re.IGNORECASE), r"\1 work with"),
    (re.compile(r"\btakes place (?:in|at|on)\b", re.IGNORECASE), "belongs to"),
    (re.compile(r"\btake place (?:in|at|on)\b", re.IGNORECASE), "belong to"),
    # "starting at one station and ending at another station": two roles of one entity
    (
        re.compile(
            r",?\s*\b(?:starting|departing|leaving|beginning) (?:at|from) (?:a|an|one|the) "
            r"(?P<a>[a-z]+) and (?:ending|arriving|finishing|returning) (?:at|in|to) "
            r"(?:a|an|one|another|the|a different) (?P<b>[a-z]+)",
            re.IGNORECASE,
        ),
        r" with a start \g<a> and an end \g<b>",
    ),
)


def _line(line: str) -> str:
    line = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), line)
    for pattern, replacement in (*_CASUAL, *_PHRASAL):
        line = pattern.sub(replacement, line)
    line = _PIPES.sub(" / ", line)
    if heading := _HEADING.match(line):
        return f"{heading['text']}:"
    bullet = _BULLET.match(line)
    prefix, body = (line[: bullet.start("text")], bullet["text"]) if bullet else ("", line)
    if both := _BOTH_WAYS.match(body.strip()):
        return f"{prefix}{_mutual(both['a'], both['b'])}"
    for pattern in _M2M_PHRASES:
        body = pattern.sub(lambda m: _mutual(m["a"], m["b"]).rstrip("."), body)
    if not _STOPS.search(body) and len(body.split()) > _RUN_ON:
        body = _RUN_ON_BREAK.sub(". ", body)  # a note typed without full stops
    line = prefix + body
    if arrow := _ARROW.match(body.strip()):
        return f"{prefix}Each {arrow['child'].strip()} belongs to a {arrow['parent'].strip()}."
    return prefix + " ".join(_dash_head(s) for s in _SENTENCE.split(body))


_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_QUALIFIED = 5  # words a dash head may have when a list follows it


def _dash_head(sentence: str) -> str:
    """ "sessions - student, date, topic" reads as "sessions: student, date, topic"."""
    dash = _DASH_HEAD.match(sentence)
    size = len(dash["head"].split()) if dash else 0
    listed = "," in dash["rest"] if dash else False
    # "water tests per tank - date, ph": a qualified head when a list follows
    if dash and (size <= 3 or (size <= _QUALIFIED and listed)) and (listed or " " in dash["rest"]):
        return f"{dash['head']}: {dash['rest']}"
    return sentence


def _mutual(a: str, b: str) -> str:
    """A many-to-many in the plain words the reader knows: "each post has tags (m2m)"."""
    one_a, one_b = (_one(x) for x in (a, b))
    return f"Each {one_a} has {plural(one_b)} (many-to-many)."


def _one(phrase: str) -> str:
    parts = phrase.strip().split()
    return " ".join([*parts[:-1], singular(parts[-1].lower())]) if parts else phrase


def _nest(lines: list[str]) -> list[str]:
    """A bullet whose only content is deeper bullets becomes "- Parent: child, child"."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        parent = _BULLET.match(lines[index])
        children, end = _children(lines, index, parent)
        if parent is None or not children or ":" in parent["text"]:
            out.append(lines[index])
            index += 1
            continue
        head = parent["text"].rstrip(" .")
        out.append(f"{parent['indent']}{parent['mark']} {head}: {', '.join(children)}")
        index = end
    return out


def _children(lines: list[str], index: int, parent: re.Match[str] | None) -> tuple[list[str], int]:
    if parent is None:
        return [], index + 1
    depth, items, end = len(parent["indent"]), [], index + 1
    while end < len(lines):
        child = _BULLET.match(lines[end])
        if child is None or len(child["indent"]) <= depth:
            break
        text = child["text"].rstrip(" .;")
        head, colon, values = text.partition(": ")
        items.append(f"{head} ({values})" if colon and "," in values else text)
        end += 1
    return items, end
