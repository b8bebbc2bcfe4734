"""The rule-based understanding of a description: text in, `Requirements` out.

Order of work: validate -> (gloss Korean) -> blank out unsupported asks -> read entities,
fields and relations -> fields naming entities become relations -> context entities pruned
(prune.py) -> knowledge base fills gaps -> features, roles, non-functional needs -> freeze.
Same text, same output.
"""

from __future__ import annotations

import re

from tdeveloper.pipeline.nlp.constraints import apply_facts, extract_facts
from tdeveloper.pipeline.nlp.features import (
    detect_features,
    detect_roles,
    detect_unsupported,
    non_functional,
)
from tdeveloper.pipeline.nlp.fields import FieldDraft, infer_type
from tdeveloper.pipeline.nlp.hangul import is_korean
from tdeveloper.pipeline.nlp.knowledge import (
    Domain,
    add_kb_entity,
    fill_fields,
    fill_relations,
    match_domain,
    whole_model,
)
from tdeveloper.pipeline.nlp.layout import flatten
from tdeveloper.pipeline.nlp.lexicon import (
    APP_WORDS,
    FUNCTION_WORDS,
    GENERIC_ACTORS,
    PERSON_WORDS,
    singular,
    words,
    wordset,
)
from tdeveloper.pipeline.nlp.links import infer_links
from tdeveloper.pipeline.nlp.model import Draft, EntityDraft, RelationDraft
from tdeveloper.pipeline.nlp.prune import prune
from tdeveloper.pipeline.nlp.reader import read
from tdeveloper.pipeline.nlp.relations import resolve_references
from tdeveloper.pipeline.nlp.spelling import correct
from tdeveloper.pipeline.nlp.text import drop_examples, normalize, sentences
from tdeveloper.pipeline.nlp.tokens import find_verb, tokenize
from tdeveloper.pipeline.nlp.verbs import lookup
from tdeveloper.spec.base import Feature
from tdeveloper.spec.errors import InputError
from tdeveloper.spec.names import plural, snake
from tdeveloper.spec.options import MAX_DESCRIPTION
from tdeveloper.spec.requirements import EntityReq, FieldReq, RelationReq, Requirements

__all__ = ["MAX_ENTITIES", "understand"]

MAX_ENTITIES = 400  # more cannot fit in 20,000 characters with any fields; a guard, not a limit
_MAX_FIELDS = 60
_MAX_QUESTIONS = 5
_ENUMISH = frozenset({"status", "type", "category", "priority", "stage", "level", "kind"})
# The order features are reported in (the Feature literal's order).
_FEATURE_ORDER: tuple[Feature, ...] = (
    "auth",
    "roles",
    "search",
    "upload",
    "notifications",
    "payments",
)
# Leading words a title drops: sizes, possessives and the request itself ("build a ...").
_TITLE_DROP = wordset(
    "simple basic small little my our new web build create make develop design write need "
    "want i we please"
)


def understand(description: str, context: str = "") -> Requirements:
    """Read a description (English or Korean) into `Requirements`, or raise `InputError`."""
    text = _validated(description)
    extra = normalize(context)[:MAX_DESCRIPTION] if context else ""
    full = f"{text}\n{extra}" if extra else text
    full = flatten(full)
    language = "ko" if is_korean(full) else "en"
    labels: dict[str, str] = {}
    if language == "ko":
        from tdeveloper.pipeline.nlp.korean import translate  # loads the analyser lazily

        translation = translate(full)
        english, labels = translation.english, translation.labels
    else:
        english = correct(full)
    unsupported, masked = detect_unsupported(english)
    facts, masked = extract_facts(drop_examples(masked))
    reading = read(masked)
    draft = reading.draft
    apply_facts(draft, facts)  # before references: "the assignee is optional" shapes one
    resolve_references(draft)
    draft.merge_mutual()
    domain = match_domain(masked, original=full)
    _drop_weak(draft, domain)
    prune(draft, masked)
    infer_links(draft, masked)
    terse = len(words(text)) <= _TERSE
    questions = _complete(draft, domain, bool(unsupported), terse) + _relation_questions(draft)
    _korean_labels(draft, labels)
    features = _features(english, draft, domain)
    roles = detect_roles(english) if "roles" in features else ()
    if "auth" in features:
        user, wanted = _login_entity(english, draft)
        if user is not None or wanted:
            _auth_user(draft, roles, user)
    return Requirements(
        description=description,
        language=language,
        domain=domain.id if domain else None,
        title=_title(reading.titles, domain, english, draft),
        entities=tuple(_entity(e) for e in draft.entities.values()),
        relations=tuple(_relation(r) for r in draft.relations),
        features=features,
        roles=roles,
        non_functional=non_functional(english),
        unsupported=unsupported,
        questions=tuple(dict.fromkeys([*_unsupported_questions(unsupported), *questions]))[
            :_MAX_QUESTIONS
        ],
    )


