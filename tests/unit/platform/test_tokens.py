"""RS256 access tokens: issue, verify, rotate keys, and every forged shape refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tdeveloper.platform.auth.keys import KeyRing
from tdeveloper.platform.auth.tokens import InvalidToken, TokenIssuer

ISS, AUD = "https://tdev.test", "tdev-api"


@pytest.fixture
def issuer(tmp_path: Path) -> TokenIssuer:
    keys = KeyRing(tmp_path / "keys")
    return TokenIssuer(keys, issuer=ISS, audience=AUD, ttl=timedelta(minutes=15))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(**changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    body: dict[str, Any] = {
        "sub": "user-1",
        "iss": ISS,
        "aud": AUD,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(minutes=5),
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def _signed(issuer: TokenIssuer, body: dict[str, Any], **headers: Any) -> str:
    key = issuer.keys.active
    return jwt.encode(body, key.private, algorithm="RS256", headers={"kid": key.kid, **headers})


def _raw(header: dict[str, Any], payload: dict[str, Any], sign: Any) -> str:
    def part(d: dict[str, Any]) -> str:
        return _b64(json.dumps(d, default=lambda v: int(v.timestamp())).encode())

    head = f"{part(header)}.{part(payload)}"
    return f"{head}.{sign(head.encode())}"


def test_an_issued_token_verifies_with_its_claims(issuer: TokenIssuer) -> None:
    token = issuer.issue("user-1", tenant_id="t-1", roles=["developer"])
    claims = issuer.verify(token)
    assert claims["sub"] == "user-1" and claims["tenant_id"] == "t-1"
    assert {"exp", "iat", "nbf", "jti", "iss", "aud"} <= set(claims)
    assert claims["exp"] - claims["iat"] == 15 * 60


def test_rotating_keys_logs_nobody_out(issuer: TokenIssuer, tmp_path: Path) -> None:
    old = issuer.issue("user-1")
    first = issuer.keys.active.kid
    issuer.keys.rotate()
    assert issuer.keys.active.kid != first
    assert issuer.verify(old)["sub"] == "user-1"  # signed by the old key, still valid
    assert jwt.get_unverified_header(issuer.issue("user-2"))["kid"] == issuer.keys.active.kid
    assert [k["kid"] for k in issuer.keys.jwks()["keys"]] == [first, issuer.keys.active.kid]
    reloaded = KeyRing(tmp_path / "keys")  # the keys survive a restart
    assert reloaded.active.kid == issuer.keys.active.kid


def test_the_published_keys_hold_no_private_part(issuer: TokenIssuer) -> None:
    (key,) = issuer.keys.jwks()["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


def _forged(issuer: TokenIssuer, shape: str) -> str:
    kid = issuer.keys.active.kid
    public_pem = issuer.keys.active.private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if shape == "alg none":
        return _raw({"alg": "none", "typ": "JWT", "kid": kid}, _claims(), lambda _: "")
    if shape == "HS256 with the public key":
        mac = lambda m: _b64(hmac.new(public_pem, m, hashlib.sha256).digest())  # noqa: E731
        return _raw({"alg": "HS256", "typ": "JWT", "kid": kid}, _claims(), mac)
    if shape == "unknown kid":
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        return jwt.encode(_claims(), stranger, algorithm="RS256", headers={"kid": "0123abcd"})
    if shape == "jku header":
        return _signed(issuer, _claims(), jku="https://evil.example/jwks.json")
    if shape == "jwk header":
        return _signed(issuer, _claims(), jwk=issuer.keys.active.public_jwk)
    if shape == "missing exp":
        return _signed(issuer, _claims(exp=None))
    if shape == "expired":
        past = datetime.now(UTC) - timedelta(hours=1)
        return _signed(issuer, _claims(iat=past, nbf=past, exp=past + timedelta(minutes=5)))
    if shape == "not yet valid":
        return _signed(issuer, _claims(nbf=datetime.now(UTC) + timedelta(hours=1)))
    if shape == "wrong aud":
        return _signed(issuer, _claims(aud="someone-else"))
    if shape == "wrong iss":
        return _signed(issuer, _claims(iss="https://evil.example"))
    if shape == "tampered payload":
        head, body, sig = issuer.issue("user-1", roles=["viewer"]).split(".")
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        claims["roles"] = ["super_admin"]
        return f"{head}.{_b64(json.dumps(claims).encode())}.{sig}"
    raise AssertionError(shape)


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


@pytest.mark.parametrize("shape", SHAPES)
def test_forged_tokens_are_refused(issuer: TokenIssuer, shape: str) -> None:
    with pytest.raises(InvalidToken):
        issuer.verify(_forged(issuer, shape))


def test_garbage_is_refused(issuer: TokenIssuer) -> None:
    for token in ("", "abc", "a.b.c", "e30.e30."):
        with pytest.raises(InvalidToken):
            issuer.verify(token)
