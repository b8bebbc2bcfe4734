"""Errors as `application/problem+json` (RFC 9457) with a stable `type` for each kind."""

from __future__ import annotations

from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

__all__ = ["PROBLEM_JSON", "install", "problem"]

PROBLEM_JSON = "application/problem+json"
_TYPES = "https://tdeveloper.dev/problems/"


def problem(status: int, kind: str, detail: str, **extra: object) -> JSONResponse:
    body = {
        "type": f"{_TYPES}{kind}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


async def _http(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    kind = "not-found" if exc.status_code == 404 else HTTPStatus(exc.status_code).name.lower()
    return problem(exc.status_code, kind.replace("_", "-"), str(exc.detail))


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
    return problem(422, "validation", "the request does not match its schema", errors=errors)


async def _unexpected(_request: Request, _exc: Exception) -> JSONResponse:
    return problem(500, "internal", "an unexpected error; it has been logged")


def install(app: FastAPI) -> None:
    """Every error the app answers with is a problem document, never a traceback."""
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Exception, _unexpected)
