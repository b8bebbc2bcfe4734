"""Every table of the platform, imported in one place (for Alembic and the role grants)."""

from __future__ import annotations

from tdeveloper.platform.apikey.models import ApiKey
from tdeveloper.platform.auth.models import CredentialIndex, RefreshToken, User
from tdeveloper.platform.kit.models import Base
from tdeveloper.platform.project.models import Project
from tdeveloper.platform.run.models import IdempotencyKey, Run
from tdeveloper.platform.tenant.models import Tenant

__all__ = [
    "TENANT_TABLES",
    "ApiKey",
    "Base",
    "CredentialIndex",
    "IdempotencyKey",
    "Project",
    "RefreshToken",
    "Run",
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
}
