"""ui_selection, component_decision, match_rate and search on hand-built inputs."""

from __future__ import annotations

from support.specs import vet_requirements
from tdeveloper.pipeline.component_decision import ComponentDecision
from tdeveloper.pipeline.match_rate import MatchRate
from tdeveloper.pipeline.parser import Parser
from tdeveloper.pipeline.search import Search
from tdeveloper.pipeline.state import MatchInput, ParserInput, SearchInput
from tdeveloper.pipeline.ui_selection import UiSelection
from tdeveloper.spec import AppSpec, GenerateOptions, NonFunctional, Requirements, UiChoice


def ui_for(text: str, frontend: str | None = None) -> UiChoice:
    options = GenerateOptions(frontend=frontend)  # type: ignore[arg-type]
    return UiSelection(options).run(vet_requirements(description=text))


def spec_of(req: Requirements) -> AppSpec:
    ui = ui_for(req.description)
    return Parser().run(ParserInput(requirements=req, ui=ui)).spec


def test_ui_selection_defaults_to_react_with_reasons() -> None:
    ui = ui_for("A vet clinic")
    assert ui.framework == "react"
    assert next(o.name for o in ui.options) == "react"
    assert ui.reasons


def test_ui_selection_follows_the_description_and_the_flag() -> None:
    assert ui_for("a lightweight, mobile page for low bandwidth").framework == "svelte"
    assert ui_for("we use Vue here").framework == "vue"
    chosen = ui_for("we use Vue here", frontend="svelte")
    assert chosen.framework == "svelte"
    assert chosen.options[0].reasons == ("requested with --frontend",)


def test_component_decision_small_app_is_a_modular_monolith() -> None:
    arch = ComponentDecision().run(spec_of(vet_requirements()))
    assert arch.pattern == "modular_monolith"
    assert {c.kind for c in arch.components} == {"api", "database", "frontend"}
    assert all(c.reason for c in arch.components)


def test_component_decision_reacts_to_features_scale_and_compliance() -> None:
    req = vet_requirements(
        features=("auth", "upload", "notifications"),
        non_functional=NonFunctional(scale="large", compliance=("HIPAA",)),
    )
    arch = ComponentDecision().run(spec_of(req))
    kinds = {c.kind for c in arch.components}
    assert {"auth", "storage", "worker", "cache", "compliance"} <= kinds


def match(req: Requirements):  # type: ignore[no-untyped-def]
    spec = spec_of(req)
    arch = ComponentDecision().run(spec)
    return MatchRate().run(MatchInput(requirements=req, spec=spec, architecture=arch))


def test_match_rate_covers_crud_and_the_frontend() -> None:
    report = match(vet_requirements())
    assert report.template == "fastapi-crud"
    assert report.coverage == 1.0
    assert {"entity Pet", "frontend web"} <= set(report.covered)
    assert report.gaps == ()
    assert 0 < report.confidence <= 1


def test_match_rate_is_low_for_logic_no_template_covers() -> None:
    req = vet_requirements(unsupported=("chess engine (move search and evaluation)",))
    report = match(req)
    assert report.coverage <= 0.5
    gap = next(g for g in report.gaps if g.item.startswith("chess engine"))
    assert "by hand" in gap.reason


def test_match_rate_names_feature_gaps() -> None:
    report = match(vet_requirements(features=("auth", "payments", "search", "upload")))
    items = {g.item for g in report.gaps}
    assert {"feature upload", "feature payments"} <= items
    assert {"feature search", "feature auth"} <= set(report.covered)


def test_search_selects_libraries_for_the_spec() -> None:
    req = vet_requirements()
    spec = spec_of(req)
    arch = ComponentDecision().run(spec)
    report = MatchRate().run(MatchInput(requirements=req, spec=spec, architecture=arch))
    selection = Search().run(
        SearchInput(spec=spec, ui=ui_for("x", "vue"), architecture=arch, match=report)
    )
    names = {lib.name for lib in selection.libraries}
    assert {"fastapi", "sqlalchemy", "alembic", "email-validator", "vue", "vue-router"} <= names
    assert "react" not in names
    assert all(lib.version and lib.licence and lib.reason for lib in selection.libraries)
