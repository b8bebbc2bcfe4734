"""HTTP routes of the apikey feature."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(prefix="/api/v1/api-keys", tags=["api-keys"])
