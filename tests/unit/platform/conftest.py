"""Fixtures shared by the platform's API tests; each module provides its own `client`."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from support.platform import Actor, make_project, seed_tenant, seed_user


@pytest.fixture
def acme(client: TestClient) -> tuple[uuid.UUID, str]:
    return seed_tenant(client, "Acme")


@pytest.fixture
def dev(client: TestClient, acme: tuple[uuid.UUID, str]) -> Actor:
    return seed_user(client, acme, "developer")


@pytest.fixture
def project(client: TestClient, dev: Actor) -> str:
    return make_project(client, dev)
