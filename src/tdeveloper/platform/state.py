"""The platform's parts for one app: configuration, database, keys, token issuers, the
shared store and the run executor. Built once per app, each part on first use."""

from __future__ import annotations

import gc
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cached_property
from typing import TYPE_CHECKING

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tdeveloper.platform.auth.keys import KeyRing
from tdeveloper.platform.auth.revocation import Revocations
from tdeveloper.platform.auth.tokens import TokenIssuer
from tdeveloper.platform.kit.cache import RateLimit, key_value
from tdeveloper.platform.kit.db import app_engine, tenant_session
from tdeveloper.platform.kit.reads import AsyncReads
from tdeveloper.platform.kit.settings import Settings

if TYPE_CHECKING:
    from tdeveloper.platform.run.queue import RunQueue
    from tdeveloper.platform.run.relay import Relay
    from tdeveloper.platform.run.storage import ArtifactStore

__all__ = ["Platform", "get_platform"]


class Platform:
    def __init__(self, config: Settings) -> None:
        self.config = config
        # Thread-free reads on PostgreSQL, while the app runs (see start); else None.
        self.reads: AsyncReads | None = None
        # Publishes again the runs left behind (lost, deferred, of a dead worker).
        self.relay: Relay | None = None

    async def start(self) -> None:
        """On the server's event loop: open what lives on it."""
        # What the app built at start-up lives as long as the process: keep it out of the
        # collector's full passes, which otherwise walk it again and again under load.
        gc.freeze()
        if self.engine.dialect.name == "postgresql":
            reads = AsyncReads(self.config.url, size=self.config.db_pool_size)
            await reads.open()
            self.reads = reads
        from tdeveloper.platform.run.relay import Relay

        self.relay = Relay(self)
        self.relay.start()

    async def stop(self) -> None:
        if self.relay is not None:  # first: nothing is published into a closing executor
            self.relay.stop()
            self.relay = None
        if self.reads is not None:
            await self.reads.close()
            self.reads = None
        self.close()

    @cached_property
    def engine(self) -> Engine:
        return app_engine(self.config)

    @contextmanager
    def session(self, tenant_id: uuid.UUID | None) -> Iterator[Session]:
        """One unit of work in one tenant's context: committed at the end, rolled back on
        an error. None: no tenant, so every tenant table looks empty."""
        with tenant_session(self.engine, tenant_id) as session:
            yield session

    @cached_property
    def keys(self) -> KeyRing:
        return KeyRing(self.config.data_dir / "keys")

    @cached_property
    def access_tokens(self) -> TokenIssuer:
        minutes = timedelta(minutes=self.config.access_token_minutes)
        return TokenIssuer(
            self.keys,
            issuer=self.config.token_issuer,
            audience=self.config.token_audience,
            ttl=minutes,
        )

    @cached_property
    def download_links(self) -> TokenIssuer:
        """Signed artifact links: their own audience, so neither kind passes for the other."""
        minutes = timedelta(minutes=self.config.download_link_minutes)
        return TokenIssuer(
            self.keys,
            issuer=self.config.token_issuer,
            audience=f"{self.config.token_audience}:download",
            ttl=minutes,
        )

    @cached_property
    def revocations(self) -> Revocations:
        store = key_value(self.config.redis_url)
        return Revocations(store, ttl_seconds=self.config.access_token_minutes * 60 + 60)

    @cached_property
    def login_limit(self) -> RateLimit:
        return RateLimit(self.config.redis_url, self.config.login_rate_limit)

    @cached_property
    def runs(self) -> RunQueue:
        """Celery workers when `broker_url` is set, otherwise threads of this process."""
        from tdeveloper.platform.run.queue import make_queue

        return make_queue(self)

    @cached_property
    def artifacts(self) -> ArtifactStore:
        """Run archives: a local folder, or an S3-compatible bucket (`artifact_store`)."""
        from tdeveloper.platform.run.storage import make_store

        return make_store(self.config)

    def close(self) -> None:
        if "runs" in self.__dict__:
            self.runs.shutdown()


async def get_platform(request: Request) -> Platform:  # async: no I/O, no thread hop
    platform: Platform = request.app.state.platform
    return platform
