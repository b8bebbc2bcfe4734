"""Cleaning and splitting: description -> lines -> sentences -> clauses -> list items.

Every splitter here respects parentheses, because descriptions nest lists inside them
("pets (name, species (dog, cat))") and a comma inside a group never ends the outer item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from tdeveloper.pipeline.nlp.lexicon import wordset

__all__ = [
    "Item",
    "Segment",
    "clauses",
    "drop_examples",
    "normalize",
    "parse_item",
    "segments",
    "sentences",
    "split_list",
    "split_top",
    "strip_parens",
]

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": " - ",
        "\u2022": "-",
        "\u00b7": "-",
        "\t": " ",
        "[": "(",
        "]": ")",
        "{": "(",
        "}": ")",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \u00a0]+")
_BULLET = re.compile(r"^\s*(?:[-*+>#]+|\d{1,3}[.)]|[a-z][.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?])$")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "approx.", "incl.", "no.", "mr.", "mrs.", "dr.")
_CLAUSE_BREAK = re.compile(
    r";|\s+(?:where|whereas|while|so that)\s+|\s+-\s+"
    r"|,?\s+and\s+(?=(?:for|per)\s+(?:each|every)\s)"  # "..., and for each checkout we want"
    r"|,\s+(?:and\s+)?so\s+(?=(?:each|every|an?|the)\s)"  # "..., so each object on a loan is"
)
_LIST_SEP = re.compile(
    r"\s*[,;]\s*(?:(?:and|or|plus)\b)?\s*|\s*/\s*"
    r"|\s+(?:and|or|plus|&|as well as|along with)\s+",
)
_ENUM_PHRASE = re.compile(
    r"(?:\b(?:which|that)\s+(?:is|are|can be)\s+|\bcan be\s+|\bbeing\s+)?"
    r"\b(?:one of|either)\s+(?P<values>[^,()]+?(?:\s*,\s*[^,()]+?)*\s*,?\s+or\s+[\w-]+)"
)
# "a type of laptop, monitor, phone or other"
_OF_ENUM = re.compile(
    r"\b(?P<head>type|kind|category|status|level|size|grade)\s+of\s+"
    r"(?P<values>[\w-]+(?:\s*,\s*[\w-]+)*\s*,?\s+or\s+[\w-]+)"
    # "an attendance of present, absent or cancelled by teacher": three values or more
    r"|\b(?P<head2>[a-z]+)\s+of\s+(?P<values2>[\w-]+(?:\s*,\s*[\w-]+)+\s*,?\s+or\s+"
    r"[\w-]+(?:\s+by\s+[\w-]+)?)(?=\s*(?:[,.;)]|$))",
    re.IGNORECASE,
)
# "position gk/def/mid/fwd": a word and three or more slashed values
_SLASHED = re.compile(r"\b(?P<head>[a-z]{3,})\s+(?P<values>[\w-]+(?:\s*/\s*[\w-]+){2,})", re.I)
_OR_NOT = re.compile(r"\b(?P<name>[a-z]+)\s+or\s+not\b(?=\s*(?:[,.;)]|$))", re.IGNORECASE)
_YES_NO = re.compile(r"\b(?P<name>[a-z]+)\s+(?:y/n|yes/no|y or n)\b", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+(-?\d+(?:\.\d+)?)\s+and\s+(-?\d+(?:\.\d+)?)", re.I)
_COLON_ENUM = re.compile(
    r":\s*(?P<values>[\w-]+(?:\s*,\s*[\w-]+)+\s*,?\s+or\s+[\w-]+|[\w-]+(?:\s*/\s*[\w-]+)+)"
)


@dataclass(frozen=True)
class Segment:
    """One line of the description; `bullet` when it was a list item."""

    text: str
    bullet: bool
    indent: int


@dataclass(frozen=True)
class Item:
    """One list item: the words outside any group, the groups, and a value after a colon."""

    phrase: str
    groups: tuple[str, ...]
    after_colon: str = ""


_EXAMPLES = re.compile(
    r",?\s*\b(?:such as|e\.g\.,?|for example|for instance)\s+[^.;:()\n]+?"
    r"(?=[.;)\n]|$|,\s+(?:a|an|the|and)\s"
    r"|\s(?:have|has|are|is|can|must|should|will|may|need|needs|belong|belongs)\b)",
    re.IGNORECASE,
)


# "Allergens, like peanuts or gluten, are ..." / "Hirers, whether groups or people, have"
_PEOPLE = wordset("user member customer people player fan reader student guest visitor client")
_ASIDE = re.compile(
    r",\s*(?:like|whether|either|(?:which|who)\s+(?:can|could|may|might)\s+be)\s+"
    r"(?:[^.;:()\n]{1,80}?\s+or\s+[^,.;:()\n]{1,30}|[^,.;:()\n]{1,60}),(?=\s)",
    re.IGNORECASE,
)


# "amenities like wifi, parking or a pool": a list of examples after a thing (not a person:
# "members like posts, photos and videos" is a verb)
_LIKE = re.compile(
    r"\b(?P<thing>[a-z]+s)\s+like\s+[^.;:()\n,]+(?:,\s*[^.;:()\n,]+)+?"
    r"(?:\s+(?:or|and)\s+[^.;:()\n,]+?|,?\s+etc\.?)(?=[.;)\n,]|\s+with\b|$)",
    re.IGNORECASE,
)


def _like(match: re.Match[str]) -> str:
    thing = match["thing"]
    return match[0] if thing.lower().rstrip("s") in _PEOPLE else thing


# "has a reporter and an assignee, and both are users": the roles' kind, in the list
_BOTH_ARE = re.compile(r",?\s+and\s+(both|all)\s+(?:of\s+them\s+)?are\s+", re.IGNORECASE)
# "we've", "they're": the pronoun is enough ("'s" stays: it is a possessive too)
_WOULD_LIKE = re.compile(r"'d\s+(?:also\s+)?like\b", re.IGNORECASE)  # "we'd like": we want
_CONTRACTION = re.compile(r"(?<=[a-z])'(?:ve|re|ll|d|m)\b", re.IGNORECASE)
# Chat fillers that are no words of the model: "kids can be on many rides ofc"
_FILLERS = re.compile(r"\s+\b(?:ofc|obv|obvs|lol|lmao|tho|btw|imo|idk|fyi)\b", re.IGNORECASE)


def drop_examples(text: str) -> str:
    """The text without what names no table: examples ("one category such as pizzas, drinks
    or desserts" are rows), chat fillers and contractions; "we'd like" reads as "we want"."""
    text = _WOULD_LIKE.sub(" want", _FILLERS.sub("", _BOTH_ARE.sub(r", \1 ", text)))
    text = _CONTRACTION.sub("", text)
    return _LIKE.sub(_like, _EXAMPLES.sub("", _ASIDE.sub("", text)))


def normalize(text: str) -> str:
    """NFKC, ASCII punctuation, no control characters, single spaces (newlines kept)."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).rstrip() for line in text.split("\n"))
    return "\n".join(lines).strip()


def segments(text: str) -> list[Segment]:
    """Non-empty lines, bullets marked, continuation lines of a bullet folded into it."""
    out: list[Segment] = []
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip())
        match = _BULLET.match(raw)
        body = raw[match.end() :] if match else raw.strip()
        if not match and out and out[-1].bullet and indent > out[-1].indent:
            out[-1] = Segment(f"{out[-1].text} {body}", True, out[-1].indent)
            continue
        out.append(Segment(body.strip(), bool(match), indent))
    return out


def _depths(text: str) -> list[int]:
    """Paren depth before each character (unbalanced closers are ignored)."""
    depth, out = 0, []
    for char in text:
        if char == ")" and depth:
            depth -= 1
            out.append(depth + 1)
            continue
        out.append(depth)
        if char == "(":
            depth += 1
    return out


def split_top(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split at matches of `pattern` that are outside every parenthesis."""
    depths = _depths(text)
    parts, start = [], 0
    for match in pattern.finditer(text):
        if match.start() < len(depths) and depths[match.start()] == 0 and match.end() > start:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def sentences(text: str) -> list[str]:
    """Sentences of a prose line; abbreviations such as "e.g." do not end one."""
    out: list[str] = []
    for part in split_top(text, _SENTENCE_END):
        if out and out[-1].lower().endswith(_ABBREVIATIONS):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [s.rstrip(".!? ") for s in out if s.rstrip(".!? ")]


def clauses(sentence: str) -> list[str]:
    """Clauses split at semicolons, dashes and "where"-style joints."""
    return split_top(sentence, _CLAUSE_BREAK)


def _protect_enums(text: str) -> str:
    """Turn "one of a, b or c" and "x: a/b/c" into "(a/b/c)" so list splitting keeps them."""

    def group(match: re.Match[str]) -> str:
        values = re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+|\s*/\s*", match.group("values"))
        return " (" + "/".join(v.strip() for v in values if v.strip()) + ")"

    text = _ENUM_PHRASE.sub(group, text)
    text = _OF_ENUM.sub(lambda m: (m["head"] or m["head2"]) + _of_group(m), text)
    text = _SLASHED.sub(lambda m: m["head"] + group(m), text)
    text = _OR_NOT.sub(r"\g<name> (yes/no)", text)  # "paid or not" is one flag
    text = _YES_NO.sub(r"\g<name> (yes/no)", text)  # "veggie y/n"
    text = _BETWEEN.sub(r"(\1-\2)", text)  # "between 0 and 100" is one range
    return _COLON_ENUM.sub(group, text)


def _of_group(match: re.Match[str]) -> str:
    values = match["values"] or match["values2"]
    parts = re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+", values)
    return " (" + "/".join(p.strip() for p in parts if p.strip()) + ")"


def split_list(text: str) -> list[str]:
    """Items of "a, b, c and d", keeping groups whole and expanding "start and end time"."""
    items = split_top(_protect_enums(text), _LIST_SEP)
    return _distribute(items)


_SHARED_HEAD = wordset(
    "start end first last min max minimum maximum home away opening closing pickup "
    "pick-up dropoff drop-off billing shipping departure arrival begin finish upper lower "
    "check-in check-out from to primary secondary morning evening"
)


_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)


