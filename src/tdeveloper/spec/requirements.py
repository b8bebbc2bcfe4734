"""What nl_input understood of the description (before names are validated)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tdeveloper.spec.base import Confidence, Feature, FieldType, Frozen, Source


class FieldReq(Frozen):
    name: str
    type: FieldType = "string"
    label: str = ""
    required: bool = False
    unique: bool = False
    values: tuple[str, ...] = ()
    target: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    default: str | None = None
    source: Source = "stated"
    confidence: Confidence = Field(default=0.9, ge=0.0, le=1.0)


class EntityReq(Frozen):
    name: str
    label: str = ""
    fields: tuple[FieldReq, ...] = ()
    source: Source = "stated"
    confidence: Confidence = Field(default=0.9, ge=0.0, le=1.0)


class RelationReq(Frozen):
    kind: Literal["many_to_one", "many_to_many"]
    source: str
    target: str
    field: str | None = None
    required: bool = False
    source_tag: Source = "stated"
    confidence: Confidence = Field(default=0.8, ge=0.0, le=1.0)


class NonFunctional(Frozen):
    scale: Literal["small", "medium", "large"] = "small"
    compliance: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()


class Requirements(Frozen):
    description: str
    language: Literal["en", "ko"] = "en"
    project_type: str = "web_app"
    domain: str | None = None
    title: str = ""
    entities: tuple[EntityReq, ...] = ()
    relations: tuple[RelationReq, ...] = ()
    features: tuple[Feature, ...] = ()
    roles: tuple[str, ...] = ()
    non_functional: NonFunctional = NonFunctional()
    # Asked for but outside what CRUD templates cover ("a chess engine", "video editing").
    unsupported: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
