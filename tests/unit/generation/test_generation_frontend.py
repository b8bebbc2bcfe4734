"""The frontend renderer: which files each framework gets, and what `src/entities.ts` says."""

from __future__ import annotations

import json
import re

import pytest

from support.generation import generation_input
from support.specs import team_tasks_spec
from tdeveloper.pipeline.catalog import load
from tdeveloper.pipeline.generation import Generation
from tdeveloper.pipeline.render import build_app
from tdeveloper.pipeline.render.frontend import entity_meta
from tdeveloper.spec import AppSpec, Entity, Field, Relation
from unit.generation.conftest import load_spec

FRAMEWORKS = ("react", "vue", "svelte")
# What every framework's frontend holds: the shared layer and the framework's own entry files.
SHARED = (
    "frontend/.gitignore",
    "frontend/Dockerfile",
    "frontend/e2e/crud.spec.ts",
    "frontend/package.json",
    "frontend/playwright.config.ts",
    "frontend/src/api/client.ts",
    "frontend/src/api/resources.ts",
    "frontend/src/entities.ts",
    "frontend/src/lib/form.ts",
    "frontend/vite.config.ts",
)


def frontend(spec: AppSpec, framework: str = "react") -> dict[str, str]:
    files = Generation().run(generation_input(spec, framework=framework)).files  # type: ignore[arg-type]
    return {f.path: f.content for f in files if f.path.startswith("frontend/")}


def app_meta(entities_ts: str) -> dict[str, object]:
    """The JSON object `src/entities.ts` assigns to APP."""
    match = re.search(r"export const APP: AppMeta = (\{.*?\n\});\n", entities_ts, re.S)
    assert match, entities_ts[:500]
    return json.loads(match.group(1))  # type: ignore[no-any-return]


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_each_framework_gets_the_shared_layer_and_its_own_app(framework: str) -> None:
    files = frontend(load_spec("vet_clinic"), framework)
    assert set(SHARED) <= set(files)
    package = json.loads(files["frontend/package.json"])
    assert framework in package["dependencies"]
    assert {"api", "build", "dev", "test", "e2e", "preview"} <= set(package["scripts"])
    others = {"react": "tsx", "vue": "vue", "svelte": "svelte"}
    for other, suffix in others.items():
        has = any(path.endswith(f".{suffix}") for path in files)
        assert has == (other == framework), (other, framework)


def test_session_module_only_with_accounts() -> None:
    assert "frontend/src/api/session.ts" not in frontend(load_spec("vet_clinic"))
    with_accounts = frontend(team_tasks_spec())
    assert "signIn" in with_accounts["frontend/src/api/session.ts"]
    assert app_meta(with_accounts["frontend/src/entities.ts"])["auth"] is True


def test_resources_are_typed_from_the_contract_for_every_entity() -> None:
    spec = load_spec("shop")  # has entities named Query, Response and Field
    resources = frontend(spec)["frontend/src/api/resources.ts"]
    for entity in spec.entities:
        assert f'export type {entity.name} = $Schemas["{entity.name}Read"];' in resources
        assert f"  {entity.name}: {entity.name}Api as unknown as $meta.Resource," in resources
    assert '$client.DELETE("/api/responses/{response_id}"' in resources


def test_entity_meta_describes_every_field_kind() -> None:
    meta = entity_meta(build_app(load_spec("shop")))
    kinds = {f["name"]: f["kind"] for e in meta["entities"] for f in e["fields"]}  # type: ignore[attr-defined,index]
    assert kinds["price"] == "decimal"
    assert kinds["homepage"] == "url"
    assert kinds["external_ref"] == "uuid"
    assert kinds["joined_at"] == "datetime"
    assert kinds["note"] == "textarea"
    assert kinds["value"] == "json"
    assert kinds["customer_id"] == "reference"
    order = next(e for e in meta["entities"] if e["name"] == "Order")  # type: ignore[attr-defined,index]
    status = next(f for f in order["fields"] if f["name"] == "status")
    assert status["options"] and status["kind"] == "enum"
    customer = next(f for f in order["fields"] if f["name"] == "customer_id")
    assert customer["target"] == "Customer"
    assert meta["creationOrder"].index("Customer") < meta["creationOrder"].index("Order")  # type: ignore[attr-defined]


def test_entity_meta_has_many_to_many_as_multi_select_and_bounds() -> None:
    spec = AppSpec(
        name="club",
        title="Club",
        entities=(
            Entity(
                name="Tag",
                plural="tags",
                table="tags",
                fields=(Field(name="name", type="string", required=True),),
            ),
            Entity(
                name="Member",
                plural="members",
                table="members",
                fields=(
                    Field(name="name", type="string", required=True),
                    Field(name="age", type="integer", minimum=0, maximum=130),
                ),
            ),
        ),
        relations=(Relation(kind="many_to_many", source="Member", target="Tag"),),
    )
    member = next(e for e in entity_meta(build_app(spec))["entities"] if e["name"] == "Member")  # type: ignore[attr-defined,index]
    fields = {f["name"]: f for f in member["fields"]}
    assert fields["tag_ids"] == {
        "name": "tag_ids", "label": "Tags", "kind": "multi", "required": False,
        "nullable": False, "target": "Tag",
    }  # fmt: skip
    assert (fields["age"]["min"], fields["age"]["max"]) == (0, 130)
    assert fields["name"]["required"] is True
    assert member["display"] == "name"
    assert "tag_ids" not in member["columns"]


def test_free_text_reaches_typescript_only_as_escaped_json() -> None:
    hostile = '"; alert(1); </script><b>`${x}`'
    spec = load_spec("vet_clinic").model_copy(update={"title": hostile})
    entities_ts = frontend(spec)["frontend/src/entities.ts"]
    assert app_meta(entities_ts)["title"] == hostile
    assert "</script>" not in entities_ts and "<b>" not in entities_ts


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_libraries_search_reports_are_the_ones_package_json_installs(framework: str) -> None:
    package = json.loads(frontend(load_spec("vet_clinic"), framework)["frontend/package.json"])
    installed = package["dependencies"] | package["devDependencies"]
    reported = {
        lib["name"]: lib["version"]
        for lib in load("libraries")["libraries"]
        if lib["ecosystem"] == "npm" and lib["when"] in ("always", f"frontend:{framework}")
    }
    assert reported, "the catalog names no npm library"
    assert {name: installed.get(name) for name in reported} == reported


def test_the_display_field_leads_the_columns_and_a_date_names_rows_without_text() -> None:
    meta = entity_meta(build_app(load_spec("vet_clinic")))
    for entity in meta["entities"]:  # type: ignore[attr-defined]
        if entity["display"]:
            assert entity["columns"][0] == entity["display"]
    spec = AppSpec(
        name="visits",
        title="Visits",
        entities=(
            Entity(
                name="Visit",
                plural="visits",
                table="visits",
                fields=(
                    Field(name="paid", type="boolean"),
                    Field(name="starts_at", type="datetime"),
                ),
            ),
        ),
    )
    [visit] = entity_meta(build_app(spec))["entities"]  # type: ignore[misc]
    assert visit["display"] == "starts_at"
    assert visit["columns"] == ["starts_at", "paid"]
