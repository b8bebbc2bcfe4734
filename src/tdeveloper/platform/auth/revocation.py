"""Revoked access tokens. Access tokens live about 15 minutes and are not looked up in the
database; logging out, deactivating a user or changing their role must still end them at
once, so each request asks the shared store (Redis, or this process) about the token's
`jti`, its session (`sid`, the refresh-token family) and its user."""

from __future__ import annotations

import time
from typing import Any

from tdeveloper.platform.kit.cache import KeyValue

__all__ = ["Revocations"]


class Revocations:
    def __init__(self, store: KeyValue, ttl_seconds: int) -> None:
        self._store, self._ttl = store, ttl_seconds  # ttl: the longest an access token lives

    def revoke_session(self, session_id: str) -> None:
        self._store.put(f"tdev:revoked:sid:{session_id}", "1", self._ttl)

    def revoke_user(self, user_id: str) -> None:
        """Every access token the user holds now stops working (new ones work)."""
        self._store.put(f"tdev:revoked:user:{user_id}", repr(time.time()), self._ttl)

    async def is_revoked(self, claims: dict[str, Any]) -> bool:
        sid, sub = claims.get("sid"), claims.get("sub")
        session, user = await self._store.get_many_async(
            [f"tdev:revoked:sid:{sid}", f"tdev:revoked:user:{sub}"]
        )
        if session is not None:
            return True
        # `ts` is the issue time with sub-second precision (`iat` is whole seconds).
        return user is not None and float(claims.get("ts", 0)) <= float(user)