def _validated(description: str) -> str:
    if not isinstance(description, str):
        raise InputError("the description must be text", kind=type(description).__name__)
    if len(description) > MAX_DESCRIPTION:
        raise InputError(
            f"the description is too long ({len(description)} characters, at most "
            f"{MAX_DESCRIPTION})",
            length=len(description),
        )
    text = normalize(description)
    if not any(c.isalpha() for c in text):
        raise InputError("the description has no words to read; describe the app in a sentence")
    return text


def _drop_weak(draft: Draft, domain: Domain | None) -> None:
    """Forget entities seen only as vague verb arguments (unless the domain knows them),
    and cap runaway inputs."""
    known = {a for e in domain.entities for a in e.aliases} if domain else set()
    keep = {
        name: e
        for name, e in draft.entities.items()
        if not e.weak or e.fields or draft.has_relations(name) or snake(name) in known
    }
    keep = {name: e for name, e in keep.items() if not _stray(draft, e, known, keep)}
    if not keep and len(draft.entities) == 1:
        keep = dict(draft.entities)  # "track our office plants": the one thing named is it
    names = list(keep)[:MAX_ENTITIES]
    draft.entities = {name: keep[name] for name in names}
    draft.relations = [
        r for r in draft.relations if r.source in draft.entities and r.target in draft.entities
    ]


# Once a description details three or more entities, a bare noun it never describes is
# noise: the requester ("a logistics company wants..."), a tool ("a shared spreadsheet").
_DETAILED = 3


def _stray(
    draft: Draft, entity: EntityDraft, known: set[str], kept: dict[str, EntityDraft]
) -> bool:
    stated = [f for f in entity.fields if f.source == "stated"]
    if stated or snake(entity.name) in known:
        return False
    if draft.has_relations(entity.name):
        return False
    if infer_type(snake(entity.name)) not in ("string", "text"):
        return True  # "check out date", "maximum salary": a field read as a thing
    detailed = sum(any(f.source == "stated" for f in e.fields) for e in kept.values())
    return detailed >= _DETAILED


def _complete(
    draft: Draft, domain: Domain | None, unsupported: bool, terse: bool = False
) -> list[str]:
    """Fill gaps from the knowledge base or defaults; return questions about what is missing."""
    questions: list[str] = []
    if not draft.entities:
        if domain is not None and not unsupported:
            whole_model(draft, domain)
        elif not unsupported:
            item = EntityDraft("Item", "Item", source="default", confidence=0.3)
            item.fields = _default_fields(with_description=True)
            draft.entities["Item"] = item
            questions.append(
                "What kinds of records should the app manage? A generic Item was assumed."
            )
        return questions
    for entity in draft.entities.values():
        if not entity.fields and not fill_fields(entity, domain):
            entity.fields = _default_fields(with_description=False)
            questions.append(
                f"Which details should {_article(entity.label.lower())} have? "
                "Only a name was assumed."
            )
        entity.fields = entity.fields[:_MAX_FIELDS]
        questions.extend(_enum_questions(entity))
    if domain is not None:
        if terse:
            _core_entity(draft, domain)
        fill_relations(draft, domain)
    return questions


# "log in", "signs into", "sign on", "signed up": the verb whose subject holds accounts.
_LOGIN = re.compile(r"\b(?:log|sign)(?:s|ged|ed|ing)?\s*-?\s*(?:into|in|on|up)\b")
_LOGIN_WINDOW = 8  # words before the verb that may name who logs in
_NEGATION = wordset("not never cannot cant won wont don dont doesn doesnt")
# Words that end the search for the subject: a relative pronoun opens the login's own
# clause ("an app that staff sign into"), a clause break or a verb ends the subject.
_SUBJECT_STOP = wordset("that which where when whereas while if but so because then")
_LONG_BRIEF = 5  # sentences: a login of a brief this long is a non-functional need


