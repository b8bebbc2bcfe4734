"""HTTP routes of the tenant feature: every member reads its own tenant; `org:settings`
changes it. A token still waiting for a required second factor reaches neither."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from tdeveloper.platform.auth.deps import CurrentPrincipal, TenantSession, require
from tdeveloper.platform.auth.mfa import ensure_settled
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.tenant import service
from tdeveloper.platform.tenant.schemas import TenantOut, TenantPatch

__all__ = ["router"]


def _settled(principal: CurrentPrincipal) -> Principal:
    return ensure_settled(principal)


# The router's dependency runs before each endpoint's own, so a pending token hears
# "enrol first" rather than "missing permission".
router = APIRouter(prefix="/api/v1/tenant", tags=["tenant"], dependencies=[Depends(_settled)])


@router.get("")
def read_tenant(principal: CurrentPrincipal, session: TenantSession) -> TenantOut:
    """The caller's own tenant."""
    return TenantOut.model_validate(service.current_tenant(session, principal))


@router.patch("")
def change_tenant(
    body: TenantPatch,
    principal: Annotated[Principal, Depends(require("org:settings"))],
    session: TenantSession,
) -> TenantOut:
    """Rename the tenant or require a second factor of all its users."""
    return TenantOut.model_validate(service.update_tenant(session, principal, body))
