"""The generation stage: every file of the project, rendered from templates.

The stage builds one checked view model of the spec (`RenderContext`) and hands it to
each renderer in turn; a renderer owns one part of the project:

- `BackendRenderer`: `backend/` (FastAPI, SQLAlchemy, Alembic, tests, Dockerfile);
- `FrontendRenderer`: `frontend/` (the framework ui_selection chose, with Vite and TypeScript);
- `ProjectRenderer`: the root (README, docker-compose.yml, CI, .env.example, .gitignore).

Adding a part means writing a class with a `name` and a `render(ctx)` yielding
`GeneratedFile`s under its own folder, and passing it in `renderers` (or appending it to
`default_renderers`); no other renderer changes. A renderer that only applies sometimes
decides so from `ctx.data` and yields nothing otherwise. Paths must not collide: the stage
refuses that.
"""

from __future__ import annotations

from collections.abc import Sequence

from tdeveloper.pipeline.render import (
    BackendRenderer,
    FrontendRenderer,
    ProjectRenderer,
    RenderContext,
    Renderer,
    build_app,
)
from tdeveloper.pipeline.state import GenerationInput, RunState
from tdeveloper.spec import (
    Architecture,
    FileSet,
    GeneratedFile,
    MatchReport,
    ParsedApp,
    Selection,
    UiChoice,
)
from tdeveloper.spec.errors import StageError

__all__ = ["Generation", "RenderContext", "Renderer", "default_renderers"]


def default_renderers() -> list[Renderer]:
    return [BackendRenderer(), FrontendRenderer(), ProjectRenderer()]


class Generation:
    name = "generation"
    output = "fileset"

    def __init__(self, renderers: Sequence[Renderer] | None = None) -> None:
        self.renderers: tuple[Renderer, ...] = tuple(
            default_renderers() if renderers is None else renderers
        )

    def select(self, state: RunState) -> GenerationInput:
        return GenerationInput(
            parsed=state.need("parsed", ParsedApp),
            ui=state.need("ui", UiChoice),
            architecture=state.need("architecture", Architecture),
            match=state.need("match", MatchReport),
            selection=state.need("selection", Selection),
        )

    def run(self, data: GenerationInput, /) -> FileSet:
        ctx = RenderContext(data=data, app=build_app(data.parsed.spec))
        files: dict[str, GeneratedFile] = {}
        owner: dict[str, str] = {}
        for renderer in self.renderers:
            for file in renderer.render(ctx):
                if file.path in files:
                    raise StageError(
                        f"{renderer.name} and {owner[file.path]} both write {file.path}",
                        stage=self.name,
                    )
                files[file.path] = file
                owner[file.path] = renderer.name
        return FileSet(files=tuple(files[path] for path in sorted(files)))
