"""Rendering of the generated project: the view model, escaping filters and renderers.

`generation.Generation` composes renderers (`Renderer`); each writes one part of the
project from a `RenderContext`. See `base.py` for how to add one (e.g. a frontend).
"""

from tdeveloper.pipeline.render.backend import BackendRenderer
from tdeveloper.pipeline.render.base import RenderContext, Renderer
from tdeveloper.pipeline.render.build import build_app
from tdeveloper.pipeline.render.frontend import FrontendRenderer
from tdeveloper.pipeline.render.project import ProjectRenderer
from tdeveloper.pipeline.render.views import AppView, AuthView, EntityView, FieldView, LinkView

__all__ = [
    "AppView",
    "AuthView",
    "BackendRenderer",
    "EntityView",
    "FieldView",
    "FrontendRenderer",
    "LinkView",
    "ProjectRenderer",
    "RenderContext",
    "Renderer",
    "build_app",
]
