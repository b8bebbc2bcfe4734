"""The verbs the reader understands, grouped by what they say about the data model.

Each class maps to one relation rule (see relations.py):
- have: the object list is fields of the subject, or child entities when quantified.
- create: "authors write posts" -> Post belongs to Author.
- belong: "a pet belongs to an owner" -> Pet belongs to Owner.
- contain: "orders contain items" -> Item belongs to Order.
- join: "members borrow books" -> a Loan entity referencing Member and Book.
- m2m: "attendees bookmark talks" -> many-to-many.
- link: "an appointment links a pet and a vet" -> Appointment references both.
- assign: "technicians are assigned to requests" -> the non-person side references the person.
- manage: "manage owners, pets and visits" -> an entity list.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["JOIN_NOUNS", "VERBS", "Verb", "lookup"]


@dataclass(frozen=True)
class Verb:
    base: str
    kind: str
    form: str  # "base", "s" (third person), "ed" (past/participle), "ing"


_CLASSES: dict[str, str] = {
    "have": "have hold include store record track capture keep log contain get note",
    "create": "write create publish post buy purchase place submit report file open raise "
    "add make upload own organize organise host teach author send issue offer sell list "
    "schedule leave give run lead compose draft plan sponsor request receive win earn "
    "officiate deliver present coach judge supervise mentor treat examine perform conduct "
    "invoice bill quote prescribe diagnose referee sponsor fund donate do stage break",
    "belong": "belong reference refer point relate sit live come go reside stay tie attach work",
    "contain": "consist comprise",
    "join": "borrow enroll enrol rent book reserve register apply subscribe attend adopt "
    "hire order checkout lease rsvp",
    "m2m": "bookmark favorite favourite like follow star save join tag watch wishlist cover "
    "carry feature stock use",
    "link": "link connect pair match involve",
    "assign": "assign allocate",
    "manage": "manage handle catalog catalogue maintain administer monitor oversee",
    # Verbs with no data-model meaning: known only so clauses split at them.
    "other": "see view browse search find edit update delete remove approve reject pay sign "
    "check download export import print share comment rate review vote reply message chat "
    "invite cancel confirm accept decline mark visit return complete finish start stop close "
    "reopen archive restore move copy sort filter sync generate calculate compute display show "
    "notify remind use access need want let allow help enable receive read rank answer "
    "ask choose select pick set update approve escalate resolve fix close happen occur "
    "arrive travel depend supersede replace appear",
}
# Irregular past forms; regular ones are generated.
_IRREGULAR = {
    "write": ("wrote", "written"),
    "buy": ("bought",),
    "make": ("made",),
    "have": ("had",),
    "hold": ("held",),
    "keep": ("kept",),
    "sell": ("sold",),
    "send": ("sent",),
    "lead": ("led",),
    "teach": ("taught",),
    "run": ("ran",),
    "leave": ("left",),
    "give": ("gave", "given"),
    "win": ("won",),
    "pay": ("paid",),
    "break": ("broke", "broken"),
}
# Verb -> the entity that records one occurrence of it ("borrow" -> a loan).
JOIN_NOUNS = {
    "borrow": "loan",
    "enroll": "enrollment",
    "enrol": "enrollment",
    "rent": "rental",
    "book": "booking",
    "reserve": "reservation",
    "register": "registration",
    "apply": "application",
    "subscribe": "subscription",
    "attend": "attendance",
    "adopt": "adoption",
    "hire": "hire",
    "order": "order",
    "checkout": "checkout",
    "lease": "lease",
    "rsvp": "rsvp",
}


def _forms(base: str) -> dict[str, str]:
    """Inflected spellings of a regular English verb, mapped to their form tag."""
    if base.endswith("e"):
        ed, ing = base + "d", base[:-1] + "ing"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        ed, ing = base[:-1] + "ied", base + "ing"
    elif base in {"log", "plan", "tag", "star", "enrol", "drop", "ship", "chat", "pin"}:
        ed, ing = base + base[-1] + "ed", base + base[-1] + "ing"
    else:
        ed, ing = base + "ed", base + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        third = base + "es"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    forms = {base: "base", third: "s", ed: "ed", ing: "ing"}
    for past in _IRREGULAR.get(base, ()):
        forms[past] = "ed"
    if base == "have":
        forms = {"have": "base", "has": "s", "had": "ed", "having": "ing"}
    if base == "do":
        forms = {"do": "base", "does": "s", "did": "ed", "done": "ed", "doing": "ing"}
    return forms


def _build() -> dict[str, Verb]:
    table: dict[str, Verb] = {}
    for kind, spec in _CLASSES.items():
        for raw in spec.split():
            for spelling, form in _forms(raw).items():
                table.setdefault(spelling, Verb(raw, kind, form))
    return table


VERBS: dict[str, Verb] = _build()


def lookup(word: str) -> Verb | None:
    return VERBS.get(word)
