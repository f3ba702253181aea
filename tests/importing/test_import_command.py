"""``aimskit import`` on realistic spreadsheets, written into copies of a real bake and validated."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from aimskit.cli import main
from aimskit.importing.resolve import months_later
from aimskit.records.loading import load_yaml_file

TODAY = dt.date.today()


@pytest.fixture()
def repo(baked_repo: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(baked_repo, tmp_path / "aims", symlinks=True))


def _import(repo: Path, *args: str) -> int:
    return main(["--repo", str(repo), "import", *args])


def _data(repo: Path, path: str) -> dict:
    return load_yaml_file(path, (repo / path).read_bytes()).data


def _files(repo: Path, folder: str) -> list[str]:
    return sorted(p.name for p in (repo / folder).iterdir())


# A risk register as exported by a spreadsheet program set to a European locale: UTF-8 with a
# byte-order mark, semicolons, role titles and holder names as owners, words for the scores.
BOM_CSV = (
    "Ref;Risk;Description;Probability;Severity;Owner;Response;Controls;Status;Review date;AI system\r\n"
    "R-01;Model invents refund promises;Drafts promise refunds that policy does not allow.;Unlikely;High;"
    "Information security lead;Mitigate;A.6.2.4, A.8.2;Open;31/03/2027;Ticket thread summaries and reply drafts\r\n"
    "R-02;Vendor changes the model;The provider swaps the model without notice.;2;3;Alex Morgan;Transfer;;"
    "In progress;2027-01-15;SYS-002\r\n"
    ";;;;;;;;;;\r\n"
)


def test_csv_with_a_bom_and_semicolons(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_bytes(b"\xef\xbb\xbf" + BOM_CSV.encode("utf-8"))
    assert _import(repo, "risks", str(csv_file), "--write") == 0
    out = capsys.readouterr().out
    assert "RISK-011" in out and "R-01" in out
    first = _data(repo, "risks/RISK-011.yaml")
    assert first == {
        "id": "RISK-011", "external_id": "R-01", "title": "Model invents refund promises",
        "description": "Drafts promise refunds that policy does not allow.\n\n"
                       "TODO: confirm the Annex C risk source (aimskit import set C.3.6).",
        "systems": ["SYS-001"], "source": "C.3.6", "owner": "security-lead", "likelihood": 2, "impact": 4,
        "treatment": {"option": "modify", "controls": ["A.6.2.4", "A.8.2"]}, "status": "identified",
        "identified": TODAY.isoformat(), "next_review": "2027-03-31",
    }
    second = _data(repo, "risks/RISK-012.yaml")
    assert second["owner"] == "ai-governance-lead" and second["treatment"] == {"option": "share"}
    assert (second["likelihood"], second["impact"], second["status"]) == (2, 3, "treating")
    assert second["systems"] == ["SYS-002"] and second["next_review"] == "2027-01-15"
    assert main(["--repo", str(repo), "validate"]) == 0


def _register_workbook(path: Path, review: object) -> None:
    """A register as people make them: a merged title row, a two-row header with merged cells,
    dates stored as dates, blank rows between and after the data."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Register"
    sheet["A1"] = "AI risk register, FY2026 (owner: governance office)"
    sheet.merge_cells("A1:I1")
    for column, name in zip("ABCFGHI", ("ID", "Risk", "Owner", "Treatment", "Status", "Next review", "AI system")):
        sheet[f"{column}2"] = name
        sheet.merge_cells(f"{column}2:{column}3")
    sheet["D2"] = "Assessment"
    sheet.merge_cells("D2:E2")
    sheet["D3"], sheet["E3"] = "Likelihood", "Impact"
    sheet.append([])
    sheet.append(["RISK-050", "Biased quality scores", "Product owner", 2, 4, "Accept", "Open", review,
                  "Conversation quality scoring (QA insights)"])
    sheet.append([None] * 9)
    sheet.append([None, "Prompt injection through tickets", "security-lead", "Possible", "Minor", "Avoid",
                  "Assessed", dt.datetime(2027, 2, 1), "SYS-001; SYS-004"])
    sheet.append([])
    sheet.append([])
    book.save(path)


