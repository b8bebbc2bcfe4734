"""Explicit options for one generation: the core reads no global configuration."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from tdeveloper.spec.base import Frozen
from tdeveloper.spec.stages import Frontend

MAX_DESCRIPTION = 20_000


class GenerateOptions(Frozen):
    frontend: Frontend | None = None
    archive_format: Literal["zip", "tar.gz"] = "zip"
    name: str | None = Field(default=None, description="project name; derived when absent")
    verify: bool = False
    verify_timeout: float = 600.0


class Brief(Frozen):
    """The nl_input stage's input: the description and optional context."""

    description: str = Field(min_length=1, max_length=MAX_DESCRIPTION)
    context: str = ""
