"""The platform's HTTP API: operations endpoints, identity, tenants, users, API keys,
projects and runs. Errors are problem documents; OpenAPI at /openapi.json."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tdeveloper.platform.apikey.routes import router as api_keys
from tdeveloper.platform.auth.routes import router as auth
from tdeveloper.platform.kit.problems import install, problem
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.project.routes import router as projects
from tdeveloper.platform.run.routes import router as runs
from tdeveloper.platform.state import Platform
from tdeveloper.platform.tenant.routes import router as tenants
from tdeveloper.platform.user.routes import router as users

__all__ = ["create_app"]


def create_app(config: Settings) -> FastAPI:
    platform = Platform(config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await platform.start()
        yield
        await platform.stop()

    app = FastAPI(title="T-Developer platform", version="0.1.0", lifespan=lifespan)
    app.state.platform = platform
    install(app)
    _operations(app, platform)
    for router in (auth, tenants, users, api_keys, projects, runs):
        app.include_router(router)
    return app


def _operations(app: FastAPI, platform: Platform) -> None:
    @app.get("/health", tags=["operations"])
    def health() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/ready", tags=["operations"], response_model=None)
    def ready() -> dict[str, str] | JSONResponse:
        """The database answers."""
        try:
            with platform.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return problem(503, "not-ready", "the database does not answer")
        return {"status": "ready"}

    @app.get("/.well-known/jwks.json", tags=["identity"])
    def jwks() -> dict[str, list[dict[str, str]]]:
        """The public keys that verify access tokens (every kept key, newest last)."""
        return platform.keys.jwks()
