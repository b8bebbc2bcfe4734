"""One settings object for the platform, read from `TDEV_*` environment variables."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tdeveloper.spec.errors import InputError

__all__ = ["Settings", "settings"]


def _default_data_dir() -> Path:
    return Path.home() / ".tdeveloper"


class Settings(BaseSettings):
    """Embedded defaults (a SQLite file and artifacts under `data_dir`, an in-process cache);
    PostgreSQL by `TDEV_DATABASE_URL`, Redis by `TDEV_REDIS_URL`."""

    model_config = SettingsConfigDict(env_prefix="TDEV_", extra="ignore")

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str = ""  # empty: a SQLite file in data_dir
    # Migrations run as the owner of the tables; the application connects as a role that owns
    # nothing and cannot bypass row-level security (PostgreSQL only).
    owner_database_url: str = ""  # empty: the same as database_url
    app_role: str = "tdev_app"
    db_pool_size: int = 5  # connections per server process (and as many for async reads)
    redis_url: str = ""  # empty: revocations and rate limits kept in this process
    host: str = "127.0.0.1"
    port: int = 8000
    # The address clients reach us at, for signed download links.
    public_url: str = "http://127.0.0.1:8000"
    # Tenants may be addressed as `<slug>.<base_domain>`; empty: subdomains are not read.
    base_domain: str = ""

    # Identity.
    token_issuer: str = "tdeveloper"  # noqa: S105 (a name, not a secret)
    token_audience: str = "tdeveloper-api"  # noqa: S105 (a name, not a secret)
    access_token_minutes: int = 15
    refresh_token_days: int = 14
    download_link_minutes: int = 10
    login_rate_limit: str = "10/minute"  # per e-mail address and client address
    # Background run threads in this process (the worker issue moves runs to a queue).
    run_threads: int = 2
    # Runs on workers: empty broker = the in-process executor above. Redis or RabbitMQ URLs
    # (redis://..., amqp://...) send runs to `tdev worker` processes through Celery.
    broker_url: str = ""
    run_queue: str = "tdeveloper.runs"  # where the API publishes runs and workers consume
    concurrent_runs: int = 5  # per tenant, across all workers (more wait queued)
    # Per plan, overriding concurrent_runs: TDEV_PLAN_CONCURRENT_RUNS='{"free": 2, "pro": 10}'
    plan_concurrent_runs: dict[str, int] = Field(default_factory=dict)
    heartbeat_seconds: float = 2.0  # how often a worker says it still holds a run
    stale_seconds: float = 15.0  # a run whose worker has been silent this long is resumed
    requeue_seconds: float = 10.0  # publish again what has waited this long in the queue

    # Run archives: "local" (under data_dir/artifacts) or "s3" (an S3-compatible bucket).
    artifact_store: str = "local"
    s3_bucket: str = ""
    s3_prefix: str = "artifacts/"
    s3_endpoint_url: str = ""  # empty: AWS; else MinIO, Ceph, R2, ...
    s3_region: str = "us-east-1"
    # Empty keys: boto3's default credential chain (environment, profile, instance role).
    s3_access_key_id: str = ""
    s3_secret_access_key: str = Field(default="", repr=False)

    @model_validator(mode="after")
    def _check_artifact_store(self) -> Settings:
        # InputError, not ValueError: pydantic lets it through unwrapped, so `tdev serve`
        # fails with this one line instead of a validation report.
        if self.artifact_store not in ("local", "s3"):
            raise InputError(
                f"TDEV_ARTIFACT_STORE must be 'local' or 's3', not {self.artifact_store!r}"
            )
        if self.artifact_store == "s3" and not self.s3_bucket:
            raise InputError("TDEV_ARTIFACT_STORE=s3 needs a bucket: set TDEV_S3_BUCKET")
        return self

    @property
    def url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'tdeveloper.db'}"

    @property
    def owner_url(self) -> str:
        return self.owner_database_url or self.url

    def environment(self) -> dict[str, str]:
        """These settings as TDEV_* variables, for a server process started from them."""
        values = self.model_dump(exclude_defaults=True)
        values["data_dir"] = self.data_dir  # its default depends on the home folder
        return {f"TDEV_{name.upper()}": str(value) for name, value in values.items()}


@cache
def settings() -> Settings:
    return Settings()
