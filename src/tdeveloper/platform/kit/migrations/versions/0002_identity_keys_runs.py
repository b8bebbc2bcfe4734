"""Identity (MFA, refresh tokens, API keys, the sign-in index), runs and idempotent answers.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tdeveloper.platform.kit.rls import disable_rls, enable_rls

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_NEW_TENANT_TABLES = {
    "refresh_tokens": "tenant_id",
    "api_keys": "tenant_id",
    "runs": "tenant_id",
    "idempotency_keys": "tenant_id",
}

# The sign-in index (PostgreSQL): triggers running as the tables' owner keep it; one SECURITY
# DEFINER function answers "which tenants hold this e-mail / key prefix"; nobody else may
# touch the table (see CredentialIndex).
_INDEX_TRIGGER = """
CREATE FUNCTION tdev_index_{table}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM credential_index
     WHERE kind = '{kind}' AND lookup = OLD.{column} AND tenant_id = OLD.tenant_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO credential_index (kind, lookup, tenant_id)
    VALUES ('{kind}', NEW.{column}, NEW.tenant_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER {table}_credential_index
AFTER INSERT OR UPDATE OF {column}, tenant_id OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION tdev_index_{table}();
"""
_LOOKUP = """
CREATE FUNCTION tdev_credential_tenants(p_kind text, p_lookup text) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT tenant_id FROM credential_index WHERE kind = p_kind AND lookup = p_lookup
$$;
REVOKE ALL ON credential_index FROM PUBLIC;
"""
_INDEXED = {"users": ("email", "email"), "api_keys": ("api_key", "prefix")}


def upgrade() -> None:
    _create_tables()
    _alter_tenants_and_users()
    if op.get_context().dialect.name == "postgresql":
        for table, column in _NEW_TENANT_TABLES.items():
            enable_rls(op.execute, table, column)
        for table, (kind, column) in _INDEXED.items():
            op.execute(_INDEX_TRIGGER.format(table=table, kind=kind, column=column))
        op.execute(_LOOKUP)
        # Users made before this revision enter the index (their rows are hidden from the
        # owner too while FORCE is on, so it is lifted inside this transaction).
        op.execute("ALTER TABLE users NO FORCE ROW LEVEL SECURITY")
        op.execute(
            "INSERT INTO credential_index (kind, lookup, tenant_id) "
            "SELECT 'email', email, tenant_id FROM users ON CONFLICT DO NOTHING"
        )
        op.execute("ALTER TABLE users FORCE ROW LEVEL SECURITY")


def _create_tables() -> None:
    op.create_table(
        "credential_index",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("lookup", sa.String(length=320), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "lookup", "tenant_id", name=op.f("pk_credential_index")),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_idempotency_keys_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("tenant_id", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_api_keys_created_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_api_keys_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_keys_prefix")),
    )
    op.create_index(op.f("ix_api_keys_tenant_id"), "api_keys", ["tenant_id"], unique=False)
    op.create_table(
        "refresh_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_refresh_tokens_tenant_id_tenants")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_refresh_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_tokens_token_hash")),
    )
    for column in ("family_id", "tenant_id", "user_id"):
        op.create_index(op.f(f"ix_refresh_tokens_{column}"), "refresh_tokens", [column])
    op.create_table(
        "runs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("project_id", sa.Uuid(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stages", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("artifact_name", sa.String(length=200), nullable=True),
        sa.Column("artifact_size", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_runs_project_id_projects")
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_runs_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )
    op.create_index(op.f("ix_runs_project_id"), "runs", ["project_id"], unique=False)
    op.create_index(op.f("ix_runs_tenant_id"), "runs", ["tenant_id"], unique=False)


def _alter_tenants_and_users() -> None:
    # Rows made before this revision: the slug starts as the tenant's id, factors are off.
    with op.batch_alter_table("tenants") as batch:
        batch.add_column(sa.Column("slug", sa.String(length=63), nullable=True))
        batch.add_column(
            sa.Column("mfa_required", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    if op.get_context().dialect.name == "postgresql":
        op.execute("ALTER TABLE tenants NO FORCE ROW LEVEL SECURITY")
        op.execute("UPDATE tenants SET slug = id::text")
        op.execute("ALTER TABLE tenants FORCE ROW LEVEL SECURITY")
    else:
        op.execute("UPDATE tenants SET slug = id")
    with op.batch_alter_table("tenants") as batch:
        batch.alter_column("slug", existing_type=sa.String(length=63), nullable=False)
        batch.create_unique_constraint(batch.f("uq_tenants_slug"), ["slug"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("mfa_secret", sa.String(length=64), nullable=True))
        batch.add_column(
            sa.Column("mfa_enabled", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP FUNCTION tdev_credential_tenants(text, text)")
        for table in _INDEXED:
            op.execute(f"DROP TRIGGER {table}_credential_index ON {table}")
            op.execute(f"DROP FUNCTION tdev_index_{table}()")
        for table in _NEW_TENANT_TABLES:
            disable_rls(op.execute, table)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("mfa_enabled")
        batch.drop_column("mfa_secret")
    with op.batch_alter_table("tenants") as batch:
        batch.drop_constraint(batch.f("uq_tenants_slug"), type_="unique")
        batch.drop_column("mfa_required")
        batch.drop_column("slug")
    for table in ("runs", "refresh_tokens", "api_keys", "idempotency_keys", "credential_index"):
        op.drop_table(table)
