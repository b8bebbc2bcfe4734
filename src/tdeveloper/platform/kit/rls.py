"""Row-level security for tenant tables (PostgreSQL).

Each tenant table gets ENABLE and FORCE ROW LEVEL SECURITY (FORCE: the owner obeys it too)
and one policy: a row is visible and writable only when its tenant column equals the
transaction's `app.tenant_id`. With no tenant set, `NULLIF(..., '')` is NULL and nothing
matches, so a query outside any tenant sees zero rows.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["TENANT_SETTING", "disable_rls", "enable_rls"]

TENANT_SETTING = "app.tenant_id"
_CURRENT = f"NULLIF(current_setting('{TENANT_SETTING}', true), '')::uuid"


def enable_rls(execute: Callable[[str], object], table: str, column: str) -> None:
    execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    execute(
        f"CREATE POLICY tenant_isolation ON {table} "
        f"USING ({column} = {_CURRENT}) WITH CHECK ({column} = {_CURRENT})"
    )


def disable_rls(execute: Callable[[str], object], table: str) -> None:
    execute(f"DROP POLICY IF EXISTS tenant_isolation ON {table}")
    execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
