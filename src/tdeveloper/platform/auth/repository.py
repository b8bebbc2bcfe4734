"""Queries on users and refresh tokens, always filtered by tenant as well (row-level
security isolates on PostgreSQL; this filter is what isolates on SQLite)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from tdeveloper.platform.auth.models import RefreshToken, User

__all__ = [
    "add_refresh_token",
    "claim_refresh_token",
    "refresh_token_by_hash",
    "revoke_family",
    "user_by_email",
    "user_by_id",
]


def user_by_email(session: Session, tenant_id: uuid.UUID, email: str) -> User | None:
    query = select(User).where(User.tenant_id == tenant_id, User.email == email)
    return session.scalars(query).one_or_none()


def user_by_id(session: Session, tenant_id: uuid.UUID, user_id: uuid.UUID) -> User | None:
    query = select(User).where(User.tenant_id == tenant_id, User.id == user_id)
    return session.scalars(query).one_or_none()


def add_refresh_token(
    session: Session, user: User, family_id: uuid.UUID, token_hash: str, expires_at: datetime
) -> RefreshToken:
    row = RefreshToken(
        tenant_id=user.tenant_id,
        user_id=user.id,
        family_id=family_id,
        token_hash=token_hash,
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    return row


def refresh_token_by_hash(
    session: Session, tenant_id: uuid.UUID, token_hash: str
) -> RefreshToken | None:
    query = select(RefreshToken).where(
        RefreshToken.tenant_id == tenant_id, RefreshToken.token_hash == token_hash
    )
    return session.scalars(query).one_or_none()


def claim_refresh_token(session: Session, row: RefreshToken, when: datetime) -> bool:
    """Mark the token used unless it already is. A conditional UPDATE rather than a read
    then a write: of two concurrent uses exactly one wins, the other counts as reuse."""
    query = (
        update(RefreshToken)
        .where(
            RefreshToken.tenant_id == row.tenant_id,
            RefreshToken.id == row.id,
            RefreshToken.used_at.is_(None),
            RefreshToken.revoked_at.is_(None),
        )
        .values(used_at=when)
        .execution_options(synchronize_session=False)
    )
    result = cast(CursorResult[Any], session.execute(query))
    return result.rowcount == 1


def revoke_family(
    session: Session, tenant_id: uuid.UUID, family_id: uuid.UUID, when: datetime
) -> None:
    query = (
        update(RefreshToken)
        .where(
            RefreshToken.tenant_id == tenant_id,
            RefreshToken.family_id == family_id,
            RefreshToken.revoked_at.is_(None),
        )
        .values(revoked_at=when)
        .execution_options(synchronize_session=False)
    )
    session.execute(query)
