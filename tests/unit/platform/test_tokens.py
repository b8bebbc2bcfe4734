"""RS256 access tokens: issue, verify, rotate keys, and every forged shape refused."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import jwt
import pytest

from support.forge import SHAPES, forge, valid_claims
from tdeveloper.platform.auth.keys import KeyRing
from tdeveloper.platform.auth.tokens import InvalidToken, TokenIssuer

ISS, AUD = "https://tdev.test", "tdev-api"


@pytest.fixture
def issuer(tmp_path: Path) -> TokenIssuer:
    keys = KeyRing(tmp_path / "keys")
    return TokenIssuer(keys, issuer=ISS, audience=AUD, ttl=timedelta(minutes=15))


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


@pytest.mark.parametrize("shape", SHAPES)
def test_forged_tokens_are_refused(issuer: TokenIssuer, shape: str) -> None:
    with pytest.raises(InvalidToken):
        issuer.verify(forge(issuer, shape, valid_claims(issuer)))


def test_garbage_is_refused(issuer: TokenIssuer) -> None:
    for token in ("", "abc", "a.b.c", "e30.e30."):
        with pytest.raises(InvalidToken):
            issuer.verify(token)


def test_a_verified_token_still_expires(tmp_path: Path) -> None:
    """Verified tokens are remembered, but the time claims are checked on every use."""
    short = TokenIssuer(KeyRing(tmp_path / "k"), issuer=ISS, audience=AUD, ttl=timedelta(seconds=1))
    token = short.issue("user-1")
    assert short.verify(token)["sub"] == "user-1"
    assert short.verify(token)["sub"] == "user-1"  # the remembered verdict
    time.sleep(1.1)
    with pytest.raises(InvalidToken):
        short.verify(token)
