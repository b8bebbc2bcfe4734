"""Every table of the platform, imported in one place (for Alembic and the role grants)."""

from __future__ import annotations

from tdeveloper.platform.apikey.models import ApiKey
from tdeveloper.platform.auth.models import CredentialIndex, RefreshToken, User
from tdeveloper.platform.kit.models import Base
from tdeveloper.platform.project.models import Project
from tdeveloper.platform.run.models import (
    IdempotencyKey,
    Run,
    RunCheckpoint,
    RunDispatch,
    RunEvent,
)
from tdeveloper.platform.tenant.models import Tenant

__all__ = [
    "SHARED_TABLES",
    "TENANT_TABLES",
    "ApiKey",
    "Base",
    "CredentialIndex",
    "IdempotencyKey",
    "Project",
    "RefreshToken",
    "Run",
    "RunCheckpoint",
    "RunDispatch",
    "RunEvent",
    "Tenant",
    "User",
]

# Table -> the column that names its tenant. Row-level security is enabled and forced on each
# (PostgreSQL); on SQLite the repository layer scopes by the same column. The credential
# index is deliberately absent: the application role gets no privilege on it at all.
TENANT_TABLES = {
    "tenants": "id",
    "users": "tenant_id",
    "refresh_tokens": "tenant_id",
    "api_keys": "tenant_id",
    "projects": "tenant_id",
    "runs": "tenant_id",
    "idempotency_keys": "tenant_id",
    "run_checkpoints": "tenant_id",
    "run_events": "tenant_id",
}
# Tables the application uses that are not tenant-owned: the run dispatch holds ids,
# states and times only, and is scanned across tenants by the relay and the reconciler.
SHARED_TABLES = ("run_dispatch",)