def _login_entity(text: str, draft: Draft) -> tuple[EntityDraft | None, bool]:
    """The stated entity that logs in ("observers sign up ...", "researchers, who log in",
    "journalists, editors and freelancers will log in"), and whether an account entity of
    its own is wanted when none is: not when a long brief names login among its needs."""
    said = [s.lower() for line in text.split("\n") for s in sentences(line)]
    subjects: list[str] = []
    for sentence in said:
        for match in _LOGIN.finditer(sentence):
            before = words(sentence[: match.start()])[-_LOGIN_WINDOW:]
            entity, subject = _login_subject(before, draft)
            if entity is not None:
                return entity, False
            subjects += subject
    if "User" in draft.entities:
        return draft.entities["User"], False
    mailed = [e for e in draft.entities.values() if _person(e) and _stated_email(e)]
    if not any(w in PERSON_WORDS for w in subjects) and len(mailed) == 1:
        return mailed[0], False  # "a signup page ... subscribers have an email"
    return None, len(said) < _LONG_BRIEF


def _login_subject(before: list[str], draft: Draft) -> tuple[EntityDraft | None, list[str]]:
    """Walk back from the login verb over its subject (lists and a "who" antecedent
    included) to the nearest word or pair of words naming an entity."""
    seen: list[str] = []
    for i in range(len(before) - 1, -1, -1):
        word = before[i]
        if word in _NEGATION:
            return None, []  # "customers will not log in"
        if word in _SUBJECT_STOP:
            break
        if word in FUNCTION_WORDS:
            continue
        pair = " ".join(before[i - 1 : i + 1]) if i else ""
        entity = (_account(draft, pair) if pair else None) or _account(draft, word)
        if entity is not None and (not seen or _person(entity)):
            return entity, seen  # past the nearest noun, only people: not "booking page"
        seen.append(singular(word))
        if word in GENERIC_ACTORS:
            break  # "on the booking page, users log in": users, nobody stated
        verb = lookup(word)
        if verb is not None and verb.form != "s":  # "coaches", "orders": nouns too
            break  # "coaches manage their squads and parents log in": only "parents"
    return None, seen


def _account(draft: Draft, phrase: str) -> EntityDraft | None:
    """The entity `phrase` names, or the one person entity it starts ("staff": StaffMember)."""
    found = draft.find(phrase)
    if found is not None or " " in phrase:
        return found
    head = singular(phrase)
    starts = [e for e in draft.entities.values() if snake(e.name).startswith(f"{head}_")]
    return starts[0] if head in PERSON_WORDS and len(starts) == 1 else None


def _person(entity: EntityDraft) -> bool:
    return snake(entity.name).split("_")[-1] in PERSON_WORDS


def _stated_email(entity: EntityDraft) -> bool:
    return any(f.name == "email" and f.source == "stated" for f in entity.fields)


def _auth_user(draft: Draft, roles: tuple[str, ...], user: EntityDraft | None) -> None:
    """Logging in needs accounts: the entity that logs in, or a User entity, gets a unique
    email (and a role when the description names roles); stated fields are kept. (With no
    account entity, the generator adds a User of its own.)"""
    if user is None:
        user = EntityDraft("User", "User", source="inferred", confidence=0.7)
        draft.entities["User"] = user
    email = next((f for f in user.fields if f.name == "email"), None)
    if email is None:
        email = FieldDraft("email", "email", source="inferred", confidence=0.7)
        user.fields.insert(0, email)
    email.type, email.required, email.unique = "email", True, True
    user.add_field(FieldDraft("name", source="inferred", confidence=0.6))
    if roles and not any(f.name == "role" for f in user.fields):
        role = FieldDraft("role", "enum", values=roles, source="inferred", confidence=0.7)
        role.default = roles[-1]
        user.fields.append(role)


def _korean_labels(draft: Draft, labels: dict[str, str]) -> None:
    """The Korean words the user wrote become the display labels of what they named."""
    by_name = {snake(english): korean for english, korean in labels.items()}
    for entity in draft.entities.values():
        entity.label = by_name.get(snake(entity.name), entity.label)
        for f in entity.fields:
            f.label = by_name.get(f.name, f.label)


def _relation_questions(draft: Draft) -> list[str]:
    """A reference the text did not state outright may really be a many-to-many."""
    asked: list[str] = []
    for rel in draft.relations:
        if rel.kind != "many_to_one" or rel.source_tag == "stated" or rel.source == rel.target:
            continue
        source, target = draft.entities[rel.source], draft.entities[rel.target]
        if source.source == "inferred":
            continue  # a join the text implied ("members borrow books" -> Loan) is one-to-one
        asked.append(
            f"Can {_article(source.label.lower())} have several {plural(target.label.lower())}? "
            f"It was read as one {target.label.lower()}."
        )
    return asked


