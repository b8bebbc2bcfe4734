"""Create, read, update, list and delete a record of every entity of a running backend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from support.payloads import changeable, creation_order, payload


def spec_of(project: Path) -> dict[str, Any]:
    return json.loads((project / "tdeveloper.json").read_text())["spec"]  # type: ignore[no-any-return]


def crud_every_entity(base: str, spec: dict[str, Any]) -> None:
    ids: dict[str, int] = {}
    order = creation_order(spec)
    with httpx.Client(base_url=base, timeout=10) as client:
        for n, entity in enumerate(order, start=1):
            url = f"/api/{entity['plural']}"
            body = payload(spec, entity, n, ids)
            created = client.post(url, json=body)
            assert created.status_code == 201, (entity["name"], body, created.text)
            row = created.json()
            ids[entity["name"]] = row["id"]
            got = client.get(f"{url}/{row['id']}")
            assert got.status_code == 200 and got.json() == row
            listed = client.get(url, params={"limit": 5})
            assert listed.status_code == 200
            assert row["id"] in [item["id"] for item in listed.json()["items"]]
            change = changeable(entity)
            if change is not None:
                updated = client.patch(f"{url}/{row['id']}", json={change[0]: change[1]})
                assert updated.status_code == 200, updated.text
                assert updated.json()[change[0]] == change[1]
        for entity in reversed(order):
            url = f"/api/{entity['plural']}/{ids[entity['name']]}"
            assert client.delete(url).status_code == 204, entity["name"]
            assert client.get(url).status_code == 404
