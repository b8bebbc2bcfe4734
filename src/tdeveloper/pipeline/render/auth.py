"""Accounts, sign-in and roles of the generated backend, when the spec asks for them.

Authentication is on when the spec's features name `auth` or `roles` (roles mean nothing
without signing in). The design, chosen to be the simplest one to get right:

- One entity of the spec *is* the account, so there is no second accounts table to keep
  in step: `User` when the spec has one; else the one entity nl_input made the one that
  logs in (the only one with a required, unique email, or with the role field, when
  several have such an email); else a `User` entity is added. Its fields are made fit
  for sign-up: `email` becomes a required, unique email; `name` a string; `role` an enum
  of the spec's roles; any other field (and reference) is made optional, since
  registration only asks for email, password and name; fields that would hold a password
  are dropped, because the generator owns credentials.
- Its table gets one column no schema exposes: `password_hash` (Argon2id). It is nullable:
  rows created by an admin through the entity's own routes are records without a login.
- Guards, per route: reads stay public, except the accounts' (they list people's email
  addresses); create and update need a signed-in account; delete needs the `admin` role
  when the roles include "admin", else a signed-in account. Writes to the accounts need
  the admin role when there is one, so nobody can grant themselves a role.
- The first account registered gets the admin role (register it right after deploying);
  later ones get the default role: the spec's default for `role` unless that is admin,
  else the least privileged role (roles are listed most privileged first).
"""

from __future__ import annotations

from dataclasses import dataclass

from tdeveloper.pipeline.render.checks import fail
from tdeveloper.pipeline.render.views import AuthView, EntityView
from tdeveloper.spec import AppSpec, Entity, Field, Relation

__all__ = [
    "ADMIN",
    "USER",
    "Access",
    "access_of",
    "account_name",
    "auth_enabled",
    "auth_view",
    "default_role",
    "roles_of",
    "with_accounts",
]

USER = "User"  # the account entity's name when the spec has none to offer
ADMIN = "admin"  # the role that guarded routes need, when the roles include it
AUTH_PLURAL = "auth"  # /api/auth is the accounts router's prefix
# Fields that would hold a password in the clear; credentials are the generator's own.
_SECRET_FIELDS = frozenset(
    {"password", "password_hash", "hashed_password", "passwd", "password_digest", "pass_hash"}
)
_ENTITY_ROUTES = {"create": "user", "update": "user", "delete": ADMIN}
_ACCOUNT_ROUTES = dict.fromkeys(("list", "get"), "user") | dict.fromkeys(
    ("create", "update", "delete"), ADMIN
)


def auth_enabled(spec: AppSpec) -> bool:
    return bool({"auth", "roles"} & set(spec.features))


def roles_of(spec: AppSpec) -> tuple[str, ...]:
    """The spec's roles, most privileged first, without NUL, blanks or repeats."""
    cleaned = (role.replace("\x00", "").strip() for role in spec.roles)
    return tuple(dict.fromkeys(role for role in cleaned if role))


def default_role(roles: tuple[str, ...], stated: str | None) -> str | None:
    if not roles:
        return None
    others = [role for role in roles if role != ADMIN]
    if stated in others:
        return stated
    return others[-1] if others else roles[-1]


def account_name(spec: AppSpec) -> str | None:
    """The entity whose rows are the accounts, or None when there is none to use.

    `User` if present; else the single entity with a required, unique email field (how
    nl_input marks the one that logs in), narrowed to those with a `role` enum when
    there are roles and several qualify. An ambiguous spec gets a `User` of its own."""
    if any(e.name == USER for e in spec.entities):
        return USER
    candidates = [e for e in spec.entities if _signs_in(e)]
    if len(candidates) > 1 and roles_of(spec):
        candidates = [e for e in candidates if _has_roles(e)]
    return candidates[0].name if len(candidates) == 1 else None


def _has_roles(entity: Entity) -> bool:
    role = entity.field("role")
    return role is not None and role.type == "enum"


def _signs_in(entity: Entity) -> bool:
    email = entity.field("email")
    return email is not None and email.type == "email" and email.required and email.unique


