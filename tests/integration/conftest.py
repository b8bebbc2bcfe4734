"""Fixtures shared by integration tests; a module using them provides its own `client`."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from support.platform import Actor, seed_tenant, seed_user


@pytest.fixture(scope="module")
def alice(client: TestClient) -> Actor:
    """A developer of tenant Acme."""
    return seed_user(client, seed_tenant(client, "Acme"), "developer")


@pytest.fixture(scope="module")
def bob(client: TestClient) -> Actor:
    """The administrator of another tenant, Beta."""
    return seed_user(client, seed_tenant(client, "Beta"), "org_admin")
