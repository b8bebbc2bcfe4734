"""`tdev db ...`: migrate the platform's database and set up the application's role."""

from __future__ import annotations

from collections.abc import Callable

import typer

from tdeveloper.spec.errors import InputError, TDevError

__all__ = ["db_app", "guarded"]

db_app = typer.Typer(help="The platform's database.", no_args_is_help=True)


def guarded(action: Callable[[], None]) -> None:
    """Run a database action; a connection or SQL failure is one line, not a traceback."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    try:
        action()
    except ArgumentError as exc:
        raise InputError(f"TDEV_DATABASE_URL is not a database URL: {exc}") from exc
    except SQLAlchemyError as exc:
        raise TDevError(f"database: {str(exc.__cause__ or exc).splitlines()[0]}") from exc


@db_app.command("upgrade")
def upgrade() -> None:
    """Create or migrate the database to the newest schema (as the tables' owner)."""
    from tdeveloper.platform.kit import db
    from tdeveloper.platform.kit.settings import settings

    config = settings()
    guarded(lambda: db.upgrade(config.owner_url, config.app_role))
    typer.echo(f"database is at the newest revision: {_shown(config.owner_url)}")


@db_app.command("create-roles")
def create_roles() -> None:
    """Create the role the application connects as (PostgreSQL; nothing to do on SQLite)."""
    from tdeveloper.platform.kit import db
    from tdeveloper.platform.kit.settings import settings

    config = settings()
    try:
        guarded(lambda: db.create_app_role(config.owner_url, config.app_role))
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    typer.echo(f"role {config.app_role} can read and write tenant tables under row-level security")


def _shown(url: str) -> str:
    """The URL without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
