"""Shared base for every model that flows between stages."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Source = Literal["stated", "inferred", "knowledge_base", "default"]

FieldType = Literal[
    "string",
    "text",
    "integer",
    "decimal",
    "float",
    "boolean",
    "date",
    "datetime",
    "time",
    "email",
    "url",
    "enum",
    "uuid",
    "json",
    "reference",
]

FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]

Feature = Literal["auth", "roles", "search", "upload", "notifications", "payments"]

FEATURES: tuple[str, ...] = Feature.__args__  # type: ignore[attr-defined]

Confidence = float


class Frozen(BaseModel):
    """Frozen, strict model: stages exchange these, never loose dicts."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        ser_json_bytes="base64",
        val_json_bytes="base64",
    )


class Scored(Frozen):
    """One option a stage considered, with its score and the reasons for it."""

    name: str
    score: float = Field(ge=0.0, le=1.0)
    reasons: tuple[str, ...] = ()
