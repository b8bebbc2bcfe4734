"""Short-lived shared state: Redis when `TDEV_REDIS_URL` names one, else this process.

Holds what every server process must agree on quickly (revoked tokens) and the rate
limiter's counters (the `limits` library, on the same store)."""

from __future__ import annotations

import asyncio
import threading
import time
from functools import cache
from typing import Protocol

import redis
import redis.asyncio
from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

__all__ = ["KeyValue", "RateLimit", "key_value", "rate_limit"]


class KeyValue(Protocol):
    def get_many(self, keys: list[str]) -> list[str | None]: ...

    async def get_many_async(self, keys: list[str]) -> list[str | None]: ...

    def put(self, key: str, value: str, ttl_seconds: int) -> None: ...


class _Memory:
    """One process's store (the embedded default): entries expire like Redis keys."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def get_many(self, keys: list[str]) -> list[str | None]:
        now = time.monotonic()
        with self._lock:
            found = [self._items.get(key) for key in keys]
        return [item[0] if item and item[1] > now else None for item in found]

    async def get_many_async(self, keys: list[str]) -> list[str | None]:
        return self.get_many(keys)

    def put(self, key: str, value: str, ttl_seconds: int) -> None:
        with self._lock:
            self._items[key] = (value, time.monotonic() + ttl_seconds)
            if len(self._items) > 100_000:  # expired entries go when the store grows
                now = time.monotonic()
                self._items = {k: v for k, v in self._items.items() if v[1] > now}


class _Redis:
    def __init__(self, url: str) -> None:
        self._url = url
        self._client = redis.Redis.from_url(url, decode_responses=True)
        # asyncio clients belong to one event loop each (a server has one per process).
        self._async: dict[int, redis.asyncio.Redis] = {}

    def get_many(self, keys: list[str]) -> list[str | None]:
        return [v if v is None else str(v) for v in self._client.mget(keys)]

    async def get_many_async(self, keys: list[str]) -> list[str | None]:
        loop = id(asyncio.get_running_loop())
        client = self._async.get(loop)
        if client is None:
            client = self._async[loop] = redis.asyncio.Redis.from_url(
                self._url, decode_responses=True
            )
        return [v if v is None else str(v) for v in await client.mget(keys)]

    def put(self, key: str, value: str, ttl_seconds: int) -> None:
        self._client.set(key, value, ex=max(ttl_seconds, 1))


@cache
def key_value(redis_url: str) -> KeyValue:
    return _Redis(redis_url) if redis_url else _Memory()


class RateLimit:
    """A moving-window limit such as "10/minute", counted per key."""

    def __init__(self, redis_url: str, limit: str) -> None:
        storage = storage_from_string(redis_url or "memory://")
        self._limiter = MovingWindowRateLimiter(storage)
        self._item: RateLimitItem = parse(limit)

    def hit(self, *key: str) -> bool:
        """Count one attempt; False when the limit is already reached."""
        return self._limiter.hit(self._item, *key)

    def retry_after(self, *key: str) -> int:
        reset = self._limiter.get_window_stats(self._item, *key).reset_time
        return max(int(reset - time.time()) + 1, 1)


def rate_limit(redis_url: str, limit: str) -> RateLimit:
    return RateLimit(redis_url, limit)
