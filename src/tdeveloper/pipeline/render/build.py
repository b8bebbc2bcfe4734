"""Builds the view model (`AppView`) from an `AppSpec`: names checked, relations resolved."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from tdeveloper.pipeline.render.auth import Access, access_of, auth_view, with_accounts
from tdeveloper.pipeline.render.checks import check_links, check_names, fail
from tdeveloper.pipeline.render.fields import SEARCH_TYPES, field_code, type_info
from tdeveloper.pipeline.render.order import creation_order
from tdeveloper.pipeline.render.samples import sample, update_case
from tdeveloper.pipeline.render.views import (
    AppView,
    EntityView,
    FieldView,
    LinkView,
    RefView,
)
from tdeveloper.spec import AppSpec, Entity, Field, Relation
from tdeveloper.spec.names import plural as pluralize
from tdeveloper.spec.names import snake

__all__ = ["build_app"]

# Query parameters of every list route; a field with one of these names gets no filter.
LIST_PARAMS = frozenset({"limit", "offset", "sort", "q"})
_ALIASES = ("_common", "_decimal", "_dt", "_pd", "_t", "_uuid")
_STRING_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"')
_MAX_IDENTIFIER = 63  # PostgreSQL


def build_app(spec: AppSpec) -> AppView:
    spec = with_accounts(spec)  # the spec itself unless it asks for authentication
    check_names(spec)
    fields = {e.name: _with_relation_fields(spec, e) for e in spec.entities}
    edges = {
        name: [(f.name, _target(spec, name, f)) for f in entity_fields if f.type == "reference"]
        for name, entity_fields in fields.items()
    }
    order, deferred = creation_order([e.name for e in spec.entities], edges)
    links = _links(spec, fields)
    check_links(spec, fields, links)
    access = access_of(spec)
    views = {
        e.name: _entity(spec, e, fields[e.name], deferred, links, edges, access)
        for e in spec.entities
    }
    entities = tuple(views[e.name] for e in spec.entities)
    return AppView(
        name=spec.name,
        title=spec.title,
        description=spec.description,
        entities=entities,
        creation_order=tuple(views[name] for name in order),
        links=tuple(links),
        auth=auth_view(spec, entities),
    )


def _with_relation_fields(spec: AppSpec, entity: Entity) -> list[Field]:
    """The entity's fields plus a reference field for each many-to-one relation lacking one."""
    result = list(entity.fields)
    for rel in spec.relations:
        if rel.kind != "many_to_one" or rel.source != entity.name:
            continue
        name = _relation_field(rel)
        index = next((i for i, f in enumerate(result) if f.name == name), None)
        if index is None:
            result.append(
                Field(name=name, type="reference", target=rel.target, required=rel.required)
            )
        elif result[index].type != "reference":  # the relation says what the field is
            update = {"type": "reference", "target": rel.target}
            result[index] = result[index].model_copy(update=update)
    return result


def _relation_field(rel: Relation) -> str:
    return rel.field or f"{snake(rel.target)}_id"


def _target(spec: AppSpec, entity: str, field: Field) -> str:
    """The entity a reference field points to: its own target, else its relation's."""
    rel = next(
        (
            r
            for r in spec.relations
            if r.kind == "many_to_one" and r.source == entity and _relation_field(r) == field.name
        ),
        None,
    )
    target = field.target or (rel.target if rel else None)
    if target is None or target not in {e.name for e in spec.entities}:
        fail(f"reference field {entity}.{field.name} points to unknown entity {target!r}")
    assert target is not None
    return target


def _links(spec: AppSpec, fields: dict[str, list[Field]]) -> list[LinkView]:
    """Many-to-many relations with names derived where the spec leaves them out."""
    taken_tables = {e.table for e in spec.entities}
    result: list[LinkView] = []
    for rel in spec.relations:
        if rel.kind != "many_to_many":
            continue
        source, target = _entity_or_fail(spec, rel.source), _entity_or_fail(spec, rel.target)
        name = rel.name or pluralize(target.module)
        through = rel.through or f"{source.module}_{name}"
        through = _unique(through, taken_tables)
        taken_tables.add(through)
        right = f"{target.module}_id"
        result.append(
            LinkView(
                name=name,
                field=rel.field or f"{target.module}_ids",
                through=through,
                source=source.name,
                target=target.name,
                target_module=target.module,
                target_table=target.table,
                target_plural=target.plural,
                source_table=source.table,
                source_column=f"{source.module}_id",
                target_column=right if source.name != target.name else f"related_{right}",
            )
        )
    return result


