"""Fixtures: a fresh database per test and a client for an app built on it.

Tests run on SQLite in a temporary directory. Set TEST_DATABASE_URL (or DATABASE_URL) to a
PostgreSQL URL to run them there instead: each test then gets a schema of its own, dropped
afterwards, so existing tables are never touched.
"""

import os
import typing as t
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from app import db, models
from app.main import create_app


def _server_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("DATABASE_URL")
    return url if url and not url.startswith("sqlite") else None


def _sqlite_engine(path: Path) -> t.Iterator[sa.Engine]:
    engine = db.create_engine(f"sqlite:///{path}")
    models.Base.metadata.create_all(engine)
    try:
        yield engine
    finally:
        engine.dispose()


def _server_engine(url: str) -> t.Iterator[sa.Engine]:
    schema = f"test_{uuid.uuid4().hex}"
    base = db.create_engine(url)
    with base.begin() as connection:
        connection.execute(sa.schema.CreateSchema(schema))
    engine = base.execution_options(schema_translate_map={None: schema})
    try:
        models.Base.metadata.create_all(engine)
        yield engine
    finally:
        with base.begin() as connection:
            connection.execute(sa.schema.DropSchema(schema, cascade=True))
        base.dispose()


@pytest.fixture
def engine(tmp_path: Path) -> t.Iterator[sa.Engine]:
    url = _server_url()
    yield from _server_engine(url) if url else _sqlite_engine(tmp_path / "test.db")


@pytest.fixture
def client(engine: sa.Engine) -> t.Iterator[TestClient]:
    with TestClient(create_app(engine)) as test_client:
        yield test_client
