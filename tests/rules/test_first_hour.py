"""The first hour with aimskit: each common slip gets one finding, the most specific, in words,
with a hint that suggests only valid values."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aimskit import cli


def findings(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict]]:
    code = cli.main(["validate", "--repo", str(root), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def text(finding: dict) -> str:
    hint = f" ({finding['hint']})" if finding.get("hint") else ""
    return (f"{finding['path']}:{finding['line']}:{finding['column']}: {finding['severity']} {finding['code']} "
            f"{finding['message']}{hint}")


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content, old
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def test_the_base_is_clean(base_repository, capsys):
    assert findings(base_repository, capsys) == (0, [])


def test_a_record_with_the_wrong_extension_is_an_error(base_repository, capsys):
    system = base_repository / "systems" / "SYS-002.yaml"
    system.rename(system.with_suffix(".yml"))
    code, found = findings(base_repository, capsys)
    assert code == 1
    assert [text(f) for f in found if f["path"].startswith("systems/")] == [
        "systems/SYS-002.yml:1:1: error AIMS120 'SYS-002.yml' is not read: AI systems are read only from .yaml "
        "files, so this record is missing from validation and the site (rename it to systems/SYS-002.yaml)"]


def test_a_misspelt_records_folder_is_named(base_repository, capsys):
    (base_repository / "risk").mkdir()
    (base_repository / "risks" / "RISK-002.yaml").rename(base_repository / "risk" / "RISK-002.yaml")
    _, found = findings(base_repository, capsys)
    placed = [text(f) for f in found if f["path"].startswith("risk/")]
    assert placed == ["risk/RISK-002.yaml:1:1: warning AIMS121 folder risk/ holds 'RISK-002.yaml', and aimskit "
                      "reads no records from risk/ (did you mean risks/? move the files there)"]


def test_a_misspelt_folder_without_ids_is_matched_by_name(base_repository, capsys):
    (base_repository / "polices").mkdir()
    (base_repository / "polices" / "ai-use.md").write_text("---\ntitle: AI use\n---\n", encoding="utf-8")
    (base_repository / "polices" / "notes.md").write_text("notes\n", encoding="utf-8")
    _, found = findings(base_repository, capsys)
    assert [f["message"] + " / " + f["hint"] for f in found if f["code"] == "AIMS121"] == [
        "folder polices/ holds 2 record-like files, and aimskit reads no records from polices/ / "
        "did you mean policies/? move the files there"]


def test_folders_that_hold_no_records_are_left_alone(base_repository, capsys):
    for folder in ("docs", "evidence", ".vscode", "scripts"):
        (base_repository / folder).mkdir(exist_ok=True)
        (base_repository / folder / "page.md").write_text("# a page\n", encoding="utf-8")
    assert findings(base_repository, capsys) == (0, [])


def test_a_tab_in_the_indentation_is_named(base_repository, capsys):
    edit(base_repository / "systems" / "SYS-002.yaml", "\n  tier:", "\n\ttier:")
    code, found = findings(base_repository, capsys)
    assert code == 1
    assert len(found) == 1
    assert found[0]["code"] == "AIMS100" and found[0]["column"] == 1
    assert found[0]["message"] == f"a tab indents line {found[0]['line']}; YAML indents with spaces only"
    assert found[0]["hint"] == "replace the tab with spaces, as in the rest of the file"


@pytest.mark.parametrize(("written", "hint"), [
    ("31/12/2025", "write it as 2025-12-31"),
    ("12/31/2025", "write it as 2025-12-31"),
    ("02/05/2025", "write it as 2025-05-02 if 2 is the day, or 2025-02-05 if 2 is the month"),
])
def test_a_day_first_date_gives_one_finding_in_words(base_repository, capsys, written, hint):
    edit(base_repository / "risks" / "RISK-001.yaml", 'identified: "2025-01-15"', f'identified: "{written}"')
    code, found = findings(base_repository, capsys)
    assert code == 1
    assert [(f["code"], f["message"], f["hint"]) for f in found] == [
        ("AIMS304", f"$.identified: '{written}' is not a date written YYYY-MM-DD", hint)]


def test_a_date_that_does_not_exist(base_repository, capsys):
    edit(base_repository / "risks" / "RISK-001.yaml", 'identified: "2025-01-15"', 'identified: "2025-02-30"')
    _, found = findings(base_repository, capsys)
    assert [f["message"] for f in found] == ["$.identified: '2025-02-30' is not a real calendar date"]


def test_a_risk_saved_among_the_systems_gives_one_finding(base_repository, capsys):
    (base_repository / "risks" / "RISK-002.yaml").rename(base_repository / "systems" / "RISK-002.yaml")
    code, found = findings(base_repository, capsys)
    assert code == 1
    assert [text(f) for f in found] == [
        "systems/RISK-002.yaml:1:1: error AIMS122 this is a risk record (RISK-002) saved among the AI systems, so it "
        "is not checked as either (move it to risks/RISK-002.yaml)"]


def test_messages_are_in_words_never_a_regular_expression(base_repository, capsys):
    edit(base_repository / "roles" / "ml-lead.yaml", 'handle: "@kim-park"', 'handle: "kim park"')
    _, found = findings(base_repository, capsys)
    assert [text(f) for f in found] == [
        "roles/ml-lead.yaml:8:13: error AIMS304 $.holders[0].handle: 'kim park' is not valid here. Expected: "
        "Code-host handle (@user) or team (@org/team)"]


def test_a_pattern_without_its_own_description_borrows_the_nearest(base_repository, capsys):
    edit(base_repository / "roles" / "ml-lead.yaml", "authorities: []", "authorities: [Accept Risk]")
    _, found = findings(base_repository, capsys)
    assert len(found) == 1
    message = found[0]["message"]
    assert message.startswith("$.authorities[0]: 'Accept Risk' is not valid here. Expected: ")
    assert not re.search(r"[\^$\\\[]", message.split(": ", 1)[1])
    assert found[0]["hint"] == "did you mean 'accept risk'?" or found[0]["hint"] is None


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("source: C.3.4", "source: C3", ("AIMS210", "'C3' is not an Annex C risk source")),
    ("  - SYS-001", "  - sys-001", ("AIMS204", None)),
])
def test_a_rule_finding_replaces_the_schema_finding_on_the_same_value(base_repository, capsys, old, new, expected):
    edit(base_repository / "risks" / "RISK-001.yaml", old, new)
    _, found = findings(base_repository, capsys)
    assert len(found) == 1, [text(f) for f in found]
    assert found[0]["code"] == expected[0]
    if expected[1]:
        assert found[0]["message"] == expected[1]


def test_a_lower_case_id_is_matched_to_its_record(base_repository, capsys):
    edit(base_repository / "risks" / "RISK-001.yaml", "  - SYS-001", "  - sys-001")
    _, found = findings(base_repository, capsys)
    assert [f["hint"] for f in found] == ["did you mean 'SYS-001'?"]


def test_an_id_hint_suggests_only_a_valid_id(base_repository, capsys):
    system = base_repository / "systems" / "SYS-002.yaml"
    system.rename(system.with_name("SYS-5.yaml"))
    _, found = findings(base_repository, capsys)
    mismatch = [f for f in found if f["code"] == "AIMS201"]
    assert [(f["message"], f["hint"]) for f in mismatch] == [
        ("id 'SYS-002' does not match the file name 'SYS-5'", "rename the file to SYS-002.yaml")]


def test_no_residual_is_not_called_a_residual(base_repository, capsys):
    risk = base_repository / "risks" / "RISK-001.yaml"
    edit(risk, "residual:\n  likelihood: 2\n  impact: 3\n", "")
    _, found = findings(base_repository, capsys)
    above = [f for f in found if f["code"] == "AIMS407"]
    assert [f["message"] for f in above] == [
        "inherent score 16 (no residual is recorded) is above the risk appetite 9 and is not accepted"]


def test_the_rename_hint_never_names_a_file_that_exists(base_repository, capsys):
    risks = sorted((base_repository / "risks").glob("RISK-*.yaml"))
    first, second = risks[0], risks[1]
    edit(second, f"id: {second.stem}", f"id: {first.stem}")
    copy = base_repository / "risks" / "copy.yaml"
    copy.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    _, found = findings(base_repository, capsys)
    hints = {f["path"]: f["hint"] for f in found if f["code"] == "AIMS201"}
    assert hints[f"risks/{second.name}"] == f"set id: {second.stem}"
    assert hints["risks/copy.yaml"] == (f"{first.name} is another record's file: give this record an id of its own "
                                        "and name the file after it")
