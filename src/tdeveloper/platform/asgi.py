"""The app built from TDEV_* settings, for ASGI servers that import it by name
(`uvicorn tdeveloper.platform.asgi:app`, and `tdev serve --workers N`)."""

from __future__ import annotations

from tdeveloper.platform.app import create_app
from tdeveloper.platform.kit.settings import settings

__all__ = ["app"]

app = create_app(settings())
