"""Registers written the way teams write them, each imported in one try into a copy of a real bake.

The corpus (``corpus/``): a semicolon CSV under a title row with abbreviations for owners, an
"AI tool" and a "Review by" column, sheet ids, mitigation text and an organisation-wide risk; a
comma CSV in Windows-1252 with day-first dates (one of them readable both ways) and word scores;
a Google Sheets tab export with blank rows and a notes column; a workbook as Excel's format holds
it (merged title, a heading row over split column names, dates as dates); a workbook saved by
LibreOffice (an instructions sheet first, month-name dates); an AI tools list under two title rows.
``corpus/make_workbooks.py`` made the two workbooks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aimskit.cli import main
from aimskit.records.loading import load_yaml_file

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture()
def repo(baked_repo: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(baked_repo, tmp_path / "aims", symlinks=True))


def _data(repo: Path, path: str) -> dict:
    return load_yaml_file(path, (repo / path).read_bytes()).data


CASES = {
    "title-row-semicolon.csv": ("risks", (), {
        "risks/RISK-011.yaml": {"external_id": "R-01", "owner": "security-lead", "systems": ["SYS-001"],
                                "next_review": "2028-03-31", "identified": "2026-01-14",
                                "treatment": {"option": "modify",
                                              "plan": "Agents approve every draft; refund wording blocked by a "
                                                      "filter (A.6.2.4, A.9.2)",
                                              "controls": ["A.6.2.4", "A.9.2"]},
                                "residual": {"likelihood": 2, "impact": 3}},
        "risks/RISK-012.yaml": {"external_id": "R-02", "owner": "data-protection-officer"},
        "risks/RISK-013.yaml": {"external_id": "R-03", "organisation_wide": True, "systems": None},
        "risks/RISK-014.yaml": {"systems": ["SYS-004"], "treatment": {"option": "retain"}}}),
    "uk-comma-cp1252.csv": ("risks", (), {
        "risks/RISK-011.yaml": {"identified": "2026-01-05", "next_review": "2028-03-31", "likelihood": 3,
                                "impact": 4, "systems": ["SYS-002"], "owner": "legal-compliance-lead"},
        "risks/RISK-013.yaml": {"owner": "ai-governance-lead", "status": "treating"}}),
    "google-sheets-tab.tsv": ("risks", (), {
        "risks/RISK-011.yaml": {"external_id": "GS-7", "organisation_wide": True, "treatment": {"option": "avoid"}},
        "risks/RISK-012.yaml": {"systems": ["SYS-004"], "owner": "executive-sponsor",
                                "treatment": {"option": "modify", "controls": ["A.9.4", "A.5.5"]}}}),
    "excel-merged-header.xlsx": ("risks", (), {
        "risks/RISK-011.yaml": {"external_id": "RSK-1", "likelihood": 3, "impact": 4,
                                "residual": {"likelihood": 2, "impact": 3}, "next_review": "2028-02-28",
                                "systems": ["SYS-004"]},
        "risks/RISK-013.yaml": {"owner": "security-lead", "systems": ["SYS-002"]}}),
    "libreoffice-export.xlsx": ("risks", (), {
        "risks/RISK-011.yaml": {"external_id": "LO-1", "likelihood": 2, "impact": 4, "next_review": "2028-04-12"},
        "risks/RISK-012.yaml": {"next_review": "2028-01-09", "systems": ["SYS-003"]}}),
    "systems-title-rows.csv": ("systems", ("--create-missing",), {
        "systems/SYS-005.yaml": {"name": "Contract clause finder", "provider": "in-house",
                                 "lifecycle_stage": "development", "next_review": "2028-03-31"},
        "systems/SYS-006.yaml": {"provider": "SUP-004", "eu_ai_act": {"tier": "limited"}},
        "suppliers/SUP-004.yaml": {"name": "Notetaker Labs"}}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_register_imports_in_one_try(repo, capsys, name):
    what, extra, expected = CASES[name]
    assert main(["--repo", str(repo), "import", what, str(CORPUS / name), *extra, "--write"]) == 0, \
        capsys.readouterr()
    for path, fields in expected.items():
        data = _data(repo, path)
        for key, value in fields.items():
            if key == "eu_ai_act":
                assert data[key]["tier"] == value["tier"], (path, key)
            else:
                assert data.get(key) == value, (path, key, data.get(key))
    capsys.readouterr()
    status = main(["--repo", str(repo), "validate", "--format", "json"])
    findings = capsys.readouterr().out
    if what == "risks":
        assert status == 0, findings
    else:  # a new AI system has no risk yet: the gap the import reported, and nothing else
        import json

        errors = {(f["path"], f["code"]) for f in json.loads(findings)["findings"] if f["severity"] == "error"}
        assert errors == {("systems/SYS-005.yaml", "AIMS410"), ("systems/SYS-006.yaml", "AIMS410")}
