"""HTTP routes of the user feature: a tenant's administrators manage its members.

Changing a role or deactivating runs in its own unit of work so that the user's current
access tokens are revoked only after the change is committed."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status

from tdeveloper.platform.auth.deps import PlatformDep, TenantSession, require
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.pagination import Limit, Offset
from tdeveloper.platform.state import Platform
from tdeveloper.platform.user import service
from tdeveloper.platform.user.schemas import UserCreate, UserOut, UserUpdate

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/users", tags=["users"])

Admin = Annotated[Principal, Depends(require("org:users"))]


@router.get("")
def list_users(
    session: TenantSession,
    principal: Admin,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[UserOut]:
    """The tenant's users, oldest first."""
    return service.list_users(session, principal, limit, offset)


@router.post("", status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, session: TenantSession, principal: Admin) -> UserOut:
    """Adds a user to the tenant (409 if the e-mail is already a member)."""
    return service.create_user(session, principal, body)


@router.get("/{user_id}")
def get_user(user_id: uuid.UUID, session: TenantSession, principal: Admin) -> UserOut:
    return service.get_user(session, principal, user_id)


@router.patch("/{user_id}")
def update_user(
    user_id: uuid.UUID, body: UserUpdate, platform: PlatformDep, principal: Admin
) -> UserOut:
    """Changes the role or reactivates/deactivates; taking rights away ends the user's
    tokens at once."""
    with platform.session(principal.tenant_id) as session:
        change = service.update_user(session, principal, user_id, body)
    return _committed(platform, change)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def deactivate_user(user_id: uuid.UUID, platform: PlatformDep, principal: Admin) -> Response:
    """Deactivates the user (the row stays, for the records that name them)."""
    with platform.session(principal.tenant_id) as session:
        change = service.deactivate_user(session, principal, user_id)
    _committed(platform, change)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _committed(platform: Platform, change: service.Change) -> UserOut:
    if change.revoke:
        platform.revocations.revoke_user(str(change.user.id))
    return change.user
