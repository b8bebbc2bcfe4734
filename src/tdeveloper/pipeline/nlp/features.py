"""Features, roles, non-functional needs and the parts no CRUD template can build.

These are phrase-level signals, so each is a precompiled regular expression over the
lowercased text; order in the output follows the order of the rule tables (stable).
"""

from __future__ import annotations

import re

from tdeveloper.spec.base import Feature
from tdeveloper.spec.requirements import NonFunctional

__all__ = ["detect_features", "detect_roles", "detect_unsupported", "non_functional"]

_FEATURES: tuple[tuple[Feature, re.Pattern[str]], ...] = (
    (
        "auth",
        re.compile(
            r"\b(log ?ins?|logs? in|sign(?:s|ed|ing)? ?(?:up|in)|sign-?(?:up|in)|"
            r"authenticat\w*|passwords?|user accounts?|register(?:s|ed)? (?:an? )?"
            r"account|single sign-on|sso|oauth|two-factor|2fa)\b"
        ),
    ),
    (
        "roles",
        re.compile(
            r"\b(admins?|administrators?|roles?|permissions?|approv(?:e|es|ed|al|als|ing)|"
            r"moderators?|moderat(?:e|es|ion)|access control|rbac|only (?:managers?|staff))\b"
        ),
    ),
    (
        "search",
        re.compile(r"\b(search\w*|filter(?:s|ing)?|look ?up|find (?:books|items|products)\w*)\b"),
    ),
    (
        "upload",
        re.compile(
            r"\b(upload\w*|attach(?:es|ed|ment|ments)?|photos?|images?|pictures?|files?|"
            r"avatars?|documents? upload|resumes?|cv|scans?)\b"
        ),
    ),
    (
        "notifications",
        re.compile(
            r"\b(notif\w*|remind\w*|alerts?|alerted|e-?mail (?:reminders?|alerts?|updates?)|"
            r"sends? (?:an? )?(?:e-?mails?|sms|texts?|messages?)|sms|push messages?)\b"
        ),
    ),
    (
        "payments",
        re.compile(
            r"\b(payments?|pay(?:s|ing)? (?:online|for|by|with|via|their)|checkout|stripe|"
            r"paypal|credit cards?|paid online|billing|subscriptions? fees?|charge (?:customers|"
            r"users|members))\b"
        ),
    ),
)
_ROLE_WORDS = (
    ("admin", re.compile(r"\b(admins?|administrators?)\b")),
    ("moderator", re.compile(r"\bmoderators?\b")),
    ("manager", re.compile(r"\bmanagers? (?:can|approve|approves|may|must|review)\b")),
    ("editor", re.compile(r"\beditors?\b")),
    ("viewer", re.compile(r"\bviewers?\b|\bread-only\b")),
)
_ROLE_LIST = re.compile(r"\broles?\s*(?::|\(|are|include|such as)\s*([a-z ,/&-]+?)(?:\)|\.|;|$)")
_ROLE_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*")
_COMPLIANCE = (
    ("GDPR", re.compile(r"\bgdpr\b|\bgeneral data protection\b")),
    ("HIPAA", re.compile(r"\bhipaa\b")),
    ("PCI DSS", re.compile(r"\bpci(?:[- ]dss)?\b")),
    ("SOC 2", re.compile(r"\bsoc ?2\b|\bsoc ii\b")),
    ("ISO 27001", re.compile(r"\biso ?27001\b")),
    ("CCPA", re.compile(r"\bccpa\b")),
    ("FERPA", re.compile(r"\bferpa\b")),
    ("SOX", re.compile(r"\bsox\b|\bsarbanes")),
    ("WCAG", re.compile(r"\bwcag\b|\baccessib(?:le|ility)\b")),
)
_LARGE = re.compile(
    r"\b(millions?|high[- ]traffic|at scale|web[- ]scale|hundreds of thousands|"
    r"heavy load|enterprise[- ]scale|global scale|massive)\b"
)
_MEDIUM = re.compile(r"\b(thousands|many users|hundreds of users|growing|scalable)\b")
_NUMBER_OF = re.compile(
    r"\b(\d[\d,.]*)\s*(k|m|thousand|million)?\+?\s+(?:concurrent\s+|daily\s+|active\s+)?"
    r"(?:users|customers|members|visitors|requests|orders|employees|students|patients)\b"
)
_HINTS = (
    ("mobile friendly", re.compile(r"\b(mobile[- ]friendly|responsive|mobile)\b")),
    ("real-time updates", re.compile(r"\b(real[- ]time|live updates?)\b")),
    ("offline use", re.compile(r"\boffline\b")),
    ("multiple languages", re.compile(r"\b(multi-?lingual|i18n|multiple languages|translat\w+)\b")),
    ("data export", re.compile(r"\bexport\w*\b|\bcsv\b|\bexcel\b")),
    ("reports and dashboards", re.compile(r"\b(reports|reporting|dashboards?|analytics)\b")),
    ("audit trail", re.compile(r"\baudit\w*\b|\bhistory of changes\b")),
    ("calendar view", re.compile(r"\bcalendars?\b")),
    ("map view", re.compile(r"\bmaps?\b|\bgeolocation\b")),
    ("public API", re.compile(r"\b(rest api|public api|api access|webhooks?)\b")),
    ("multi-tenant", re.compile(r"\bmulti-?tenan\w*\b")),
    ("dark mode", re.compile(r"\bdark mode\b")),
)
_UNSUPPORTED = (
    (
        "game-playing engine (move search and evaluation)",
        re.compile(
            r"\b(?:chess|go|poker|checkers|shogi|game)[- ](?:engine|ai|bot)s?\b|"
            r"\bplays? (?:chess|go|poker|checkers)\b|\bai opponents?\b|"
            r"\b(?:an? |the )?engine (?:that|which|to) (?:plays?|analy[sz]es?|evaluates?|"
            r"suggests? moves?)(?: \w+){0,3}"
        ),
    ),
    (
        "video editing or processing",
        re.compile(
            r"\bvideo[- ](?:editing|editor|encoding|transcoding|effects)\b|\bedits? videos?\b"
        ),
    ),
    (
        "audio editing or processing",
        re.compile(
            r"\baudio[- ](?:editing|editor|processing|mixing)\b|\bmusic production\b|"
            r"\bdaw\b|\bmix(?:es|ing)? audio\b|\bspeech (?:recognition|synthesis)\b"
        ),
    ),
    (
        "physics or fluid simulation",
        re.compile(
            r"\b(?:physics|fluid|particle|cfd|finite[- ]element)[- ]?(?:simulation|simulator|"
            r"engine|solver)s?\b|\bsimulates? (?:physics|fluids?)\b"
        ),
    ),
    (
        "3D rendering or game engine",
        re.compile(
            r"\b3d (?:render\w*|engine|modell?ing|graphics)\b|\bgame engine\b|\bray ?tracing\b|"
            r"\brender(?:s|ing)? 3d\b|\bfirst[- ]person shooter\b"
        ),
    ),
    (
        "real-time multiplayer game",
        re.compile(r"\b(?:real[- ]time )?multiplayer (?:online )?games?\b|\bmmo(?:rpg)?\b"),
    ),
    (
        "compiler or interpreter",
        re.compile(r"\bcompilers?\b|\binterpreter for\b|\bprogramming language\b"),
    ),
    ("operating system", re.compile(r"\boperating systems?\b|\bos kernel\b|\bdevice drivers?\b")),
    (
        "training machine-learning models",
        re.compile(
            r"\btrain(?:s|ing)? (?:an? |the |my |our )?(?:own )?(?:machine[- ]learning|ml|"
            r"neural|deep[- ]learning|language|ai|llm)\b|\bneural networks?\b|"
            r"\b(?:face|image|object) recognition\b|\bcomputer vision\b"
        ),
    ),
    (
        "blockchain or cryptocurrency mining",
        re.compile(
            r"\bblockchain\b|\b(?:crypto(?:currency)?|bitcoin) mining\b|\bmines? "
            r"(?:bitcoin|crypto\w*)\b|\bsmart contracts?\b"
        ),
    ),
    (
        "automated trading with live market execution",
        re.compile(
            r"\btrading bots?\b|\balgorithmic trading\b|\bhigh[- ]frequency trading\b|"
            r"\bexecutes? trades\b|\bauto-?trad\w*\b"
        ),
    ),
    (
        "self-driving or robot control",
        re.compile(r"\bself[- ]driving\b|\bautonomous (?:vehicles?|cars?|drones?)\b|\bfirmware\b"),
    ),
    ("web browser engine", re.compile(r"\b(?:web )?browser engine\b|\bbuild a (?:web )?browser\b")),
    ("antivirus engine", re.compile(r"\banti-?virus\b|\bmalware scanner\b")),
    ("emulator", re.compile(r"\bemulators?\b")),
)


