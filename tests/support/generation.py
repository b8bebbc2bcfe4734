"""Inputs for the generation stage, built by hand so it runs without the stages before it."""

from __future__ import annotations

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
from tdeveloper.spec.stages import Frontend


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


def generation_input(
    spec: AppSpec, selection: Selection = SELECTION, framework: Frontend = "react"
) -> GenerationInput:
    return GenerationInput(
        parsed=ParsedApp(spec=spec, openapi={}, tables=()),
        ui=UiChoice(framework=framework, component_library="pico", state_management="hooks"),
        architecture=Architecture(
            pattern="modular_monolith",
            components=(Component(name="api", kind="api", reason="CRUD over HTTP"),),
        ),
        match=MatchReport(template="fastapi-crud", coverage=0.9, confidence=0.8),
        selection=selection,
    )
