"""The platform's HTTP API. This slice: liveness, readiness, problem documents, OpenAPI."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tdeveloper.platform.db import engine_for
from tdeveloper.platform.problems import install, problem
from tdeveloper.platform.settings import Settings

__all__ = ["create_app"]


def create_app(config: Settings) -> FastAPI:
    app = FastAPI(title="T-Developer platform", version="0.1.0")
    install(app)

    @app.get("/health", tags=["operations"])
    def health() -> dict[str, str]:
        """The process is up."""
        return {"status": "ok"}

    @app.get("/ready", tags=["operations"], response_model=None)
    def ready() -> dict[str, str] | JSONResponse:
        """The database answers."""
        try:
            with engine_for(config.url).connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return problem(503, "not-ready", "the database does not answer")
        return {"status": "ready"}

    return app
