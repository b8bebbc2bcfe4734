"""The default backend: FastAPI + SQLAlchemy 2 + Alembic + pydantic v2, under `backend/`."""

from __future__ import annotations

from collections.abc import Iterator

from tdeveloper.pipeline.render.base import RenderContext, rendered, verbatim
from tdeveloper.pipeline.render.deps import python_deps
from tdeveloper.spec import GeneratedFile

__all__ = ["BackendRenderer"]

_T = "fastapi/"  # template folder of this stack
_OUT = "backend/"

# Output path -> template, for files that do not depend on the spec.
_VERBATIM = {
    "Dockerfile": "Dockerfile",
    ".dockerignore": "dockerignore",
    "alembic.ini": "alembic.ini",
    "alembic/env.py": "alembic/env.py",
    "alembic/script.py.mako": "alembic/script.py.mako",
    "app/__init__.py": "app/__init__.py",
    "app/db.py": "app/db.py",
    "app/routers/_crud.py": "app/routers/_crud.py",
    "app/schemas/__init__.py": "app/schemas/__init__.py",
    "app/schemas/_common.py": "app/schemas/_common.py",
    "tests/__init__.py": "tests/__init__.py",
    "tests/test_contract.py": "tests/test_contract.py",
    "tests/test_health.py": "tests/test_health.py",
}
# Output path -> template, for files rendered once from the whole app.
_SHARED = {
    "pyproject.toml": "pyproject.toml.j2",
    "alembic/versions/0001_initial.py": "alembic/versions/0001_initial.py.j2",
    "app/main.py": "app/main.py.j2",
    "app/models/__init__.py": "app/models/__init__.py.j2",
    "app/routers/__init__.py": "app/routers/__init__.py.j2",
    "tests/conftest.py": "tests/conftest.py.j2",
    "tests/factories.py": "tests/factories.py.j2",
    "tests/test_migrations.py": "tests/test_migrations.py.j2",
}
# Output path -> template, for the accounts' files (only when the app has authentication).
_AUTH = {
    "app/routers/_auth.py": "app/routers/_auth.py.j2",
    "app/schemas/_auth.py": "app/schemas/_auth.py.j2",
    "tests/test_auth.py": "tests/test_auth.py.j2",
}


class BackendRenderer:
    name = "backend"

    def render(self, ctx: RenderContext, /) -> Iterator[GeneratedFile]:
        for path, template in _VERBATIM.items():
            yield verbatim(_OUT + path, _T + template)
        deps = python_deps(ctx.data.selection, auth=ctx.app.auth is not None)
        for path, template in _SHARED.items():
            yield rendered(_OUT + path, _T + template, app=ctx.app, deps=deps)
        if ctx.app.auth is not None:
            yield verbatim(_OUT + "app/security.py", _T + "app/security.py")
            for path, template in _AUTH.items():
                yield rendered(_OUT + path, _T + template, app=ctx.app, auth=ctx.app.auth)
        for e in ctx.app.entities:
            yield rendered(f"{_OUT}app/models/{e.module}.py", _T + "app/models/entity.py.j2", e=e)
            yield rendered(f"{_OUT}app/schemas/{e.module}.py", _T + "app/schemas/entity.py.j2", e=e)
            yield rendered(f"{_OUT}app/routers/{e.module}.py", _T + "app/routers/entity.py.j2", e=e)
            yield rendered(f"{_OUT}tests/{e.test_module}.py", _T + "tests/test_entity.py.j2", e=e)
