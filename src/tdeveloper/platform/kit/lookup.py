"""Which tenants hold a sign-in e-mail or an API key prefix, asked before any tenant is
known. PostgreSQL answers through one SECURITY DEFINER function over an index the
application role cannot read (migration 0002); SQLite, which has no roles, reads the tables."""

from __future__ import annotations

import uuid
from typing import Literal

from sqlalchemy import Engine, text

__all__ = ["tenants_holding"]

_SQLITE = {
    "email": "SELECT tenant_id FROM users WHERE email = :lookup",
    "api_key": "SELECT tenant_id FROM api_keys WHERE prefix = :lookup",
}


def tenants_holding(
    engine: Engine, kind: Literal["email", "api_key"], lookup: str
) -> list[uuid.UUID]:
    if engine.dialect.name == "postgresql":
        query = text("SELECT tdev_credential_tenants(:kind, :lookup)")
    else:
        query = text(_SQLITE[kind])
    with engine.connect() as connection:
        rows: list[object] = list(
            connection.execute(query, {"kind": kind, "lookup": lookup}).scalars()
        )
    return [value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) for value in rows]
