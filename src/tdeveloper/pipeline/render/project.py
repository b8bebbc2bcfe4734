"""Files at the project root: README, Docker Compose, CI, environment example, .gitignore."""

from __future__ import annotations

from collections.abc import Iterator

from tdeveloper.pipeline.render.base import RenderContext, rendered, verbatim
from tdeveloper.spec import GeneratedFile

__all__ = ["ProjectRenderer"]


class ProjectRenderer:
    name = "project"

    def render(self, ctx: RenderContext, /) -> Iterator[GeneratedFile]:
        context = {"app": ctx.app, "ui": ctx.data.ui}
        yield rendered("README.md", "project/README.md.j2", **context)
        yield rendered("docker-compose.yml", "project/docker-compose.yml.j2", **context)
        yield rendered(".github/workflows/ci.yml", "project/ci.yml.j2", **context)
        yield rendered(".env.example", "project/env.example.j2", **context)
        yield verbatim(".gitignore", "project/gitignore")
