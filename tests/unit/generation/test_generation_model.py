"""The view model: names checked, relations resolved, tables ordered, cycles broken."""

from __future__ import annotations

import pytest

from tdeveloper.pipeline.render import build_app
from tdeveloper.pipeline.render.order import creation_order
from tdeveloper.spec import AppSpec, Entity, Field, Relation, StageError


def entity(name: str, *fields: Field, plural: str | None = None) -> Entity:
    plural = plural or f"{name.lower()}s"
    return Entity(name=name, plural=plural, table=plural, fields=fields)


def ref(name: str, target: str, *, required: bool = False) -> Field:
    return Field(name=name, type="reference", target=target, required=required)


def spec(*entities: Entity, relations: tuple[Relation, ...] = ()) -> AppSpec:
    return AppSpec(name="app", title="App", entities=entities, relations=relations)


def test_creation_order_puts_referenced_tables_first() -> None:
    edges = {"Pet": [("owner_id", "Owner")], "Visit": [("pet_id", "Pet")]}
    assert creation_order(["Visit", "Pet", "Owner"], edges) == (["Owner", "Pet", "Visit"], set())


def test_creation_order_defers_the_key_that_closes_a_cycle() -> None:
    edges = {"A": [("b_id", "B")], "B": [("a_id", "A")], "C": [("c_id", "C")]}
    order, deferred = creation_order(["A", "B", "C"], edges)
    assert order == ["C", "A", "B"]
    assert deferred == {("A", "b_id")}  # self-references need no deferral


def test_cycles_and_self_references_become_nullable() -> None:
    app = build_app(
        spec(
            entity("Speaker", ref("talk_id", "Talk", required=True)),
            entity(
                "Talk",
                ref("speaker_id", "Speaker", required=True),
                ref("parent_id", "Talk", required=True),
            ),
        )
    )
    speaker, talk = app.entities
    assert [e.name for e in app.creation_order] == ["Speaker", "Talk"]
    assert speaker.fields[0].nullable
    assert speaker.fields[0].ref
    assert speaker.fields[0].ref.deferred
    assert not talk.fields[0].nullable  # a plain reference keeps its NOT NULL
    assert talk.fields[1].nullable
    assert talk.fields[1].ref
    assert talk.fields[1].ref.self_ref
    assert [(e.name, f.name) for e, f in app.deferred] == [("Speaker", "talk_id")]
    assert speaker.referenced_by == (("talk", "speaker_id"),)


def test_many_to_one_relation_without_field_adds_one() -> None:
    app = build_app(
        spec(
            entity("Owner"),
            entity("Pet", Field(name="owner_id", type="integer")),
            entity("Visit"),
            relations=(
                Relation(kind="many_to_one", source="Pet", target="Owner", field="owner_id"),
                Relation(kind="many_to_one", source="Visit", target="Pet", required=True),
            ),
        )
    )
    pet, visit = app.entities[1], app.entities[2]
    assert pet.fields[0].ref is not None
    assert pet.fields[0].ref.table == "owners"
    assert [(f.name, f.nullable) for f in visit.fields] == [("pet_id", False)]


def test_many_to_many_names_are_derived_when_missing() -> None:
    app = build_app(
        spec(
            entity("Post"),
            entity("Tag"),
            entity("Person", plural="people"),
            relations=(
                Relation(kind="many_to_many", source="Post", target="Tag"),
                Relation(kind="many_to_many", source="Person", target="Person", name="friends"),
            ),
        )
    )
    tags, friends = app.links
    assert (tags.name, tags.field, tags.through) == ("tags", "tag_ids", "post_tags")
    assert (tags.source_column, tags.target_column) == ("post_id", "tag_id")
    assert friends.self_ref
    assert friends.target_column == "related_person_id"
    assert app.tables == ("posts", "tags", "people", "post_tags", "person_friends")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (spec(entity("Pet", Field(name="class", type="string"))), "not a safe identifier"),
        (spec(entity("Pet", Field(name="x; import os", type="string"))), "not a safe identifier"),
        (spec(entity("pet")), "not a safe identifier"),
        (spec(entity("Base")), "reserved"),
        (spec(entity("Pet", Field(name="id", type="integer"))), "framework attribute"),
        (spec(entity("Pet", Field(name="model_x", type="integer"))), "framework attribute"),
        (spec(entity("Pet"), entity("Pet", plural="pets2")), "entity name used more than once"),
        (spec(entity("HTTPServer"), entity("HttpServer", plural="x")), "module name"),
        (spec(entity("Pet", ref("owner_id", "Owner"))), "unknown entity"),
        (
            spec(
                entity("Post", Field(name="tag_ids", type="json")),
                entity("Tag"),
                relations=(Relation(kind="many_to_many", source="Post", target="Tag"),),
            ),
            "tag_ids",
        ),
        (
            spec(
                entity("Post"),
                relations=(Relation(kind="many_to_many", source="Post", target="Nope"),),
            ),
            "unknown entity",
        ),
    ],
)
def test_unsafe_or_clashing_names_are_refused(bad: AppSpec, message: str) -> None:
    with pytest.raises(StageError, match=message):
        build_app(bad)


def test_bad_project_slug_is_refused() -> None:
    with pytest.raises(StageError, match="slug"):
        build_app(AppSpec(name="bad name; rm", title="x"))


def test_list_parameters_are_not_filters_and_json_is_not_sortable() -> None:
    app = build_app(
        spec(
            entity(
                "Doc",
                Field(name="q", type="string"),
                Field(name="sort", type="integer"),
                Field(name="meta", type="json"),
                Field(name="body", type="text"),
            )
        )
    )
    doc = app.entities[0]
    assert [f.name for f in doc.filters] == ["body"]
    assert [f.name for f in doc.search] == ["q", "body"]
    assert "meta" not in doc.sort_values
    assert "-sort" in doc.sort_values


def test_fixed_test_file_names_are_not_taken_by_entities() -> None:
    app = build_app(spec(entity("Migrations"), entity("Health", plural="healths")))
    assert [e.test_module for e in app.entities] == ["test_migrations_api", "test_health_api"]
