"""One settings object for the platform, read from `TDEV_*` environment variables."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "settings"]


def _default_data_dir() -> Path:
    return Path.home() / ".tdeveloper"


class Settings(BaseSettings):
    """Embedded defaults (a SQLite file under `data_dir`); PostgreSQL by `TDEV_DATABASE_URL`."""

    model_config = SettingsConfigDict(env_prefix="TDEV_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str = ""  # empty: a SQLite file in data_dir
    # Migrations run as the owner of the tables; the application connects as a role that owns
    # nothing and cannot bypass row-level security (PostgreSQL only).
    owner_database_url: str = ""  # empty: the same as database_url
    app_role: str = "tdev_app"
    host: str = "127.0.0.1"
    port: int = 8000

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'tdeveloper.db'}"

    @property
    def owner_url(self) -> str:
        return self.owner_database_url or self.url


@cache
def settings() -> Settings:
    return Settings()
