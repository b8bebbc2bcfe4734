"""Hostile specs: free text from the description can only ever become escaped literals.

Labels, titles, descriptions, enum values and defaults carrying quotes, template syntax,
SQL, shell, HTML, line breaks, NUL and bidi controls must leave every generated Python file
compiling, with the text only inside string literals and intact there; YAML, TOML and
Markdown must keep it inert too.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import tomllib
from collections.abc import Callable

import pytest
import yaml

from tdeveloper.spec import AppSpec, Entity, Field, Relation

Render = Callable[[AppSpec], dict[str, str]]

HOSTILE = (
    "quote \" and ' and \"\"\" and ''' end",
    "back\\slash \\ and a literal \\n",
    "{{ 7*7 }} {% for x in y %}{% endfor %} {# note #}",
    "</script><script>alert(1)</script>",
    "'; DROP TABLE pets; --",
    "$(rm -rf /) `rm -rf /`",
    "line1\nline2\r\nline3\u2028line4\x0bline5",
    "nul\x00byte bell\x07 esc\x1b[31m",
    "__import__('os').system('id')",
    "# not a comment\n#!/bin/sh",
    "[link](javascript:alert(1)) <img src=x onerror=alert(1)> *bold* _it_ | a | b |",
    "lone \ud800 surrogate",
    "한국어 라벨 \u202e bidi \U000e0001 tag",
)
# Fragments of HOSTILE that must never appear in Python code outside string literals.
MARKERS = (
    "DROP TABLE",
    "rm -rf",
    "<script",
    "__import__",
    "7*7",
    "{%",
    "javascript:",
    "line2",
    "not a comment",
    "onerror",
    "bidi",
)
ENUM = (*HOSTILE[:6], HOSTILE[11], "dog", "dog", "nul\x00")


def clean(text: str) -> str:
    """What survives in generated literals: lone surrogates cannot be encoded as UTF-8."""
    return re.sub("[\ud800-\udfff]", "\ufffd", text)


def hostile_spec() -> AppSpec:
    fields = tuple(
        Field(name=f"text_{i}", type="string", label=text, default=text[:200])
        for i, text in enumerate(HOSTILE)
    )
    kinds = (
        Field(
            name="kind", type="enum", values=ENUM, required=True, default=ENUM[4], label=HOSTILE[3]
        ),
        Field(name="count", type="integer", default="1; import os", label=HOSTILE[8]),
        Field(name="price", type="decimal", default="__import__('os')", minimum=float("nan")),
        Field(name="ratio", type="float", maximum=float("inf"), default="1e999"),
        Field(name="day", type="date", default="2024-01-01'); import os; ('"),
        Field(name="ref", type="uuid", default="'); DROP TABLE x; --"),
        Field(name="owner_id", type="reference", target="Owner", label=HOSTILE[4]),
    )
    return AppSpec(
        name="hostile",
        title=HOSTILE[0],
        description="\n".join(HOSTILE),
        entities=(
            Entity(name="Owner", plural="owners", table="owners", label=HOSTILE[2]),
            Entity(
                name="Pet", plural="pets", table="pets", label=HOSTILE[9], fields=fields + kinds
            ),
        ),
        relations=(Relation(kind="many_to_many", source="Pet", target="Owner", name="carers"),),
    )


@pytest.fixture(scope="module")
def files(render: Render) -> dict[str, str]:
    return render(hostile_spec())


def _python(files: dict[str, str]) -> dict[str, str]:
    return {path: text for path, text in files.items() if path.endswith(".py")}


def test_every_python_file_compiles(files: dict[str, str]) -> None:
    for path, text in _python(files).items():
        compile(text, path, "exec", dont_inherit=True)


def test_hostile_text_only_appears_inside_string_literals(files: dict[str, str]) -> None:
    for path, text in _python(files).items():
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        code = " ".join(tok.string for tok in tokens if tok.type != tokenize.STRING)
        for marker in MARKERS:
            assert marker not in code, (path, marker)


def _strings(text: str) -> set[str]:
    return {
        node.value
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_free_text_survives_intact_as_literals(files: dict[str, str]) -> None:
    main = _strings(files["backend/app/main.py"])
    assert {HOSTILE[0], clean("\n".join(HOSTILE)), HOSTILE[2], HOSTILE[9]} <= main
    schemas = _strings(files["backend/app/schemas/pet.py"])
    assert {clean(text) for text in HOSTILE} <= schemas  # labels as descriptions
    assert {clean(text[:200]) for text in HOSTILE} <= schemas  # defaults


def _literal_values(text: str) -> list[tuple[str, ...]]:
    """The string members of every `_t.Literal[...]` in a module."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "_t.Literal":
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            found.append(tuple(ast.literal_eval(item) for item in items))
    return found


def _defaults(text: str, cls: str) -> dict[str, ast.expr | None]:
    """Field name -> default expression, for the fields of class `cls`."""
    body = next(
        node.body
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.ClassDef) and node.name == cls
    )
    return {
        node.target.id: node.value
        for node in body
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
    }


def test_enum_values_are_string_literals_never_identifiers(files: dict[str, str]) -> None:
    expected = tuple(dict.fromkeys(clean(v.replace("\x00", "")) for v in ENUM))
    schemas = files["backend/app/schemas/pet.py"]
    assert _literal_values(schemas) == [expected, expected, expected]  # create, update, read
    assert expected in _literal_values(files["backend/app/routers/pet.py"])  # the filter
    default = _defaults(schemas, "PetCreate")["kind"]
    assert default is not None
    assert ast.literal_eval(default) == ENUM[4]


def test_unusable_defaults_are_dropped_not_pasted(files: dict[str, str]) -> None:
    defaults = _defaults(files["backend/app/schemas/pet.py"], "PetCreate")
    for name in ("count", "price", "ratio", "day", "ref"):
        value = defaults[name]
        assert isinstance(value, ast.Constant), name
        assert value.value is None, name


def test_config_and_docs_keep_text_inert(files: dict[str, str]) -> None:
    project = tomllib.loads(files["backend/pyproject.toml"])["project"]
    assert project["description"] == f"Backend of {HOSTILE[0]}"
    for path in ("docker-compose.yml", ".github/workflows/ci.yml"):
        assert isinstance(yaml.safe_load(files[path]), dict)
    readme = files["README.md"]
    for raw in ("<script", "<img", "\x00", "\u202e", "\ud800"):
        assert raw not in readme, raw
    assert not re.search(r"(?<!\\)\]\(", readme)  # no link: its brackets are escaped
    heading = readme.splitlines()[0]
    assert heading.startswith("# ")
    assert "\n" not in heading
