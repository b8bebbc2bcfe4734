"""Sign-up, sign-in, refresh-token rotation, sign-out and the second factor.

A session is a refresh-token family: signing in starts one (its id is the access token's
`sid`), each refresh marks the presented token used and issues the next of the family, and
presenting a used token again ends the whole family, its access tokens included.

Register, sign-in and refresh happen before any tenant is known, so they open their own
unit of work (`platform.session`) once they know it; the others use the request's."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tdeveloper.platform.auth import mfa, repository
from tdeveloper.platform.auth.claims import issue_access_token
from tdeveloper.platform.auth.models import RefreshToken, User
from tdeveloper.platform.auth.passwords import hash_password, needs_rehash, verify_password
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.auth.schemas import (
    Me,
    RegisterBody,
    Registered,
    RegisteredTenant,
    RegisteredUser,
    TokenPair,
)
from tdeveloper.platform.kit.lookup import tenants_holding
from tdeveloper.platform.kit.models import now
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.state import Platform
from tdeveloper.platform.tenant import repository as tenants
from tdeveloper.platform.tenant.models import Tenant
from tdeveloper.platform.tenant.service import RESERVED_SLUGS, slug_for, suffixed

__all__ = [
    "SignIn",
    "logout",
    "me",
    "refresh",
    "register",
    "sign_in",
]

FIRST_ROLE = "org_admin"
_BAD_LOGIN = "invalid e-mail or password"  # the same for every reason, so nothing leaks
_BAD_REFRESH = "the refresh token is not valid"
_SLUG_ATTEMPTS = 5


@dataclass(frozen=True)
class SignIn:
    email: str
    password: str
    otp: str | None
    tenant_hint: uuid.UUID | None  # X-Tenant-ID, when the e-mail is in several tenants
    client_ip: str


class _SlugTaken(Exception):
    pass


# -- register ---------------------------------------------------------------------------


def register(platform: Platform, body: RegisterBody) -> Registered:
    """A new tenant and its first user, an org_admin, signed in."""
    base = slug_for(body.tenant_name)
    for attempt in range(_SLUG_ATTEMPTS):
        slug = base if attempt == 0 and base not in RESERVED_SLUGS else suffixed(base)
        # The tenant row is visible (and insertable) only in its own context, so the id
        # comes first. Other tenants' slugs cannot be read: the unique constraint tells.
        tenant_id = uuid.uuid4()
        try:
            with platform.session(tenant_id) as session:
                return _register_in(platform, session, tenant_id, slug, body)
        except _SlugTaken:
            continue
    raise ApiError(409, "slug-taken", "no free address for this name; try another name")


def _register_in(
    platform: Platform, session: Session, tenant_id: uuid.UUID, slug: str, body: RegisterBody
) -> Registered:
    try:
        tenant = tenants.add_tenant(session, tenant_id, body.tenant_name, slug)
    except IntegrityError as exc:  # the id is new, so only the slug can clash
        raise _SlugTaken from exc
    user = User(
        tenant_id=tenant_id,
        email=body.email,
        password_hash=hash_password(body.password),
        role=FIRST_ROLE,
    )
    session.add(user)
    session.flush()
    pair = _start_session(platform, session, user, tenant)
    return Registered(
        **pair.model_dump(),
        tenant=RegisteredTenant(id=tenant.id, name=tenant.name, slug=tenant.slug),
        user=RegisteredUser(id=user.id, email=user.email, role=user.role),
    )


# -- sign in ----------------------------------------------------------------------------


def sign_in(platform: Platform, attempt: SignIn) -> TokenPair:
    if not platform.login_limit.hit(attempt.email, attempt.client_ip):
        wait = platform.login_limit.retry_after(attempt.email, attempt.client_ip)
        raise ApiError(
            429,
            "too-many-requests",
            "too many sign-in attempts; try again later",
            headers={"Retry-After": str(wait)},
        )
    tenant_id = _tenant_of(platform, attempt)
    if tenant_id is None:
        verify_password(None, attempt.password)  # the same work as for a real account
        raise ApiError.unauthorized(_BAD_LOGIN)
    with platform.session(tenant_id) as session:
        user = repository.user_by_email(session, tenant_id, attempt.email)
        valid = verify_password(user.password_hash if user else None, attempt.password)
        tenant = tenants.get_tenant(session, tenant_id)
        if user is None or tenant is None or not valid or not user.active:
            raise ApiError.unauthorized(_BAD_LOGIN)
        _check_second_factor(user, attempt.otp)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(attempt.password)
        return _start_session(platform, session, user, tenant)


def _tenant_of(platform: Platform, attempt: SignIn) -> uuid.UUID | None:
    held = tenants_holding(platform.engine, "email", attempt.email)
    if attempt.tenant_hint is not None:
        return attempt.tenant_hint if attempt.tenant_hint in held else None
    if len(held) > 1:
        raise ApiError(
            400,
            "tenant-required",
            "this e-mail belongs to several organisations: name one with X-Tenant-ID",
        )
    return held[0] if held else None


def _check_second_factor(user: User, otp: str | None) -> None:
    """A user with a factor must give its current code. (A user whose tenant requires a
    factor not yet enrolled signs in `mfa_pending`: see _access_token.)"""
    if not user.mfa_enabled:
        return
    if not otp:
        raise ApiError(
            401,
            "mfa-required",
            "enter the one-time code from your authenticator app as `otp`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not mfa.verify_code(user.mfa_secret, otp):
        raise ApiError.unauthorized("the one-time code is not valid")


# -- sessions: refresh-token families ---------------------------------------------------


def _start_session(platform: Platform, session: Session, user: User, tenant: Tenant) -> TokenPair:
    return _issue(platform, session, user, tenant, family_id=uuid.uuid4())


def _issue(
    platform: Platform, session: Session, user: User, tenant: Tenant, family_id: uuid.UUID
) -> TokenPair:
    """The next refresh token of the family (only its digest is stored) and an access token
    carrying the family as its session."""
    secret = f"{user.tenant_id.hex}.{secrets.token_urlsafe(32)}"
    expires = now() + timedelta(days=platform.config.refresh_token_days)
    repository.add_refresh_token(session, user, family_id, _digest(secret), expires)
    return TokenPair(
        access_token=_access_token(platform, user, tenant, family_id),
        refresh_token=secret,
        expires_in=platform.config.access_token_minutes * 60,
    )


def _access_token(platform: Platform, user: User, tenant: Tenant, family_id: uuid.UUID) -> str:
    # The next refresh after enrolling a required factor gives a full token.
    return issue_access_token(
        platform,
        user_id=user.id,
        tenant_id=user.tenant_id,
        tenant_slug=tenant.slug,
        role=user.role,
        session_id=family_id,
        mfa_pending=tenant.mfa_required and not user.mfa_enabled,
    )


def refresh(platform: Platform, raw: str) -> TokenPair:
    tenant_id = _tenant_of_refresh(raw)
    with platform.session(tenant_id) as session:
        outcome = _rotate(platform, session, tenant_id, _digest(raw))
    # Reuse is answered only now, after the unit of work committed the family's end.
    if isinstance(outcome, ApiError):
        raise outcome
    return outcome


def _rotate(
    platform: Platform, session: Session, tenant_id: uuid.UUID, digest: str
) -> TokenPair | ApiError:
    row = repository.refresh_token_by_hash(session, tenant_id, digest)
    moment = now()
    if row is None or row.revoked_at is not None or _aware(row.expires_at) <= moment:
        raise ApiError.unauthorized(_BAD_REFRESH)
    if not repository.claim_refresh_token(session, row, moment):
        # Used before: this copy or the other was stolen. End the session for both.
        _end_family(platform, session, tenant_id, row.family_id, moment)
        return ApiError.unauthorized("this refresh token was already used; the session is ended")
    user = repository.user_by_id(session, tenant_id, row.user_id)
    tenant = tenants.get_tenant(session, tenant_id)
    if user is None or tenant is None or not user.active:
        raise ApiError.unauthorized(_BAD_REFRESH)
    return _issue(platform, session, user, tenant, row.family_id)


def logout(platform: Platform, session: Session, principal: Principal, raw: str) -> None:
    """End the refresh token's session and the caller's own (usually the same one).
    Unknown or foreign tokens change nothing, so signing out twice is harmless."""
    user_id = _user_of(principal)
    moment = now()
    families: set[uuid.UUID] = set()
    row = _own_refresh_token(session, principal, raw)
    if row is not None and row.user_id == user_id:
        families.add(row.family_id)
    with contextlib.suppress(ValueError):  # the caller's own session, when it has one
        families.add(uuid.UUID(str(principal.claims.get("sid"))))
    for family_id in families:
        _end_family(platform, session, principal.tenant_id, family_id, moment)


def _own_refresh_token(session: Session, principal: Principal, raw: str) -> RefreshToken | None:
    try:
        tenant_id = _tenant_of_refresh(raw)
    except ApiError:
        return None
    if tenant_id != principal.tenant_id:
        return None
    return repository.refresh_token_by_hash(session, tenant_id, _digest(raw))


def _end_family(
    platform: Platform,
    session: Session,
    tenant_id: uuid.UUID,
    family_id: uuid.UUID,
    moment: datetime,
) -> None:
    repository.revoke_family(session, tenant_id, family_id, moment)
    platform.revocations.revoke_session(str(family_id))


def _tenant_of_refresh(raw: str) -> uuid.UUID:
    head, dot, rest = raw.partition(".")
    try:
        if not dot or not rest:
            raise ValueError(raw)
        return uuid.UUID(hex=head)
    except ValueError as exc:
        raise ApiError.unauthorized(_BAD_REFRESH) from exc


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# -- who am I ----------------------------------------------------


def me(session: Session, principal: Principal) -> Me:
    user = None
    if principal.user_id is not None:
        user = repository.user_by_id(session, principal.tenant_id, principal.user_id)
    return Me(
        user_id=principal.user_id,
        tenant_id=principal.tenant_id,
        tenant_slug=principal.tenant_slug,
        role=principal.role,
        permissions=sorted(principal.permissions),
        kind=principal.kind,
        mfa_enabled=bool(user and user.mfa_enabled),
    )


def _user_of(principal: Principal) -> uuid.UUID:
    if principal.user_id is None:
        raise ApiError.forbidden("only a signed-in user can do this, not an API key")
    return principal.user_id
