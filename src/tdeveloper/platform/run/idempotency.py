"""Idempotent run creation: the first answer to a request with an `Idempotency-Key` is
kept per tenant and replayed for the same request; the same key with another request is
refused (422).

The key is claimed first, with `INSERT ... ON CONFLICT DO NOTHING` on the (tenant, key)
primary key, then the run is made and the answer stored on the claimed row, all in the
request's unit of work. Of two concurrent requests with one key, the second one's insert
waits for the first to commit (PostgreSQL) or for its write lock (SQLite), then claims
nothing and replays the first one's answer: one run, without an IntegrityError that would
spoil the unit of work or a savepoint (which pysqlite commits early)."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tdeveloper.platform.kit.models import now
from tdeveloper.platform.kit.problems import ApiError
from tdeveloper.platform.run.models import IdempotencyKey

__all__ = ["Answer", "claim", "remember", "replay", "request_hash"]

_PENDING = 0  # the status of a claimed key whose answer is not stored yet


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: dict[str, Any]


def request_hash(method: str, path: str, body: dict[str, Any]) -> str:
    """sha256 of the method, the path and the body as canonical JSON (sorted keys, no
    spaces), so the same request hashes alike however its JSON was laid out."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{method.upper()}\n{path}\n{canonical}".encode()).hexdigest()


def replay(session: Session, tenant_id: uuid.UUID, key: str, fingerprint: str) -> Answer | None:
    """The stored answer for this key, None if there is none; 422 if the key was used for
    another request."""
    row = session.scalars(
        select(IdempotencyKey).where(
            IdempotencyKey.tenant_id == tenant_id, IdempotencyKey.key == key
        )
    ).first()
    if row is None:
        return None
    if row.request_hash != fingerprint:
        raise ApiError(
            422, "idempotency-key-reused", "this Idempotency-Key was used for another request"
        )
    if row.status_code == _PENDING:
        raise ApiError(409, "conflict", "a request with this Idempotency-Key is in progress")
    return Answer(row.status_code, row.response)


def claim(session: Session, tenant_id: uuid.UUID, key: str, fingerprint: str) -> bool:
    """Takes the key for this request; False when another request holds it already."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(IdempotencyKey)
        .values(
            tenant_id=tenant_id,
            key=key,
            request_hash=fingerprint,
            status_code=_PENDING,
            response={},
            created_at=now(),
        )
        .on_conflict_do_nothing(index_elements=["tenant_id", "key"])
        .returning(IdempotencyKey.key)  # a row back only when inserted (rowcount is unreliable)
    )
    return session.execute(statement).first() is not None


def remember(session: Session, tenant_id: uuid.UUID, key: str, answer: Answer) -> None:
    """Stores the answer on the key this request claimed."""
    session.execute(
        update(IdempotencyKey)
        .where(IdempotencyKey.tenant_id == tenant_id, IdempotencyKey.key == key)
        .values(status_code=answer.status_code, response=answer.body)
        .execution_options(synchronize_session=False)
    )
