"""Roles, what they may do, and the test every endpoint applies (deny by default).

A permission is `area:action`; a held `area:*` grants every action of the area and `*`
grants everything. API keys act as `api_user` with exactly the scopes chosen for the key,
taken from API_KEY_SCOPES."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["API_KEY_SCOPES", "ROLES", "ROLE_PERMISSIONS", "grants"]

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "super_admin": ("*",),
    # An organisation's administrator also works on its projects (org:* alone would let it
    # manage members but not read the projects they make).
    "org_admin": ("org:*", "team:*", "project:*", "agent:execute", "analytics:read"),
    # A team lead runs generations too: project:* without agent:execute could not.
    "team_lead": ("team:*", "project:*", "agent:execute", "analytics:read"),
    "developer": ("project:read", "project:write", "agent:execute"),
    "viewer": ("project:read", "analytics:read"),
    "api_user": ("api:*",),
}
ROLES = tuple(ROLE_PERMISSIONS)
API_KEY_SCOPES = ("project:read", "project:write", "agent:execute", "analytics:read")


def grants(held: Iterable[str], needed: str) -> bool:
    """Whether the permissions `held` include `needed`."""
    for permission in held:
        if permission in ("*", needed):
            return True
        if permission.endswith(":*") and needed.startswith(permission[:-1]):
            return True
    return False
