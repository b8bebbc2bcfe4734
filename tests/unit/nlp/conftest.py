"""Fixtures shared by the nl_input tests."""

from __future__ import annotations

import pytest

from support.nl import Look


@pytest.fixture
def look() -> type[Look]:
    return Look
