"""`tdev eval`: the label format, the scoring rules and the command's output and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tdeveloper.cli import main
from tdeveloper.evaluation import evaluate, load_cases
from tdeveloper.evaluation.labels import LabelledCase
from tdeveloper.evaluation.score import norm, score_case
from tdeveloper.spec import AppSpec, Entity, Field, Relation
from tdeveloper.spec.errors import InputError

CASE = {
    "id": "school",
    "prompt": "Students enrol in courses; enrollments have a grade. Teachers mentor teachers.",
    "entities": {
        "Student": {"aliases": ["pupil"], "fields": [["name", "full_name"]]},
        "Course": {"aliases": [], "fields": [["title"]]},
        "Teacher": {"aliases": [], "fields": []},
    },
    "relations": [["Student", "Course", "m2m"], ["Teacher", "Teacher"]],
    "tags": ["prose"],
}


def entity(name: str, *fields: Field) -> Entity:
    table = name.lower() + "s"
    return Entity(name=name, plural=table, table=table, fields=fields)


def app(*entities: Entity, relations: tuple[Relation, ...] = ()) -> AppSpec:
    return AppSpec(name="x", title="X", entities=entities, relations=relations)


def m2o(source: str, target: str, field: str) -> Relation:
    return Relation(kind="many_to_one", source=source, target=target, field=field)


def test_norm_ignores_case_underscores_and_plural_endings() -> None:
    assert norm("Due_Dates") == norm("due date") == "duedate"
    assert norm("Categories") == "category"
    assert norm("Matches") == "match"
    assert norm("address") == "address"


def test_a_join_entity_counts_for_a_labelled_many_to_many() -> None:
    case = LabelledCase.model_validate(CASE)
    spec = app(
        entity("Pupil", Field(name="full_name", type="string"), Field(name="age", type="integer")),
        entity("Course", Field(name="title", type="string")),
        entity("Teacher", Field(name="name", type="string")),
        entity("Enrollment", Field(name="grade", type="string")),
        relations=(
            m2o("Enrollment", "Pupil", "pupil_id"),
            m2o("Enrollment", "Course", "course_id"),
            m2o("Teacher", "Teacher", "mentor_id"),
        ),
    )
    score = score_case(case, spec, 0.01)
    assert (score.entities_found, score.entities) == (3, 3)
    assert (score.fields_found, score.fields) == (2, 2)
    assert (score.relations_found, score.relations) == (2, 2)
    assert score.spurious == ("Enrollment",)
    # Student has labelled fields, so its unlabelled `age` costs field precision.
    assert (score.fields_correct, score.fields_predicted) == (2, 3)
    assert score.missing == ()


def test_misses_are_named() -> None:
    case = LabelledCase.model_validate(CASE)
    spec = app(
        entity("Student", Field(name="email", type="email")),
        entity("Course"),
        relations=(Relation(kind="many_to_many", source="Course", target="Student"),),
    )
    score = score_case(case, spec, 0.0)
    assert score.missing == ("Teacher", "Student.name", "Course.title", "Teacher>Teacher")
    assert score.relations_found == 1
    assert score.relations_correct == score.relations_predicted == 1


def test_direction_matters_for_many_to_one() -> None:
    case = LabelledCase.model_validate(
        {
            "id": "pets",
            "prompt": "p",
            "entities": {"Pet": {}, "Owner": {}},
            "relations": [["Pet", "Owner"]],
        }
    )
    wrong = app(entity("Pet"), entity("Owner"), relations=(m2o("Owner", "Pet", "pet_id"),))
    score = score_case(case, wrong, 0.0)
    assert score.relations_found == 0
    assert score.relations_correct == 0


def test_evaluate_adds_up_totals_and_tags() -> None:
    case = LabelledCase.model_validate(CASE)
    spec = app(entity("Student", Field(name="name", type="string")), entity("Course"))
    report = evaluate([case, case.model_copy(update={"tags": ("korean",)})], lambda _: spec)
    assert report.totals.cases == 2
    assert report.totals.entity_recall == pytest.approx(4 / 6)
    assert report.totals.field_recall == pytest.approx(2 / 4)
    assert report.totals.relation_recall == 0.0
    assert set(report.by_tag) == {"prose", "korean"}
    assert report.by_tag["korean"].cases == 1


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"cases": []}, "has no cases"),
        ({"cases": [{"id": "a", "prompt": "x"}]}, "case a: entities"),
        (
            {"cases": [dict(CASE, relations=[["Student", "Nobody"]])]},
            "'Nobody', which is not an entity",
        ),
        ({"cases": [dict(CASE, relations=[["Student", "Course", "both"]])]}, "relations.0.mode"),
    ],
)
def test_bad_label_files_are_one_clear_line(tmp_path: Path, data: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_cases(write(tmp_path, data))


def test_eval_command_prints_totals_and_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = dict(CASE, prompt="A school: students (name), courses (title) and teachers.")
    path = write(tmp_path, {"cases": [case]})
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", str(path), "--all"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert out.splitlines()[0].startswith("case")
    assert "school" in out
    assert "[prose]" in out
    assert "entity R 1.000" in out


def test_eval_command_json_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {"cases": [dict(CASE, prompt="students (name) and courses (title)")]})
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", str(path), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert exit_info.value.code == 0
    assert report["cases"][0]["id"] == "school"
    assert 0.0 <= report["totals"]["field_recall"] <= 1.0
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", str(tmp_path / "bad.json")])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert err.startswith("tdev: error:") and "is not JSON" in err and err.count("\n") == 1
