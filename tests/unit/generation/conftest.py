"""Inputs for the generation stage, built by hand so it is tested without the stages before it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from support.generation import SELECTION, generation_input
from tdeveloper.pipeline.generation import Generation
from tdeveloper.pipeline.state import GenerationInput
from tdeveloper.spec import AppSpec

__all__ = ["SELECTION", "generation_input", "load_spec"]

SPECS = Path(__file__).resolve().parents[2] / "fixtures" / "specs"
FIXTURE_NAMES = ("conference", "shop", "vet_clinic")

Render = Callable[[AppSpec], dict[str, str]]


def load_spec(name: str) -> AppSpec:
    return AppSpec.model_validate_json((SPECS / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def render() -> Render:
    """Generate a project for `spec`: path -> content."""

    def run(spec: AppSpec) -> dict[str, str]:
        files = Generation().run(generation_input(spec)).files
        return {f.path: f.content for f in files}

    return run


@pytest.fixture(params=FIXTURE_NAMES)
def fixture_spec(request: pytest.FixtureRequest) -> AppSpec:
    return load_spec(request.param)


@pytest.fixture(scope="session")
def make_input() -> Callable[..., GenerationInput]:
    return generation_input


@pytest.fixture(scope="session")
def load() -> Callable[[str], AppSpec]:
    return load_spec
