"""Bodies of the tenant feature. A PATCH names only what a tenant's admin may change: the
plan, the slug and the id are not fields, so sending them is a 422."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    StringConstraints,
    field_validator,
    model_validator,
)

__all__ = ["TenantOut", "TenantPatch"]

TenantName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class TenantPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: TenantName | None = None
    mfa_required: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_nulls(cls, data: Any) -> Any:
        # Omit a field to leave it alone; null would mean "unset", which neither field allows.
        if isinstance(data, dict):
            nulls = sorted(str(key) for key, value in data.items() if value is None)
            if nulls:
                raise ValueError(f"{', '.join(nulls)} may be omitted but not null")
        return data


class TenantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    slug: str
    plan: str
    mfa_required: bool
    created_at: datetime

    @field_validator("created_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        # SQLite hands back naive datetimes; every stored time is UTC.
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
