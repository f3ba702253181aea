"""The JSON Schemas: valid draft 2020-12, strict and described, fast and full validators agreeing,
findings at the right line; plus the data-driven examples in tests/examples/<schema>/."""

from __future__ import annotations

import copy
import re
import typing as t
from pathlib import Path

import jsonschema
import pytest

from aimskit.records import kinds
from aimskit.records.loading import Document, load_markdown_file, load_yaml_file
from aimskit.records.schemas import check_document, full_validator, is_valid, load_schema, schema_names

EXAMPLES = Path(__file__).parent / "examples"
_EXPECT = re.compile(r"^# expect: (?P<list>.+)$", re.MULTILINE)
_ONE = re.compile(r"(AIMS[0-9]{3}) line ([0-9]+)")


def _nodes(node: t.Any, pointer: str = "") -> t.Iterator[tuple[str, dict]]:
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            yield from _nodes(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{pointer}/{index}")


def _described(schema: t.Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("description"):
        return True
    ref = schema.get("$ref", "")
    shared = load_schema("common.schema.json")["$defs"]
    return bool(ref) and bool(shared.get(ref.rsplit("/", 1)[-1], {}).get("description"))


@pytest.mark.parametrize("name", schema_names())
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema.get("title") and schema.get("description")


@pytest.mark.parametrize("name", schema_names())
def test_objects_are_closed_and_every_field_is_described(name: str) -> None:
    for pointer, node in _nodes(load_schema(name)):
        if "properties" not in node:
            continue
        assert node.get("additionalProperties") is False, f"{name}#{pointer} lets typos through"
        undescribed = [key for key, value in node["properties"].items() if not _described(value)]
        assert not undescribed, f"{name}#{pointer}: no description for {undescribed} (editors show it as help)"


def test_every_kind_has_a_schema() -> None:
    assert {kind.schema for kind in kinds.ALL} <= set(schema_names())


# Examples: tests/examples/<kind>/{valid,invalid}/*


def _examples(folder: str) -> list[Path]:
    return sorted(p for p in EXAMPLES.glob(f"*/{folder}/*") if p.suffix in (".yaml", ".md"))


def _load(path: Path) -> tuple[kinds.Kind, Document]:
    kind = kinds.BY_NAME[path.parent.parent.name]
    loader = load_markdown_file if kind.markdown else load_yaml_file
    return kind, loader(path.name, path.read_bytes())


def _id(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.stem}"


def test_every_kind_has_valid_and_invalid_examples() -> None:
    for kind in kinds.ALL:
        assert list((EXAMPLES / kind.name / "valid").glob("*")), kind.name
        assert list((EXAMPLES / kind.name / "invalid").glob("*")), kind.name


@pytest.mark.parametrize("path", _examples("valid"), ids=_id)
def test_valid_example(path: Path) -> None:
    kind, document = _load(path)
    assert [f.format_text() for f in check_document(kind.schema, document)] == []


@pytest.mark.parametrize("path", _examples("invalid"), ids=_id)
def test_invalid_example(path: Path) -> None:
    declared = _EXPECT.search(path.read_text(encoding="utf-8"))
    assert declared, f"{path.name}: first line must say '# expect: AIMSnnn line N'"
    expected = sorted((code, int(line)) for code, line in _ONE.findall(declared["list"]))
    kind, document = _load(path)
    findings = check_document(kind.schema, document)
    assert sorted((f.code, f.line) for f in findings) == expected, "\n".join(f.format_text() for f in findings)


# Fast (fastjsonschema) and full (jsonschema) validators


def _variants(data: dict) -> t.Iterator[t.Any]:
    yield data
    for key in data:
        for value in (None, 0, 1.5, True, "", "x", "2025-02-30", "NO", [], {}, [None], [{}], ["x"]):
            yield {**copy.deepcopy(data), key: value}
        yield {k: v for k, v in data.items() if k != key}
    yield {**data, "unknown_field": 1}


@pytest.mark.parametrize("path", _examples("valid") + _examples("invalid"), ids=_id)
def test_fast_and_full_validators_agree(path: Path) -> None:
    kind, document = _load(path)
    full = full_validator(kind.schema)
    for data in _variants(document.data):
        assert is_valid(kind.schema, data) == full.is_valid(data), data


# Positions of schema findings


def test_findings_point_at_the_value_and_unknown_keys_at_the_key() -> None:
    document = load_yaml_file("risks/RISK-001.yaml", (
        b"id: RISK-001\ntitle: t\ndescription: d\nsystems: [SYS-001]\nsource: C.3.4\nowner: ml-lead\n"
        b"likelihood: 4\nimpact: 4\ntreatment:\n  option: modify\n  actions:\n    - description: x\n"
        b"      owner: ml-lead\n      due: 2025-13-01\n      status: planned\n      stauts: x\n"
        b"status: treating\nidentified: 2025-01-01\nnext_review: 2026-01-01\n"))
    found = {(f.code, f.line, f.column, f.message) for f in check_document("risk.schema.json", document)}
    assert ("AIMS304", 14, 12, "$.treatment.actions[0].due: '2025-13-01' is not a real calendar date") in found
    assert ("AIMS302", 16, 7, "$.treatment.actions[0]: unknown field 'stauts'") in found
    hints = {f.code: f.hint for f in check_document("risk.schema.json", document)}
    assert hints["AIMS302"] == "did you mean 'status'?"


def test_front_matter_findings_count_the_opening_line() -> None:
    document = load_markdown_file("policies/POL-001.md", b"---\nid: POL-001\ntitle: t\nowner: a\napprover: b\n"
                                  b"version: 1\nstatus: draft\neffective: 2025-01-01\nnext_review: 2026-01-01\n---\n")
    assert [(f.code, f.line, f.column) for f in check_document("policy.schema.json", document)] == [("AIMS303", 6, 10)]
