"""``aimskit export --format xlsx`` on a real bake: sheets, dates, colours, defused text, provenance,
and LibreOffice opening the workbook and converting it back to CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import git
import openpyxl
import pytest
import required_tools

from aimskit import reference
from aimskit.cli import main
from aimskit.export.tables import COLUMNS
from aimskit.export.xlsx import MAX_CELL, xlsx_files
from aimskit.governance.scoring import RiskMethod
from aimskit.records.loading import load_yaml_file

SHEETS = ["SoA", "Risks", "AI systems", "Policies", "Treatment actions", "Data sources", "Approvals", "Risk acceptances",
          "Impact assessments", "Objectives", "Suppliers", "Audits", "Management reviews", "Nonconformities",
          "Competence", "Readiness items", "Readiness", "Provenance"]
HOSTILE = '=HYPERLINK("http://evil.invalid","click")'


@pytest.fixture(scope="module")
def workbook_repo(baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bake whose RISK-002 title a spreadsheet would run as a formula (uncommitted)."""
    root = Path(shutil.copytree(baked_repo, tmp_path_factory.mktemp("xlsx") / "aims", symlinks=True))
    path = root / "risks" / "RISK-002.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(f"title: '{HOSTILE}'" if line.startswith("title:") else line for line in lines) + "\n",
                    encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def exported(workbook_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx-out") / "audit"
    assert main(["--repo", str(workbook_repo), "export", "--format", "xlsx", "-o", str(out)]) == 0
    return out / "aims-export.xlsx"


def _rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row)) for row in values[1:]]


def _yaml(root: Path, path: str) -> dict:
    return load_yaml_file(path, (root / path).read_bytes()).data


def test_one_workbook_with_a_sheet_per_table(exported):
    assert sorted(p.name for p in exported.parent.iterdir()) == ["README.txt", "aims-export.xlsx"]
    book = openpyxl.load_workbook(exported)
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
        widths = [sheet.column_dimensions[letter].width for letter in "AB"]
        assert all(8 <= width <= 62 for width in widths), sheet.title
    soa = _rows(book["SoA"])
    assert [row["control"] for row in soa] == list(reference.controls())


def test_dates_are_dates_and_numbers_are_numbers(exported, workbook_repo):
    book = openpyxl.load_workbook(exported)
    risk = next(row for row in _rows(book["Risks"]) if row["id"] == "RISK-001")
    data = _yaml(workbook_repo, "risks/RISK-001.yaml")
    assert risk["identified"] == dt.datetime.fromisoformat(data["identified"])
    assert risk["next_review"] == dt.datetime.fromisoformat(data["next_review"])
    assert risk["likelihood"] == data["likelihood"] and isinstance(risk["likelihood"], int)
    assert risk["inherent_score"] == data["likelihood"] * data["impact"]
    header = [cell.value for cell in book["Risks"][1]]
    date_cell = book["Risks"].cell(row=2, column=header.index("identified") + 1)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"


def test_levels_are_coloured_with_their_name_beside_the_colour(exported):
    # The 5x5 risk method of the bake: low 1-4 #2e7d32, medium 5-9 #f9a825, high 10-16 #ef6c00, critical #c62828.
    colours = {"low": "2E7D32", "medium": "F9A825", "high": "EF6C00", "critical": "C62828"}
    sheet = openpyxl.load_workbook(exported)["Risks"]
    header = [cell.value for cell in sheet[1]]
    seen = set()
    for row in sheet.iter_rows(min_row=2):
        for column in ("inherent_level", "residual_level"):
            cell = row[header.index(column)]
            score = row[header.index(column.replace("level", "score"))].value
            expected = "low" if score <= 4 else "medium" if score <= 9 else "high" if score <= 16 else "critical"
            assert cell.value == expected
            assert cell.fill.fgColor.rgb[-6:] == colours[expected]
            seen.add(expected)
    assert len(seen) >= 2


