"""Who is calling: a signed-in user (access token) or a service account (API key)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Literal

from tdeveloper.platform.auth.permissions import grants

__all__ = ["Principal"]


@dataclass(frozen=True)
class Principal:
    kind: Literal["user", "api_key"]
    subject: uuid.UUID  # the user's id, or the API key's id
    tenant_id: uuid.UUID
    tenant_slug: str
    role: str
    permissions: frozenset[str]
    claims: dict[str, Any] = field(default_factory=dict, compare=False)

    def can(self, permission: str) -> bool:
        return grants(self.permissions, permission)

    @property
    def user_id(self) -> uuid.UUID | None:
        return self.subject if self.kind == "user" else None
