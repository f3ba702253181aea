"""``aimskit export --format oscal`` on a real bake, validated with compliance-trestle's OSCAL models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from trestle.oscal.catalog import Catalog
from trestle.oscal.component import ComponentDefinition

from aimskit import reference
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
    assert props[("implementation-status", None)] == "partial"
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
