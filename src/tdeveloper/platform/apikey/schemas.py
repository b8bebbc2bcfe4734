"""Request and response bodies of the API key feature."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tdeveloper.platform.auth.permissions import API_KEY_SCOPES

__all__ = ["ApiKeyCreate", "ApiKeyCreated", "ApiKeyOut"]


def _utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes; every stored time is UTC.
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    scopes: list[str] = Field(
        min_length=1, max_length=32, json_schema_extra={"items": {"enum": list(API_KEY_SCOPES)}}
    )

    @field_validator("name")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the name must not be blank")
        return value.strip()

    @field_validator("scopes")
    @classmethod
    def _known(cls, value: list[str]) -> list[str]:
        unknown = sorted(set(value) - set(API_KEY_SCOPES))
        if unknown:
            raise ValueError(f"not an API key scope: {', '.join(unknown)}")
        return list(dict.fromkeys(value))  # without repeats, in the order given


class ApiKeyOut(BaseModel):
    """A key as listed: its public prefix, never the key or its digest."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    _times = field_validator("created_at", "last_used_at", "revoked_at")(_utc)


class ApiKeyCreated(BaseModel):
    """The answer to a creation: the only time the whole key is shown."""

    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    key: str
