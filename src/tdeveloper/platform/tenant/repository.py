"""Queries on tenants. On PostgreSQL row-level security shows a session only its own tenant
row; the explicit `id` filter is what isolates on SQLite."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdeveloper.platform.tenant.models import Tenant

__all__ = ["add_tenant", "get_tenant"]


def get_tenant(session: Session, tenant_id: uuid.UUID) -> Tenant | None:
    return session.scalars(select(Tenant).where(Tenant.id == tenant_id)).one_or_none()


def add_tenant(session: Session, tenant_id: uuid.UUID, name: str, slug: str) -> Tenant:
    """Insert now (flush), so a taken slug fails here as an IntegrityError."""
    tenant = Tenant(id=tenant_id, name=name, slug=slug)
    session.add(tenant)
    session.flush()
    return tenant
