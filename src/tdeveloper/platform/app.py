"""The platform's HTTP API so far: liveness, readiness, the token keys (JWKS), problem
documents and OpenAPI."""

from __future__ import annotations

from functools import cache

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from tdeveloper.platform.db import engine_for
from tdeveloper.platform.keys import KeyRing
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

    @cache
    def keys() -> KeyRing:  # created on first use, not when the app is built
        return KeyRing(config.data_dir / "keys")

    @app.get("/.well-known/jwks.json", tags=["identity"])
    def jwks() -> dict[str, list[dict[str, str]]]:
        """The public keys that verify access tokens (every kept key, newest last)."""
        return keys().jwks()

    return app
