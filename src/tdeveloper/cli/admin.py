"""`tdev admin ...`: what a platform operator does outside the API (the first super_admin,
signing-key rotation)."""

from __future__ import annotations

from typing import Annotated

import typer

from tdeveloper.cli.db import guarded
from tdeveloper.spec.errors import InputError

__all__ = ["admin_app"]

admin_app = typer.Typer(help="Operate the platform.", no_args_is_help=True)


@admin_app.command("create-operator")
def create_operator(
    email: Annotated[str, typer.Option(help="The operator's e-mail (their sign-in name).")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="TDEV_OPERATOR_PASSWORD",
            help="Asked for when not given (or set TDEV_OPERATOR_PASSWORD).",
        ),
    ],
    organisation: Annotated[str, typer.Option(help="The operators' own tenant.")] = "Operators",
) -> None:
    """Create a super_admin, in a tenant of its own: it may act on any tenant (X-Tenant-ID)."""
    from pydantic import ValidationError

    from tdeveloper.platform.auth.schemas import RegisterBody
    from tdeveloper.platform.auth.service import register
    from tdeveloper.platform.kit import db
    from tdeveloper.platform.kit.settings import settings
    from tdeveloper.platform.models import User
    from tdeveloper.platform.state import Platform

    config = settings()
    guarded(lambda: db.upgrade(config.owner_url, config.app_role))
    try:
        body = RegisterBody(tenant_name=organisation, email=email, password=password)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"{first['loc'][0]}: {first['msg']}") from exc
    platform = Platform(config)

    def make() -> None:
        made = register(platform, body)
        with platform.session(made.tenant.id) as session:
            user = session.get(User, made.user.id)
            assert user is not None
            user.role = "super_admin"
        typer.echo(f"super_admin {made.user.email} in tenant {made.tenant.slug} ({made.tenant.id})")

    guarded(make)


@admin_app.command("rotate-keys")
def rotate_keys() -> None:
    """Add a new token-signing key. Tokens signed by older keys stay valid until they
    expire; running servers sign with the new key from their next token on."""
    from tdeveloper.platform.auth.keys import KeyRing
    from tdeveloper.platform.kit.settings import settings

    key = KeyRing(settings().data_dir / "keys").rotate()
    typer.echo(f"new signing key {key.kid}")
