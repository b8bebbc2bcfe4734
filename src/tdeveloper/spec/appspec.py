"""The typed model of the app: the contract other tools read as JSON."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field as PydField

from tdeveloper.spec.base import Confidence, Feature, FieldType, Frozen, Source
from tdeveloper.spec.requirements import NonFunctional


class Field(Frozen):
    name: str
    type: FieldType
    label: str = ""
    required: bool = False
    unique: bool = False
    values: tuple[str, ...] = ()
    target: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    default: str | None = None
    source: Source = "stated"
    confidence: Confidence = PydField(default=0.9, ge=0.0, le=1.0)


class Entity(Frozen):
    name: str
    plural: str
    table: str
    label: str = ""
    fields: tuple[Field, ...] = ()
    source: Source = "stated"
    confidence: Confidence = PydField(default=0.9, ge=0.0, le=1.0)

    @property
    def module(self) -> str:
        """Snake-case singular used for Python module names."""
        return self.table_singular

    @property
    def table_singular(self) -> str:
        from tdeveloper.spec.names import snake

        return snake(self.name)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


class Relation(Frozen):
    kind: Literal["many_to_one", "many_to_many"]
    source: str
    target: str
    field: str | None = None
    name: str | None = None
    through: str | None = None
    required: bool = False
    source_tag: Source = "stated"
    confidence: Confidence = PydField(default=0.8, ge=0.0, le=1.0)


class UserStory(Frozen):
    role: str
    action: str
    benefit: str = ""


class ValidationRule(Frozen):
    entity: str
    field: str
    rule: Literal[
        "required", "unique", "enum", "minimum", "maximum", "max_length", "format", "reference"
    ]
    value: str | float | None = None


class AppSpec(Frozen):
    name: str
    title: str
    language: Literal["en", "ko"] = "en"
    description: str = ""
    domain: str | None = None
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    features: tuple[Feature, ...] = ()
    roles: tuple[str, ...] = ()
    user_stories: tuple[UserStory, ...] = ()
    validation_rules: tuple[ValidationRule, ...] = ()
    non_functional: NonFunctional = NonFunctional()

    def entity(self, name: str) -> Entity:
        for ent in self.entities:
            if ent.name == name:
                return ent
        raise KeyError(name)

    def many_to_many(self, entity: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.kind == "many_to_many" and r.source == entity)


class TableColumn(Frozen):
    name: str
    type: str
    nullable: bool = True
    unique: bool = False
    primary_key: bool = False
    references: str | None = None


class Table(Frozen):
    name: str
    columns: tuple[TableColumn, ...]


class ParsedApp(Frozen):
    """The parser's output: the spec plus its API contract and database schema."""

    spec: AppSpec
    openapi: dict[str, Any]
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()
