"""parser: Requirements -> AppSpec with validated names, its OpenAPI contract and DB schema.

Everything that later reaches generated code as an identifier is decided here, through
`spec.names`. Renames are recorded as notes so the report can say what changed and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tdeveloper.pipeline.contract import openapi_contract, tables
from tdeveloper.pipeline.state import ParserInput, RunState
from tdeveloper.spec import (
    AppSpec,
    Entity,
    EntityReq,
    Field,
    FieldReq,
    GenerateOptions,
    ParsedApp,
    Relation,
    RelationReq,
    Requirements,
    UiChoice,
    UserStory,
    ValidationRule,
)
from tdeveloper.spec.errors import SpecError
from tdeveloper.spec.names import entity_name, field_name, pascal, plural, slug, snake

__all__ = ["Parser", "build_spec"]

_MAX_LENGTH = {"string": 200, "email": 320, "url": 2048}
_FORMATS = {"email": "email", "url": "url", "uuid": "uuid"}


class Parser:
    name = "parser"
    output = "parsed"

    def __init__(self, options: GenerateOptions | None = None) -> None:
        self.options = options or GenerateOptions()

    def select(self, state: RunState) -> ParserInput:
        return ParserInput(
            requirements=state.need("requirements", Requirements), ui=state.need("ui", UiChoice)
        )

    def run(self, data: ParserInput, /) -> ParsedApp:
        notes: list[str] = []
        spec = build_spec(data.requirements, notes, name=self.options.name)
        return ParsedApp(
            spec=spec, openapi=openapi_contract(spec), tables=tables(spec), notes=tuple(notes)
        )


@dataclass
class _Draft:
    """Mutable working copy of one entity while names and references are settled."""

    name: str
    label: str
    req: EntityReq
    fields: dict[str, Field] = field(default_factory=dict)


def build_spec(req: Requirements, notes: list[str], *, name: str | None = None) -> AppSpec:
    drafts, aliases = _entities(req, notes)
    if not drafts:
        wanted = "; ".join(req.unsupported) or "no entities were found"
        raise SpecError(f"nothing to build: {wanted}", unsupported=list(req.unsupported))
    relations = _relations(req, drafts, aliases, notes)
    entities = tuple(_finish(d) for d in drafts.values())
    title = req.title.strip() or pascal_title(req.domain or entities[0].name)
    spec_name = slug(name or title)
    return AppSpec(
        name=spec_name,
        title=title,
        language=req.language,
        description=req.description,
        domain=req.domain,
        entities=entities,
        relations=relations,
        features=req.features,
        roles=req.roles,
        user_stories=_stories(req, entities),
        validation_rules=_rules(entities),
        non_functional=req.non_functional,
    )


def pascal_title(text: str) -> str:
    return " ".join(w.capitalize() for w in snake(text).split("_")) or "App"


def _entities(req: Requirements, notes: list[str]) -> tuple[dict[str, _Draft], dict[str, str]]:
    """The entity drafts by valid name, and each raw name (as written and in PascalCase)
    mapped to its valid name, so relations and references follow renames."""
    drafts: dict[str, _Draft] = {}
    aliases: dict[str, str] = {}
    names = frozenset(pascal(e.name) for e in req.entities)
    for ent in req.entities:
        valid = entity_name(ent.name, notes, names - {pascal(ent.name)})
        aliases[ent.name] = aliases[pascal(ent.name)] = valid
        if valid in drafts:
            notes.append(f"entity {ent.name!r} appears twice; its fields were merged")
        else:
            drafts[valid] = _Draft(name=valid, label=ent.label or _words(valid), req=ent)
        for raw in ent.fields:
            _add_field(drafts[valid], raw, notes)
    _resolve_field_targets(drafts, aliases, notes)
    return drafts, aliases


def _add_field(draft: _Draft, raw: FieldReq, notes: list[str]) -> None:
    name = field_name(raw.name, notes)
    if raw.type == "reference" and not name.endswith("_id"):
        name = f"{name}_id"
    if name in draft.fields:
        notes.append(f"field {draft.name}.{name} appears twice; the first one was kept")
        return
    values = tuple(dict.fromkeys(v for v in raw.values if v.strip()))
    kind = raw.type if raw.type != "enum" or values else "string"
    draft.fields[name] = Field(
        name=name,
        type=kind,
        label=raw.label or raw.name.replace("_", " "),
        required=raw.required,
        unique=raw.unique,
        values=values if kind == "enum" else (),
        target=raw.target,
        minimum=raw.minimum,
        maximum=raw.maximum,
        max_length=_MAX_LENGTH.get(kind),
        default=raw.default,
        source=raw.source,
        confidence=raw.confidence,
    )


def _resolve_field_targets(
    drafts: dict[str, _Draft], aliases: dict[str, str], notes: list[str]
) -> None:
    """Reference fields must point at an entity that exists; otherwise they become text."""
    for draft in drafts.values():
        for name, fld in list(draft.fields.items()):
            if fld.type != "reference":
                continue
            target = _known(fld.target or "", aliases)
            if target is not None:
                draft.fields[name] = fld.model_copy(update={"target": target})
            else:
                notes.append(f"{draft.name}.{name} refers to unknown {fld.target!r}; kept as text")
                draft.fields.pop(name)
                plain = name.removesuffix("_id")
                draft.fields.setdefault(plain, fld.model_copy(update=_plain(plain)))


def _plain(name: str) -> dict[str, object]:
    return {"name": name, "type": "string", "target": None, "max_length": 200}


def _relations(
    req: Requirements, drafts: dict[str, _Draft], aliases: dict[str, str], notes: list[str]
) -> tuple[Relation, ...]:
    found: dict[tuple[str, ...], Relation] = {}
    for draft in drafts.values():  # reference fields stated on entities are relations too
        for fld in draft.fields.values():
            if fld.type == "reference" and fld.target:
                rel = Relation(
                    kind="many_to_one", source=draft.name, target=fld.target, field=fld.name,
                    required=fld.required, source_tag=fld.source, confidence=fld.confidence,
                )  # fmt: skip
                found[("m2o", draft.name, fld.name)] = rel
    for raw in req.relations:
        rel_or_none = _relation(raw, drafts, aliases, notes)
        if rel_or_none is None:
            continue
        key = _relation_key(rel_or_none)
        found.setdefault(key, rel_or_none)
    return tuple(found.values())


def _relation_key(rel: Relation) -> tuple[str, ...]:
    if rel.kind == "many_to_many":
        return ("m2m", *sorted((rel.source, rel.target)))
    return ("m2o", rel.source, rel.field or "")


def _relation(
    raw: RelationReq, drafts: dict[str, _Draft], aliases: dict[str, str], notes: list[str]
) -> Relation | None:
    source, target = _known(raw.source, aliases), _known(raw.target, aliases)
    if source is None or target is None:
        notes.append(f"relation {raw.source} -> {raw.target} names an unknown entity; dropped")
        return None
    if raw.kind == "many_to_many":
        return _many_to_many(raw, drafts[source], drafts[target])
    fname = field_name(raw.field or f"{snake(target)}_id", notes)
    fname = fname if fname.endswith("_id") else f"{fname}_id"
    existing = drafts[source].fields.get(fname)
    if existing is not None and existing.type == "reference" and existing.target != target:
        notes.append(f"{source}.{fname} already refers to {existing.target}; relation dropped")
        return None
    label = fname.removesuffix("_id").replace("_", " ")
    if fname == f"{snake(target)}_id" and not drafts[target].label.isascii():
        label = drafts[target].label  # a Korean description labels the reference in Korean
    drafts[source].fields[fname] = Field(
        name=fname, type="reference", target=target, required=raw.required,
        label=label, source=raw.source_tag, confidence=raw.confidence,
    )  # fmt: skip
    plain = drafts[source].fields.get(fname.removesuffix("_id"))
    if plain is not None and plain.type != "reference":  # "owner" text + owner_id: keep the id
        drafts[source].fields.pop(plain.name)
    return Relation(
        kind="many_to_one", source=source, target=target, field=fname, required=raw.required,
        source_tag=raw.source_tag, confidence=raw.confidence,
    )  # fmt: skip


def _many_to_many(raw: RelationReq, source: _Draft, target: _Draft) -> Relation:
    prefix = "related_" if source is target else ""  # a self-relation: "related_users"
    base = snake(target.name)
    attr = f"{prefix}{plural(base)}"
    return Relation(
        kind="many_to_many", source=source.name, target=target.name, name=attr,
        field=f"{prefix}{base}_ids", through=f"{snake(source.name)}_{attr}",
        source_tag=raw.source_tag, confidence=raw.confidence,
    )  # fmt: skip


def _known(raw: str, aliases: dict[str, str]) -> str | None:
    return aliases.get(raw) or aliases.get(pascal(raw))


def _finish(draft: _Draft) -> Entity:
    fields = tuple(draft.fields.values())
    if not any(f.type != "reference" for f in fields):
        fields = (
            Field(name="name", type="string", label="name", required=True, max_length=200,
                  source="default", confidence=0.5),
            *fields,
        )  # fmt: skip
    table = plural(snake(draft.name))
    return Entity(
        name=draft.name,
        plural=table,
        table=table,
        label=draft.label,
        fields=fields,
        source=draft.req.source,
        confidence=draft.req.confidence,
    )


def _words(name: str) -> str:
    return snake(name).replace("_", " ")


def _stories(req: Requirements, entities: tuple[Entity, ...]) -> tuple[UserStory, ...]:
    role = req.roles[0] if req.roles else "user"
    stories = [
        UserStory(
            role=role,
            action=f"create, browse, update and delete {_words(e.plural)}",
            benefit=f"the {_words(e.plural)} stay accurate and easy to find",
        )
        for e in entities
    ]
    if "auth" in req.features:
        stories.append(UserStory(role="visitor", action="sign in", benefit="my data is mine"))
    return tuple(stories)


def _rules(entities: tuple[Entity, ...]) -> tuple[ValidationRule, ...]:
    rules: list[ValidationRule] = []
    for ent in entities:
        for f in ent.fields:
            rules.extend(_field_rules(ent.name, f))
    return tuple(rules)


def _field_rules(entity: str, f: Field) -> list[ValidationRule]:
    def rule(kind: str, value: str | float | None = None) -> ValidationRule:
        return ValidationRule(entity=entity, field=f.name, rule=kind, value=value)

    out = [rule("required")] if f.required else []
    out += [rule("unique")] if f.unique else []
    out += [rule("enum", "|".join(f.values))] if f.type == "enum" else []
    out += [rule("minimum", f.minimum)] if f.minimum is not None else []
    out += [rule("maximum", f.maximum)] if f.maximum is not None else []
    out += [rule("max_length", f.max_length)] if f.max_length is not None else []
    out += [rule("format", _FORMATS[f.type])] if f.type in _FORMATS else []
    out += [rule("reference", f.target)] if f.type == "reference" else []
    return out
