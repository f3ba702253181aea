"""``aimskit export --format oscal`` on a real bake, validated against NIST's OSCAL 1.1.2 JSON schemas
(``oscal-1.1.2/``, with their provenance in its README) and read with compliance-trestle's models."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from trestle.oscal.catalog import Catalog
from trestle.oscal.component import ComponentDefinition

from aimskit import reference
from aimskit.approvals.stamp import approve
from aimskit.cli import main

# Hand-set SoA entries in the copy below, and what the component definition must say of them.
EDITED = """\
  - control: A.5.2   # AI system impact assessment process
    applicable: true
    justification: "Assessments are being rolled out team by team."
    status: in-progress
    implemented_by: [POL-001]
    evidence: [impact-assessments/AIA-001.md, policies/POL-001.md]
    owner: ai-governance-lead
"""


def _replace_entry(soa: str, control: str, entry: str) -> str:
    lines, out, skipping = soa.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith(f"  - control: {control} ") or line.rstrip() == f"  - control: {control}":
            out.append(entry)
            skipping = True
        elif skipping and (line.startswith("  - control:") or not line.startswith("    ")):
            skipping = False
            out.append(line)
        elif not skipping:
            out.append(line)
    return "".join(out)


@pytest.fixture(scope="module")
def oscal_out(baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(shutil.copytree(baked_repo, tmp_path_factory.mktemp("oscal") / "aims", symlinks=True))
    soa = root / "soa.yaml"
    soa.write_text(_replace_entry(soa.read_text(encoding="utf-8"), "A.5.2", EDITED), encoding="utf-8")
    approve(root, "soa", dt.date.today())  # the edited SoA is approved as it now reads
    out = root.parent / "out"
    assert main(["--repo", str(root), "export", "--format", "oscal", "-o", str(out)]) == 0
    return out


def _controls(groups) -> list:
    found = []
    for group in groups or []:
        found += list(getattr(group, "controls", None) or [])
        found += _controls(getattr(group, "groups", None))
    return found


def _plain(model) -> dict:
    """A trestle model back as plain JSON data (after trestle has validated it)."""
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def test_files(oscal_out):
    assert sorted(p.name for p in oscal_out.iterdir()) == ["README.txt", "oscal-catalog.json",
                                                           "oscal-component-definition.json"]


def test_trestle_reads_the_catalog_of_the_38_controls(oscal_out):
    catalog = Catalog.oscal_read(oscal_out / "oscal-catalog.json")
    controls = _controls(catalog.groups)
    assert [control.id for control in controls] == [c.lower() for c in reference.controls()]
    assert [control.title for control in controls] == [c["title"] for c in reference.controls().values()]
    assert all(not getattr(control, "parts", None) for control in controls)  # ids and titles, no text
    assert _plain(catalog)["metadata"]["oscal-version"] == "1.1.2"
    assert [group.id for group in catalog.groups] == ["a.2", "a.3", "a.4", "a.5", "a.6", "a.7", "a.8", "a.9", "a.10"]
    a6 = next(group for group in catalog.groups if group.id == "a.6")
    assert [group.id for group in a6.groups] == ["a.6.1", "a.6.2"]
    assert "a.6.2.4" in [control.id for control in _controls([a6])]


def test_trestle_reads_the_component_definition(oscal_out):
    definition = _plain(ComponentDefinition.oscal_read(oscal_out / "oscal-component-definition.json"))
    (component,) = definition["components"]
    assert component["title"] == "Example AI Ltd AI management system"
    (implementation,) = component["control-implementations"]
    assert implementation["source"] == "oscal-catalog.json"
    requirements = {r["control-id"]: r for r in implementation["implemented-requirements"]}
    assert set(requirements) == {c.lower() for c in reference.controls()}  # the bake decides every control
    edited = requirements["a.5.2"]
    props = {(p["name"], p.get("ns")): p["value"] for p in edited["props"]}
    assert props[("implementation-status", "https://aimskit.invalid/ns/oscal")] == "partial"
    assert props[("example", "https://aimskit.invalid/ns/oscal")] == "true"  # the bake's SoA is an example
    assert props[("soa-status", "https://aimskit.invalid/ns/oscal")] == "in-progress"
    assert edited["description"] == "Assessments are being rolled out team by team."
    assert [link["href"] for link in edited["links"]] == ["impact-assessments/AIA-001.md", "policies/POL-001.md"]
    assert all(link["rel"] == "evidence" for link in edited["links"])
    (statement,) = edited["statements"]
    assert statement["statement-id"] == "a.5.2_smt.pol-001"
    assert statement["description"].startswith("Implemented by POL-001")
    resources = {f"#{r['uuid']}": r for r in definition["back-matter"]["resources"]}
    assert resources[statement["links"][0]["href"]]["rlinks"][0]["href"] == "policies/POL-001.md"
    assert [role["role-id"] for role in edited["responsible-roles"]] == ["ai-governance-lead"]
    assert "ai-governance-lead" in [role["id"] for role in definition["metadata"]["roles"]]


def test_excluded_controls_are_not_applicable(oscal_out):
    document = json.loads((oscal_out / "oscal-component-definition.json").read_text(encoding="utf-8"))
    requirements = document["component-definition"]["components"][0]["control-implementations"][0][
        "implemented-requirements"]
    for requirement in requirements:
        props = {p["name"]: p["value"] for p in requirement["props"]}
        if props["applicable"] == "false":
            assert props["implementation-status"] == "not-applicable" and props["soa-status"] == "excluded"


SCHEMAS = Path(__file__).parent / "oscal-1.1.2"
DOCUMENTS = {"oscal-catalog.json": "oscal_catalog_schema.json",
             "oscal-component-definition.json": "oscal_component_schema.json"}


def _pattern(validator, pattern, instance, schema):
    """NIST's schemas write their patterns for ECMA-262 with Unicode classes (\\p{L}): check them with
    regress, as check-jsonschema does, instead of Python's re."""
    import regress

    if validator.is_type(instance, "string") and regress.Regex(pattern, flags="u").find(instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _errors(document: dict, schema_name: str) -> list[str]:
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": _pattern})
    validator = validator_class(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_export_validates_against_nists_oscal_schemas(oscal_out, name):
    document = json.loads((oscal_out / name).read_text(encoding="utf-8"))
    assert _errors(document, DOCUMENTS[name]) == []


def test_the_schema_check_catches_what_oscal_forbids(oscal_out):
    document = json.loads((oscal_out / "oscal-component-definition.json").read_text(encoding="utf-8"))
    document["component-definition"]["uuid"] = "not-a-uuid"
    document["component-definition"]["components"][0]["props"][0]["name"] = "two words"
    document["component-definition"]["metadata"]["colour"] = "red"
    errors = _errors(document, DOCUMENTS["oscal-component-definition.json"])
    assert len(errors) == 3, errors


def _uuids(value) -> set[str]:
    found = set()
    if isinstance(value, dict):
        found |= {v for k, v in value.items() if k == "uuid"}
        for child in value.values():
            found |= _uuids(child)
    elif isinstance(value, list):
        for child in value:
            found |= _uuids(child)
    return found


def _export(root: Path, out: Path) -> dict:
    assert main(["--repo", str(root), "export", "--format", "oscal", "-o", str(out)]) == 0
    return {name: json.loads((out / name).read_text(encoding="utf-8")) for name in DOCUMENTS}


def test_uuids_are_stable_across_exports_and_unique_per_organisation(bake, tmp_path):
    first, again = _export(bake(), tmp_path / "a"), _export(bake(), tmp_path / "b")
    assert first == {name: _with_time(document, again[name]) for name, document in first.items()}
    other = _export(bake(organisation_name="Other Org Ltd"), tmp_path / "c")
    mine = _uuids(first)
    theirs = _uuids(other)
    assert len(mine) > 38 * 2 and not mine & theirs


def _with_time(model: dict, document: dict) -> dict:
    """``document`` with the export time of ``model`` (the one field that differs between two exports)."""
    copied = json.loads(json.dumps(document))
    for name, body in copied.items():
        body["metadata"]["last-modified"] = next(iter(model.values()))["metadata"]["last-modified"]
    return copied


def test_an_edit_changes_the_documents_uuid_only(baked_repo, tmp_path):
    root = Path(shutil.copytree(baked_repo, tmp_path / "aims", symlinks=True))
    before = _export(root, tmp_path / "a")["oscal-component-definition.json"]["component-definition"]
    soa = root / "soa.yaml"
    soa.write_text(soa.read_text(encoding="utf-8").replace("\nexample: true\n", "\n", 1), encoding="utf-8")
    approve(root, "soa", dt.date.today())
    after = _export(root, tmp_path / "b")["oscal-component-definition.json"]["component-definition"]
    assert before["uuid"] != after["uuid"]
    assert before["components"][0]["uuid"] == after["components"][0]["uuid"]
    marks = {p["name"]: p["value"] for p in after["metadata"]["props"]}
    # the organisation's own SoA now, approved as it reads, but by a placeholder executive: still no approval
    assert marks == {"example": "false", "soa-document-status": "approved", "soa-approval": "does-not-count"}
    assert "its approval does not count" in after["metadata"]["remarks"]
