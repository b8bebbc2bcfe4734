"""Access tokens: RS256 JWTs signed with the key ring's active key.

Verification trusts nothing in the token's header but its `kid`, looked up in our own key
ring: only RS256 is accepted (so `alg: none` and HS256 signed with the public key fail), a
`jku`, `jwk`, `x5u` or `x5c` header is refused outright, and `exp`, `iat`, `nbf`, `iss`,
`aud` and `sub` are required and checked.
"""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt

from tdeveloper.platform.auth.keys import KeyRing

__all__ = ["InvalidToken", "TokenIssuer"]

_FOREIGN_KEY_HEADERS = frozenset({"jku", "jwk", "x5u", "x5c"})
_REQUIRED = ["exp", "iat", "nbf", "iss", "aud", "sub"]


class InvalidToken(Exception):
    """The token is not one we issued, or no longer valid (answered with 401)."""


class TokenIssuer:
    _CACHE_SIZE = 10_000

    def __init__(self, keys: KeyRing, *, issuer: str, audience: str, ttl: timedelta) -> None:
        self.keys, self.issuer, self.audience, self.ttl = keys, issuer, audience, ttl
        # Tokens already verified, by their exact text: a signature check costs ~100 us
        # and a client sends the same token many times. Only the time claims can change
        # their verdict, so they are checked again on every hit.
        self._verified: dict[str, dict[str, Any]] = {}

    def issue(self, subject: str, **claims: Any) -> str:
        now = datetime.now(UTC)
        body = {
            **claims,
            "sub": subject,
            "iss": self.issuer,
            "aud": self.audience,
            "iat": now,
            "nbf": now,
            "exp": now + self.ttl,
            "jti": uuid.uuid4().hex,
            "ts": now.timestamp(),  # sub-second issue time, for revocations (`iat` is whole)
        }
        key = self.keys.active
        return jwt.encode(body, key.private, algorithm="RS256", headers={"kid": key.kid})

    def verify(self, token: str) -> dict[str, Any]:
        claims = self._verified.get(token)
        if claims is not None:
            if claims["nbf"] <= time.time() < claims["exp"]:
                return claims
            self._verified.pop(token, None)
        claims = self._verify(token)
        if len(self._verified) >= self._CACHE_SIZE:
            self._verified.clear()
        self._verified[token] = claims
        return claims

    def _verify(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("malformed token") from exc
        if _FOREIGN_KEY_HEADERS & set(header):
            raise InvalidToken("the token names its own key")
        key = self.keys.find(str(header.get("kid", "")))
        if key is None:
            raise InvalidToken("unknown signing key")
        try:
            return jwt.decode(
                token,
                key.public,
                algorithms=["RS256"],
                audience=self.audience,
                issuer=self.issuer,
                options={"require": _REQUIRED},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from exc
