"""Queries of the user feature. Every query names the tenant: on PostgreSQL row-level
security scopes it too, on SQLite this filter is the only thing that does."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tdeveloper.platform.auth.models import RefreshToken, User
from tdeveloper.platform.kit.models import now

__all__ = [
    "active_admin_ids",
    "email_taken",
    "find_user",
    "list_users",
    "revoke_refresh_tokens",
]


def list_users(session: Session, tenant_id: uuid.UUID, limit: int, offset: int) -> list[User]:
    query = (
        select(User)
        .where(User.tenant_id == tenant_id)
        .order_by(User.created_at, User.id)
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(query))


def find_user(session: Session, tenant_id: uuid.UUID, user_id: uuid.UUID) -> User | None:
    query = select(User).where(User.tenant_id == tenant_id, User.id == user_id)
    return session.scalars(query).first()


def email_taken(session: Session, tenant_id: uuid.UUID, email: str) -> bool:
    query = select(User.id).where(User.tenant_id == tenant_id, User.email == email)
    return session.scalars(query).first() is not None


def active_admin_ids(session: Session, tenant_id: uuid.UUID) -> list[uuid.UUID]:
    """The tenant's active org_admins, locked (PostgreSQL) so two administrators removing
    each other at once cannot both see the other still there; always locked in id order,
    so two such requests wait for each other instead of deadlocking."""
    query = (
        select(User.id)
        .where(User.tenant_id == tenant_id, User.role == "org_admin", User.active.is_(True))
        .order_by(User.id)
        .with_for_update()
    )
    return list(session.scalars(query))


def revoke_refresh_tokens(session: Session, tenant_id: uuid.UUID, user_id: uuid.UUID) -> int:
    """Marks every refresh token of the user that is still open as revoked."""
    result = session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.tenant_id == tenant_id,
            RefreshToken.user_id == user_id,
            RefreshToken.revoked_at.is_(None),
        )
        .values(revoked_at=now())
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