def with_accounts(spec: AppSpec) -> AppSpec:
    """`spec` with its account entity fit to hold accounts (a `User` added when it has
    none); `spec` itself when authentication is off."""
    if not auth_enabled(spec):
        return spec
    name = account_name(spec)
    if name is None:
        _check_room(spec)
        fields = _account_fields((), roles_of(spec))
        user = Entity(name=USER, plural="users", table="users", fields=fields, source="default")
        entities = (*spec.entities, user)
        name = USER
    else:
        entity = spec.entity(name)
        user = entity.model_copy(update={"fields": _account_fields(entity.fields, roles_of(spec))})
        entities = tuple(user if e.name == name else e for e in spec.entities)
    _check_account_names(spec, name)
    relations = tuple(_optional(r, name) for r in spec.relations)
    return spec.model_copy(update={"entities": entities, "relations": relations})


def _check_room(spec: AppSpec) -> None:
    """Refuse names that an added `User` would collide with, with a message saying why."""
    for entity in spec.entities:
        if entity.table == "users" or entity.module == "user" or entity.plural == "users":
            fail(f"entity {entity.name} takes the names of the accounts' User entity")


def _check_account_names(spec: AppSpec, account: str) -> None:
    """The accounts' router and password column must not clash with the spec's names."""
    for entity in spec.entities:
        if entity.plural == AUTH_PLURAL:
            fail(f"entity {entity.name} would be served at /api/auth, the accounts' routes")
    for rel in spec.relations:
        if rel.source == account and {rel.field, rel.name} & _SECRET_FIELDS:
            fail(f"a relation of {account} uses a password field's name")


def _account_fields(fields: tuple[Field, ...], roles: tuple[str, ...]) -> tuple[Field, ...]:
    kept: list[Field] = []
    for f in fields:
        if f.name in _SECRET_FIELDS:
            continue
        if f.name == "email":
            f = Field(name="email", type="email", label=f.label, required=True, unique=True)
        elif f.name == "name":
            f = Field(name="name", type="string", label=f.label, required=f.required)
        elif f.name == "role" and roles:
            f = _role_field(roles, f.default, f.label)
        elif f.required:  # registration cannot fill it
            f = f.model_copy(update={"required": False})
        kept.append(f)
    names = {f.name for f in kept}
    if "name" not in names:
        kept.insert(0, Field(name="name", type="string", source="default"))
    if "email" not in names:
        kept.insert(0, Field(name="email", type="email", required=True, unique=True))
    if roles and "role" not in names:
        kept.append(_role_field(roles, None, ""))
    return tuple(kept)


def _role_field(roles: tuple[str, ...], stated: str | None, label: str) -> Field:
    return Field(
        name="role",
        type="enum",
        values=roles,
        required=True,
        default=default_role(roles, stated),
        label=label,
        source="default",
    )


def _optional(rel: Relation, account: str) -> Relation:
    """A reference of the account that registration leaves empty must be allowed to be."""
    if rel.source == account and rel.kind == "many_to_one" and rel.required:
        return rel.model_copy(update={"required": False})
    return rel


@dataclass(frozen=True, slots=True)
class Access:
    """Who may call which route of a spec prepared by `with_accounts`."""

    account: str | None  # the account entity; None: no authentication, all public
    admin: bool  # whether the roles include the admin role

    def guards(self, entity: str) -> dict[str, str]:
        """Route -> "user" or "admin" for the routes of `entity` that need signing in."""
        if self.account is None:
            return {}
        routes = _ACCOUNT_ROUTES if entity == self.account else _ENTITY_ROUTES
        admin = "admin" if self.admin else "user"
        return {route: admin if guard == ADMIN else guard for route, guard in routes.items()}


def access_of(spec: AppSpec) -> Access:
    account = account_name(spec) if auth_enabled(spec) else None
    return Access(account=account, admin=ADMIN in roles_of(spec))


def auth_view(spec: AppSpec, entities: tuple[EntityView, ...]) -> AuthView | None:
    access = access_of(spec)
    if access.account is None:
        return None
    roles = roles_of(spec)
    role = spec.entity(access.account).field("role") if roles else None  # set by with_accounts
    return AuthView(
        user=next(e for e in entities if e.name == access.account),
        roles=roles,
        admin_role=ADMIN if access.admin else None,
        default_role=role.default if role else None,
    )
