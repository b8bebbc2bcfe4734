from __future__ import annotations

import pytest

from support.specs import vet_requirements
from tdeveloper.pipeline.parser import Parser
from tdeveloper.pipeline.state import ParserInput
from tdeveloper.spec import (
    EntityReq,
    FieldReq,
    GenerateOptions,
    RelationReq,
    Requirements,
    UiChoice,
)
from tdeveloper.spec.errors import SpecError

UI = UiChoice(framework="react", component_library="pico.css", state_management="TanStack Query")


def parse(req: Requirements, **options: object):  # type: ignore[no-untyped-def]
    return Parser(GenerateOptions(**options)).run(ParserInput(requirements=req, ui=UI))  # type: ignore[arg-type]


def test_vet_clinic_spec(vet: Requirements) -> None:
    parsed = parse(vet)
    spec = parsed.spec
    assert spec.name == "vet-clinic"
    assert [e.name for e in spec.entities] == ["Owner", "Pet", "Vet", "Appointment"]
    pet = spec.entity("Pet")
    assert (pet.plural, pet.table) == ("pets", "pets")
    owner_id = pet.field("owner_id")
    assert owner_id is not None
    assert (owner_id.type, owner_id.target, owner_id.required) == ("reference", "Owner", True)
    species = pet.field("species")
    assert species is not None and species.values == ("dog", "cat")
    kinds = {(r.source, r.target, r.field) for r in spec.relations}
    assert ("Appointment", "Vet", "vet_id") in kinds
    rules = {(r.entity, r.field, r.rule) for r in spec.validation_rules}
    assert ("Owner", "email", "unique") in rules and ("Owner", "email", "format") in rules
    assert spec.user_stories and "pets" in spec.user_stories[1].action


def test_contract_and_tables_follow_the_spec(vet: Requirements) -> None:
    parsed = parse(vet)
    assert "/api/pets/{id}" in parsed.openapi["paths"]
    create = parsed.openapi["components"]["schemas"]["PetCreate"]
    assert create["properties"]["species"]["enum"] == ["dog", "cat"]
    assert "owner_id" in create["required"]
    pets = next(t for t in parsed.tables if t.name == "pets")
    fk = next(c for c in pets.columns if c.name == "owner_id")
    assert fk.references == "owners.id" and not fk.nullable


def test_many_to_many_gets_a_join_table_and_id_list() -> None:
    req = Requirements(
        description="posts and tags",
        entities=(EntityReq(name="Post", fields=(FieldReq(name="title"),)), EntityReq(name="Tag")),
        relations=(
            RelationReq(kind="many_to_many", source="Post", target="Tag"),
            RelationReq(kind="many_to_many", source="Tag", target="Post"),  # same relation
        ),
    )
    parsed = parse(req)
    (rel,) = parsed.spec.relations
    assert (rel.name, rel.field, rel.through) == ("tags", "tag_ids", "post_tags")
    assert any(t.name == "post_tags" for t in parsed.tables)
    tag = parsed.spec.entity("Tag")
    assert [f.name for f in tag.fields] == ["name"]  # an entity with no fields gets a name


def test_self_reference_and_role_named_references() -> None:
    req = Requirements(
        description="employees with managers; matches with home and away teams",
        entities=(EntityReq(name="Employee"), EntityReq(name="Team"), EntityReq(name="Match")),
        relations=(
            RelationReq(kind="many_to_one", source="Employee", target="Employee", field="manager"),
            RelationReq(kind="many_to_one", source="Match", target="Team", field="home_team_id"),
            RelationReq(kind="many_to_one", source="Match", target="Team", field="away_team_id"),
        ),
    )
    spec = parse(req).spec
    assert spec.entity("Employee").field("manager_id") is not None
    match = spec.entity("Match")
    assert {f.name for f in match.fields} >= {"home_team_id", "away_team_id"}


def test_hostile_and_reserved_names_are_made_safe() -> None:
    req = Requirements(
        description="x",
        entities=(
            EntityReq(name="Class", fields=(FieldReq(name="class"), FieldReq(name="from"))),
            EntityReq(name="Class", fields=(FieldReq(name="select"),)),
            EntityReq(name="ClassItem"),
            EntityReq(name="x'); DROP TABLE users; --", fields=(FieldReq(name="1st place"),)),
        ),
    )
    parsed = parse(req)
    names = [e.name for e in parsed.spec.entities]
    assert names == ["ClassRecord", "ClassItem", "XDropTableUsers"]
    order = parsed.spec.entity("ClassRecord")
    assert [f.name for f in order.fields] == ["class_name", "from_value", "selection"]
    assert parsed.spec.entity("XDropTableUsers").fields[0].name == "n1st_place"
    assert any("merged" in n for n in parsed.notes)


def test_order_and_order_item_stay_two_entities() -> None:
    req = Requirements(
        description="orders and order items",
        entities=(EntityReq(name="Order"), EntityReq(name="OrderItem")),
        relations=(RelationReq(kind="many_to_one", source="OrderItem", target="Order"),),
    )
    spec = parse(req).spec
    assert [e.name for e in spec.entities] == ["Order", "OrderItem"]
    assert [e.table for e in spec.entities] == ["orders", "order_items"]
    assert spec.relations[0].field == "order_id"


def test_unknown_reference_target_becomes_text() -> None:
    req = Requirements(
        description="x",
        entities=(
            EntityReq(
                name="Deal",
                fields=(FieldReq(name="owner", type="reference", target="Ghost"),),
            ),
        ),
    )
    parsed = parse(req)
    deal = parsed.spec.entity("Deal")
    owner = deal.field("owner")
    assert owner is not None and owner.type == "string"
    assert any("Ghost" in n for n in parsed.notes)


def test_nothing_buildable_is_a_clear_error() -> None:
    req = Requirements(description="a chess engine", unsupported=("chess engine (move search)",))
    with pytest.raises(SpecError, match="nothing to build: chess engine"):
        parse(req)


def test_name_option_and_enum_without_values() -> None:
    req = vet_requirements(
        entities=(EntityReq(name="Pet", fields=(FieldReq(name="kind_of", type="enum"),)),),
        relations=(),
    )
    spec = parse(req, name="My Pets!").spec
    assert spec.name == "my-pets"
    field = spec.entity("Pet").field("kind_of")
    assert field is not None and field.type == "string"


def test_relations_follow_a_renamed_entity() -> None:
    # "Class" is renamed; "ClassItem" already exists, so Class becomes ClassRecord and the
    # relation must point there, not at the other entity.
    req = Requirements(
        description="classes and class items; students belong to a class",
        entities=(EntityReq(name="Class"), EntityReq(name="ClassItem"), EntityReq(name="Student")),
        relations=(RelationReq(kind="many_to_one", source="Student", target="Class"),),
    )
    spec = parse(req).spec
    (rel,) = spec.relations
    assert (rel.source, rel.target) == ("Student", "ClassRecord")
    ref = spec.entity("Student").field(rel.field or "")
    assert ref is not None and ref.target == "ClassRecord"
