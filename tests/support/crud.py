"""Create, read, update, list and delete a record of every entity of a running backend;
and, for a backend with accounts, sign in first and check who may do what."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import httpx

from support.payloads import changeable, creation_order, payload

PASSWORD = "correct horse battery staple"
_accounts = itertools.count(1)


def spec_of(project: Path) -> dict[str, Any]:
    return json.loads((project / "tdeveloper.json").read_text())["spec"]  # type: ignore[no-any-return]


def has_accounts(spec: dict[str, Any]) -> bool:
    """Whether the generated backend has sign-in (the generator's rule: auth or roles)."""
    return bool({"auth", "roles"} & set(spec.get("features", ())))


def sign_up(client: httpx.Client, name: str) -> dict[str, str]:
    """Register a new account, sign in, and return the Authorization header."""
    email = f"{name}-{next(_accounts)}@example.org"
    body = {"email": email, "password": PASSWORD, "name": name}
    registered = client.post("/api/auth/register", json=body)
    assert registered.status_code == 201, registered.text
    assert not {"password", "password_hash"} & set(registered.json())
    login = client.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    assert login.json()["token_type"] == "bearer"
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def crud_every_entity(base: str, spec: dict[str, Any]) -> None:
    """With accounts, the walk signs up first: on a fresh database that account is the
    first, so it has the admin role when there is one, and may delete."""
    ids: dict[str, int] = {}
    order = creation_order(spec)
    with httpx.Client(base_url=base, timeout=10) as client:
        if has_accounts(spec):
            client.headers.update(sign_up(client, "walker"))
        for n, entity in enumerate(order, start=1):
            url = f"/api/{entity['plural']}"
            body = payload(spec, entity, n, ids)
            created = client.post(url, json=body)
            assert created.status_code == 201, (entity["name"], body, created.text)
            row = created.json()
            ids[entity["name"]] = row["id"]
            got = client.get(f"{url}/{row['id']}")
            assert got.status_code == 200 and got.json() == row
            listed = client.get(url, params={"limit": 5})
            assert listed.status_code == 200
            assert row["id"] in [item["id"] for item in listed.json()["items"]]
            change = changeable(entity)
            if change is not None:
                updated = client.patch(f"{url}/{row['id']}", json={change[0]: change[1]})
                assert updated.status_code == 200, updated.text
                assert updated.json()[change[0]] == change[1]
        for entity in reversed(order):
            url = f"/api/{entity['plural']}/{ids[entity['name']]}"
            assert client.delete(url).status_code == 204, entity["name"]
            assert client.get(url).status_code == 404


def _guarded(openapi: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path with ids filled in, operation) of every route that needs a token."""
    return [
        (method, re.sub(r"\{[^}]+\}", "1", path), operation)
        for path, operations in openapi["paths"].items()
        for method, operation in operations.items()
        if operation.get("security")
    ]


def check_access(base: str) -> None:
    """Routes the OpenAPI schema marks as secured answer 401 without a valid token, the
    others do not ask for one; a second account (never the first, so never admin) gets
    403 where the schema documents it and may read itself at /api/auth/me."""
    with httpx.Client(base_url=base, timeout=10) as client:
        guarded = _guarded(client.get("/openapi.json").json())
        assert any(path == "/api/auth/me" for _, path, _ in guarded)
        for method, path, _ in guarded:
            body = {} if method in ("post", "patch", "put") else None
            for headers in ({}, {"Authorization": "Bearer not-a-token"}):
                response = client.request(method, path, json=body, headers=headers)
                assert response.status_code == 401, (method, path, response.text)
        sign_up(client, "first")
        member = sign_up(client, "member")
        assert client.get("/api/auth/me", headers=member).status_code == 200
        wrong = {"email": "nobody@example.org", "password": PASSWORD}
        assert client.post("/api/auth/login", json=wrong).status_code == 401
        for method, path, operation in guarded:
            if "403" in operation["responses"] and method == "delete":
                response = client.delete(path, headers=member)
                assert response.status_code == 403, (path, response.text)
