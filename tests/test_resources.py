from __future__ import annotations

import json

from aimskit import resources
from aimskit.records import kinds, schemas


def test_every_kind_has_a_schema():
    names = set(schemas.schema_names())
    assert {kind.schema for kind in kinds.ALL} <= names
    assert "common.schema.json" in names


def test_template_root_holds_cookiecutter_json():
    data = json.loads((resources.template_dir() / "cookiecutter.json").read_text(encoding="utf-8"))
    assert "organisation_name" in data and "__prompts__" in data


def test_reference_data_has_the_38_controls():
    from aimskit import reference

    assert len(reference.controls()) == 38
    assert set(reference.clauses()) >= {"4.3", "5.2", "6.1.2", "9.2", "10.2"}


def _nist_ids_used(node) -> set[str]:
    """Every AI RMF subcategory id the reference data cites (crosswalk entries, clause and control lists)."""
    if isinstance(node, list):
        return set().union(*map(_nist_ids_used, node)) if node else set()
    if not isinstance(node, dict):
        return set()
    found = {str(node["nist_subcategory"])} if "nist_subcategory" in node else set()
    found |= set(map(str, node.get("nist_ai_rmf") or []))
    return found.union(*(_nist_ids_used(value) for key, value in node.items() if key != "nist_ai_rmf"))


def test_every_nist_subcategory_in_the_reference_data_has_a_short_title():
    from aimskit import reference

    used = _nist_ids_used(reference.data())
    assert len(used) == 72 and {"GOVERN 1.1", "MAP 5.2", "MEASURE 2.13", "MANAGE 4.3"} <= used
    for subcategory in used:
        title = reference.nist_subcategory_title(subcategory)
        assert title and len(title.split()) <= 10, subcategory
        assert reference.nist_category_title(subcategory), subcategory
    assert set(reference.data()["nist_ai_rmf_subcategories"]) == used
    assert reference.nist_subcategory_title("GOVERN 9.9") == ""
