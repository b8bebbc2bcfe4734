"""Every role against every endpoint that needs a credential: allowed (anything but 401,
403 and 5xx) or denied (403; 401 without credentials). The table below is the expected
policy written out by hand, not derived from the code under test."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from support.platform import PASSWORD, seed_tenant, seed_user, serve, sqlite_settings

USERS = ("super_admin", "org_admin", "team_lead", "developer", "viewer")
ROLES = (*USERS, "api_user")
EVERYONE = frozenset(ROLES)
MEMBERS = frozenset(USERS)  # people, not API keys
ORG = frozenset({"super_admin", "org_admin"})
READ = EVERYONE  # the API key holds project:read
WRITE = frozenset({"super_admin", "org_admin", "team_lead", "developer", "api_user"})
DELETE = frozenset({"super_admin", "org_admin", "team_lead"})
EXECUTE = WRITE  # agent:execute: the same holders as project:write


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # {project}, {user}, {key}, {run}: made fresh by the org admin
    allowed: frozenset[str]
    body: dict[str, Any] | None = None


CALLS = [
    Call("GET", "/api/v1/auth/me", EVERYONE),
    Call("POST", "/api/v1/auth/mfa/enroll", MEMBERS),
    Call("POST", "/api/v1/auth/mfa/confirm", MEMBERS, {"code": "000000"}),
    Call("POST", "/api/v1/auth/mfa/disable", MEMBERS, {"code": "000000"}),
    Call("GET", "/api/v1/tenant", EVERYONE),
    Call("PATCH", "/api/v1/tenant", ORG, {"name": "Acme"}),
    Call("GET", "/api/v1/users", ORG),
    Call("POST", "/api/v1/users", ORG, {"email": "new@example.com", "role": "viewer"}),
    Call("GET", "/api/v1/users/{user}", ORG),
    Call("PATCH", "/api/v1/users/{user}", ORG, {"role": "developer"}),
    Call("DELETE", "/api/v1/users/{user}", ORG),
    Call("GET", "/api/v1/api-keys", ORG),
    Call("POST", "/api/v1/api-keys", ORG, {"name": "ci", "scopes": ["project:read"]}),
    Call("DELETE", "/api/v1/api-keys/{key}", ORG),
    Call("GET", "/api/v1/projects", READ),
    Call("POST", "/api/v1/projects", WRITE, {"name": "P", "description": "a todo app"}),
    Call("GET", "/api/v1/projects/{project}", READ),
    Call("PATCH", "/api/v1/projects/{project}", WRITE, {"name": "Q"}),
    Call("DELETE", "/api/v1/projects/{project}", DELETE),
    Call("POST", "/api/v1/projects/{project}/runs", EXECUTE, {"description": "a todo app"}),
    Call("GET", "/api/v1/projects/{project}/runs", READ),
    Call("GET", "/api/v1/runs/{run}", READ),
    Call("POST", "/api/v1/runs/{run}/artifact-link", READ),
    Call("GET", "/api/v1/runs/{run}/artifact", READ),
    Call("GET", "/api/v1/runs/{run}/events", READ),
    Call("POST", "/api/v1/runs/{run}/cancel", EXECUTE),
    # Last: logging out ends the caller's session (and its access token).
    Call("POST", "/api/v1/auth/logout", MEMBERS, {"refresh_token": "x.y"}),
]


class World:
    """One tenant, an actor per role (the API user is a key with every scope), and fresh
    objects made by the organisation's administrator."""

    def __init__(self, api: TestClient) -> None:
        self.api = api
        tenant = seed_tenant(api, "Matrix")
        self.headers = {role: seed_user(api, tenant, role).headers for role in USERS}
        # Objects are made by an administrator of their own, whom no call logs out.
        self.maker = seed_user(api, tenant, "org_admin").headers
        scopes = ["project:read", "project:write", "agent:execute", "analytics:read"]
        key = self._made("POST", "/api/v1/api-keys", {"name": "all", "scopes": scopes})["key"]
        self.headers["api_user"] = {"X-API-Key": key}
        self._run = ""

    def _made(self, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = self.api.request(method, path, json=body, headers=self.maker)
        assert answer.status_code in (201, 202), answer.text
        made: dict[str, Any] = answer.json()
        return made

    def fresh(self, kind: str) -> str:
        makers: dict[str, Callable[[], str]] = {
            "project": lambda: self._made("POST", "/api/v1/projects", {"name": "P"})["id"],
            "user": lambda: self._made(
                "POST",
                "/api/v1/users",
                {
                    "email": f"{uuid.uuid4().hex[:8]}@example.com",
                    "role": "viewer",
                    "password": PASSWORD,
                },
            )["id"],
            "key": lambda: self._made(
                "POST", "/api/v1/api-keys", {"name": "k", "scopes": ["project:read"]}
            )["id"],
            "run": self._one_run,
        }
        return makers[kind]()

    def _one_run(self) -> str:  # runs are only read here, so one serves every call
        if not self._run:
            project = self.fresh("project")
            path = f"/api/v1/projects/{project}/runs"
            self._run = self._made("POST", path, {"description": "a todo app"})["id"]
        return self._run

    def path(self, template: str) -> str:
        for kind in ("project", "user", "key", "run"):
            if "{" + kind + "}" in template:
                template = template.replace("{" + kind + "}", self.fresh(kind))
        return template


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    config = sqlite_settings(tmp_path_factory.mktemp("matrix"), run_threads=1)
    with serve(config) as api:
        yield World(api)


def _body(call: Call) -> dict[str, Any] | None:
    if call.body and "email" in call.body:  # a new address each time, with a password
        return {**call.body, "email": f"{uuid.uuid4().hex[:8]}@example.com", "password": PASSWORD}
    return call.body


@pytest.mark.parametrize("call", CALLS, ids=lambda c: f"{c.method} {c.path}")
@pytest.mark.parametrize("role", ROLES)
def test_role_against_endpoint(world: World, call: Call, role: str) -> None:
    answer = world.api.request(
        call.method, world.path(call.path), json=_body(call), headers=world.headers[role]
    )
    if role in call.allowed:
        assert answer.status_code not in (401, 403) and answer.status_code < 500, answer.text
    else:
        assert answer.status_code == 403, answer.text


@pytest.mark.parametrize("call", CALLS, ids=lambda c: f"{c.method} {c.path}")
def test_no_credentials_is_401(world: World, call: Call) -> None:
    answer = world.api.request(call.method, world.path(call.path), json=_body(call))
    assert answer.status_code == 401, answer.text


def test_every_route_is_in_the_matrix(world: World) -> None:
    public = {
        ("GET", "/health"),
        ("GET", "/ready"),
        ("GET", "/.well-known/jwks.json"),
        ("POST", "/api/v1/auth/register"),
        ("POST", "/api/v1/auth/token"),
        ("POST", "/api/v1/auth/refresh"),
    }
    paths = world.api.get("/openapi.json").json()["paths"]
    routes = {(m.upper(), p) for p, ops in paths.items() for m in ops}
    templated = {
        (
            c.method,
            c.path.replace("{project}", "{project_id}")
            .replace("{user}", "{user_id}")
            .replace("{key}", "{key_id}")
            .replace("{run}", "{run_id}"),
        )
        for c in CALLS
    }
    assert routes - public == templated
