"""Accounts and roles: which entity holds the accounts, how it is made fit for sign-up,
who may call which route, and the files a backend with accounts gets."""

from __future__ import annotations

import io
import tokenize
import tomllib
from collections.abc import Callable

import pytest

from support.specs import team_tasks_spec
from tdeveloper.pipeline.assembly import Assembly
from tdeveloper.pipeline.generation import Generation
from tdeveloper.pipeline.render import build_app
from tdeveloper.pipeline.render.auth import account_name, default_role, with_accounts
from tdeveloper.pipeline.state import AssemblyInput, GenerationInput
from tdeveloper.spec import AppSpec, Entity, Field, Relation, StageError

Render = Callable[[AppSpec], dict[str, str]]
AUTH_FILES = (
    "backend/app/security.py",
    "backend/app/routers/_auth.py",
    "backend/app/schemas/_auth.py",
    "backend/tests/test_auth.py",
)


def person(name: str, *extra: Field, plural: str | None = None) -> Entity:
    plural = plural or f"{name.lower()}s"
    email = Field(name="email", type="email", required=True, unique=True)
    return Entity(name=name, plural=plural, table=plural, fields=(email, *extra))


def app_spec(*entities: Entity, roles: tuple[str, ...] = (), **changes: object) -> AppSpec:
    features = ("auth", "roles") if roles else ("auth",)
    spec = AppSpec(name="app", title="App", entities=entities, features=features, roles=roles)
    return spec.model_copy(update=changes)


def test_without_auth_nothing_changes(render: Render, load: Callable[[str], AppSpec]) -> None:
    spec = load("vet_clinic")
    assert with_accounts(spec) is spec
    assert build_app(spec).auth is None
    assert not set(AUTH_FILES) & set(render(spec))


def test_a_user_is_added_when_the_spec_has_none() -> None:
    app = build_app(team_tasks_spec(user_entity=False))
    assert app.auth is not None
    user = app.auth.user
    assert (user.name, user.table, user.plural, user.account) == ("User", "users", "users", True)
    assert [f.name for f in user.fields] == ["email", "name", "role"]
    email, name, role = user.fields
    assert (email.type, email.nullable, email.unique) == ("email", False, True)
    assert name.nullable
    assert role.info.py == "str" and role.code.default
    assert role.code.default.code == '"member"'
    assert (app.auth.roles, app.auth.admin_role, app.auth.default_role) == (
        ("admin", "member"),
        "admin",
        "member",
    )
    assert [e.name for e in app.entities if e.account] == ["User"]


def test_the_entity_that_logs_in_is_made_fit_for_sign_up() -> None:
    member = person(
        "Member",
        Field(name="name", type="integer", required=True, label="Full name"),
        Field(name="phone", type="string", required=True),
        Field(name="password", type="string", required=True),
        Field(name="club_id", type="reference", target="Club", required=True),
    )
    club = Entity(
        name="Club", plural="clubs", table="clubs", fields=(Field(name="title", type="string"),)
    )
    rel = Relation(kind="many_to_one", source="Member", target="Club", required=True)
    spec = with_accounts(app_spec(member, club, relations=(rel,)))
    assert account_name(spec) == "Member"
    fields = {f.name: f for f in spec.entity("Member").fields}
    assert list(fields) == ["email", "name", "phone", "club_id"]  # no password field
    assert (fields["name"].type, fields["name"].required) == ("string", True)
    assert fields["name"].label == "Full name"
    assert not fields["phone"].required and not fields["club_id"].required
    assert not spec.relations[0].required
    app = build_app(spec)
    assert app.auth is not None
    assert app.auth.user.name == "Member"
    assert app.auth.roles == () and app.auth.default_role is None


def test_user_wins_and_ambiguity_adds_a_user() -> None:
    customer, supplier = person("Customer"), person("Supplier")
    assert account_name(app_spec(customer, person("User"))) == "User"
    assert account_name(app_spec(customer, supplier)) is None
    assert [e.name for e in with_accounts(app_spec(customer, supplier)).entities] == [
        "Customer",
        "Supplier",
        "User",
    ]
    role = Field(name="role", type="enum", values=("admin", "user"))
    with_role = person("Customer", role)
    assert account_name(app_spec(with_role, supplier, roles=("admin", "user"))) == "Customer"
    optional = Entity(
        name="Guest", plural="guests", table="guests", fields=(Field(name="email", type="email"),)
    )
    assert account_name(app_spec(optional)) is None


@pytest.mark.parametrize(
    ("roles", "stated", "expected"),
    [
        (("admin", "member"), None, "member"),
        (("admin", "member"), "admin", "member"),  # nobody registers as admin by default
        (("admin", "editor", "viewer"), "editor", "editor"),
        (("admin", "editor", "viewer"), "nonsense", "viewer"),
        (("admin",), None, "admin"),
        ((), None, None),
    ],
)
def test_default_role(roles: tuple[str, ...], stated: str | None, expected: str | None) -> None:
    assert default_role(roles, stated) == expected


def test_the_roles_feature_alone_turns_sign_in_on() -> None:
    spec = team_tasks_spec().model_copy(update={"features": ("roles",)})
    assert build_app(spec).auth is not None


