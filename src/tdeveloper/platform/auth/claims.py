"""The access token's claims for a user: who, which tenant, which role and permissions,
and the session (refresh-token family) it belongs to."""

from __future__ import annotations

import uuid

from tdeveloper.platform.auth.permissions import ROLE_PERMISSIONS
from tdeveloper.platform.state import Platform

__all__ = ["issue_access_token"]


def issue_access_token(
    platform: Platform,
    *,
    user_id: uuid.UUID,
    tenant_id: uuid.UUID,
    tenant_slug: str,
    role: str,
    session_id: uuid.UUID,
    mfa_pending: bool = False,
) -> str:
    """`mfa_pending`: the tenant requires a second factor the user has not enrolled yet, so
    the token carries no permissions (only /auth/me and /auth/mfa/* accept it)."""
    extra = {"mfa_pending": True} if mfa_pending else {}
    return platform.access_tokens.issue(
        str(user_id),
        tenant_id=str(tenant_id),
        tenant_slug=tenant_slug,
        roles=[role],
        permissions=[] if mfa_pending else list(ROLE_PERMISSIONS.get(role, ())),
        sid=str(session_id),
        **extra,
    )