def detect_features(text: str) -> tuple[Feature, ...]:
    low = text.lower()
    return tuple(name for name, pattern in _FEATURES if pattern.search(low))


def detect_roles(text: str) -> tuple[str, ...]:
    """Role names: an explicit "roles: a, b" list wins, else role words found in the text."""
    low = text.lower()
    if match := _ROLE_LIST.search(low):
        named = [r.strip().rstrip("s") for r in _ROLE_SPLIT.split(match.group(1))]
        roles = [re.sub(r"[^a-z0-9]+", "_", r).strip("_") for r in named if 0 < len(r) <= 30]
        if len(roles) >= 2:
            return tuple(dict.fromkeys(r for r in roles if r))
    found = [name for name, pattern in _ROLE_WORDS if pattern.search(low)]
    if found:
        base = "member" if re.search(r"\bmembers?\b", low) else "user"
        found.append(base)
    return tuple(dict.fromkeys(found))


def _scale(low: str) -> str:
    if _LARGE.search(low):
        return "large"
    biggest = 0.0
    for match in _NUMBER_OF.finditer(low):
        digits = match.group(1).replace(",", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        unit = match.group(2) or ""
        value *= 1_000_000 if unit in {"m", "million"} else 1000 if unit in {"k", "thousand"} else 1
        biggest = max(biggest, value)
    if biggest >= 100_000:
        return "large"
    if biggest >= 1_000 or _MEDIUM.search(low):
        return "medium"
    return "small"


def non_functional(text: str) -> NonFunctional:
    low = text.lower()
    compliance = tuple(name for name, pattern in _COMPLIANCE if pattern.search(low))
    hints = tuple(name for name, pattern in _HINTS if pattern.search(low))
    scale = _scale(low)
    return NonFunctional(scale=scale, compliance=compliance, hints=hints)


def detect_unsupported(text: str) -> tuple[tuple[str, ...], str]:
    """Labels of unsupported asks, and the text with those phrases blanked out."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lowercased
        text = low
    labels: list[str] = []
    chars = list(text)
    for label, pattern in _UNSUPPORTED:
        spans = [m.span() for m in pattern.finditer(low)]
        if spans:
            labels.append(label)
        for start, end in spans:
            chars[start:end] = " " * (end - start)
    return tuple(labels), "".join(chars)
