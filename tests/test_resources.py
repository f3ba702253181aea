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