def test_xlsx_with_merged_headers_empty_rows_and_dates(repo, capsys):
    workbook = repo.parent / "register.xlsx"
    _register_workbook(workbook, dt.date(2027, 6, 30))
    assert _import(repo, "risks", str(workbook)) == 0  # a dry run first
    out = capsys.readouterr().out
    assert "risks/RISK-050.yaml" in out and "risks/RISK-051.yaml" in out
    assert _files(repo, "risks")[-1] == "RISK-010.yaml"  # nothing written
    assert _import(repo, "risks", str(workbook), "--write") == 0
    kept = _data(repo, "risks/RISK-050.yaml")
    assert (kept["owner"], kept["likelihood"], kept["impact"]) == ("product-owner", 2, 4)
    assert kept["treatment"] == {"option": "retain"} and kept["next_review"] == "2027-06-30"
    assert kept["systems"] == ["SYS-004"]
    new = _data(repo, "risks/RISK-051.yaml")  # no id in the sheet: the next free one
    assert (new["likelihood"], new["impact"], new["treatment"]) == (3, 2, {"option": "avoid"})
    assert new["systems"] == ["SYS-001", "SYS-004"] and new["status"] == "assessed"
    assert new["next_review"] == "2027-02-01"
    assert main(["--repo", str(repo), "validate"]) == 0


