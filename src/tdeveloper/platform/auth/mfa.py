"""The TOTP second factor (RFC 6238: 30-second steps, one step of clock drift either way):
enrolling, confirming and disabling it, and the rule for tokens issued before a factor the
tenant requires is enrolled (`mfa_pending`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyotp
from sqlalchemy.orm import Session

from tdeveloper.platform.auth import repository
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.auth.schemas import Enrolment
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.tenant import repository as tenants

if TYPE_CHECKING:
    from tdeveloper.platform.auth.models import User
    from tdeveloper.platform.state import Platform

__all__ = [
    "ISSUER",
    "confirm_mfa",
    "disable_mfa",
    "enroll_mfa",
    "ensure_settled",
    "new_secret",
    "otpauth_uri",
    "verify_code",
]

ISSUER = "T-Developer"


def new_secret() -> str:
    return pyotp.random_base32()


def otpauth_uri(secret: str, email: str) -> str:
    """What an authenticator app scans (as a QR code) to learn the secret."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def verify_code(secret: str | None, code: str | None) -> bool:
    if not secret or not code:
        return False
    return pyotp.TOTP(secret).verify(code.strip(), valid_window=1)


def ensure_settled(principal: Principal) -> Principal:
    """Refuse a principal signed in to a tenant that requires MFA before enrolling: such a
    token may only read /auth/me and enrol (/auth/mfa/*)."""
    if principal.claims.get("mfa_pending"):
        raise ApiError(
            403,
            "mfa-enrolment-required",
            "this organisation requires a second factor: enrol one at /api/v1/auth/mfa/enroll",
        )
    return principal


def enroll_mfa(session: Session, principal: Principal) -> Enrolment:
    """A new secret, off until a code confirms it. Refused while a factor is on: replacing
    it would let a stolen access token take the account's second factor over."""
    user = _signed_in_user(session, principal)
    if user.mfa_enabled:
        raise ApiError(409, "mfa-already-enabled", "disable the current factor first")
    user.mfa_secret = new_secret()
    session.flush()
    return Enrolment(secret=user.mfa_secret, otpauth_uri=otpauth_uri(user.mfa_secret, user.email))


def confirm_mfa(platform: Platform, session: Session, principal: Principal, code: str) -> None:
    user = _signed_in_user(session, principal)
    if user.mfa_enabled:
        raise ApiError(409, "mfa-already-enabled", "the second factor is already on")
    if user.mfa_secret is None:
        raise ApiError(409, "mfa-not-enrolled", "enrol first: POST /api/v1/auth/mfa/enroll")
    _check_code(platform, user, code)
    user.mfa_enabled = True
    session.flush()


def disable_mfa(platform: Platform, session: Session, principal: Principal, code: str) -> None:
    user = _signed_in_user(session, principal)
    if not user.mfa_enabled:
        raise ApiError(409, "mfa-not-enabled", "the second factor is not on")
    tenant = tenants.get_tenant(session, principal.tenant_id)
    if tenant is not None and tenant.mfa_required:
        raise ApiError(409, "mfa-required-by-tenant", "this organisation requires a second factor")
    _check_code(platform, user, code)
    user.mfa_enabled, user.mfa_secret = False, None
    session.flush()


def _check_code(platform: Platform, user: User, code: str) -> None:
    # Six digits fall to guessing without a limit; the sign-in limit applies per user.
    if not platform.login_limit.hit("mfa", str(user.id)):
        raise ApiError(
            429,
            "too-many-requests",
            "too many one-time codes tried; try again later",
            headers={"Retry-After": str(platform.login_limit.retry_after("mfa", str(user.id)))},
        )
    if not verify_code(user.mfa_secret, code):
        raise ApiError(400, "invalid-code", "the one-time code is not valid")


def _signed_in_user(session: Session, principal: Principal) -> User:
    if principal.user_id is None:
        raise ApiError.forbidden("only a signed-in user has a second factor, not an API key")
    user = repository.user_by_id(session, principal.tenant_id, principal.user_id)
    if user is None or not user.active:
        raise ApiError.unauthorized("the signed-in user no longer exists")
    return user
