"""The domain knowledge base file and how descriptions are matched to it."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from tdeveloper.pipeline.nlp import understand
from tdeveloper.pipeline.nlp.knowledge import domains, glossary, kb_entity, match_domain
from tdeveloper.spec import FIELD_TYPES
from tdeveloper.spec.names import pascal, snake

TERSE = {
    "a todo app": "todo",
    "a blog": "blog",
    "an online shop": "ecommerce",
    "a vet clinic": "vet_clinic",
    "a CRM": "crm",
    "a helpdesk": "helpdesk",
    "a library": "library",
    "inventory": "inventory",
    "a recipe site": "recipes",
    "event booking": "events",
    "school": "school",
    "hotel booking": "hotel",
    "fitness tracker": "fitness",
    "expense tracker": "expenses",
    "project management": "project_management",
    "real estate listings": "real_estate",
    "restaurant orders": "restaurant",
    "an LMS": "lms",
    "online courses": "lms",
    "HR system for employees": "hr",
    "fleet management": "fleet",
    "parking": "parking",
    "gym": "gym",
    "dentist": "dental",
    "car rental": "car_rental",
    "bug tracker": "bug_tracker",
    "a wiki": "wiki",
    "notes": "notes",
    "survey tool": "survey",
    "polls": "survey",
    "job board": "job_board",
    "property rental": "property_rental",
    "warehouse": "warehouse",
}


def _raw() -> dict[str, object]:
    ref = resources.files("tdeveloper.pipeline").joinpath("catalog", "domains.json")
    data: dict[str, object] = json.loads(ref.read_text(encoding="utf-8"))
    return data


def test_file_shape() -> None:
    raw = _raw()
    items = raw["domains"]
    assert isinstance(items, list)
    assert len(items) >= 25
    ids = [d["id"] for d in items]
    assert len(ids) == len(set(ids))
    for domain in items:
        assert set(domain) <= {"id", "title", "keywords", "features", "entities", "relations"}
        assert domain["keywords"]["en"]
        assert "ko" in domain["keywords"]
        names = [e["name"] for e in domain["entities"]]
        assert all(n == pascal(n) for n in names)
        for entity in domain["entities"]:
            assert entity["fields"]
            for field in entity["fields"]:
                assert field["name"] == snake(field["name"])
                assert field["type"] in FIELD_TYPES
                assert (field["type"] == "enum") == bool(field.get("values"))
        for rel in domain["relations"]:
            assert rel["source"] in names
            assert rel["target"] in names
            assert rel["kind"] in {"many_to_one", "many_to_many"}


def test_loaded_once() -> None:
    assert domains() is domains()
    assert glossary("ko") is glossary("ko")


@pytest.mark.parametrize(("text", "domain"), sorted(TERSE.items()))
def test_terse_descriptions_match_a_domain(text: str, domain: str) -> None:
    req = understand(text)
    assert req.domain == domain
    assert len(req.entities) >= 2
    assert all(e.fields for e in req.entities)
    assert req.title


def test_no_domain_for_unrelated_text() -> None:
    assert match_domain("Plants have a name and a height; beds have a width.") is None


def test_kb_entity_prefers_the_matched_domain() -> None:
    lms = next(d for d in domains() if d.id == "lms")
    found = kb_entity("Student", lms)
    assert found is not None
    assert {f["name"] for f in found.fields} == {"name", "email"}
    alias = kb_entity("Patron", None)
    assert alias is not None
    assert alias.name == "Member"
    assert kb_entity("Spaceship", None) is None


def test_domain_features_only_with_a_knowledge_base_model() -> None:
    assert "payments" in understand("an online shop").features
    assert "payments" not in understand("An online shop: products (name, price).").features
