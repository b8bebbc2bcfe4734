"""Python requirements of the generated backend, from the search stage's `Selection`.

Every python library the selection names is kept (with its version specifier when it is a
valid PEP 440 one); the libraries the generated code imports are added with a known-good
range when the selection lacks them. Names and specifiers are checked, so nothing but a
requirement string can reach pyproject.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tdeveloper.spec import Library, Selection

__all__ = ["PythonDeps", "python_deps"]

_NAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\[[A-Za-z0-9._,-]+\])?")
_CLAUSE = r"(?:~=|===|==|!=|<=|>=|<|>)\s*[A-Za-z0-9.*+!_-]+"
_SPECIFIER = re.compile(rf"{_CLAUSE}(?:\s*,\s*{_CLAUSE})*")
_BARE_VERSION = re.compile(r"v?(\d+(?:\.\d+)*)")

# What the generated code needs, by group, with the range used when the selection has none.
REQUIRED: dict[str, dict[str, str]] = {
    "main": {
        "fastapi": ">=0.115,<1",
        "uvicorn": ">=0.30,<1",
        "sqlalchemy": ">=2.0.30,<3",
        "alembic": ">=1.13,<2",
        "pydantic": ">=2.7,<3",
        "email-validator": ">=2.1,<3",
    },
    "postgres": {"psycopg[binary]": ">=3.1,<4"},
    # Starlette's TestClient uses httpx2 from Starlette 1.10 on (and warns on httpx), httpx before.
    "test": {"pytest": ">=8,<10", "httpx": ">=0.27,<1", "httpx2": ">=2,<3", "ruff": ">=0.6,<1"},
}
# Added to "main" when the backend has accounts: access tokens and password hashing.
AUTH_REQUIRED: dict[str, str] = {"pyjwt": ">=2.13,<3", "argon2-cffi": ">=23.1,<26"}
# Selected libraries that belong in an extra rather than the runtime dependencies.
_TEST_ONLY = frozenset(
    {"pytest", "httpx", "httpx2", "ruff", "coverage", "hypothesis", "schemathesis", "mypy", "faker"}
)
_POSTGRES = frozenset({"psycopg", "psycopg-binary"})
_UNUSED_DRIVERS = frozenset({"psycopg2", "psycopg2-binary", "asyncpg"})  # the code uses psycopg 3


@dataclass(frozen=True, slots=True)
class PythonDeps:
    main: tuple[str, ...]
    postgres: tuple[str, ...]
    test: tuple[str, ...]


def _key(name: str) -> str:
    """PEP 503 normalised project name, without extras."""
    return re.sub(r"[-_.]+", "-", name.split("[", 1)[0]).lower()


def _specifier(version: str) -> str | None:
    version = version.strip()
    if _SPECIFIER.fullmatch(version):
        return re.sub(r"\s+", "", version)
    bare = _BARE_VERSION.fullmatch(version)
    return f">={bare.group(1)}" if bare else None


def _group(key: str) -> str | None:
    if key in _UNUSED_DRIVERS:
        return None
    if key in _POSTGRES:
        return "postgres"
    if key in _TEST_ONLY or key.startswith("pytest-"):
        return "test"
    return "main"


def python_deps(selection: Selection, *, auth: bool = False) -> PythonDeps:
    groups: dict[str, dict[str, str]] = {"main": {}, "postgres": {}, "test": {}}
    for lib in selection.libraries:
        _add_selected(groups, lib)
    needed = REQUIRED | {"main": REQUIRED["main"] | AUTH_REQUIRED} if auth else REQUIRED
    for group, required in needed.items():
        for name, fallback in required.items():
            if _key(name) not in {_key(n) for n in groups[group]}:
                groups[group][name] = fallback
    return PythonDeps(**{group: _requirements(deps) for group, deps in groups.items()})


def _requirements(deps: dict[str, str]) -> tuple[str, ...]:
    return tuple(f"{name}{spec}" for name, spec in sorted(deps.items(), key=lambda x: _key(x[0])))


def _add_selected(groups: dict[str, dict[str, str]], lib: Library) -> None:
    if lib.ecosystem != "python" or not _NAME.fullmatch(lib.name):
        return
    group = _group(_key(lib.name))
    if group is None:
        return
    name = "psycopg[binary]" if group == "postgres" else lib.name
    known = REQUIRED[group] | (AUTH_REQUIRED if group == "main" else {})
    fallback = next((v for n, v in known.items() if _key(n) == _key(name)), "")
    spec = _specifier(lib.version)
    groups[group][name] = spec if spec is not None else fallback