def test_no_formula_anywhere_and_runnable_text_is_defused(exported):
    sheet = openpyxl.load_workbook(exported)["Risks"]
    title = next(row for row in _rows(sheet) if row["id"] == "RISK-002")["title"]
    assert title == "'" + HOSTILE
    with zipfile.ZipFile(exported) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(SHEETS)
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def test_provenance_sheet(exported, workbook_repo):
    facts = {row["field"]: row["value"] for row in _rows(openpyxl.load_workbook(exported)["Provenance"])}
    assert facts["commit"] == git.Repo(workbook_repo).head.commit.hexsha
    assert facts["uncommitted changes"] is True
    assert facts["source"] == "working tree"
    assert facts["aimskit version"]
    assert dt.datetime.fromisoformat(facts["exported at"]).date() <= dt.date.today()


def test_readiness_sheet_has_the_headline_figures(exported, workbook_repo):
    facts = {row["item"]: row["value"] for row in _rows(openpyxl.load_workbook(exported)["Readiness"])}
    document = _yaml(workbook_repo, "soa.yaml")
    soa = document["controls"]
    applicable = [entry for entry in soa if entry["applicable"] is not False]
    implemented = [entry for entry in applicable if entry["status"] == "implemented"]
    # An example SoA (example: true) counts for nothing; its figures appear as what examples alone show.
    counted = 0 if document.get("example") or document.get("status") != "approved" else len(implemented)
    assert facts["applicable controls implemented"] == f"{counted} of {len(applicable)}"
    if document.get("example"):
        assert facts["example records (never counted)"] > 0
    policy_is_example = "\nexample: true\n" in (workbook_repo / "policies" / "POL-001.md").read_text(encoding="utf-8")
    assert facts["validation errors"] == 0
    assert facts["5.2 AI policy"] in (("missing",) if policy_is_example else ("met", "partial"))


def test_libreoffice_opens_the_workbook_and_converts_every_sheet_to_csv(exported, workbook_repo, tmp_path):
    out = tmp_path / "csv"
    profile = (tmp_path / "profile").as_uri()
    # 44,34,76: comma, double quote, UTF-8; the last token -1 writes every sheet to its own file.
    spec = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    command = [required_tools.libreoffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", spec,
               "--outdir", str(out), str(exported)]
    done = subprocess.run(command, check=False, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0 and "Error" not in done.stdout, done.stdout + done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"aims-export-{name}.csv" for name in SHEETS)
    with (out / "aims-export-Risks.csv").open(encoding="utf-8", newline="") as stream:
        risks = {row["id"]: row for row in csv.DictReader(stream)}
    assert set(risks) == {p.stem for p in (workbook_repo / "risks").glob("*.yaml")}
    data = _yaml(workbook_repo, "risks/RISK-001.yaml")
    assert risks["RISK-001"]["title"] == data["title"] and risks["RISK-001"]["identified"] == data["identified"]
    assert risks["RISK-002"]["title"] == "'" + HOSTILE
    with (out / "aims-export-SoA.csv").open(encoding="utf-8", newline="") as stream:
        assert [row["control"] for row in csv.DictReader(stream)] == list(reference.controls())


def test_text_longer_than_a_cell_holds_is_cut_and_says_so():
    long = "x" * 40_000 + "\x07bell"
    row = dict.fromkeys(COLUMNS["risks"])
    row.update({"id": "RISK-001", "description": long})
    content = xlsx_files({"risks": [row]}, None, {}, RiskMethod.from_manifest({}))["aims-export.xlsx"]
    cell = _rows(openpyxl.load_workbook(io.BytesIO(content))["Risks"])[0]["description"]
    assert len(cell) == MAX_CELL and cell.endswith("the full text is in the record]") and cell.startswith("xxx")


def test_every_table_sheet_carries_the_example_mark_and_readiness_its_full_columns(exported):
    book = openpyxl.load_workbook(exported)
    for title in SHEETS[:SHEETS.index("Readiness items")]:
        header = [cell.value for cell in book[title][1]]
        assert header[-1] == "example", title
    readiness = [cell.value for cell in book["Readiness items"][1]]
    assert readiness == ["clause", "item", "status", "examples_alone", "evidence", "note", "met_when"]
    audits = _rows(book["Audits"])
    assert [(row["id"], row["example"]) for row in audits] == [("AUD-001", True)]
    competence = _rows(book["Competence"])
    lead = [row for row in competence if row["role"] == "ai-governance-lead"]
    assert lead and not any(row["names_a_person"] for row in lead)  # the template's default lead
