"""The one sandboxed Jinja environment templates render in, built once per process."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Sequence
from typing import Any

from jinja2 import FileSystemBytecodeCache, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from tdeveloper.pipeline.render import escape

__all__ = ["assign", "call", "environment", "hug", "render", "static"]

WIDTH = 100  # the generated ruff config's line length

FILTERS = {
    "py": escape.py_str,
    "js": escape.js_str,
    "json": escape.json_text,
    "yaml": escape.yaml_str,
    "toml": escape.toml_str,
    "md": escape.md_inline,
    "md_block": escape.md_block,
    "comment": escape.comment,
}


def call(head: str, args: Sequence[str], indent: int = 0, tail: str = "") -> str:
    """`head(args)tail` on one line if it fits, else one argument per line as ruff formats it.

    `indent` is the column `head` starts at; the trailing comma keeps ruff format from
    joining the lines again.
    """
    line = f"{head}({', '.join(args)}){tail}"
    if indent + len(line) <= WIDTH or not args:
        return line
    pad = " " * (indent + 4)
    body = "".join(f"{pad}{arg},\n" for arg in args)
    return f"{head}(\n{body}{' ' * indent}){tail}"


def hug(head: str, inner: str, tail: str, indent: int = 0) -> str:
    """`head inner tail` on one line if it fits, else `inner` on its own indented line."""
    if indent + len(head) + len(inner) + len(tail) <= WIDTH:
        return f"{head}{inner}{tail}"
    return f"{head}\n{' ' * (indent + 4)}{inner}\n{' ' * indent}{tail}"


def assign(name: str, value: str, indent: int = 0) -> str:
    """`name = value`, the value parenthesised on its own line when that makes it fit."""
    line = f"{name} = {value}"
    if indent + len(line) <= WIDTH or indent + 4 + len(value) > WIDTH:
        return line
    return hug(f"{name} = (", value, ")", indent)


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled-template cache (per user, in the temp folder), keyed by the template
    source's checksum. It saves each process the ~60 ms of compiling the templates; a cache
    that cannot be read or written is simply not used."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    try:
        return _QuietBytecodeCache()
    except (OSError, RuntimeError):  # no safe per-user temp folder: compile every time
        return None


@functools.cache
def environment() -> SandboxedEnvironment:
    """Sandboxed (templates cannot reach Python internals), strict (a typo is an error)."""
    env = SandboxedEnvironment(
        loader=PackageLoader("tdeveloper", "templates"),
        undefined=StrictUndefined,
        autoescape=False,  # output is code, not HTML: escaping is explicit, per language
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(FILTERS)
    env.globals.update(call=call, hug=hug, assign=assign)
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


@functools.cache
def static(name: str) -> str:
    """A template file copied verbatim (no Jinja syntax is interpreted in it)."""
    env = environment()
    assert env.loader is not None
    source, _, _ = env.loader.get_source(env, name)
    return source
