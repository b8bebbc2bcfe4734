"""Request and response bodies of the auth feature. Request bodies forbid unknown fields,
so nobody registers with a `role` or a `plan` of their choosing."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

__all__ = [
    "MIN_PASSWORD",
    "CodeBody",
    "Enrolment",
    "Me",
    "RefreshBody",
    "RegisterBody",
    "Registered",
    "RegisteredTenant",
    "RegisteredUser",
    "TokenPair",
]

MIN_PASSWORD, MAX_PASSWORD = 10, 256

Password = Annotated[str, Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD)]
TenantName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# A refresh token reads `<tenant hex>.<43 url-safe characters>`; the bound only stops junk.
RefreshTokenText = Annotated[str, Field(min_length=1, max_length=200)]
TotpCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{6}$")]


class RegisterBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tenant_name: TenantName
    email: EmailStr
    password: Password

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.lower()


class RefreshBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    refresh_token: RefreshTokenText


class CodeBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: TotpCode


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 (a scheme, not a secret)
    expires_in: int  # seconds the access token lives


class RegisteredTenant(BaseModel):
    id: uuid.UUID
    name: str
    slug: str


class RegisteredUser(BaseModel):
    id: uuid.UUID
    email: str
    role: str


class Registered(TokenPair):
    tenant: RegisteredTenant
    user: RegisteredUser


class Me(BaseModel):
    user_id: uuid.UUID | None  # None for an API key
    tenant_id: uuid.UUID
    tenant_slug: str
    role: str
    permissions: list[str]
    kind: Literal["user", "api_key"]
    mfa_enabled: bool


class Enrolment(BaseModel):
    secret: str
    otpauth_uri: str
