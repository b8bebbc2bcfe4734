"""Managing a tenant's users: invite (create), list, change role, deactivate.

Services flush and never commit. A change that takes rights away (deactivation, a new role)
also revokes the user's refresh tokens here, in the same transaction; ending their current
access tokens is the caller's job once the change is committed (see `Change.revoke`), so no
token issued between the revocation and the commit keeps the old rights."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tdeveloper.platform.auth.models import User
from tdeveloper.platform.auth.passwords import hash_password
from tdeveloper.platform.auth.principal import Principal
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.user import repository
from tdeveloper.platform.user.schemas import UserCreate, UserOut, UserUpdate

__all__ = ["Change", "create_user", "deactivate_user", "get_user", "list_users", "update_user"]


@dataclass(frozen=True)
class Change:
    user: UserOut
    revoke: bool  # the user's access tokens must end once this is committed


def list_users(session: Session, principal: Principal, limit: int, offset: int) -> list[UserOut]:
    users = repository.list_users(session, principal.tenant_id, limit, offset)
    return [UserOut.model_validate(user) for user in users]


def get_user(session: Session, principal: Principal, user_id: uuid.UUID) -> UserOut:
    return UserOut.model_validate(_found(session, principal, user_id))


def create_user(session: Session, principal: Principal, body: UserCreate) -> UserOut:
    if repository.email_taken(session, principal.tenant_id, body.email):
        raise _duplicate()
    user = User(
        tenant_id=principal.tenant_id,
        email=body.email,
        password_hash=hash_password(body.password),
        role=body.role,
    )
    try:
        # A savepoint: a concurrent insert of the same e-mail fails only this statement.
        with session.begin_nested():
            session.add(user)
            session.flush()
    except IntegrityError as exc:
        raise _duplicate() from exc
    return UserOut.model_validate(user)


def update_user(
    session: Session, principal: Principal, user_id: uuid.UUID, body: UserUpdate
) -> Change:
    user = _found(session, principal, user_id)
    role = body.role if body.role is not None else user.role
    active = body.active if body.active is not None else user.active
    return _apply(session, principal, user, role=role, active=active)


def deactivate_user(session: Session, principal: Principal, user_id: uuid.UUID) -> Change:
    user = _found(session, principal, user_id)
    return _apply(session, principal, user, role=user.role, active=False)


def _apply(
    session: Session, principal: Principal, user: User, *, role: str, active: bool
) -> Change:
    new_role = role != user.role
    deactivated = user.active and not active
    changed = new_role or active != user.active
    if changed and user.role == "super_admin" and principal.role != "super_admin":
        raise ApiError.forbidden("only a super_admin may change a super_admin")
    if user.active and user.role == "org_admin" and (new_role or deactivated):
        _keep_an_admin(session, principal, user)
    user.role, user.active = role, active
    session.flush()
    revoke = new_role or deactivated
    if revoke:
        repository.revoke_refresh_tokens(session, principal.tenant_id, user.id)
    return Change(UserOut.model_validate(user), revoke)


def _keep_an_admin(session: Session, principal: Principal, user: User) -> None:
    """A tenant without an active org_admin could never manage itself again."""
    others = [i for i in repository.active_admin_ids(session, principal.tenant_id) if i != user.id]
    if not others:
        who = "yourself" if user.id == principal.user_id else "the user"
        raise ApiError(409, "conflict", f"the last active org_admin: cannot remove {who}")


def _found(session: Session, principal: Principal, user_id: uuid.UUID) -> User:
    user = repository.find_user(session, principal.tenant_id, user_id)
    if user is None:
        raise ApiError.not_found("user")
    return user


def _duplicate() -> ApiError:
    return ApiError(409, "conflict", "a user with this e-mail already exists in the tenant")
