from __future__ import annotations

import pytest

from support.specs import vet_requirements
from tdeveloper.spec import Requirements


@pytest.fixture
def vet() -> Requirements:
    return vet_requirements()
