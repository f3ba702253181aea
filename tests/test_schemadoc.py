"""The schema reference pages: generated correctly, and committed pages not stale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aimskit.records import kinds, schemadoc
from aimskit.records.schemas import load_schema, schema_names

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"
COMMON = {"$defs": {
    "text": {"type": "string", "minLength": 1, "description": "Free text."},
    "date": {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "A date."},
    "ref": {"type": "string", "pattern": "^(SYS|RISK)-[0-9]{3,}$", "description": "Any id."},
}}
SAMPLE = {
    "title": "Sample",
    "description": "A sample <record>.",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "plan"],
    "properties": {
        "id": {"$ref": "common.schema.json#/$defs/ref", "description": "Its own id."},
        "version": {"const": "1"},
        "plan": {
            "type": "object",
            "required": ["steps"],
            "properties": {
                "steps": {"type": "array", "minItems": 1, "items": {
                    "type": "object", "required": ["due"],
                    "properties": {"due": {"$ref": "common.schema.json#/$defs/date"},
                                   "state": {"type": "string", "enum": ["open", "done"]}}}},
            },
        },
        "tags": {"type": "array", "uniqueItems": True, "items": {"$ref": "common.schema.json#/$defs/text"}},
    },
}


def all_schemas() -> dict:
    return {name: load_schema(name) for name in schema_names()}


def test_committed_reference_pages_match_the_schemas():
    expected = schemadoc.pages(all_schemas())
    committed = {path.name: path.read_text(encoding="utf-8") for path in REFERENCE.glob("*.md")}
    stale = sorted(name for name in expected.keys() | committed.keys() if expected.get(name) != committed.get(name))
    assert not stale, f"docs/reference is stale ({', '.join(stale)}): run `make docs` and commit the result"


def test_every_kind_has_a_page_in_the_index():
    pages = schemadoc.pages(all_schemas())
    assert set(pages) == {"index.md"} | {f"{kind.name}.md" for kind in kinds.ALL}
    for kind in kinds.ALL:
        assert f"]({kind.name}.md)" in pages["index.md"]


def test_ref_is_resolved_and_own_description_wins():
    node = schemadoc.resolve(SAMPLE["properties"]["id"], COMMON)
    assert node["pattern"] == "^(SYS|RISK)-[0-9]{3,}$"
    assert node["description"] == "Its own id."
    assert "$ref" not in node


def test_ref_outside_common_is_refused():
    with pytest.raises(ValueError, match="unsupported"):
        schemadoc.resolve({"$ref": "https://example.org/x.json"}, COMMON)


def test_nested_objects_and_arrays_of_objects_are_flattened():
    rows = {row.name: row for row in schemadoc.fields(SAMPLE, COMMON)}
    assert list(rows) == ["id", "version", "plan", "plan.steps", "plan.steps[].due", "plan.steps[].state", "tags"]
    assert rows["plan.steps"].type == "array of object"
    assert rows["plan.steps[].due"].type == "string (date)"
    assert rows["plan.steps[].due"].required and not rows["plan.steps[].state"].required
    assert rows["tags"].type == "array of string"


def test_allowed_values_list_constraints():
    rows = {row.name: row for row in schemadoc.fields(SAMPLE, COMMON)}
    assert rows["plan.steps[].state"].allowed == "one of `open`, `done`"
    assert rows["version"].allowed == 'exactly `"1"` (a quoted string)'
    assert rows["plan.steps"].allowed == "at least 1 item"
    assert rows["tags"].allowed == "no duplicates; each item: not empty"


def test_table_cells_escape_angle_brackets_and_say_patterns_in_words():
    page = schemadoc.kind_page(kinds.RISK, SAMPLE, COMMON)
    assert "a record id: `SYS-`, `RISK-` and three or more digits" in page and "[0-9]" not in page
    assert "A sample &lt;record&gt;." in page


def test_kind_page_says_where_the_files_live():
    page = schemadoc.kind_page(kinds.POLICY, load_schema("policy.schema.json"), load_schema("common.schema.json"))
    assert "`policies/*.md`" in page and "front matter" in page and "`POL-001`" in page
    manifest = schemadoc.kind_page(kinds.MANIFEST, load_schema("manifest.schema.json"), load_schema("common.schema.json"))
    assert "**One file** per repository" in manifest


def test_every_schema_property_appears_in_its_page():
    schemas = all_schemas()
    for kind in kinds.ALL:
        page = schemadoc.pages(schemas)[f"{kind.name}.md"]
        for name in schemas[kind.schema]["properties"]:
            assert f"| `{name}` |" in page, (kind.name, name)


def test_people_are_shown_words_not_regular_expressions():
    import json

    from aimskit.records.schemadoc import pattern_in_words

    root = Path(__file__).resolve().parent.parent
    patterns = {match for path in (root / "schemas").glob("*.json")
                for match in re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', path.read_text(encoding="utf-8"))}
    for raw in patterns:
        words = pattern_in_words(json.loads(raw))
        assert words != "in the form the description gives" and not re.search(r"[\^$]|\(\?|\[0-9\]", words), raw
    for page in (root / "docs" / "reference").glob("*.md"):
        assert not re.search(r"\(\?!|\[0-9\]|`\^", page.read_text(encoding="utf-8")), page.name
