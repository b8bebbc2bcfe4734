"""Runs execute in background threads of this process (the worker issue moves them to a
queue)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tdeveloper.platform.state import Platform

__all__ = ["RunExecutor"]


class RunExecutor:
    def __init__(self, platform: Platform) -> None:
        self.platform = platform

    def submit(self, tenant_id: uuid.UUID, run_id: uuid.UUID) -> None:
        raise NotImplementedError

    def shutdown(self) -> None:
        pass
