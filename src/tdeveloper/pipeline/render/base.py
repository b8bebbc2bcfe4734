"""The renderer seam: what every renderer receives and must provide.

A renderer turns the run's inputs into files for one part of the project (the backend,
the files at the root, later a frontend). Renderers never read each other's output, so
one can be added or replaced without touching the rest; `Generation` merges their files
and refuses two renderers writing the same path.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from tdeveloper.pipeline.render.env import render, static
from tdeveloper.pipeline.render.views import AppView
from tdeveloper.pipeline.state import GenerationInput
from tdeveloper.spec import GeneratedFile

__all__ = ["RenderContext", "Renderer", "rendered", "verbatim"]


@dataclass(frozen=True, slots=True)
class RenderContext:
    """The stage input plus the checked view model built from its spec (built once)."""

    data: GenerationInput
    app: AppView


class Renderer(Protocol):
    name: str

    def render(self, ctx: RenderContext, /) -> Iterable[GeneratedFile]:
        """Files for this renderer's part of the project; paths are relative to the root."""
        ...


def rendered(path: str, template: str, **context: Any) -> GeneratedFile:
    return GeneratedFile(path=path, content=render(template, **context))


def verbatim(path: str, template: str, *, executable: bool = False) -> GeneratedFile:
    return GeneratedFile(path=path, content=static(template), executable=executable)
