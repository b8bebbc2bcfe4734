"""Queries of the API key feature. Every query names the tenant: on PostgreSQL row-level
security scopes it too, on SQLite this filter is the only thing that does."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from tdeveloper.platform.apikey.models import ApiKey
from tdeveloper.platform.tenant.models import Tenant

__all__ = ["find_key", "key_with_slug", "list_keys", "touch"]


def list_keys(session: Session, tenant_id: uuid.UUID, limit: int, offset: int) -> list[ApiKey]:
    query = (
        select(ApiKey)
        .where(ApiKey.tenant_id == tenant_id)
        .order_by(ApiKey.created_at, ApiKey.id)
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(query))


def find_key(session: Session, tenant_id: uuid.UUID, key_id: uuid.UUID) -> ApiKey | None:
    query = select(ApiKey).where(ApiKey.tenant_id == tenant_id, ApiKey.id == key_id)
    return session.scalars(query).first()


def key_with_slug(session: Session, tenant_id: uuid.UUID, prefix: str) -> tuple[ApiKey, str] | None:
    """The key with this prefix in the tenant, and the tenant's slug (one round trip)."""
    query = (
        select(ApiKey, Tenant.slug)
        .join(Tenant, Tenant.id == ApiKey.tenant_id)
        .where(ApiKey.tenant_id == tenant_id, ApiKey.prefix == prefix)
    )
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1])


def touch(session: Session, key: ApiKey, when: datetime, every: timedelta) -> None:
    """Records a use, unless one was recorded less than `every` ago (also by a concurrent
    request: the condition is checked by the database, not only by us)."""
    session.execute(
        update(ApiKey)
        .where(
            ApiKey.tenant_id == key.tenant_id,
            ApiKey.id == key.id,
            or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < when - every),
        )
        .values(last_used_at=when)
        .execution_options(synchronize_session=False)
    )
