"""Tenants: the slug a new tenant is addressed by, reading and changing one's own tenant."""

from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy.orm import Session

from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.tenant import repository
from tdeveloper.platform.tenant.models import Tenant
from tdeveloper.platform.tenant.schemas import TenantPatch

__all__ = ["MAX_SLUG", "RESERVED_SLUGS", "current_tenant", "slug_for", "suffixed", "update_tenant"]

MAX_SLUG = 40
# Slugs are subdomains (`<slug>.<base domain>`): names the platform itself may need.
RESERVED_SLUGS = frozenset({"admin", "api", "app", "auth", "mail", "static", "status", "www"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug_for(name: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens, at most MAX_SLUG characters:
    accents are folded ("Zürich" -> "zurich"), anything else becomes a hyphen."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:MAX_SLUG].rstrip("-")
    return slug or "org"


def suffixed(slug: str) -> str:
    """The slug with a short random suffix, still within MAX_SLUG."""
    suffix = secrets.token_hex(3)
    return f"{slug[: MAX_SLUG - len(suffix) - 1].rstrip('-')}-{suffix}"


def current_tenant(session: Session, principal: Principal) -> Tenant:
    tenant = repository.get_tenant(session, principal.tenant_id)
    if tenant is None:
        raise ApiError.not_found("tenant")
    return tenant


def update_tenant(session: Session, principal: Principal, patch: TenantPatch) -> Tenant:
    tenant = current_tenant(session, principal)
    if patch.name is not None:
        tenant.name = patch.name
    if patch.mfa_required is not None:
        tenant.mfa_required = patch.mfa_required
    session.flush()
    return tenant
