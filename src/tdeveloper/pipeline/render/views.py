"""The view model templates render: the spec's entities with every code fragment precomputed.

Templates only loop and paste. Identifiers come from the spec's names after `check_names`
has proven them safe; every other fragment is built by `fields`/`samples` from escaped
literals and numbers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tdeveloper.pipeline.render.escape import py_str
from tdeveloper.pipeline.render.fields import FieldCode, TypeInfo
from tdeveloper.spec import Field

__all__ = [
    "AppView",
    "AuthView",
    "EntityView",
    "FieldView",
    "LinkView",
    "RefView",
    "UpdateCase",
]


@dataclass(frozen=True, slots=True)
class RefView:
    """The target of a reference field (many-to-one)."""

    entity: str
    table: str
    module: str
    self_ref: bool
    deferred: bool  # closes a cycle: added after both tables exist
    fk_name: str  # explicit name, needed by use_alter and by the migration's downgrade


@dataclass(frozen=True, slots=True)
class FieldView:
    name: str
    type: str
    label: str
    nullable: bool
    unique: bool
    info: TypeInfo
    code: FieldCode
    ref: RefView | None
    sample: str  # expression in tests/factories.py (names in scope: n, client)
    filterable: bool
    searchable: bool
    spec: Field  # the spec's field, for what the fragments above do not carry (bounds, values)

    @property
    def required_in_create(self) -> bool:
        return not self.nullable and self.code.default is None

    @property
    def model_column(self) -> list[str]:
        """Arguments of `mapped_column` in the ORM model."""
        args = [f"_sa.{self.info.sa}"]
        if self.ref is not None:
            target = py_str(f"{self.ref.table}.id")
            if self.ref.deferred:  # named: use_alter needs it, and the downgrade drops it by name
                target += f", use_alter=True, name={py_str(self.ref.fk_name)}"
            args.append(f"_sa.ForeignKey({target})")
        return args + self._flags

    @property
    def migration_column(self) -> list[str]:
        """Arguments of `sa.Column` in the initial migration (deferred keys come later)."""
        args = [py_str(self.name), f"sa.{self.info.sa}"]
        if self.ref is not None and not self.ref.deferred:
            args.append(f"sa.ForeignKey({py_str(f'{self.ref.table}.id')})")
        return [*args, f"nullable={self.nullable}", *self._flags]

    @property
    def _flags(self) -> list[str]:
        return (["unique=True"] if self.unique else []) + (["index=True"] if self.ref else [])

    @property
    def in_payload(self) -> bool:
        """Whether the factory's payload sets it (optional references stay unset)."""
        return self.ref is None or not self.nullable


@dataclass(frozen=True, slots=True)
class LinkView:
    """A many-to-many relation stored in an association table, seen from its source."""

    name: str  # ORM relationship attribute, e.g. tags
    field: str  # list of ids in the schemas, e.g. tag_ids
    through: str  # association table
    source: str  # entity names
    target: str
    target_module: str
    target_table: str
    target_plural: str
    source_table: str
    source_column: str
    target_column: str

    @property
    def self_ref(self) -> bool:
        return self.source == self.target

    @property
    def table_var(self) -> str:
        """Module-level name of the table; the underscore keeps it apart from field names."""
        return f"_{self.through}_table"


@dataclass(frozen=True, slots=True)
class UpdateCase:
    """A field the generated update test changes, and the expression of its new value."""

    field: str
    value: str  # expression; `created` (the row as returned on create) is in scope


@dataclass(frozen=True, slots=True)
class EntityView:
    name: str
    plural: str  # URL segment
    table: str
    module: str
    label: str
    fields: tuple[FieldView, ...]
    links: tuple[LinkView, ...]  # many-to-many relations this entity owns
    referenced_by: tuple[tuple[str, str], ...]  # (entity module, field) pointing here
    linked_by: tuple[LinkView, ...]  # many-to-many relations targeting this entity
    sort_values: tuple[str, ...]
    update: UpdateCase | None
    test_module: str
    imports: dict[str, tuple[str, ...]]  # generated module kind -> alias imports it needs
    type_imports: tuple[tuple[str, str], ...]  # (module, class) for TYPE_CHECKING in models
    # Route -> who may call it ("user": any signed-in account, "admin": the admin role);
    # routes not listed are public. Empty when the app has no authentication.
    guards: dict[str, str] = dataclasses.field(default_factory=dict)
    account: bool = False  # the entity whose rows are the accounts (has a password hash)

    def route_args(self, route: str, responses: str | None = None) -> list[str]:
        """Decorator arguments of `route` after its path and response model: the errors it
        documents (`responses`, a `_crud` name) and, when it is guarded, its guard."""
        guard = self.guards.get(route)
        if guard is None:
            return [f"responses={responses}"] if responses else []
        errors = f"_auth.{guard.upper()}_ERRORS"
        documented = f"{responses} | {errors}" if responses else errors
        return [f"responses={documented}", f"dependencies=[_auth.REQUIRE_{guard.upper()}]"]

    @property
    def fn(self) -> str:
        """Plural used in function names (the URL segment may contain hyphens)."""
        return self.plural.replace("-", "_")

    @property
    def filters(self) -> tuple[FieldView, ...]:
        return tuple(f for f in self.fields if f.filterable)

    @property
    def search(self) -> tuple[FieldView, ...]:
        return tuple(f for f in self.fields if f.searchable)

    @property
    def references(self) -> tuple[FieldView, ...]:
        return tuple(f for f in self.fields if f.ref is not None)

    @property
    def filter_case(self) -> FieldView | None:
        """The field the generated filter test uses: one whose value round-trips."""
        return next((f for f in self.filters if f.info.roundtrip and f.in_payload), None)

    @property
    def unique_case(self) -> FieldView | None:
        return next((f for f in self.fields if f.unique and f.in_payload), None)

    @property
    def null_case(self) -> FieldView | None:
        """A non-nullable field: PATCHing it to null must give 422, not a database error."""
        return next((f for f in self.fields if not f.nullable), None)

    @property
    def number_case(self) -> FieldView | None:
        """A number field: sending `true` in it must give 422, not 1."""
        return next((f for f in self.fields if f.type in ("integer", "float", "decimal")), None)

    @property
    def text_case(self) -> FieldView | None:
        """A free-text field: sending a NUL character in it must give 422."""
        return next((f for f in self.fields if f.type in ("string", "text")), None)


@dataclass(frozen=True, slots=True)
class AuthView:
    """Accounts of the generated app: the entity holding them and the roles, if any."""

    user: EntityView
    roles: tuple[str, ...]  # most to least privileged; empty without roles
    admin_role: str | None  # the role guarded routes need (None: signing in is enough)
    default_role: str | None  # what registration gives every account but the first

    @property
    def name_field(self) -> FieldView:
        return next(f for f in self.user.fields if f.name == "name")

    @property
    def first_role(self) -> str | None:
        """The role of the first account: admin when there is one, so someone can be."""
        return self.admin_role or self.default_role


@dataclass(frozen=True, slots=True)
class AppView:
    name: str  # slug
    title: str  # free text
    description: str  # free text
    entities: tuple[EntityView, ...]  # spec order
    creation_order: tuple[EntityView, ...]  # migration order
    links: tuple[LinkView, ...]
    auth: AuthView | None = None  # None: no authentication, every route is public

    @property
    def deferred(self) -> tuple[tuple[EntityView, FieldView], ...]:
        return tuple(
            (e, f) for e in self.creation_order for f in e.references if f.ref and f.ref.deferred
        )

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(e.table for e in self.creation_order) + tuple(x.through for x in self.links)
