"""The API contract (OpenAPI 3.1) and database schema that follow from an AppSpec."""

from __future__ import annotations

from typing import Any

from tdeveloper.spec import AppSpec, Entity, Field, Table, TableColumn

__all__ = ["json_schema", "openapi_contract", "sql_type", "tables"]

_JSON: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "text": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "string", "format": "decimal"},
    "float": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "time": {"type": "string", "format": "time"},
    "email": {"type": "string", "format": "email"},
    "url": {"type": "string", "format": "uri"},
    "enum": {"type": "string"},
    "uuid": {"type": "string", "format": "uuid"},
    "json": {"type": "object"},
    "reference": {"type": "integer"},
}
_SQL = {
    "string": "VARCHAR",
    "text": "TEXT",
    "integer": "INTEGER",
    "decimal": "NUMERIC(12, 2)",
    "float": "DOUBLE PRECISION",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP WITH TIME ZONE",
    "time": "TIME",
    "email": "VARCHAR",
    "url": "VARCHAR",
    "enum": "VARCHAR",
    "uuid": "UUID",
    "json": "JSON",
    "reference": "INTEGER",
}


def json_schema(f: Field) -> dict[str, Any]:
    schema = dict(_JSON[f.type])
    if f.type == "enum":
        schema["enum"] = list(f.values)
    if f.max_length is not None:
        schema["maxLength"] = f.max_length
    if f.minimum is not None:
        schema["minimum"] = f.minimum
    if f.maximum is not None:
        schema["maximum"] = f.maximum
    if f.label:
        schema["title"] = f.label
    return schema


def sql_type(f: Field) -> str:
    base = _SQL[f.type]
    return f"{base}({f.max_length})" if base == "VARCHAR" and f.max_length else base


def _schemas(spec: AppSpec, ent: Entity) -> dict[str, Any]:
    props = {f.name: json_schema(f) for f in ent.fields}
    for rel in spec.many_to_many(ent.name):
        props[rel.field or ""] = {"type": "array", "items": {"type": "integer"}}
    required = [f.name for f in ent.fields if f.required]
    ref = f"#/components/schemas/{ent.name}Read"
    return {
        f"{ent.name}Create": {"type": "object", "properties": props, "required": required},
        f"{ent.name}Update": {"type": "object", "properties": props},
        f"{ent.name}Read": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, **props},
            "required": ["id", *required],
        },
        f"{ent.name}Page": {
            "type": "object",
            "properties": {
                "items": {"type": "array", "items": {"$ref": ref}},
                "total": {"type": "integer"},
                "limit": {"type": "integer"},
                "offset": {"type": "integer"},
            },
            "required": ["items", "total", "limit", "offset"],
        },
    }


def _body(name: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def _paths(ent: Entity) -> dict[str, Any]:
    n = ent.name
    ok = {"200": {"description": "OK", **_body(f"{n}Read")}}
    missing = {"404": {"description": "Not found"}, "422": {"description": "Invalid input"}}
    return {
        f"/api/{ent.plural}": {
            "get": {"operationId": f"list_{ent.table}", "responses": {
                "200": {"description": "OK", **_body(f"{n}Page")}}},
            "post": {"operationId": f"create_{ent.module}", "requestBody": _body(f"{n}Create"),
                     "responses": {"201": {"description": "Created", **_body(f"{n}Read")},
                                   "422": {"description": "Invalid input"}}},
        },
        f"/api/{ent.plural}/{{id}}": {
            "get": {"operationId": f"get_{ent.module}", "responses": {**ok, **missing}},
            "patch": {"operationId": f"update_{ent.module}", "requestBody": _body(f"{n}Update"),
                      "responses": {**ok, **missing}},
            "delete": {"operationId": f"delete_{ent.module}",
                       "responses": {"204": {"description": "Deleted"}, **missing}},
        },
    }  # fmt: skip


def openapi_contract(spec: AppSpec) -> dict[str, Any]:
    paths: dict[str, Any] = {"/health": {"get": {"responses": {"200": {"description": "OK"}}}}}
    schemas: dict[str, Any] = {}
    for ent in spec.entities:
        paths.update(_paths(ent))
        schemas.update(_schemas(spec, ent))
    return {
        "openapi": "3.1.0",
        "info": {"title": spec.title, "version": "0.1.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def tables(spec: AppSpec) -> tuple[Table, ...]:
    out = []
    for ent in spec.entities:
        cols = [TableColumn(name="id", type="INTEGER", nullable=False, primary_key=True)]
        for f in ent.fields:
            refs = f"{spec.entity(f.target).table}.id" if f.target else None
            cols.append(
                TableColumn(name=f.name, type=sql_type(f), nullable=not f.required,
                            unique=f.unique, references=refs)
            )  # fmt: skip
        out.append(Table(name=ent.table, columns=tuple(cols)))
    for rel in spec.relations:
        if rel.kind == "many_to_many" and rel.through:
            left, right = spec.entity(rel.source), spec.entity(rel.target)
            a, b = f"{left.module}_id", f"{right.module}_id"
            if a == b:
                b = f"related_{b}"
            out.append(Table(name=rel.through, columns=(
                TableColumn(name=a, type="INTEGER", nullable=False, primary_key=True,
                            references=f"{left.table}.id"),
                TableColumn(name=b, type="INTEGER", nullable=False, primary_key=True,
                            references=f"{right.table}.id"),
            )))  # fmt: skip
    return tuple(out)
