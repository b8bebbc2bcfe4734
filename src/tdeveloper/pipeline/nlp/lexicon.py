"""Word lists and English morphology the rule-based reader relies on.

There is no tagger: a word's role comes from these closed lists plus its position, so the
lists are deliberately small and biased toward words that show up in app descriptions.
"""

from __future__ import annotations

import re

from tdeveloper.spec.names import ascii_fold, pascal, snake


def wordset(text: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words in `text` (keeps word lists compact)."""
    return frozenset(text.split())


__all__ = [
    "APP_WORDS",
    "AUX",
    "BE",
    "CONJ",
    "DET",
    "DROP_LEAD",
    "FUNCTION_WORDS",
    "GENERIC_ACTORS",
    "NOT_ENTITY",
    "PERSON_WORDS",
    "PREP",
    "PRON",
    "QUANT",
    "REL",
    "VAGUE_HEADS",
    "entity_key",
    "field_key",
    "is_plural",
    "singular",
    "spelling",
    "words",
    "wordset",
]

DET = wordset(
    "a an the each every their its his her our your my this these those some any all "
    "another other given single"
)
# Words saying "more than one" turn a noun into a child entity rather than a field.
QUANT = wordset("many several multiple various numerous different more")
PRON = wordset("we i you they it he she them us someone anyone everyone everybody")
AUX = wordset(
    "can could may might must should shall will would also then to do does did not able "
    "need needs want wants usually often always only just easily optionally sometimes "
    "typically normally"
)
BE = wordset("is are be been being was were")
PREP = wordset(
    "of for with to in on at by from into about per via under over between within without "
    "across through like as after before during than"
)
CONJ = wordset("and or plus but nor")
REL = wordset("who which that where whose when while whereas so because whether")
# Leading words dropped from a noun phrase before naming it.
DROP_LEAD = (
    DET
    | QUANT
    | wordset(
        "optional required mandatory unique simple basic small new own optionally its also "
        "plus and or one exactly only single two three four five six seven eight nine ten "
        "dozen dozens same"
    )
)

# Nouns that name the app itself, never a table.
# Words that only ever name software; the app words after them also name records
# ("grant applications", "tool loans", "a manager who is an employee", "salon services").
_SOFTWARE = wordset(
    "app apps system systems platform platforms website websites software portal dashboard "
    "solution backend frontend api database db crud mvp project-management"
)
APP_WORDS = _SOFTWARE | wordset(
    "application applications tool tools service program manager tracker"
)
# Words that never appear anywhere in an entity name.
FUNCTION_WORDS = DET | PRON | AUX | BE | PREP | CONJ | REL | QUANT
# Nouns that are never an entity's head noun: vague words, verbs, UI words.
NOT_ENTITY = _SOFTWARE | wordset(
    "there tracker day days week weeks month months year years hour hours minute minutes "
    "have has had thing things stuff data info information detail details way ways time "
    "lot kind type types sort etc example examples eg ie something everything nothing one "
    "two three first second last next yes no ok make made use used using let lets allow "
    "allows want need needs like get set keep also just very well much most simple basic "
    "online web mobile support feature features page pages screen screens field fields "
    "entity entities relation relations list lists form forms "
    "hello hi please thanks each every new other same different own many few name names "
    "someone everyone anyone anything it them stuff"
)
# Vague heads that make no table even with a modifier ("contact details", "booking app").
VAGUE_HEADS = _SOFTWARE | wordset(
    "tracker trackers "
    "model models "
    "thing things stuff data info information detail details way ways example "
    "examples feature features page pages screen screens field fields form "
    "forms kind sort etc"
)
# Audience words: as a verb's subject they describe who uses the app, not a table.
GENERIC_ACTORS = wordset(
    "user visitor reader people person anyone everyone we you i admin administrator "
    "moderator superuser"
)

# Nouns for people: decides which side of "X assigned to Y" holds the reference.
PERSON_WORDS = wordset(
    "user member customer client employee staff technician doctor physician nurse patient "
    "student teacher instructor tutor author writer editor organizer organiser attendee "
    "owner vet veterinarian rep agent manager tenant landlord driver guest player coach "
    "trainer volunteer donor seller buyer vendor supplier contact person candidate "
    "applicant recruiter speaker participant subscriber reviewer admin administrator "
    "moderator worker developer engineer assignee reporter host renter lead dentist "
    "therapist mechanic courier athlete parent child resident visitor reader "
    "inspector auditor pilot crew cleaner plumber electrician contractor consultant lawyer "
    "attorney judge officer photographer artist musician chef cook waiter bartender barber "
    "stylist surgeon pharmacist clerk cashier salesperson intern mentor mentee learner pupil "
    "shopper traveler traveller passenger rider fan listener follower sponsor freelancer "
    "operator dispatcher analyst architect designer tester researcher scientist professor "
    "lecturer caregiver homeowner hiker runner caller employer broker"
)

_IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "mice": "mouse",
    "geese": "goose",
    "feet": "foot",
    "teeth": "tooth",
    "criteria": "criterion",
    "analyses": "analysis",
    "theses": "thesis",
    "diagnoses": "diagnosis",
    "quizzes": "quiz",
    "leaves": "leave",
    "shelves": "shelf",
    "lives": "life",
    "knives": "knife",
    "wives": "wife",
    "halves": "half",
    "wolves": "wolf",
    "thieves": "thief",
    "heroes": "hero",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "echoes": "echo",
    "indices": "index",
    "vertices": "vertex",
    "matrices": "matrix",
    "alumni": "alumnus",
    "caches": "cache",
    "niches": "niche",
    "buses": "bus",
    "statuses": "status",
    "campuses": "campus",
    "bonuses": "bonus",
    "viruses": "virus",
    "syllabuses": "syllabus",
    "cookies": "cookie",
    "movies": "movie",
    "zombies": "zombie",
    "calories": "calorie",
    "rookies": "rookie",
    "selfies": "selfie",
    "smoothies": "smoothie",
    "brownies": "brownie",
    "goalies": "goalie",
    "freebies": "freebie",
    "hoodies": "hoodie",
    "species": "species",
    "series": "series",
}
# Words ending in "s" that are already singular.
_SINGULAR_S = wordset(
    "news species series status campus bus gas class business address process access "
    "analysis basis thesis diagnosis glass boss pass loss mass dress chess tennis canvas "
    "census bonus virus focus atlas alias axis crisis corps physics mathematics economics "
    "athletics gymnastics lens plus yes bias iris genus bus cactus radius syllabus "
    "octopus sms gps aws os ios its this his hers ours yours us is was has does goes "
    "kudos"
)
_WORD_RE = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lowercase ASCII words of `text` (accents folded; other scripts dropped)."""
    return _WORD_RE.findall(ascii_fold(text).lower())


def is_plural(word: str) -> bool:
    return singular(word) != word


def singular(word: str) -> str:
    """Singular of one lowercase English noun; unknown shapes come back unchanged."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ae") and len(word) > 4:
        return word[:-1]  # Latin plurals: nebulae, formulae
    if len(word) <= 3 or word in _SINGULAR_S or not word.endswith("s"):
        return word
    if word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


def _clean_phrase(phrase: str) -> list[str]:
    parts = words(phrase.replace("'s ", " "))
    while parts and parts[0] in DROP_LEAD:
        parts = parts[1:]
    return parts


# One spelling per entity name, so "enrolment" and "enrollment" are one entity.
_SPELLINGS = {
    "enrolment": "enrollment",
    "enrolments": "enrollments",
    "catalogue": "catalog",
    "catalogues": "catalogs",
    "programme": "program",
    "programmes": "programs",
    "licence": "license",
    "licences": "licenses",
    "cheque": "check",
    "cheques": "checks",
}


def spelling(word: str) -> str:
    """The one spelling entity names use ("enrolment" -> "enrollment")."""
    return _SPELLINGS.get(word, word)


def entity_key(phrase: str) -> str:
    """PascalCase singular entity name for a noun phrase ("sales reps" -> "SalesRep")."""
    # "the club's apiaries" names apiaries: the owner is another entity or the business
    parts = [spelling(p) for p in _clean_phrase(phrase.rpartition("'s ")[2])]
    if not parts:
        return ""
    parts[-1] = singular(parts[-1])
    name = pascal(" ".join(parts))
    return name if name[:1].isalpha() else ""


def field_key(phrase: str) -> str:
    """snake_case field name for a phrase ("Date of Birth" -> "date_of_birth")."""
    return snake(" ".join(_clean_phrase(phrase)))