def _entity_or_fail(spec: AppSpec, name: str) -> Entity:
    try:
        return spec.entity(name)
    except KeyError:
        fail(f"relation names unknown entity {name!r}")
        raise


def _unique(name: str, taken: set[str]) -> str:
    candidate, counter = name, 2
    while candidate in taken:
        candidate, counter = f"{name}_{counter}", counter + 1
    return candidate


def constraint_name(prefix: str, *parts: str) -> str:
    """A constraint name within PostgreSQL's limit; long ones end in a stable hash."""
    name = "_".join((prefix, *parts))
    if len(name) <= _MAX_IDENTIFIER:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: _MAX_IDENTIFIER - 9]}_{digest}"


def _field(
    spec: AppSpec, entity: Entity, field: Field, target: str | None, deferred: bool
) -> FieldView:
    info = type_info(field)
    ref = None
    if target is not None:
        other = spec.entity(target)
        ref = RefView(
            entity=other.name,
            table=other.table,
            module=other.module,
            self_ref=other.name == entity.name,
            deferred=deferred,
            fk_name=constraint_name("fk", entity.table, field.name),
        )
    nullable = not field.required or (ref is not None and (ref.self_ref or ref.deferred))
    return FieldView(
        name=field.name,
        type=field.type,
        label=field.label,
        nullable=nullable,
        unique=field.unique,
        info=info,
        code=field_code(field, info, nullable=nullable),
        ref=ref,
        sample=sample(field, ref.module if ref else None),
        filterable=info.filter is not None and field.name not in LIST_PARAMS,
        searchable=field.type in SEARCH_TYPES,
        spec=field,
    )


def _entity(
    spec: AppSpec,
    entity: Entity,
    fields: list[Field],
    deferred: set[tuple[str, str]],
    links: list[LinkView],
    edges: dict[str, list[tuple[str, str]]],
    access: Access,
) -> EntityView:
    targets = dict(edges[entity.name])
    views = tuple(
        _field(spec, entity, f, targets.get(f.name), (entity.name, f.name) in deferred)
        for f in fields
    )
    own = tuple(x for x in links if x.source == entity.name)
    return EntityView(
        name=entity.name,
        plural=entity.plural,
        table=entity.table,
        module=entity.module,
        label=entity.label,
        fields=views,
        links=own,
        referenced_by=_referenced_by(spec, entity.name, edges),
        linked_by=tuple(x for x in links if x.target == entity.name),
        sort_values=_sort_values(views),
        update=update_case(fields),
        test_module=_test_module(entity.module, auth=access.account is not None),
        imports=_imports(views, own),
        type_imports=tuple(sorted({(x.target_module, x.target) for x in own if not x.self_ref})),
        guards=access.guards(entity.name),
        account=entity.name == access.account,
    )


def _referenced_by(
    spec: AppSpec, name: str, edges: dict[str, list[tuple[str, str]]]
) -> tuple[tuple[str, str], ...]:
    return tuple(
        (e.module, field)
        for e in spec.entities
        for field, target in edges[e.name]
        if target == name
    )


def _sort_values(fields: Iterable[FieldView]) -> tuple[str, ...]:
    names = ["id", *(f.name for f in fields if f.info.sortable)]
    return tuple(value for name in names for value in (name, f"-{name}"))


def _test_module(module: str, *, auth: bool) -> str:
    """`test_<module>`, unless that is one of the fixed test files."""
    fixed = ("health", "migrations", "auth") if auth else ("health", "migrations")
    return f"test_{module}_api" if module in fixed else f"test_{module}"


def _aliases(fragments: Iterable[str]) -> tuple[str, ...]:
    """Module aliases (`_dt`, `_t`...) the fragments use, ignoring string literal contents."""
    code = " ".join(_STRING_LITERAL.sub('""', f) for f in fragments)
    return tuple(a for a in _ALIASES if re.search(rf"(?<![\w.]){a}\.", code))


def _imports(
    fields: tuple[FieldView, ...], links: tuple[LinkView, ...]
) -> dict[str, tuple[str, ...]]:
    other_entities = any(not x.self_ref for x in links)  # imported under TYPE_CHECKING
    model = [f.info.py for f in fields] + (["_t.TYPE_CHECKING"] if other_entities else [])
    code = [f.code for f in fields]
    schema = [
        " ".join((c.create_type, c.create_default, c.read_type, c.read_default)) for c in code
    ]
    schema += ["_pd.Field"] if links else []
    router = [f.code.filter_type or "" for f in fields if f.filterable]
    return {"models": _aliases(model), "schemas": _aliases(schema), "routers": _aliases(router)}
