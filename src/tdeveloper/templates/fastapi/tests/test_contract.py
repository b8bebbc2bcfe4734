"""The frontend's copy of the OpenAPI document is what this backend serves, so the typed
client the frontend generates from it is current. After changing the API, refresh it:
`curl -s http://localhost:8000/openapi.json > frontend/openapi.json`."""

import json
import pathlib
import typing as t

import pytest
import sqlalchemy as sa

from app.main import create_app

DOCUMENT = pathlib.Path(__file__).resolve().parents[2] / "frontend" / "openapi.json"


def _shape(document: dict[str, t.Any]) -> dict[str, t.Any]:
    """What the typed client depends on: operations with their parameters, and each schema's
    properties and required ones (not descriptions, which may differ between versions)."""
    operations = {
        f"{method.upper()} {path}": sorted(p["name"] for p in op.get("parameters", []))
        for path, item in document["paths"].items()
        for method, op in item.items()
    }
    schemas = {
        name: (sorted(schema.get("properties", {})), sorted(schema.get("required", [])))
        for name, schema in document.get("components", {}).get("schemas", {}).items()
    }
    return {"operations": operations, "schemas": schemas}


@pytest.mark.skipif(not DOCUMENT.exists(), reason="no frontend next to this backend")
def test_frontend_openapi_document_is_current() -> None:
    served = create_app(sa.create_engine("sqlite://")).openapi()
    stored = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert _shape(stored) == _shape(served), "frontend/openapi.json is out of date"
