"""Runs on workers: the dispatch table (outbox and leases), stage checkpoints, run events,
cancellation.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from tdeveloper.platform.kit.rls import disable_rls, enable_rls

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_NEW_TENANT_TABLES = {"run_checkpoints": "tenant_id", "run_events": "tenant_id"}


def _run_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["run_id"], ["runs.id"], name=op.f(f"fk_{table}_run_id_runs"), ondelete="CASCADE"
    )


def _tenant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id"], ["tenants.id"], name=op.f(f"fk_{table}_tenant_id_tenants")
    )


def upgrade() -> None:
    op.create_table(
        "run_checkpoints",
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("output", sa.Text(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _run_fk("run_checkpoints"),
        _tenant_fk("run_checkpoints"),
        sa.PrimaryKeyConstraint("run_id", "stage", name=op.f("pk_run_checkpoints")),
    )
    op.create_index(op.f("ix_run_checkpoints_tenant_id"), "run_checkpoints", ["tenant_id"])
    op.create_table(
        "run_dispatch",
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("deliveries", sa.Integer(), nullable=False),
        sa.Column("worker", sa.String(length=200), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _run_fk("run_dispatch"),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_run_dispatch")),
    )
    op.create_index(op.f("ix_run_dispatch_state"), "run_dispatch", ["state"])
    op.create_index(op.f("ix_run_dispatch_tenant_id"), "run_dispatch", ["tenant_id"])
    op.create_table(
        "run_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("tenant_id", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _run_fk("run_events"),
        _tenant_fk("run_events"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_events")),
    )
    op.create_index(op.f("ix_run_events_run_id"), "run_events", ["run_id"])
    op.create_index(op.f("ix_run_events_tenant_id"), "run_events", ["tenant_id"])
    with op.batch_alter_table("runs") as batch:
        batch.add_column(
            sa.Column("cancel_requested", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    if op.get_context().dialect.name == "postgresql":
        for table, column in _NEW_TENANT_TABLES.items():
            enable_rls(op.execute, table, column)


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        for table in _NEW_TENANT_TABLES:
            disable_rls(op.execute, table)
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("cancel_requested")
    for table in ("run_events", "run_dispatch", "run_checkpoints"):
        op.drop_table(table)
