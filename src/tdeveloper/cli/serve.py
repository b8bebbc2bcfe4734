"""`tdev serve`: the platform on the embedded defaults (or what TDEV_* settings name)."""

from __future__ import annotations

from typing import Annotated

import typer

from tdeveloper.cli.db import guarded

__all__ = ["serve"]


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.", min=1, max=65535)] = None,
    workers: Annotated[int, typer.Option(help="Server processes (one per core).", min=1)] = 1,
    access_log: Annotated[bool, typer.Option(help="Log every request.")] = True,
) -> None:
    """Run the platform's API (127.0.0.1:8000 and a SQLite file unless TDEV_* say otherwise).
    The database is created and migrated on start."""
    import uvicorn

    from tdeveloper.platform.app import create_app
    from tdeveloper.platform.kit import db
    from tdeveloper.platform.kit.settings import settings

    config = settings()
    guarded(lambda: db.upgrade(config.owner_url, config.app_role))
    # Several processes need the app by import name; each builds it from the same settings.
    target = "tdeveloper.platform.asgi:app" if workers > 1 else create_app(config)
    uvicorn.run(
        target,
        host=host or config.host,
        port=port or config.port,
        workers=workers,
        log_level="info",
        access_log=access_log,
        # An open event stream lasts until its run ends; clients resume with Last-Event-ID.
        timeout_graceful_shutdown=10,
    )
