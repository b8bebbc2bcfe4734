"""HTTP routes of the apikey feature: a tenant's administrators issue and revoke keys for
service accounts."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from tdeveloper.platform.apikey import service
from tdeveloper.platform.apikey.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from tdeveloper.platform.auth.deps import TenantSession, require
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.pagination import Limit, Offset

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/api-keys", tags=["api-keys"])

KeyAdmin = Annotated[Principal, Depends(require("org:api_keys"))]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_key(body: ApiKeyCreate, session: TenantSession, principal: KeyAdmin) -> ApiKeyCreated:
    """Issues a key with the chosen scopes (each one held by the caller). The key is in this
    answer only: it is stored as a digest and cannot be shown again."""
    return service.create_key(session, principal, body)


@router.get("")
def list_keys(
    session: TenantSession,
    principal: KeyAdmin,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[ApiKeyOut]:
    """The tenant's keys, revoked ones included, by prefix (never the key)."""
    return service.list_keys(session, principal, limit, offset)


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT)
def revoke_key(key_id: uuid.UUID, session: TenantSession, principal: KeyAdmin) -> Response:
    """Revokes the key: it stops authenticating as soon as this answers."""
    service.revoke_key(session, principal, key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
