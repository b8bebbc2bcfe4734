"""Request and response bodies of the user feature."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

__all__ = ["AssignableRole", "UserCreate", "UserOut", "UserUpdate"]

# Roles an administrator may hand out: super_admin is the operator's, api_user belongs to
# API keys, so neither can be given through this API.
AssignableRole = Literal["org_admin", "team_lead", "developer", "viewer"]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=320)
    role: AssignableRole
    # The upper bound keeps one request from making argon2 hash megabytes.
    password: str = Field(min_length=10, max_length=256)

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()


class UserUpdate(BaseModel):
    """Only the role and whether the account is active change here (anything else: 422)."""

    model_config = ConfigDict(extra="forbid")

    role: AssignableRole | None = None
    active: bool | None = None


class UserOut(BaseModel):
    """A user as the API shows them: never the password hash or the MFA secret."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    role: str
    active: bool
    mfa_enabled: bool
    created_at: datetime

    @field_validator("created_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        # SQLite hands back naive datetimes; every stored time is UTC.
        return value if value.tzinfo else value.replace(tzinfo=UTC)
