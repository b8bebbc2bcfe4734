"""API keys: create (shown once), list by prefix, revoke, and authenticate a request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tdeveloper.platform.kit.problems import ApiError

if TYPE_CHECKING:
    from tdeveloper.platform.auth.principal import Principal
    from tdeveloper.platform.state import Platform

__all__ = ["authenticate_key"]


def authenticate_key(platform: Platform, raw: str) -> Principal:
    raise ApiError.unauthorized("the API key is not valid")
