"""Hand-built stage inputs, so each stage is tested without the ones before it."""

from __future__ import annotations

from tdeveloper.spec import EntityReq, FieldReq, NonFunctional, RelationReq, Requirements


def vet_requirements(**changes: object) -> Requirements:
    base = Requirements(
        description="A vet clinic: owners, pets, vets and appointments.",
        title="Vet Clinic",
        domain="vet_clinic",
        entities=(
            EntityReq(
                name="Owner",
                fields=(
                    FieldReq(name="name", required=True),
                    FieldReq(name="email", type="email", unique=True),
                ),
            ),
            EntityReq(
                name="Pet",
                fields=(
                    FieldReq(name="name", required=True),
                    FieldReq(name="species", type="enum", values=("dog", "cat")),
                    FieldReq(name="date_of_birth", type="date"),
                ),
            ),
            EntityReq(name="Vet", fields=(FieldReq(name="name"),)),
            EntityReq(
                name="Appointment",
                fields=(FieldReq(name="starts_at", type="datetime", required=True),),
            ),
        ),
        relations=(
            RelationReq(kind="many_to_one", source="Pet", target="Owner", required=True),
            RelationReq(kind="many_to_one", source="Appointment", target="Pet"),
            RelationReq(kind="many_to_one", source="Appointment", target="Vet"),
        ),
        non_functional=NonFunctional(),
    )
    return base.model_copy(update=changes)
