"""Inputs for the generation stage, built by hand so it is tested without the stages before it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tdeveloper.pipeline.generation import Generation
from tdeveloper.pipeline.state import GenerationInput
from tdeveloper.spec import (
    AppSpec,
    Architecture,
    Component,
    Library,
    MatchReport,
    ParsedApp,
    Selection,
    UiChoice,
)

SPECS = Path(__file__).resolve().parents[2] / "fixtures" / "specs"
FIXTURE_NAMES = ("conference", "shop", "vet_clinic")

Render = Callable[[AppSpec], dict[str, str]]


def _library(name: str, version: str, ecosystem: str = "python") -> Library:
    return Library(
        name=name,
        version=version,
        licence="MIT",
        ecosystem=ecosystem,  # type: ignore[arg-type]
        purpose="test",
        reason="test",
    )


SELECTION = Selection(
    template="fastapi-crud",
    libraries=(
        _library("fastapi", ">=0.111,<1"),
        _library("uvicorn", ">=0.30,<1"),
        _library("sqlalchemy", ">=2.0.30,<3"),
        _library("alembic", ">=1.13,<2"),
        _library("pydantic", ">=2.7,<3"),
        _library("psycopg[binary]", ">=3.1,<4"),
        _library("pytest", ">=8,<10"),
        _library("httpx", ">=0.27,<1"),
        _library("react", "^18.3.1", "npm"),
    ),
)


def generation_input(spec: AppSpec, selection: Selection = SELECTION) -> GenerationInput:
    return GenerationInput(
        parsed=ParsedApp(spec=spec, openapi={}, tables=()),
        ui=UiChoice(framework="react", component_library="pico", state_management="react-query"),
        architecture=Architecture(
            pattern="modular_monolith",
            components=(Component(name="api", kind="api", reason="CRUD over HTTP"),),
        ),
        match=MatchReport(template="fastapi-crud", coverage=0.9, confidence=0.8),
        selection=selection,
    )


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
