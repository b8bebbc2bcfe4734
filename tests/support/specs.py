"""Hand-built stage inputs, so each stage is tested without the ones before it."""

from __future__ import annotations

from tdeveloper.spec import (
    AppSpec,
    Entity,
    EntityReq,
    Field,
    FieldReq,
    NonFunctional,
    Relation,
    RelationReq,
    Requirements,
)


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


def team_tasks_spec(
    *, roles: tuple[str, ...] = ("admin", "member"), user_entity: bool = True
) -> AppSpec:
    """An app with sign-in (and roles, when given), shaped the way nl_input states it: a
    `User` entity with email, name and role, referenced by another entity. Without
    `user_entity` the spec has no `User` and generation must add one."""
    project = Entity(
        name="Project",
        plural="projects",
        table="projects",
        fields=(
            Field(name="name", type="string", required=True, unique=True),
            Field(name="description", type="text"),
        ),
    )
    task_fields = [
        Field(name="title", type="string", required=True),
        Field(name="due_on", type="date"),
        Field(name="done", type="boolean", default="false"),
        Field(name="project_id", type="reference", target="Project", required=True),
    ]
    relations = [
        Relation(
            kind="many_to_one", source="Task", target="Project", field="project_id", required=True
        )
    ]
    entities = [project]
    if user_entity:  # as the parser states them: the reference field and its relation
        task_fields.append(Field(name="assignee_id", type="reference", target="User"))
        relations.append(
            Relation(kind="many_to_one", source="Task", target="User", field="assignee_id")
        )
        entities.append(_user_entity(roles))
    entities.append(Entity(name="Task", plural="tasks", table="tasks", fields=tuple(task_fields)))
    return AppSpec(
        name="team-tasks",
        title="Team Tasks",
        description="Projects and tasks. Users sign in; admins approve projects.",
        entities=tuple(entities),
        relations=tuple(relations),
        features=("auth", "roles") if roles else ("auth",),
        roles=roles,
    )


def _user_entity(roles: tuple[str, ...]) -> Entity:
    fields = [
        Field(name="email", type="email", required=True, unique=True),
        Field(name="name", type="string"),
    ]
    if roles:
        fields.append(Field(name="role", type="enum", values=roles, default=roles[-1]))
    return Entity(name="User", plural="users", table="users", fields=tuple(fields))