def _distribute(items: list[str]) -> list[str]:
    """["start", "end time"] -> ["start time", "end time"]; ["due date", "time"] too."""
    out = list(items)
    for i in range(len(out) - 1):
        first, nxt = _ARTICLE.sub("", out[i]).split(), _ARTICLE.sub("", out[i + 1]).split()
        if (
            len(first) == 1
            and len(nxt) >= 2
            and first[0].lower() in _SHARED_HEAD
            and nxt[0].lower() in _SHARED_HEAD
        ):
            tail = [w[:-1] if w.lower() in {"dates", "times"} else w for w in nxt[1:]]
            out[i] = f"{first[0]} {' '.join(tail)}"
            out[i + 1] = " ".join([*nxt[:1], *tail])  # "start and end dates": one each
    for i in range(1, len(out)):
        prev, cur = out[i - 1].split(), out[i].split()
        single = len(cur) == 1 and cur[0].lower() in {"time", "date"}
        if single and len(prev) >= 2 and prev[-1].lower() in {"date", "time"}:
            out[i] = f"{' '.join(prev[:-1])} {cur[0]}"
    return out


def strip_parens(text: str) -> tuple[str, tuple[str, ...]]:
    """("species (dog, cat)") -> ("species", ("dog, cat",)); nested groups stay inside."""
    depths = _depths(text)
    outside: list[str] = []
    groups: list[str] = []
    current: list[str] = []
    for char, depth in zip(text, depths, strict=True):
        if depth == 0 and char not in "()":
            outside.append(char)
        elif depth == 1 and char == ")":
            groups.append("".join(current).strip())
            current = []
        elif depth >= 1:
            current.append(char)
        elif char == ")" and depth == 0:
            outside.append(" ")
    if current:
        groups.append("".join(current).strip())
    phrase = re.sub(r"\s+", " ", "".join(outside)).strip()
    return phrase, tuple(g for g in groups if g)


def parse_item(text: str) -> Item:
    """One list item split into phrase, paren groups and what follows a colon."""
    phrase, groups = strip_parens(text)
    head, colon, rest = phrase.partition(":")
    if colon and head.strip():
        return Item(head.strip(), groups, rest.strip())
    return Item(phrase.strip(" :-\"'"), groups)
