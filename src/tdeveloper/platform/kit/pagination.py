"""The paging parameters every list endpoint takes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

__all__ = ["MAX_OFFSET", "Limit", "Offset"]

MAX_OFFSET = 2**31 - 1  # any larger offset overflows the database's integer

Limit = Annotated[int, Query(ge=1, le=100, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]