def test_guards_per_route() -> None:
    app = build_app(team_tasks_spec())
    project = next(e for e in app.entities if e.name == "Project")
    user = next(e for e in app.entities if e.name == "User")
    assert project.guards == {"create": "user", "update": "user", "delete": "admin"}
    assert user.guards == dict.fromkeys(("list", "get", "create", "update", "delete"), "admin") | {
        "list": "user",
        "get": "user",
    }
    assert project.route_args("list") == []
    assert project.route_args("get", "_crud.NOT_FOUND") == ["responses=_crud.NOT_FOUND"]
    assert project.route_args("delete", "_crud.DELETE_ERRORS") == [
        "responses=_crud.DELETE_ERRORS | _auth.ADMIN_ERRORS",
        "dependencies=[_auth.REQUIRE_ADMIN]",
    ]
    without_admin = build_app(team_tasks_spec(roles=("editor", "viewer")))
    assert without_admin.entities[0].guards["delete"] == "user"
    assert without_admin.auth is not None and without_admin.auth.admin_role is None


def test_a_backend_with_accounts_gets_its_files(render: Render) -> None:
    files = render(team_tasks_spec())
    assert set(AUTH_FILES) <= set(files)
    deps = tomllib.loads(files["backend/pyproject.toml"])["project"]["dependencies"]
    assert {"pyjwt>=2.13,<3", "argon2-cffi>=23.1,<26"} <= set(deps)
    assert "SECRET_KEY=" in files[".env.example"]
    assert "SECRET_KEY:" in files["docker-compose.yml"]
    assert "## Accounts and access" in files["README.md"]
    model = files["backend/app/models/user.py"]
    assert "password_hash: _orm.Mapped[str | None]" in model
    assert '"password_hash", sa.String(255)' in files["backend/alembic/versions/0001_initial.py"]
    schemas = [text for path, text in files.items() if path.startswith("backend/app/schemas/")]
    assert not any("password_hash" in text for text in schemas)
    router = files["backend/app/routers/project.py"]
    assert "from app.routers import _auth, _crud" in router
    assert router.count("dependencies=[_auth.REQUIRE_USER]") == 2  # create, update
    assert router.count("dependencies=[_auth.REQUIRE_ADMIN]") == 1  # delete
    assert "_auth.router," in files["backend/app/routers/__init__.py"]
    tests = files["backend/tests/test_auth.py"]
    assert "def test_only_admins_delete" in tests
    assert '"offset": 1' in files["backend/tests/test_user.py"]  # after the test account


def test_without_roles_there_are_no_role_checks(render: Render) -> None:
    files = render(team_tasks_spec(roles=()))
    assert "ADMIN" not in files["backend/app/routers/_auth.py"]
    assert "role" not in files["backend/app/models/user.py"]
    assert "test_only_admins_delete" not in files["backend/tests/test_auth.py"]


def test_a_backend_with_accounts_lints_and_formats_clean(
    make_input: Callable[..., GenerationInput],
) -> None:
    for spec in (team_tasks_spec(), team_tasks_spec(roles=(), user_entity=False)):
        fileset = Generation().run(make_input(spec))
        project = Assembly().run(AssemblyInput(spec=spec, fileset=fileset))
        assert project.quality.passed, [c for c in project.quality.checks if not c.passed]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (app_spec(person("Customer"), person("Supplier", plural="auth")), "/api/auth"),
        (
            app_spec(person("Customer"), person("Supplier"), person("Member", plural="users")),
            "takes the names",
        ),
        (
            app_spec(
                person("User"),
                Entity(name="Team", plural="teams", table="teams"),
                relations=(
                    Relation(kind="many_to_one", source="User", target="Team", field="password"),
                ),
            ),
            "password",
        ),
    ],
)
def test_names_the_accounts_need_are_refused(spec: AppSpec, message: str) -> None:
    with pytest.raises(StageError, match=message):
        build_app(spec)


def test_an_entity_named_auth_keeps_the_accounts_test_module(render: Render) -> None:
    spec = app_spec(person("User"), Entity(name="Auth", plural="auths", table="auths"))
    files = render(spec)
    assert "backend/tests/test_auth_api.py" in files
    assert "def test_register_login_and_me" in files["backend/tests/test_auth.py"]


HOSTILE_ROLES = ("admin", 'x"; import os; os.system("id") #', "line\nbreak {{ 7*7 }}", "nul\x00")


def _code(source: str) -> str:
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return " ".join(t.string for t in tokens if t.type not in (tokenize.STRING, tokenize.COMMENT))


def test_role_names_only_become_literals(render: Render) -> None:
    files = render(team_tasks_spec(roles=HOSTILE_ROLES))
    for path, text in files.items():
        if path.endswith(".py"):
            compile(text, path, "exec", dont_inherit=True)
            code = _code(text)
            assert "os.system" not in code and "7*7" not in code, path
    auth = files["backend/app/routers/_auth.py"]
    assert 'DEFAULT_ROLE = "nul"' in auth  # the last role, without its NUL
    assert '"line\\nbreak {{ 7*7 }}"' in files["backend/app/schemas/user.py"]
    assert "line break {{ 7\\*7 }}" in files["README.md"]  # one line, Markdown escaped
