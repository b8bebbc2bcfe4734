"""API keys: create (shown once), list by prefix, revoke, and authenticate a request.

A key reads `tdk_<prefix>_<secret>`: the prefix (12 hex digits) is public and finds the key
and its tenant, the secret is never stored; only the sha256 of the whole key is. sha256 and
not a slow hash: the secret has 256 random bits, so there is nothing to guess, and the check
runs on every request."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tdeveloper.platform.apikey import repository
from tdeveloper.platform.apikey.models import ApiKey
from tdeveloper.platform.apikey.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.lookup import tenants_holding
from tdeveloper.platform.kit.models import now
from tdeveloper.platform.kit.problems import ApiError

if TYPE_CHECKING:
    from tdeveloper.platform.state import Platform

__all__ = ["authenticate_key", "create_key", "list_keys", "revoke_key"]

_KEY = re.compile(r"tdk_([0-9a-f]{12})_[A-Za-z0-9_-]{16,128}")
_TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often
_ATTEMPTS = 3  # prefixes are 48 random bits; a clash with another tenant's is rare


def create_key(session: Session, principal: Principal, body: ApiKeyCreate) -> ApiKeyCreated:
    missing = [scope for scope in body.scopes if not principal.can(scope)]
    if missing:
        raise ApiError.forbidden(f"you cannot grant scopes you do not hold: {', '.join(missing)}")
    for _ in range(_ATTEMPTS):
        key, raw = _new_key(principal, body)
        try:
            # A savepoint: a prefix clash (invisible to us under row-level security) fails
            # only this insert, and another prefix is drawn.
            with session.begin_nested():
                session.add(key)
                session.flush()
        except IntegrityError:
            continue
        return ApiKeyCreated(
            id=key.id,
            name=key.name,
            prefix=key.prefix,
            scopes=list(key.scopes),
            created_at=key.created_at,
            key=raw,
        )
    raise ApiError(503, "unavailable", "could not draw a unique key prefix; try again")


def list_keys(session: Session, principal: Principal, limit: int, offset: int) -> list[ApiKeyOut]:
    keys = repository.list_keys(session, principal.tenant_id, limit, offset)
    return [ApiKeyOut.model_validate(key) for key in keys]


def revoke_key(session: Session, principal: Principal, key_id: uuid.UUID) -> None:
    key = repository.find_key(session, principal.tenant_id, key_id)
    if key is None:
        raise ApiError.not_found("API key")
    if key.revoked_at is None:  # revoking twice keeps the first time
        key.revoked_at = now()
        session.flush()


def authenticate_key(platform: Platform, raw: str) -> Principal:
    """The principal of an API key, or 401. One index lookup and one tenant-scoped query;
    a write only when the last recorded use is older than a minute."""
    invalid = ApiError.unauthorized("the API key is not valid")
    match = _KEY.fullmatch(raw)
    if match is None:
        raise invalid
    prefix = match.group(1)
    tenants = tenants_holding(platform.engine, "api_key", prefix)
    if len(tenants) != 1:
        raise invalid
    with platform.session(tenants[0]) as session:
        found = repository.key_with_slug(session, tenants[0], prefix)
        if found is None or not _genuine(found[0], raw):
            raise invalid
        key, slug = found
        _record_use(session, key)
    return Principal(
        kind="api_key",
        subject=key.id,
        tenant_id=key.tenant_id,
        tenant_slug=slug,
        role="api_user",
        permissions=frozenset(key.scopes),
    )


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _genuine(key: ApiKey, raw: str) -> bool:
    matches = hmac.compare_digest(key.key_hash, _digest(raw))
    return matches and key.revoked_at is None


def _record_use(session: Session, key: ApiKey) -> None:
    when, last = now(), key.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)  # SQLite keeps no offset; stored times are UTC
    if last is None or when - last >= _TOUCH_EVERY:
        repository.touch(session, key, when, _TOUCH_EVERY)


def _new_key(principal: Principal, body: ApiKeyCreate) -> tuple[ApiKey, str]:
    prefix = secrets.token_hex(6)
    raw = f"tdk_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(
        tenant_id=principal.tenant_id,
        name=body.name,
        prefix=prefix,
        key_hash=_digest(raw),
        scopes=list(body.scopes),
        created_by=_creator(principal),
    )
    return key, raw


def _creator(principal: Principal) -> uuid.UUID | None:
    """The creating user, when they belong to the tenant (a super_admin who switched tenants
    by header is a member of another one)."""
    home = principal.claims.get("tenant_id")
    if principal.user_id is None or (home is not None and home != str(principal.tenant_id)):
        return None
    return principal.user_id
