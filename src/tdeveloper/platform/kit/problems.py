"""Errors as `application/problem+json` (RFC 9457) with a stable `type` for each kind."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.exceptions import HTTPException

__all__ = ["PROBLEM_JSON", "ApiError", "install", "problem"]

PROBLEM_JSON = "application/problem+json"
_TYPES = "https://tdeveloper.dev/problems/"


class ApiError(Exception):
    """The root of every error the API answers on purpose: a status, a stable kind (the last
    part of the problem `type`) and a one-line detail. Services raise it; one handler turns
    it into a problem document."""

    def __init__(
        self, status: int, kind: str, detail: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail, self.headers = status, kind, detail, headers

    @classmethod
    def not_found(cls, what: str) -> ApiError:
        return cls(404, "not-found", f"no such {what}")

    @classmethod
    def unauthorized(cls, detail: str) -> ApiError:
        return cls(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})

    @classmethod
    def forbidden(cls, detail: str) -> ApiError:
        return cls(403, "forbidden", detail)


def problem(
    status: int, kind: str, detail: str, headers: dict[str, str] | None = None, **extra: object
) -> JSONResponse:
    body = {
        "type": f"{_TYPES}{kind}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


async def _api(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return problem(exc.status, exc.kind, exc.detail, exc.headers)


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    kind = "not-found" if exc.status_code == 404 else HTTPStatus(exc.status_code).name.lower()
    headers = getattr(exc, "headers", None)
    return problem(exc.status_code, kind.replace("_", "-"), str(exc.detail), headers)


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
    return problem(422, "validation", "the request does not match its schema", errors=errors)


async def _database_down(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    if isinstance(exc, DataError):
        # The database refused a value the schema let through (a NUL character in text,
        # a number out of its range): the request's fault, and nothing was written.
        return problem(422, "validation", "a value in the request cannot be stored")
    if not exc.connection_invalidated and not isinstance(exc, OperationalError):
        return await _unexpected(_request, exc)
    headers = {"Retry-After": "1"}
    return problem(503, "unavailable", "the database is unavailable; try again", headers)


async def _cache_down(_request: Request, _exc: Exception) -> JSONResponse:
    # Revocations and rate limits live in Redis: without them no request can be checked.
    headers = {"Retry-After": "1"}
    return problem(503, "unavailable", "a backing service is unavailable; try again", headers)


async def _unexpected(_request: Request, _exc: Exception) -> JSONResponse:
    return problem(500, "internal", "an unexpected error; it has been logged")


def install(app: FastAPI) -> None:
    """Every error the app answers with is a problem document, never a traceback."""
    app.add_exception_handler(ApiError, _api)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(DBAPIError, _database_down)
    app.add_exception_handler(RedisConnectionError, _cache_down)
    app.add_exception_handler(RedisTimeoutError, _cache_down)
    app.add_exception_handler(Exception, _unexpected)
