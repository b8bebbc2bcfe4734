"""Valid request bodies for any generated entity, built from the AppSpec JSON."""

from __future__ import annotations

from typing import Any

Spec = dict[str, Any]


def creation_order(spec: Spec) -> list[dict[str, Any]]:
    """Entities ordered so every required reference points at an entity created earlier."""
    entities = {e["name"]: e for e in spec["entities"]}
    done: list[str] = []
    pending = list(entities)
    while pending:
        for name in pending:
            needs = {
                f["target"]
                for f in entities[name]["fields"]
                if f["type"] == "reference" and f["target"] != name
            }
            if needs <= set(done):
                done.append(name)
                pending.remove(name)
                break
        else:  # a cycle of references: take the rest as they come
            done += pending
            pending = []
    return [entities[n] for n in done]


def value(field: dict[str, Any], n: int, ids: dict[str, int]) -> Any:
    kind = field["type"]
    low, high = field.get("minimum"), field.get("maximum")
    if kind == "reference":
        return ids.get(field["target"])
    if kind in ("integer", "float", "decimal"):
        number = min(max(n, low if low is not None else n), high if high is not None else n)
        return int(number) if kind == "integer" else float(number)
    simple = {
        "boolean": n % 2 == 0,
        "date": f"2024-05-{n % 27 + 1:02d}",
        "datetime": f"2024-05-{n % 27 + 1:02d}T10:30:00Z",
        "time": "10:30:00",
        "email": f"person{n}@example.com",
        "url": f"https://example.com/item/{n}",
        "uuid": f"00000000-0000-4000-8000-{n:012d}",
        "json": {"n": n},
        "enum": (field.get("values") or ["x"])[0],
    }
    if kind in simple:
        return simple[kind]
    text = f"{field['name']} {n}"
    return text[: field.get("max_length") or 200]


def payload(spec: Spec, entity: dict[str, Any], n: int, ids: dict[str, int]) -> dict[str, Any]:
    body = {}
    for field in entity["fields"]:
        got = value(field, n, ids)
        if got is not None:
            body[field["name"]] = got
    for rel in spec["relations"]:
        if rel["kind"] == "many_to_many" and rel["source"] == entity["name"]:
            target = ids.get(rel["target"])
            body[rel["field"]] = [target] if target is not None else []
    return body


def changeable(entity: dict[str, Any]) -> tuple[str, Any] | None:
    """A field and a new value for a PATCH (a plain, non-unique text or number field)."""
    for field in entity["fields"]:
        if field.get("unique") or field["type"] == "reference":
            continue
        if field["type"] in ("string", "text"):
            return field["name"], "changed"
        if field["type"] == "boolean":
            return field["name"], True
    return None
