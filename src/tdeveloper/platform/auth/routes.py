"""HTTP routes of the auth feature: register, the OAuth2 password grant, refresh, logout,
who am I, and the second factor. Token answers are never cached (`Cache-Control: no-store`)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Form, Header, Request, Response, status

from tdeveloper.platform.auth import mfa, service
from tdeveloper.platform.auth.deps import CurrentPrincipal, PlatformDep, TenantSession
from tdeveloper.platform.auth.schemas import (
    MAX_PASSWORD,
    CodeBody,
    Enrolment,
    Me,
    RefreshBody,
    RegisterBody,
    Registered,
    TokenPair,
)

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/auth", tags=["identity"])

_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@router.post("/register", status_code=status.HTTP_201_CREATED)
def register(body: RegisterBody, platform: PlatformDep, response: Response) -> Registered:
    """A new organisation (tenant) and its first user, its administrator, signed in."""
    response.headers.update(_NO_STORE)
    return service.register(platform, body)


@router.post("/token")
def token(
    request: Request,
    response: Response,
    platform: PlatformDep,
    username: Annotated[str, Form(max_length=320, description="the e-mail address")],
    password: Annotated[str, Form(max_length=MAX_PASSWORD)],
    otp: Annotated[str | None, Form(max_length=10, description="TOTP code")] = None,
    grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
    x_tenant_id: Annotated[uuid.UUID | None, Header()] = None,
) -> TokenPair:
    """Sign in (OAuth2 password grant). `X-Tenant-ID` chooses the organisation when the
    e-mail address belongs to several."""
    attempt = service.SignIn(
        email=username.strip().lower(),
        password=password,
        otp=otp,
        tenant_hint=x_tenant_id,
        client_ip=request.client.host if request.client else "unknown",
    )
    response.headers.update(_NO_STORE)
    return service.sign_in(platform, attempt)


@router.post("/refresh")
def refresh(body: RefreshBody, platform: PlatformDep, response: Response) -> TokenPair:
    """Trade a refresh token for a new pair; presenting a used one ends its session."""
    response.headers.update(_NO_STORE)
    return service.refresh(platform, body.refresh_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(
    body: RefreshBody,
    principal: CurrentPrincipal,
    session: TenantSession,
    platform: PlatformDep,
) -> None:
    """End the session: its refresh tokens and access tokens stop working at once."""
    service.logout(platform, session, principal, body.refresh_token)


@router.get("/me")
def me(principal: CurrentPrincipal, session: TenantSession) -> Me:
    """Who the credential belongs to and what it may do."""
    return service.me(session, principal)


@router.post("/mfa/enroll")
def enroll(principal: CurrentPrincipal, session: TenantSession, response: Response) -> Enrolment:
    """A new TOTP secret; the factor is off until /mfa/confirm receives a code."""
    response.headers.update(_NO_STORE)
    return mfa.enroll_mfa(session, principal)


@router.post("/mfa/confirm", status_code=status.HTTP_204_NO_CONTENT)
def confirm(
    body: CodeBody, principal: CurrentPrincipal, session: TenantSession, platform: PlatformDep
) -> None:
    """Turn the enrolled factor on with a current code."""
    mfa.confirm_mfa(platform, session, principal, body.code)


@router.post("/mfa/disable", status_code=status.HTTP_204_NO_CONTENT)
def disable(
    body: CodeBody, principal: CurrentPrincipal, session: TenantSession, platform: PlatformDep
) -> None:
    """Turn the factor off with a current code (not while the organisation requires it)."""
    mfa.disable_mfa(platform, session, principal, body.code)
