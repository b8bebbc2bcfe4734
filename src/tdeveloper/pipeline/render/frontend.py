"""The generated frontend: the framework ui_selection chose (React, Vue 3 or Svelte), under
`frontend/`.

Every framework shares `templates/frontend/common/` (the typed API layer, the form and list
logic, their unit tests, the Playwright test, Docker files) and adds its own folder
(`templates/frontend/<framework>/`: package.json, Vite config, components). Each template
file becomes one output file: `.j2` files are rendered (and skipped when they render
empty, which is how files that only apply with accounts are written), the others are
copied; a leading `_` in a file name becomes `.` (`_gitignore`), so packaging tools
never drop them.

What the pages need to know of the spec (field kinds, labels, bounds, references) is one
generated data module, `src/entities.ts`, built by `entity_meta`; the typed client is
generated from the backend's OpenAPI contract (`openapi.json`, which assembly writes).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from tdeveloper.pipeline.render.base import RenderContext
from tdeveloper.pipeline.render.env import environment, render, static
from tdeveloper.pipeline.render.fields import bounds, enum_values, string_length
from tdeveloper.pipeline.render.views import AppView, EntityView, FieldView, LinkView
from tdeveloper.spec import GeneratedFile

__all__ = ["FrontendRenderer", "entity_meta"]

_OUT = "frontend/"
_KINDS = {"string": "text", "text": "textarea"}
# Fields that name a row best, in order of preference (else the first required text).
_DISPLAY = ("name", "title", "full_name", "label", "username", "email", "code", "sku")
_NO_COLUMN = frozenset({"textarea", "json", "multi"})
_NOT_NAMES = frozenset({"boolean", "reference"})  # "Yes" or another row's id names nothing
MAX_COLUMNS = 5


class FrontendRenderer:
    name = "frontend"

    def render(self, ctx: RenderContext, /) -> Iterator[GeneratedFile]:
        framework = ctx.data.ui.framework
        context = {
            "app": ctx.app,
            "ui": ctx.data.ui,
            "auth": ctx.app.auth is not None,
            "meta": entity_meta(ctx.app),
        }
        for template in (*_templates("common"), *_templates(framework)):
            path = _OUT + _output_path(template)
            if template.endswith(".j2"):
                content = render(template, **context)
                if content.strip():
                    yield GeneratedFile(path=path.removesuffix(".j2"), content=content)
            else:
                yield GeneratedFile(path=path, content=static(template))


@functools.cache
def _templates(folder: str) -> tuple[str, ...]:
    prefix = f"frontend/{folder}/"
    return tuple(sorted(t for t in environment().list_templates() if t.startswith(prefix)))


def _output_path(template: str) -> str:
    """`frontend/react/src/_x` -> `src/.x`: the path inside `frontend/`."""
    parts = template.split("/")[2:]
    if parts[-1].startswith("_"):
        parts[-1] = "." + parts[-1][1:]
    return "/".join(parts)


def entity_meta(app: AppView) -> dict[str, Any]:
    """What the pages and the browser test know of the app: plain JSON-able data."""
    return {
        "name": app.name,
        "title": app.title,
        "auth": app.auth is not None,
        "account": app.auth.user.name if app.auth else None,
        "creationOrder": [e.name for e in app.creation_order],
        "entities": [_entity(e) for e in app.entities],
    }


def _entity(e: EntityView) -> dict[str, Any]:
    fields = [_field(f) for f in e.fields] + [_link(x) for x in e.links]
    sortable = [v for v in e.sort_values if not v.startswith("-")]
    display = _display(e, fields)
    # The list's first cell links to the row by its name, so the display field leads.
    rest = [f["name"] for f in fields if f["kind"] not in _NO_COLUMN and f["name"] != display]
    columns = ([display] if display else []) + rest
    return {
        "name": e.name,
        "label": e.label or e.name,
        "plural": _words(e.plural),
        "path": e.plural,
        "display": display,
        "searchable": bool(e.search),
        "sortable": sortable,
        "columns": columns[:MAX_COLUMNS],
        "fields": fields,
    }


def _field(f: FieldView) -> dict[str, Any]:
    values = enum_values(f.spec) if f.type == "enum" else ()
    kind = "text" if f.type == "enum" and not values else _KINDS.get(f.type, f.type)
    meta: dict[str, Any] = {
        "name": f.name,
        "label": _words(f.label or f.name),
        "kind": kind,
        "required": f.required_in_create,
        "nullable": f.nullable,
    }
    low, high = bounds(f.spec)
    if low is not None:
        meta["min"] = low
    if high is not None:
        meta["max"] = high
    if kind in ("text", "textarea") and (f.type == "string" or f.spec.max_length):
        meta["maxLength"] = string_length(f.spec)
    if values:
        meta["options"] = list(values)
    if f.ref is not None:
        meta["target"] = f.ref.entity
    return meta


def _link(x: LinkView) -> dict[str, Any]:
    label = _words(x.name)
    return {"name": x.field, "label": label, "kind": "multi", "required": False,
            "nullable": False, "target": x.target}  # fmt: skip


def _display(e: EntityView, fields: list[dict[str, Any]]) -> str | None:
    """The field that names a row: a name-like text, else the first required text, else the
    first field a list can show (a date names an appointment better than its id)."""
    text = [f for f in e.fields if f.type in ("string", "email")]
    named = {f.name: f for f in text}
    best = next((named[n] for n in _DISPLAY if n in named), None)
    best = best or next((f for f in text if f.required_in_create), None)
    if best is not None:
        return best.name
    shown = (f["name"] for f in fields if f["kind"] not in _NO_COLUMN | _NOT_NAMES)
    return next(shown, None)


def _words(name: str) -> str:
    """`order_items` / `order-items` / `due date` -> `Order items`."""
    text = " ".join(name.replace("_", " ").replace("-", " ").split())
    return text[:1].upper() + text[1:]
