"""The generation stage: its inputs, the renderer seam, layout, determinism and speed."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator

import pytest
import yaml

from tdeveloper.pipeline.generation import Generation, RenderContext, default_renderers
from tdeveloper.pipeline.state import GenerationInput, RunState
from tdeveloper.spec import AppSpec, Brief, Entity, Field, GeneratedFile, StageError

Render = Callable[[AppSpec], dict[str, str]]
MakeInput = Callable[..., GenerationInput]


def test_select_takes_every_input_from_the_run_state(
    make_input: MakeInput, load: Callable[[str], AppSpec]
) -> None:
    data = make_input(load("vet_clinic"))
    state = RunState(
        brief=Brief(description="a vet clinic"),
        ui=data.ui,
        parsed=data.parsed,
        architecture=data.architecture,
        match=data.match,
        selection=data.selection,
    )
    assert Generation().select(state) == data
    with pytest.raises(StageError, match="selection"):
        Generation().select(state.model_copy(update={"selection": None}))


def test_stage_identity() -> None:
    stage = Generation()
    assert (stage.name, stage.output) == ("generation", "fileset")
    assert [r.name for r in stage.renderers] == [r.name for r in default_renderers()]


def test_layout_follows_the_contract(render: Render, load: Callable[[str], AppSpec]) -> None:
    files = render(load("vet_clinic"))
    assert list(files) == sorted(files)
    for path in (
        "README.md",
        "docker-compose.yml",
        ".github/workflows/ci.yml",
        ".env.example",
        ".gitignore",
        "backend/pyproject.toml",
        "backend/Dockerfile",
        "backend/alembic.ini",
        "backend/alembic/env.py",
        "backend/alembic/versions/0001_initial.py",
        "backend/app/main.py",
        "backend/app/db.py",
        "backend/tests/conftest.py",
        "backend/tests/test_health.py",
        "backend/tests/test_migrations.py",
    ):
        assert path in files, path
    for module in ("owner", "pet", "vet", "appointment"):
        for folder in ("app/models", "app/schemas", "app/routers"):
            assert f"backend/{folder}/{module}.py" in files
        assert f"backend/tests/test_{module}.py" in files
    assert "tdeveloper.json" not in files  # the download stage writes it


def test_output_is_deterministic(make_input: MakeInput, fixture_spec: AppSpec) -> None:
    first = Generation().run(make_input(fixture_spec))
    assert Generation().run(make_input(fixture_spec)) == first


def test_every_file_parses(render: Render, fixture_spec: AppSpec) -> None:
    files = render(fixture_spec)
    for path, content in files.items():
        assert content.endswith("\n"), path
        if path.endswith(".py"):
            compile(content, path, "exec", dont_inherit=True)
        elif path.endswith((".yml", ".yaml")):
            assert isinstance(yaml.safe_load(content), dict), path
        elif path.endswith(".toml"):
            tomllib.loads(content)


def test_pyproject_takes_dependencies_from_the_selection(
    render: Render, load: Callable[[str], AppSpec]
) -> None:
    project = tomllib.loads(render(load("shop"))["backend/pyproject.toml"])["project"]
    assert "fastapi>=0.111,<1" in project["dependencies"]
    assert any(dep.startswith("email-validator") for dep in project["dependencies"])
    assert project["optional-dependencies"]["postgres"] == ["psycopg[binary]>=3.1,<4"]
    assert {"pytest>=8,<10", "httpx>=0.27,<1"} <= set(project["optional-dependencies"]["test"])
    assert not any("react" in dep for dep in project["dependencies"])


class _Extra:
    """A renderer like a future frontend: its own folder, only when it applies."""

    name = "extra"

    def __init__(self, path: str = "frontend/README.md") -> None:
        self.path = path

    def render(self, ctx: RenderContext, /) -> Iterator[GeneratedFile]:
        if ctx.data.ui.framework == "react":
            yield GeneratedFile(path=self.path, content=f"{ctx.app.title}\n")


def test_a_renderer_can_be_added_without_touching_the_others(
    make_input: MakeInput, load: Callable[[str], AppSpec]
) -> None:
    data = make_input(load("shop"))
    base = Generation().run(data)
    extended = Generation([*default_renderers(), _Extra()]).run(data)
    assert extended.get("frontend/README.md") == GeneratedFile(
        path="frontend/README.md", content="Shop\n"
    )
    assert [f for f in extended.files if f.path != "frontend/README.md"] == list(base.files)


def test_two_renderers_writing_one_path_is_an_error(
    make_input: MakeInput, load: Callable[[str], AppSpec]
) -> None:
    stage = Generation([*default_renderers(), _Extra("README.md")])
    with pytest.raises(StageError, match=r"extra and project both write README\.md"):
        stage.run(make_input(load("shop")))


def test_spec_without_entities_still_gives_a_working_layout(render: Render) -> None:
    files = render(AppSpec(name="empty", title="Empty"))
    for path in ("app/main.py", "app/routers/__init__.py", "alembic/versions/0001_initial.py"):
        compile(files[f"backend/{path}"], path, "exec", dont_inherit=True)


def _wide_spec(count: int) -> AppSpec:
    fields = (
        Field(name="title", type="string", required=True, label="Title"),
        Field(name="amount", type="decimal", minimum=0),
        Field(name="status", type="enum", values=("open", "closed"), default="open"),
        Field(name="due_on", type="date"),
        Field(name="done", type="boolean"),
    )
    entities = []
    for i in range(count):
        refs = (Field(name="parent_id", type="reference", target=f"Thing{i - 1}"),) if i else ()
        name = f"Thing{i}"
        entities.append(
            Entity(name=name, plural=f"thing{i}s", table=f"thing{i}s", fields=fields + refs)
        )
    return AppSpec(name="wide", title="Wide", entities=tuple(entities))


@pytest.mark.parametrize("count", [10, 200])
def test_wide_specs_render_every_entity(make_input: MakeInput, count: int) -> None:
    # Speed is measured in bench/bench_pipeline.py, not asserted here.
    files = Generation().run(make_input(_wide_spec(count))).files
    assert len(files) > 4 * count
    paths = {f.path for f in files}
    assert all(f"backend/app/routers/thing{i}.py" in paths for i in range(count))
