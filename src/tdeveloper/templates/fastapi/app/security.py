"""Passwords and access tokens.

Passwords are hashed with Argon2id (argon2-cffi's defaults, the profile RFC 9106
recommends). Access tokens are JWTs signed with HS256 using SECRET_KEY from the
environment; they name the account (`sub`) and expire after ACCESS_TOKEN_MINUTES
(60 by default). The key and lifetime are read when used, so tests can set them.
"""

import datetime as dt
import functools
import os

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ALGORITHM = "HS256"
DEFAULT_TOKEN_MINUTES = 60
# An HS256 key shorter than the hash output is weaker than the signature it makes.
MIN_SECRET_BYTES = 32

_hasher = PasswordHasher()


def secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if len(key.encode()) < MIN_SECRET_BYTES:
        raise RuntimeError(
            "SECRET_KEY must be set to a random string of at least 32 bytes, e.g. the output"
            " of: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    return key


def token_lifetime() -> dt.timedelta:
    raw = os.environ.get("ACCESS_TOKEN_MINUTES") or str(DEFAULT_TOKEN_MINUTES)
    if not raw.isdigit() or int(raw) < 1:
        raise RuntimeError("ACCESS_TOKEN_MINUTES must be a whole number of minutes, at least 1")
    return dt.timedelta(minutes=int(raw))


def check_settings() -> None:
    """Raise RuntimeError unless SECRET_KEY and ACCESS_TOKEN_MINUTES are usable."""
    secret_key()
    token_lifetime()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@functools.cache
def _unusable_hash() -> str:
    return _hasher.hash("no account has this password")


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches `password_hash`. Without a hash (no such account, or one
    without a login) a hash is still checked, so the time taken does not tell which email
    addresses have accounts."""
    try:
        matches = _hasher.verify(password_hash or _unusable_hash(), password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None


def create_access_token(account_id: int, lifetime: dt.timedelta | None = None) -> str:
    now = dt.datetime.now(dt.UTC)
    expires = now + (token_lifetime() if lifetime is None else lifetime)
    claims = {"sub": str(account_id), "iat": now, "exp": expires}
    return jwt.encode(claims, secret_key(), algorithm=ALGORITHM)


def token_account(token: str) -> int | None:
    """The account id a valid, unexpired token names; None for any other token."""
    try:
        claims = jwt.decode(
            token, secret_key(), algorithms=[ALGORITHM], options={"require": ["exp", "iat", "sub"]}
        )
        return int(claims["sub"])
    except (jwt.InvalidTokenError, ValueError):
        return None
