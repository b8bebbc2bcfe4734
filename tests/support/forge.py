"""Forged access tokens: every shape an attacker tries, built around real claims so that
only the forgery itself stands between the token and a success."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tdeveloper.platform.auth.tokens import TokenIssuer

__all__ = ["SHAPES", "forge", "valid_claims"]

SHAPES = [
    "alg none",
    "HS256 with the public key",
    "unknown kid",
    "jku header",
    "jwk header",
    "missing exp",
    "expired",
    "not yet valid",
    "wrong aud",
    "wrong iss",
    "tampered payload",
]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def valid_claims(issuer: TokenIssuer, **extra: Any) -> dict[str, Any]:
    """Claims that would pass verification if signed by the issuer's key."""
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "sub": "user-1",
        "iss": issuer.issuer,
        "aud": issuer.audience,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(minutes=5),
    }
    body.update(extra)
    return {k: v for k, v in body.items() if v is not None}


def _signed(issuer: TokenIssuer, body: dict[str, Any], **headers: Any) -> str:
    key = issuer.keys.active
    return jwt.encode(body, key.private, algorithm="RS256", headers={"kid": key.kid, **headers})


def _raw(header: dict[str, Any], payload: dict[str, Any], sign: Any) -> str:
    def part(d: dict[str, Any]) -> str:
        return _b64(json.dumps(d, default=lambda v: int(v.timestamp())).encode())

    head = f"{part(header)}.{part(payload)}"
    return f"{head}.{sign(head.encode())}"


def forge(issuer: TokenIssuer, shape: str, claims: dict[str, Any]) -> str:
    """A token of the given forged `shape` carrying `claims` (see valid_claims)."""
    kid = issuer.keys.active.kid
    past = datetime.now(UTC) - timedelta(hours=1)
    simple = {
        "jku header": lambda: _signed(issuer, claims, jku="https://evil.example/jwks.json"),
        "jwk header": lambda: _signed(issuer, claims, jwk=issuer.keys.active.public_jwk),
        "missing exp": lambda: _signed(issuer, {**claims, "exp": None}),
        "expired": lambda: _signed(
            issuer, {**claims, "iat": past, "nbf": past, "exp": past + timedelta(minutes=5)}
        ),
        "not yet valid": lambda: _signed(
            issuer, {**claims, "nbf": datetime.now(UTC) + timedelta(hours=1)}
        ),
        "wrong aud": lambda: _signed(issuer, {**claims, "aud": "someone-else"}),
        "wrong iss": lambda: _signed(issuer, {**claims, "iss": "https://evil.example"}),
    }
    if shape in simple:
        return simple[shape]()
    if shape == "alg none":
        return _raw({"alg": "none", "typ": "JWT", "kid": kid}, claims, lambda _: "")
    if shape == "HS256 with the public key":
        public_pem = issuer.keys.active.public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        mac = lambda m: _b64(hmac.new(public_pem, m, hashlib.sha256).digest())  # noqa: E731
        return _raw({"alg": "HS256", "typ": "JWT", "kid": kid}, claims, mac)
    if shape == "unknown kid":
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return jwt.encode(claims, stranger, algorithm="RS256", headers={"kid": "0123abcd"})
    if shape == "tampered payload":
        head, _body, signature = _signed(issuer, claims).split(".")
        changed = {**claims, "roles": ["super_admin"], "permissions": ["*"]}
        body = _raw({}, changed, lambda _: "").split(".")[1]
        return f"{head}.{body}.{signature}"  # the original signature over other claims
    raise AssertionError(shape)
