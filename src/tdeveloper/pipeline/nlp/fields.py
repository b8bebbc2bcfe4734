"""One list item -> one field: its snake_case name, type, enum values and hints.

Types come from the field's words (its last word first, then its first word), because
English puts the kind of a thing at the end ("due date", "video url") and quantity words
at the front ("number of copies", "hours spent").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdeveloper.pipeline.nlp.lexicon import BE, DET, PRON, field_key, singular, words, wordset
from tdeveloper.pipeline.nlp.text import Item, parse_item, split_list
from tdeveloper.pipeline.nlp.verbs import lookup

__all__ = ["FieldDraft", "enum_values", "infer_type", "parse_field"]


@dataclass
class FieldDraft:
    """A field as read from the text; `ref`/`phrase` let relations.py turn it into a link."""

    name: str
    type: str = "string"
    label: str = ""
    values: tuple[str, ...] = ()
    required: bool = False
    unique: bool = False
    minimum: float | None = None
    maximum: float | None = None
    default: str | None = None
    ref: str | None = None  # an explicit pointer: "owner (a sales rep)" -> "sales rep"
    phrase: str = ""  # the field's own words, matched against entity names
    plural: bool = False
    many: bool = False  # "(many-to-many)" or a quantifier was attached
    source: str = "stated"
    confidence: float = 0.9


_MONEY = wordset(
    "price prices amount cost costs salary total fee fees balance budget revenue wage "
    "wages payment tax discount subtotal rent fine fines income tip charge deposit "
    "commission premium pay payout spend spending bid refund earnings profit debt "
    "donation compensation"
)
_NOT_AMOUNT = wordset(
    "center centre code type category method status currency model plan id unit period "
    "frequency schedule reason description notes policy"
)
_RATE_MONEY = wordset("hourly daily nightly weekly monthly room base day night")
_INTEGER = wordset(
    "count quantity qty stock age year capacity credits rating rank ranking position seats floor "
    "duration minutes days nights pages copies rounds points votes views likes stars "
    "calories steps reps sets attempts visits beds bedrooms bathrooms servings units laps "
    "goals wins losses draws episodes chapters mileage odometer occupancy headcount "
    "inventory priority_level order sort_order sequence runtime"
)
_COUNT_LEAD = wordset("number num quantity qty count")
_FLOAT = wordset(
    "weight height width length depth latitude longitude lat lng lon score scores "
    "percentage percent ratio temperature distance speed hours km miles gpa bmi volume "
    "area progress accuracy elevation altitude kilometers kilometres kg lbs"
)
_BOOL = wordset(
    "active enabled disabled published archived verified paid completed complete done "
    "available approved featured visible public private vegan vegetarian locked confirmed "
    "cancelled canceled deleted hidden resolved pinned starred refundable billable "
    "taxable insured subscribed returned delivered shipped flagged read"
)
_BOOL_PHRASES = frozenset({"checked in", "in stock", "checked out", "signed in", "opted in"})
_BOOL_LEAD = wordset("is has can allow allows should was are")
_TEXT = wordset(
    "description body content notes note bio biography summary comment comments message "
    "details instructions steps text about remarks feedback answer excerpt abstract "
    "overview requirements resolution symptoms directions agenda transcript explanation "
    "story synopsis"
)
_URL = wordset(
    "url website link homepage photo image avatar logo thumbnail picture cover photo_url "
    "image_url video_url site_url webpage portfolio"
)
_JSON = wordset("metadata settings attributes config configuration preferences payload")
_DAILY_TIME = wordset("opening closing daily reminder wake bed preferred alarm")
_DURATION_TIME = wordset(
    "prep preparation cook cooking travel lead response wait waiting run running play screen "
    "reading total estimated average resolution"
)
_DATE = wordset("birthday birthdate dob deadline due expiry anniversary")
_IDENT_NUMBER = wordset(
    "phone mobile membership member license licence plate account serial order invoice "
    "tracking reference registration passport id policy employee student flight model "
    "part vin tax contact ticket seat room unit apartment house street building badge "
    "card routing isbn fax cell telephone case confirmation booking"
)
_UNIQUE = wordset(
    "isbn sku slug username vin barcode serial_number membership_number invoice_number "
    "order_number employee_number student_number license_number license_plate "
    "plate_number passport_number tracking_number account_number"
)
_REQUIRED = frozenset({"name", "title", "full_name"})
_REF_CLAUSE = re.compile(
    r"^(?P<name>.+?)\s+(?:who|which|that)\s+(?:is|are)\s+"
    r"(?P<ref>(?:a|an|another|the|one\s+of\s+(?:our|the|their|its))\s+.+)$"
    r"|^(?P<name2>.+?)\s+(?:referencing|pointing to|linked to|linking to)\s+(?P<ref2>.+)$"
    r"|^(?P<name3>[a-z][a-z ]{0,30}?)\s+(?:is|are)\s+(?P<ref3>(?:a|an|another)\s+[a-z].+)$",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"^(?:from\s+|between\s+)?(-?\d+(?:\.\d+)?)\s*(?:-|to|\.\.|and)\s*(-?\d+(?:\.\d+)?)(?:\s+\w+)?$"
)
_CODE = re.compile(r"[`$\\{}<>|;=]|&&")
_RELATIVE = re.compile(r"^(.*?[a-z].*?)\s+(?:who|that|which|whom)\s+\w+.*$", re.IGNORECASE)
_INLINE_RANGE = re.compile(
    r"^(.*?[a-z].*?)\s+((?:from\s+)?\d+\s*(?:-|to)\s*\d+|between\s+\d+\s+and\s+\d+)$", re.I
)
_ARTICLE_REF = re.compile(r"^(?:a|an|another|the|one)\s+([a-z][a-z -]{1,40})$", re.IGNORECASE)
# "with the date", "no courier at all": the words around a field's name are not its name.
_LEAD_WORDS = re.compile(r"^(?:(?:with|plus|also|and|no|any|some)\s+)+(?:(?:the|a|an)\s+)?")
_NONE = re.compile(r"^(?:no|zero)\s+(.+?)(?:\s+at\s+all)?$", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the|its|their|his|her|each|one)\s+", re.IGNORECASE)
_DEFAULT_NOTE = re.compile(r"^(?:by\s+)?defaults?(?:\s+(?:to|is|value))?\s*[:=]?\s*(\S.{0,40})$")
_NOTE_SPLIT = re.compile(
    r"\s*[,;]\s*(?=(?:by\s+)?defaults?\b|required\b|unique\b|optional\b)", re.IGNORECASE
)
_FLAG_WORDS = re.compile(r"\b(required|mandatory|unique|optional)\b", re.IGNORECASE)
_BOOL_GROUP = frozenset({"yes/no", "true/false", "y/n", "yes or no", "true or false"})
_NOTES = frozenset(
    {"optional", "required", "mandatory", "unique", "many-to-many", "many to many", "m2m"}
)


def enum_values(raw: list[str]) -> tuple[str, ...]:
    """Values as lowercase snake_case strings, order kept, duplicates and blanks dropped."""
    out: list[str] = []
    for value in raw:
        clean = re.sub(r"[^a-z0-9]+", "_", value.lower()).strip("_")
        if clean and clean not in out:
            out.append(clean)
    return tuple(out)


def infer_type(name: str) -> str:
    """The most likely type of a snake_case field name (no enum: values decide that)."""
    parts = name.split("_")
    last, first = parts[-1], parts[0]
    phrase = " ".join(parts)
    for rule in (_by_suffix, _by_prefix, _by_word):
        found = rule(parts, first, last, phrase)
        if found:
            return found
    return "string"


def _by_suffix(parts: list[str], first: str, last: str, phrase: str) -> str | None:
    if last in {"email", "mail"} or phrase in {"email address", "e mail"}:
        return "email"
    if last in {"at", "timestamp", "datetime"} or phrase.endswith(("date time", "date and time")):
        return "datetime"
    if last == "time" and len(parts) > 1:
        if first in _DURATION_TIME:
            return "integer"  # minutes
        return "time" if first in _DAILY_TIME else "datetime"
    if last == "time" or phrase == "time of day":
        return "time"
    if last in {"date", "on"} or last in _DATE or phrase.startswith("date of"):
        return "date"
    if last == "flag" or phrase in _BOOL_PHRASES:
        return "boolean"
    if last in {"id", "uuid", "guid"} and len(parts) == 1:
        return "uuid"
    if last in {"url", "link", "website", "homepage"}:
        return "url"
    if last == "rate":
        return "decimal" if first in _RATE_MONEY else "float"
    if last == "number":
        return "string" if len(parts) == 1 or set(parts[:-1]) & _IDENT_NUMBER else "integer"
    return None


def _by_prefix(parts: list[str], first: str, last: str, phrase: str) -> str | None:
    if len(parts) > 1 and first in _BOOL_LEAD:
        return "boolean"
    if len(parts) == 2 and first == "date":
        return "date"  # "date booked", "date run"
    if first in _COUNT_LEAD and (len(parts) > 1 or first != "number"):
        return "integer"
    if first in {"total", "max", "min", "minimum", "maximum"} and last in _INTEGER:
        return "integer"
    if last in {"spent", "worked", "logged"} and first in {"hours", "time"}:
        return "float"
    return None


def _by_word(parts: list[str], first: str, last: str, phrase: str) -> str | None:
    for word, table, kind in (
        (last, _MONEY, "decimal"),
        (last, _INTEGER, "integer"),
        (last, _FLOAT, "float"),
        (first, _FLOAT, "float"),
        (last, _TEXT, "text"),
        (last, _URL, "url"),
        (last, _JSON, "json"),
    ):
        if word in table:
            return kind
    if len(parts) == 1 and last in _BOOL:
        return "boolean"
    if first in _MONEY and len(parts) > 1 and last not in _NOT_AMOUNT:
        return "decimal"
    return None


def _read_groups(field: FieldDraft, groups: tuple[str, ...]) -> list[str]:
    """Apply notes such as "(required)" or "(1-5)"; return enum values found."""
    values: list[str] = []
    for group in (part for g in groups for part in _NOTE_SPLIT.split(g)):
        low = group.lower().strip()
        for note in _NOTES:
            if note in low:
                field.required |= note in {"required", "mandatory"}
                field.unique |= note == "unique"
                field.many |= note in {"many-to-many", "many to many", "m2m"}
        if low in _NOTES or low.startswith(("e.g", "eg ", "such as", "like ", "in ")):
            continue
        if match := _DEFAULT_NOTE.match(low):
            field.default = match.group(1).strip().strip("\"'")
            continue
        if low in _BOOL_GROUP:
            field.type = "boolean"
            continue
        if match := _RANGE.match(low):
            field.minimum, field.maximum = float(match.group(1)), float(match.group(2))
            if field.type == "string":
                field.type = "integer" if "." not in low else "float"
            continue
        if match := _ARTICLE_REF.match(low):
            field.ref = match.group(1)
            continue
        items = [i for i in _group_values(group) if i.lower() not in _NOTES]
        if len(items) >= 2:
            values.extend(items)
    return values


_COMMA_VALUES = re.compile(r"\s*,\s*(?:or\s+|and\s+)?|\s+or\s+")
_SLASH_VALUES = re.compile(r"\s*/\s*|\s+or\s+|\s*,\s*")


def _group_values(group: str) -> list[str]:
    """Values inside a group: commas win over slashes so "1/2-1/2" stays one value."""
    splitter = _COMMA_VALUES if "," in group else _SLASH_VALUES
    return [v.strip() for v in splitter.split(group) if v.strip() and not _CODE.search(v)]


_HAVE = wordset("have has had been")


def _name_words(phrase: str) -> str:
    """Drop "whether", articles and "flag" so "whether it is paid" names `paid`."""
    low = _LEAD_WORDS.sub("", phrase.lower().strip())
    if low.startswith("whether "):
        kept = [w for w in words(low)[1:] if w not in DET | PRON | BE | _HAVE]
        return " ".join(kept) if kept else "flag"
    return low


# "weight in kg" -> weight_kg: the unit belongs in the name, "in" does not.
_UNITS = {
    "kg": "kg", "kgs": "kg", "kilograms": "kg", "kilos": "kg", "grams": "g", "g": "g",
    "lbs": "lbs", "pounds": "lbs", "cm": "cm", "centimetres": "cm", "centimeters": "cm",
    "mm": "mm", "millimetres": "mm", "millimeters": "mm", "km": "km", "kilometres": "km",
    "kilometers": "km", "miles": "miles", "metres": "m", "meters": "m", "m": "m",
    "minutes": "minutes", "mins": "minutes", "min": "minutes", "hours": "hours",
    "hrs": "hours", "days": "days", "seconds": "seconds", "secs": "seconds", "ml": "ml",
    "litres": "litres", "liters": "litres", "l": "litres", "months": "months",
    "weeks": "weeks", "years": "years",
}  # fmt: skip
_IN_UNIT = re.compile(r"^(?P<name>.+?)\s+in\s+(?P<unit>[a-z]+)$", re.IGNORECASE)
_SYNONYMS = {"email_address": "email", "e_mail": "email", "e_mail_address": "email"}
# "a hex colour for the calendar", "a notes field": purpose and "field" are not the name.
_NAME_TAIL = re.compile(
    r"\s+(?:(?:field|column|as well|too)|for\s+(?:the|our|their|its|each)\s+.+"
    r"|(?:if|unless|when)\s+.+"
    r"|as\s+(?:the|a|an)\s+.+|(?:on|about)\s+(?:how|what|why|whether|the)\s+.+"
    r"|of\s+(?:the|its|their)\s+[a-z]+)$",
    re.IGNORECASE,
)
# Shorthand people type in lists.
_ABBREVIATIONS = {
    "desc": "description", "qty": "quantity", "addr": "address", "amt": "amount",
    "txt": "text", "num": "number", "tel": "phone", "mins": "minutes",
    "hrs": "hours", "info": "notes",
}  # fmt: skip


# "the instruments they teach": a contact relative clause; the noun names the field.
_CONTACT = re.compile(
    r"^(.*?[a-z].*?)\s+(?:they|we|he|she|it|you|i)(?:'re|'ve|'ll|'d|'s)?\s+[a-z]+.*$", re.IGNORECASE
)
_QUESTION = re.compile(r"^(?:who's|who is|whose|who)\s", re.IGNORECASE)
_HOW_MANY = re.compile(r"^how\s+many\s+([a-z]+)\b.*$", re.IGNORECASE)
_WHICH = re.compile(r"^(?:which|what)\s+([a-z]+(?:\s+[a-z]+)?)\s+\S+.*$", re.IGNORECASE)


def _tidy_name(phrase: str) -> str:
    """ "how many bags they took" -> number of bags; "which household came" -> household."""
    if match := _HOW_MANY.match(phrase):
        return f"number of {match[1]}"
    if match := _WHICH.match(phrase):
        kept = [w for w in match[1].split() if lookup(w.lower()) is None]
        return " ".join(kept[:1] if len(kept) < 2 else kept)
    phrase = _NAME_TAIL.sub("", phrase) or phrase
    if match := _CONTACT.match(phrase):
        phrase = match[1]
    phrase = " ".join(_ABBREVIATIONS.get(w.lower(), w) for w in phrase.split())
    if (match := _IN_UNIT.match(phrase)) and match["unit"].lower() in _UNITS:
        return f"{match['name']} {_UNITS[match['unit'].lower()]}"
    return phrase


def _unit_type(name: str) -> str | None:
    unit = name.rsplit("_", 1)[-1]
    if "_" not in name or unit not in _UNITS.values():
        return None
    return "integer" if unit in {"minutes", "days", "seconds", "months", "weeks"} else "float"


def parse_field(text: str) -> FieldDraft | None:
    """A field for one list item, or None when the item is not a plausible field."""
    item = parse_item(text)
    if _CODE.search(item.phrase) or not item.phrase or _QUESTION.match(item.phrase):
        return None  # code ("`whoami`") is content; "who's doing it" asks about a relation
    phrase, ref = item.phrase, None
    if match := _INLINE_RANGE.match(phrase):  # "rating 1-5" reads like "rating (1-5)"
        phrase = match.group(1)
        item = Item(phrase, (match.group(2), *item.groups), item.after_colon)
    if match := _REF_CLAUSE.match(phrase):
        phrase = match.group("name") or match.group("name2") or match.group("name3")
        ref = match.group("ref") or match.group("ref2") or match.group("ref3") or ""
        ref = ref.split(" ", 1)[-1]
        ref = re.sub(r"^of\s+\w+\s+", "", ref)  # "one of our employees" -> "employees"
    elif match := _RELATIVE.match(phrase):
        phrase = match.group(1)  # "the player who scored" names the player
    optional = bool(none := _NONE.match(phrase))
    if none:
        phrase = none.group(1)  # "may have no courier at all": an optional courier
    was_flag = bool(re.search(r"\bflag\s*$", phrase, re.IGNORECASE))
    if phrase.lower().startswith("whether "):
        was_flag = True
    phrase = re.sub(r"\s*\bflag\s*$", "", _name_words(phrase), flags=re.IGNORECASE)
    phrase = _tidy_name(phrase)
    name = re.sub(r"_(at_time|on_date)$", lambda m: "_" + m.group(1)[:2], field_key(phrase))
    name = _SYNONYMS.get(name, name)
    if not name or len(name.split("_")) > 6 or not name[0].isalpha():
        return None
    label = _LEADING_ARTICLE.sub("", phrase.strip()).rstrip("?!.:")
    field = FieldDraft(name=name, label=label, phrase=" ".join(name.split("_")))
    field.ref = ref
    field.plural = singular(name.split("_")[-1]) != name.split("_")[-1]
    field.type = "boolean" if was_flag else _unit_type(name) or infer_type(name)
    values = _read_groups(field, item.groups)
    if item.after_colon:
        values.extend(split_list(item.after_colon))
    if len(values) >= 2 and field.type != "boolean":
        field.type, field.values = "enum", enum_values(values)
    notes = {w.lower() for w in _FLAG_WORDS.findall(item.phrase)}
    field.required |= name in _REQUIRED or bool(notes & {"required", "mandatory", "unique"})
    field.unique |= name in _UNIQUE or "unique" in notes
    field.required &= "optional" not in notes and not optional
    return field
