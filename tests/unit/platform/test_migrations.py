"""The platform's schema on the embedded default (SQLite): migrations and `tdev db`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from tdeveloper.platform.kit.db import alembic_config, engine_for, upgrade
from tdeveloper.platform.kit.settings import Settings
from tdeveloper.platform.models import TENANT_TABLES, Base


def test_upgrade_creates_every_table_and_is_repeatable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'tdev.db'}"
    upgrade(url)
    upgrade(url)  # a second run has nothing to do
    tables = set(inspect(engine_for(url)).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} == tables
    assert set(TENANT_TABLES) <= tables


def test_models_match_the_migrations(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'tdev.db'}"
    upgrade(url)
    command.check(alembic_config(url))  # raises when the models need a new migration


def test_settings_default_to_a_sqlite_file_in_the_data_dir(tmp_path: Path) -> None:
    config = Settings(data_dir=tmp_path)
    assert config.url == f"sqlite:///{tmp_path / 'tdeveloper.db'}"
    assert config.owner_url == config.url
    assert Settings(database_url="postgresql+psycopg://x@h/db").owner_url.endswith("/db")


def _tdev(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    command_ = [str(Path(sys.executable).with_name("tdev")), *args]
    return subprocess.run(
        command_, capture_output=True, text=True, env={**os.environ, **env}, check=False
    )


def test_db_upgrade_as_a_process(tmp_path: Path) -> None:
    done = _tdev("db", "upgrade", TDEV_DATA_DIR=str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "tdeveloper.db").is_file()
    roles = _tdev("db", "create-roles", TDEV_DATA_DIR=str(tmp_path))
    assert roles.returncode == 0, roles.stderr  # SQLite: nothing to create


def test_a_bad_database_url_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = _tdev("db", "upgrade", TDEV_DATABASE_URL="not a url")
    assert done.returncode == 2
    assert done.stderr.startswith("tdev: error: TDEV_DATABASE_URL is not a database URL")
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