_TERSE = 12  # words: "bookmark manager with tags" names the app's kind, then extras
# Records that hang off a main one; a description naming only these lacks its main record.
_SIDE_RECORDS = frozenset(
    {"Tag", "Label", "Category", "Comment", "Attachment", "Note", "Photo", "Image", "File"}
)


def _core_entity(draft: Draft, domain: Domain) -> None:
    """A terse "<kind of app> with tags" still has the kind's own main record."""
    core = domain.entities[0] if domain.entities else None
    only_side = all(name in _SIDE_RECORDS for name in draft.entities)
    if core is not None and only_side and draft.find(core.name) is None:
        add_kb_entity(draft, core)


def _article(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _default_fields(*, with_description: bool) -> list[FieldDraft]:
    fields = [FieldDraft("name", required=True, source="default", confidence=0.4)]
    if with_description:
        fields.append(FieldDraft("description", "text", source="default", confidence=0.4))
    return fields


def _enum_questions(entity: EntityDraft) -> list[str]:
    return [
        f"Which values can {entity.name}.{f.name} take? It was kept as free text."
        for f in entity.fields
        if f.source == "stated" and f.name in _ENUMISH and f.type == "string"
    ]


def _unsupported_questions(unsupported: tuple[str, ...]) -> list[str]:
    return [
        f"A generated app cannot build the {label}; should the project cover only the "
        "data-management parts?"
        for label in unsupported
    ]


def _features(text: str, draft: Draft, domain: Domain | None) -> tuple[Feature, ...]:
    found: set[str] = set(detect_features(text))
    if domain is not None and any(e.source == "knowledge_base" for e in draft.entities.values()):
        found.update(domain.features)
    return tuple(f for f in _FEATURE_ORDER if f in found)


def _clean_title(raw: str) -> str:
    parts = list(re.findall(r"[A-Za-z0-9][A-Za-z0-9'&+-]*", raw))
    while parts and (parts[0].lower() in FUNCTION_WORDS | _TITLE_DROP):
        parts = parts[1:]
    while parts and parts[-1].lower() in {"app", "application", "software", "apps"}:
        parts = parts[:-1]
    if not parts or len(parts) > 5 or any(p.lower() in FUNCTION_WORDS for p in parts):
        return ""
    if any(len(p) > 30 for p in parts) or not parts[0][:1].isalpha():
        return ""
    if all(p.lower() in APP_WORDS for p in parts) or find_verb(tokenize(raw)) is not None:
        return ""
    return " ".join(p if p.isupper() and len(p) > 1 else p[:1].upper() + p[1:] for p in parts)


def _title(titles: list[str], domain: Domain | None, text: str, draft: Draft) -> str:
    for raw in titles:
        if title := _clean_title(raw):
            return title
    if domain is not None:
        return domain.title
    first = sentences(text.split("\n", 1)[0])
    lead = re.split(r"\b(?:that|which|with|where|for|to)\b", first[0])[0] if first else ""
    verbless = not first or find_verb(tokenize(first[0])) is None
    if verbless and len(words(lead)) <= 4 and (title := _clean_title(lead)):
        return title
    first_entity = next(iter(draft.entities.values()), None)
    return f"{first_entity.label.title()} Manager" if first_entity else "Untitled Project"


def _entity(entity: EntityDraft) -> EntityReq:
    return EntityReq(
        name=entity.name,
        label=entity.label,
        fields=tuple(_field(f) for f in entity.fields),
        source=entity.source,
        confidence=entity.confidence,
    )


def _field(field: FieldDraft) -> FieldReq:
    kind = field.type if field.type != "enum" or field.values else "string"
    inferred = field.source == "stated" and kind != "string"
    return FieldReq(
        name=field.name,
        type=kind,
        label=field.label or field.name.replace("_", " "),
        required=field.required,
        unique=field.unique,
        values=field.values if kind == "enum" else (),
        minimum=field.minimum,
        maximum=field.maximum,
        default=_default(field),
        source=field.source,
        confidence=min(field.confidence, 0.8)
        if inferred and not field.values
        else field.confidence,
    )


def _default(field: FieldDraft) -> str | None:
    """A stated default, kept only when it fits the field (an enum default must be a value)."""
    if field.default is None or (field.type == "enum" and field.default not in field.values):
        return None
    return field.default


def _relation(rel: RelationDraft) -> RelationReq:
    return RelationReq(
        kind=rel.kind,
        source=rel.source,
        target=rel.target,
        field=rel.field,
        required=rel.required,
        source_tag=rel.source_tag,
        confidence=rel.confidence,
    )
