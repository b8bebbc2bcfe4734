"""Every forged access token is refused over HTTP with 401 and a problem document, while
the same claims properly signed are accepted (so the forgery is what fails)."""

from __future__ import annotations

from collections.abc import Iterator

import jwt
import pytest
from fastapi.testclient import TestClient

from support.forge import SHAPES, forge, valid_claims
from support.platform import Actor, platform_of, seed_tenant, seed_user, serve, sqlite_settings
from tdeveloper.platform.auth.permissions import ROLE_PERMISSIONS
from tdeveloper.platform.kit.problems import PROBLEM_JSON

PROTECTED = "/api/v1/projects"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with serve(sqlite_settings(tmp_path_factory.mktemp("jwt"))) as client:
        yield client


@pytest.fixture(scope="module")
def admin(api: TestClient) -> Actor:
    return seed_user(api, seed_tenant(api, "Acme"), "org_admin")


def _claims(api: TestClient, admin: Actor) -> dict[str, object]:
    return valid_claims(
        platform_of(api).access_tokens,
        sub=str(admin.user_id),
        tenant_id=str(admin.tenant_id),
        tenant_slug=admin.tenant_slug,
        roles=["org_admin"],
        permissions=list(ROLE_PERMISSIONS["org_admin"]),
        sid="s-1",
    )


def test_the_same_claims_properly_signed_are_accepted(api: TestClient, admin: Actor) -> None:
    issuer = platform_of(api).access_tokens
    key = issuer.keys.active
    token = jwt.encode(_claims(api, admin), key.private, "RS256", headers={"kid": key.kid})
    assert api.get(PROTECTED, headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("shape", SHAPES)
def test_a_forged_token_is_401(api: TestClient, admin: Actor, shape: str) -> None:
    token = forge(platform_of(api).access_tokens, shape, _claims(api, admin))
    answer = api.get(PROTECTED, headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401, answer.text
    assert answer.headers["content-type"] == PROBLEM_JSON
    assert answer.headers["www-authenticate"] == "Bearer"
    assert answer.json()["type"].endswith("/unauthorized")


@pytest.mark.parametrize("header", ["", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer a.b.c"])
def test_missing_or_malformed_credentials_are_401(api: TestClient, header: str) -> None:
    answer = api.get(PROTECTED, headers={"Authorization": header} if header else {})
    assert answer.status_code == 401
    assert answer.headers["content-type"] == PROBLEM_JSON


def test_a_download_link_is_not_an_access_token(api: TestClient, admin: Actor) -> None:
    link = platform_of(api).download_links.issue(str(admin.user_id), tenant_id=str(admin.tenant_id))
    assert api.get(PROTECTED, headers={"Authorization": f"Bearer {link}"}).status_code == 401


def test_tokens_signed_by_a_rotated_out_key_still_work(api: TestClient) -> None:
    tenant = seed_tenant(api, "Rota")
    before = seed_user(api, tenant, "viewer")
    platform_of(api).keys.rotate()
    after = seed_user(api, tenant, "viewer")
    assert before.token.split(".")[0] != after.token.split(".")[0]  # different kid
    for actor in (before, after):
        assert api.get(PROTECTED, headers=actor.headers).status_code == 200
