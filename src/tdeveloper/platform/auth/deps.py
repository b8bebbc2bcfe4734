"""The request's identity and unit of work, as FastAPI dependencies.

`current_principal` reads a bearer token (an access token, or an API key `tdk_...`) or an
`X-API-Key` header; the credential's tenant decides, and an `X-Tenant-ID` header or a
`<slug>.` subdomain that disagrees is refused (only super_admin may switch tenants, by
header). `require(permission)` guards an endpoint. `TenantSession` is the request's unit of
work in the principal's tenant: committed when the endpoint returns, before the response
is sent (`scope="function"`), rolled back on an error; services never commit."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.auth.tokens import InvalidToken
from tdeveloper.platform.kit.db import open_session
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.state import Platform, get_platform

__all__ = [
    "API_KEY_HEADER",
    "API_KEY_PREFIX",
    "BEARER",
    "CurrentPrincipal",
    "PlatformDep",
    "TenantSession",
    "current_principal",
    "principal_from_token",
    "require",
]

API_KEY_PREFIX = "tdk_"
BEARER = HTTPBearer(auto_error=False, description="An access token or an API key (tdk_...)")
API_KEY_HEADER = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="An API key (tdk_...)"
)

PlatformDep = Annotated[Platform, Depends(get_platform)]


async def current_principal(
    request: Request,
    platform: PlatformDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)],
    api_key: Annotated[str | None, Security(API_KEY_HEADER)],
) -> Principal:
    raw = bearer.credentials if bearer is not None else api_key
    if not raw:
        raise ApiError.unauthorized("sign in: send a bearer token or an API key")
    if raw.startswith(API_KEY_PREFIX):
        from tdeveloper.platform.apikey.service import authenticate_key

        principal = await run_in_threadpool(authenticate_key, platform, raw)
    else:
        principal = await principal_from_token(platform, raw)
    return _route_tenant(request, platform, principal)


async def principal_from_token(platform: Platform, token: str) -> Principal:
    try:
        claims = platform.access_tokens.verify(token)
        tenant_id = uuid.UUID(str(claims["tenant_id"]))
        subject = uuid.UUID(str(claims["sub"]))
    except (InvalidToken, KeyError, ValueError) as exc:
        raise ApiError.unauthorized("the access token is not valid") from exc
    if await platform.revocations.is_revoked(claims):
        raise ApiError.unauthorized("the access token has been revoked")
    roles = claims.get("roles") or []
    return Principal(
        kind="user",
        subject=subject,
        tenant_id=tenant_id,
        tenant_slug=str(claims.get("tenant_slug", "")),
        role=str(roles[0]) if roles else "",
        permissions=frozenset(str(p) for p in claims.get("permissions") or ()),
        claims=claims,
    )


def _route_tenant(request: Request, platform: Platform, principal: Principal) -> Principal:
    base = platform.config.base_domain
    host = (request.headers.get("host") or "").split(":", 1)[0].lower()
    if base and host.endswith(f".{base}"):
        slug = host.removesuffix(f".{base}")
        if slug != principal.tenant_slug:
            raise ApiError.forbidden("the subdomain names another tenant than the credential")
    wanted = request.headers.get("x-tenant-id")
    if not wanted:
        return principal
    try:
        tenant_id = uuid.UUID(wanted)
    except ValueError as exc:
        raise ApiError.forbidden("X-Tenant-ID does not name the credential's tenant") from exc
    if tenant_id == principal.tenant_id:
        return principal
    if principal.role != "super_admin":
        raise ApiError.forbidden("X-Tenant-ID names another tenant than the credential")
    return replace(principal, tenant_id=tenant_id, tenant_slug="")


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(permission: str) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets the request through only if the principal holds `permission`."""

    async def check(principal: CurrentPrincipal) -> Principal:  # async: no I/O, no thread hop
        if principal.claims.get("mfa_pending"):
            # The tenant requires a second factor the user has not enrolled yet: only
            # /auth/me and /auth/mfa/* (which do not use `require`) are open to them.
            raise ApiError(403, "mfa-enrolment-required", "enrol a second factor first")
        if not principal.can(permission):
            raise ApiError.forbidden(f"this needs the {permission} permission")
        return principal

    check.__name__ = f"require_{permission.replace(':', '_')}"
    return check


async def _tenant_session(
    platform: PlatformDep, principal: CurrentPrincipal
) -> AsyncIterator[Session]:
    # The session connects on first use, in the endpoint's thread; the end of the unit of
    # work is one more trip to a thread. (A sync generator would cost two.)
    session = open_session(platform.engine, principal.tenant_id)
    try:
        yield session
    except BaseException:
        await run_in_threadpool(_finish, session, commit=False)
        raise
    await run_in_threadpool(_finish, session, commit=True)


def _finish(session: Session, *, commit: bool) -> None:
    try:
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


TenantSession = Annotated[Session, Depends(_tenant_session, scope="function")]
