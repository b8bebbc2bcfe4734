"""The labelled-set format (the one in shared/eval/dev.json), read and checked.

A case names the entities a careful reader extracts (canonical name, accepted aliases, the
fields the text states as lists of accepted spellings) and the relations: `[child, parent]`
is a many-to-one reference, a third item `m2m` a many-to-many (direct or through a join
entity), `any` a reference in either direction.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from tdeveloper.spec.errors import InputError

__all__ = ["LabelledCase", "LabelledEntity", "LabelledRelation", "load_cases"]


class _Label(BaseModel):
    # Label files may carry notes and tags of their own: unknown keys are ignored.
    model_config = ConfigDict(frozen=True, extra="ignore")


class LabelledEntity(_Label):
    aliases: tuple[str, ...] = ()
    fields: tuple[tuple[str, ...], ...] = ()


class LabelledRelation(_Label):
    child: str
    parent: str
    mode: Literal["m2o", "m2m", "any"] = "m2o"


class LabelledCase(_Label):
    id: str
    prompt: str
    entities: dict[str, LabelledEntity]
    relations: tuple[LabelledRelation, ...] = ()
    tags: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _relations_from_lists(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("relations"), list):
            data = dict(data, relations=[_relation(item) for item in data["relations"]])
        return data

    @model_validator(mode="after")
    def _relations_name_entities(self) -> LabelledCase:
        for rel in self.relations:
            for name in (rel.child, rel.parent):
                if name not in self.entities:
                    raise ValueError(f"relation names {name!r}, which is not an entity")
        return self


def _relation(item: object) -> object:
    if not isinstance(item, list) or len(item) not in (2, 3):
        return item  # not a list form: let pydantic report it
    mode = item[2] if len(item) == 3 else "m2o"
    return {"child": item[0], "parent": item[1], "mode": mode}


def load_cases(path: Path) -> tuple[LabelledCase, ...]:
    """The cases of one label file, or `InputError` with a one-line reason."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"label file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not JSON: {exc.msg} at line {exc.lineno}") from None
    raw = data.get("cases") if isinstance(data, dict) else data
    if not isinstance(raw, list) or not raw:
        raise InputError(f'{path} has no cases: expected {{"cases": [...]}} with at least one')
    cases = []
    for index, item in enumerate(raw):
        try:
            cases.append(LabelledCase.model_validate(item))
        except ValidationError as exc:
            where = item.get("id", index) if isinstance(item, dict) else index
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise InputError(f"{path}: case {where}: {loc}: {first['msg']}") from None
    return tuple(cases)