def test_an_ambiguous_date_is_refused_with_its_row(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text(BOM_CSV.replace("31/03/2027", "03/04/2027"), encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--write") == 1
    out = capsys.readouterr().out
    assert f"{csv_file}:2:10: error AIMS803 row 2: date '03/04/2027' is ambiguous" in out
    assert _files(repo, "risks")[-1] == "RISK-010.yaml"


def test_values_that_map_to_nothing_are_reported_with_row_and_column(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text(BOM_CSV.replace("Mitigate", "Think about it").replace(";2;3;", ";2;7;"), encoding="utf-8")
    assert _import(repo, "risks", str(csv_file)) == 1
    out = capsys.readouterr().out
    assert f"{csv_file}:2:7: error AIMS802 row 2: treatment 'Think about it' maps to none of" in out
    assert f"{csv_file}:3:5: error AIMS804 row 3: impact 7 is not on the risk method's scale 1 to 5" in out


def test_scores_are_rescaled_only_when_asked(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Title,Likelihood,Impact,Owner,Treatment,System\n"
                        "Scores out of ten,6,3,product-owner,Accept,SYS-003\n", encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--write") == 1
    assert "AIMS804" in capsys.readouterr().out
    assert _import(repo, "risks", str(csv_file), "--write", "--rescale", "10") == 0
    data = _data(repo, "risks/RISK-011.yaml")
    assert (data["likelihood"], data["impact"]) == (3, 2)  # 6/10 → 3 of 5; 3/10 → 1.5 → 2
    assert data["treatment"] == {"option": "retain"}
    assert data["next_review"] == months_later(TODAY, 12).isoformat()


def test_unknown_owners_and_systems_are_findings_unless_created(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Title,Likelihood,Impact,Owner,Treatment,Controls,System\n"
                        "Shadow AI use,2,3,Head of People,Mitigate,A.4.2,HR screening bot\n", encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--write") == 1
    out = capsys.readouterr().out
    assert f"{csv_file}:2:4: error AIMS805 row 2: owner 'Head of People' is not a role" in out
    assert f"{csv_file}:2:6: error AIMS806 row 2: AI system 'HR screening bot' is not in systems/" in out.replace(":2:7:", ":2:6:")
    assert _import(repo, "risks", str(csv_file), "--write", "--create-missing") == 0
    assert _data(repo, "roles/head-of-people.yaml")["title"] == "Head of People"
    system = _data(repo, "systems/SYS-005.yaml")
    assert system["name"] == "HR screening bot" and system["owner"] == "head-of-people"
    assert _data(repo, "risks/RISK-011.yaml")["systems"] == ["SYS-005"]
    capsys.readouterr()
    assert main(["--repo", str(repo), "validate"]) == 0
    assert "AIMS503" in capsys.readouterr().out  # the to-do markers are warnings


def test_map_and_mapping_file(repo, tmp_path):
    csv_file = tmp_path / "register.csv"
    csv_file.write_text("Hazard,Chance,Harm,Accountable,Plan,Tool,Notes\n"
                        "Chatbot gives legal advice,2,4,legal-compliance-lead,Avoid,SYS-001,ignored\n",
                        encoding="utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  Chance: likelihood\n  Harm: impact\n  Accountable: owner\n", encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--mapping", str(mapping), "--map", "Hazard=title",
                   "--map", "Plan=treatment", "--map", "Tool=systems", "--map", "Notes=ignore", "--write") == 0
    data = _data(repo, "risks/RISK-011.yaml")
    assert (data["title"], data["likelihood"], data["impact"]) == ("Chatbot gives legal advice", 2, 4)
    assert _import(repo, "risks", str(csv_file), "--map", "Hazard=colour") == 2


def test_systems_register(repo, capsys):
    csv_file = repo.parent / "tools.csv"
    csv_file.write_text("AI tool,Purpose,Owner,Vendor,Stage,Risk tier,Review date\n"
                        "Meeting notes assistant,Summarise internal meetings,Product owner,"
                        "\"Codewise (code assistant, business tier)\",Live,Minimal,15 January 2027\n", encoding="utf-8")
    assert _import(repo, "systems", str(csv_file), "--write") == 0
    data = _data(repo, "systems/SYS-005.yaml")
    assert data["name"] == "Meeting notes assistant" and data["provider"] == "SUP-002"
    assert data["lifecycle_stage"] == "operation" and data["eu_ai_act"]["tier"] == "minimal"
    assert data["next_review"] == "2027-01-15" and data["intended_use"].startswith("TODO:")


def test_a_residual_score_needs_both_halves(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Title,Likelihood,Impact,Residual likelihood,Owner,Treatment,Controls,System\n"
                        "Half a residual,2,3,1,product-owner,Mitigate,A.6.2.4,SYS-001\n", encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--write") == 1
    assert "error AIMS801 row 2: a residual score needs both likelihood and impact" in capsys.readouterr().out
    assert _files(repo, "risks")[-1] == "RISK-010.yaml"


def test_no_header_found_names_the_first_rows(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Quarterly AI review\nPrepared by the governance office\nfoo;bar;baz\n1;2;3\n", encoding="utf-8")
    assert _import(repo, "risks", str(csv_file)) == 1
    out = capsys.readouterr().out
    assert (f"{csv_file}:1:1: error AIMS980 no header found: the first rows were row 1: Quarterly AI review; "
            "row 2: Prepared by the governance office; row 3: foo | bar | baz") in out
    assert out.count("AIMS") == 1  # one finding, not one per field of every row


def test_a_title_row_does_not_decide_the_delimiter(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Risk register, 2026 edition\n\nTitle;Likelihood;Impact;Owner;Treatment;AI tool;Review by\n"
                        "Chatbot gives legal advice;2;4;legal-compliance-lead;Avoid;SYS-001;2028-01-31\n",
                        encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--write") == 0
    data = _data(repo, "risks/RISK-011.yaml")
    assert (data["systems"], data["next_review"]) == (["SYS-001"], "2028-01-31")


def test_create_missing_never_makes_a_near_duplicate(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Title,Likelihood,Impact,Owner,Treatment,AI system\n"
                        "Summaries leave out the refund request,2,3,Head of Support,Avoid,Ticket summaries and reply drafts\n",
                        encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--create-missing", "--write") == 1
    out = capsys.readouterr().out
    assert (f"{csv_file}:2:6: error AIMS806 row 2: AI system 'Ticket summaries and reply drafts' is not in systems/; "
            "did you mean SYS-001 (Ticket thread summaries and reply drafts)? (if it is that one, write its id or pass "
            "--alias 'Ticket summaries and reply drafts=SYS-001'; if it is another one, pass --alias "
            "'Ticket summaries and reply drafts=new' to create it)") in out
    assert _files(repo, "systems") == ["SYS-001.yaml", "SYS-002.yaml", "SYS-003.yaml", "SYS-004.yaml"]
    assert not (repo / "roles" / "head-of-support.yaml").exists()
    assert _import(repo, "risks", str(csv_file), "--create-missing", "--write",
                   "--alias", "Ticket summaries and reply drafts=SYS-001") == 0
    assert _data(repo, "risks/RISK-011.yaml")["systems"] == ["SYS-001"]
    assert _data(repo, "roles/head-of-support.yaml")["title"] == "Head of Support"


def test_an_alias_to_new_creates_the_record_beside_the_near_one(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Title,Likelihood,Impact,Owner,Treatment,AI system\n"
                        "Summaries in the wrong language,2,3,product-owner,Avoid,Ticket summaries and reply drafts\n",
                        encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--create-missing", "--write",
                   "--alias", "Ticket summaries and reply drafts=new") == 0
    assert _data(repo, "systems/SYS-005.yaml")["name"] == "Ticket summaries and reply drafts"


@pytest.mark.parametrize(("owner", "role"), [("DPO", "data-protection-officer"), ("CISO", "security-lead")])
def test_owners_by_abbreviation_are_read_and_said(repo, capsys, owner, role):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Title,Likelihood,Impact,Owner,Treatment,AI system\n"
                        f"Prompt leaks,2,3,{owner},Avoid,SYS-001\n", encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--create-missing", "--write") == 0
    assert f"warning AIMS982 row 2: owner '{owner}' read as {role}" in capsys.readouterr().out
    assert _data(repo, "risks/RISK-011.yaml")["owner"] == role
    assert not (repo / "roles" / f"{owner.lower()}.yaml").exists()


def test_an_unknown_owner_hint_is_true(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text("Title,Likelihood,Impact,Owner,Treatment,AI system\nPrompt leaks,2,3,Rita,Avoid,SYS-001\n",
                        encoding="utf-8")
    assert _import(repo, "risks", str(csv_file)) == 1
    out = capsys.readouterr().out
    assert "--alias 'Rita=ROLE-ID'" in out and "map the name with --map" not in out
    assert _import(repo, "risks", str(csv_file), "--alias", "Rita=product-owner", "--write") == 0
    assert _data(repo, "risks/RISK-011.yaml")["owner"] == "product-owner"


MODIFY_WITHOUT_CONTROLS = ("Title,Likelihood,Impact,Owner,Treatment,Mitigation,AI system\n"
                           "Wrong answers,2,3,product-owner,Mitigate,Agents check answers weekly,SYS-001\n")


def test_the_dry_run_shows_what_validate_would_say_and_write_refuses(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text(MODIFY_WITHOUT_CONTROLS, encoding="utf-8")
    assert _import(repo, "risks", str(csv_file)) == 1
    out = capsys.readouterr()
    assert (f"{csv_file}:2:5: error AIMS420 row 2: risks/RISK-011.yaml: treatment 'modify' names no controls "
            "and no actions") in out.out
    assert "--write would refuse" in out.err
    assert _import(repo, "risks", str(csv_file), "--write") == 1
    assert _files(repo, "risks")[-1] == "RISK-010.yaml"


def test_drafts_are_written_marked_when_asked(repo, capsys):
    csv_file = repo.parent / "register.csv"
    csv_file.write_text(MODIFY_WITHOUT_CONTROLS, encoding="utf-8")
    assert _import(repo, "risks", str(csv_file), "--draft") == 2  # --draft goes with --write
    assert _import(repo, "risks", str(csv_file), "--write", "--draft") == 0
    data = _data(repo, "risks/RISK-011.yaml")
    assert data["description"].startswith("TODO: draft from aimskit import that does not validate yet: AIMS420 "
                                          "treatment 'modify' names no controls and no actions.")
    assert data["treatment"] == {"option": "modify", "plan": "Agents check answers weekly"}
    capsys.readouterr()
    assert main(["--repo", str(repo), "validate"]) == 1
    assert "AIMS420" in capsys.readouterr().out
