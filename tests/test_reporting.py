"""Reporters: text, JSON, GitHub workflow commands (escaping, limits, job summary) and SARIF 2.1.0."""

from __future__ import annotations

import json

import pytest

from aimskit import reporting
from aimskit.records.findings import Finding, Severity, error, warning
from aimskit.reporting import github, sarif

NASTY = "50% done\r\nnext: line, with <b>bold</b> & a | pipe"
FINDINGS = [
    error("risks/RISK-001.yaml", 9, 8, "AIMS203", "owner 'ml-leed' is not a role", "did you mean 'ml-lead'?"),
    warning("policies/POL-001.md", 9, 14, "AIMS501",
            "next review was due 2025-01-01; owner ai-governance-lead (Alex Morgan)",
            "review it, then set next_review to the next date"),
]


def test_every_format_has_a_reporter() -> None:
    for name in reporting.FORMATS:
        assert isinstance(reporting.reporter(name)(FINDINGS, 3), str)


def test_text_lists_findings_then_totals() -> None:
    out = reporting.reporter("text")(FINDINGS, 3)
    assert out.splitlines() == [
        "risks/RISK-001.yaml:9:8: error AIMS203 owner 'ml-leed' is not a role (did you mean 'ml-lead'?)",
        "policies/POL-001.md:9:14: warning AIMS501 next review was due 2025-01-01; owner ai-governance-lead "
        "(Alex Morgan) (review it, then set next_review to the next date)",
        "3 files checked: 1 error, 1 warning",
    ]


def test_json_round_trips_the_findings() -> None:
    document = json.loads(reporting.reporter("json")(FINDINGS, 3))
    assert document["ok"] is False and document["checked"] == 3
    assert [Finding(**{**f, "severity": Severity(f["severity"])}) for f in document["findings"]] == FINDINGS


# GitHub


def test_github_escapes_data_and_properties() -> None:
    assert github.escape_data(NASTY) == "50%25 done%0D%0Anext: line, with <b>bold</b> & a | pipe"
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_github_annotation_has_file_line_col_title_and_hint() -> None:
    odd = error("policies/a,b:c.md", 3, 4, "AIMS300", NASTY, "fix: it")
    assert github.annotation(odd) == ("::error file=policies/a%2Cb%3Ac.md,line=3,col=4,title=AIMS300::"
                                      "50%25 done%0D%0Anext: line, with <b>bold</b> & a | pipe%0Afix: it")
    assert github.annotation(FINDINGS[1]).startswith("::warning file=policies/POL-001.md,line=9,col=14,title=AIMS501::")


def test_github_annotates_ten_per_severity_then_prints_the_rest() -> None:
    findings = [error(f"risks/RISK-{i:03}.yaml", i, 1, "AIMS203", f"problem {i}") for i in range(1, 13)]
    findings += [warning(f"systems/SYS-{i:03}.yaml", 1, 1, "AIMS501", f"late {i}") for i in range(1, 4)]
    lines = github.report(findings, 15).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 3
    assert "risks/RISK-011.yaml:11:1: error AIMS203 problem 11" in lines
    assert "risks/RISK-012.yaml:12:1: error AIMS203 problem 12" in lines
    assert any(line.startswith("::notice ") and "2 more findings not annotated" in line for line in lines)
    assert lines[-1] == "15 files checked: 12 errors, 3 warnings"


def test_github_plain_lines_cannot_start_a_command() -> None:
    findings = [error("a.yaml", 1, 1, "AIMS100", "x") for _ in range(10)]
    findings.append(error("a.yaml", 2, 1, "AIMS100", "evil\n::error::injected"))
    findings.append(error("##[error]b.yaml", 3, 1, "AIMS100", "##[add-mask]x ###[warning]y", "#\n#[z]"))
    out = github.report(findings, 1)
    assert not any(line.startswith("::error::") for line in out.splitlines())
    assert "##[" not in out and "# #[error]b.yaml:3:1" in out and "# #[add-mask]x ## #[warning]y" in out


def test_annotations_disarm_legacy_commands() -> None:
    out = github.report([error("##[error]a.yaml", 1, 1, "AIMS100", "##[add-mask]x", "##[group]")], 1)
    assert "##[" not in out and out.startswith("::error file=# #[error]a.yaml,")


def test_github_without_findings_prints_only_totals() -> None:
    assert github.report([], 4) == "4 files checked: 0 errors, 0 warnings\n"


def test_summary_table_lists_every_finding_escaped() -> None:
    findings = [error(f"r/{i}.yaml", i, 1, "AIMS203", f"problem {i}") for i in range(25)]
    findings.append(warning("p|q.md", 1, 2, "AIMS501", NASTY, "use <this>"))
    text = github.summary_markdown(findings, 26)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert len(rows) == 2 + 26  # header, rule, then every finding (not just the annotated ten)
    assert rows[-1] == ("| warning | AIMS501 | p\\|q.md:1:2 | 50% done<br>next: line, with &lt;b&gt;bold&lt;/b&gt; "
                        "&amp; a \\| pipe (use &lt;this&gt;) |")
    assert "26 files checked: 25 errors, 1 warning" in text


def test_escape_markdown_neutralises_markup() -> None:
    assert github.escape_markdown("*a* _b_ [c](d) `e` <script>") == \
        "\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` &lt;script&gt;"


def test_summary_without_findings_says_so() -> None:
    text = github.summary_markdown([], 4)
    assert "4 files checked: 0 errors, 0 warnings" in text and "|" not in text


# SARIF


@pytest.fixture
def log() -> dict:
    return json.loads(sarif.report([*FINDINGS, error("my docs/a b.md", 0, 0, "AIMS104", "file is not valid UTF-8")], 3))


def test_sarif_has_the_required_top_level_shape(log: dict) -> None:
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "aimskit" and driver["version"] and driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == ["AIMS104", "AIMS203", "AIMS501"]
    assert all(rule["shortDescription"]["text"] for rule in driver["rules"])


def test_sarif_rule_descriptions_come_from_the_rules(log: dict) -> None:
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["AIMS203"]["fullDescription"]["text"].startswith("every role named")
    assert rules["AIMS104"]["fullDescription"]["text"] == "the file is valid UTF-8"  # the code's, not the finding's
    assert rules["AIMS104"]["shortDescription"]["text"] == "Not UTF-8"
    assert rules["AIMS501"]["defaultConfiguration"]["level"] == "warning"


def test_sarif_rules_carry_the_registry_metadata(log: dict) -> None:
    from aimskit.reporting.codes import REGISTRY

    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        entry = REGISTRY[rule["id"]]
        assert rule["name"] == rule["shortDescription"]["text"] == entry.title
        assert rule["fullDescription"]["text"] == entry.description
        assert rule["helpUri"].startswith("https://") and rule["helpUri"].endswith("#" + entry.code.lower())
        assert rule["help"]["text"].lower().startswith(entry.description.lower())
        assert (entry.hint or "") in rule["help"]["text"]


def test_sarif_rules_never_carry_a_findings_text() -> None:
    findings = [error("risks/RISK-1.yaml", 3, 1, "AIMS203", "owner 'x' is not a role"),
                error("policies/POL-1.md", 1, 1, "AIMS302", "$: unknown field 'titel'"),
                error("policies/POL-1.md", 6, 1, "AIMS707", "POL-1 version 1.0 → 1.1 keeps the approval date"),
                error("x.yaml", 1, 1, "AIMS999", "a code from a newer aimskit")]
    rules = {rule["id"]: rule.get("fullDescription", rule["shortDescription"])["text"]
             for rule in json.loads(sarif.report(findings, 2))["runs"][0]["tool"]["driver"]["rules"]}
    assert rules == {"AIMS203": rules["AIMS203"], "AIMS302": "the record has no unknown field",
                     "AIMS707": "a document approved in a new version records the date of the new approval",
                     "AIMS999": "aimskit check AIMS999"}
    assert "'x'" not in rules["AIMS203"] and rules["AIMS203"].startswith("every role named")


def test_sarif_results_point_at_repo_relative_files(log: dict) -> None:
    run = log["runs"][0]
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "error"]
    first = results[0]
    assert first["ruleId"] == "AIMS203"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "AIMS203"
    assert first["message"]["text"] == "owner 'ml-leed' is not a role (did you mean 'ml-lead'?)"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "risks/RISK-001.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 9, "startColumn": 8}
    odd = results[2]["locations"][0]["physicalLocation"]
    assert odd["artifactLocation"]["uri"] == "my%20docs/a%20b.md"
    assert odd["region"] == {"startLine": 1, "startColumn": 1}  # SARIF lines and columns start at 1


def test_sarif_fingerprints_are_stable_across_line_moves() -> None:
    moved = [Finding(f.path, f.line + 5, f.column, f.severity, f.code, f.message, f.hint) for f in FINDINGS]
    prints = [r["partialFingerprints"] for r in json.loads(sarif.report(FINDINGS, 2))["runs"][0]["results"]]
    moved_prints = [r["partialFingerprints"] for r in json.loads(sarif.report(moved, 2))["runs"][0]["results"]]
    assert prints == moved_prints and prints[0] != prints[1]


def test_sarif_fingerprints_are_unique_per_location() -> None:
    same = [warning("risks/RISK-001.yaml", line, 3, "AIMS501", "review was due 2024-01-01", "review it")
            for line in (4, 9, 12)] + [warning("risks/RISK-002.yaml", 4, 3, "AIMS501", "review was due 2024-01-01")]
    prints = [r["partialFingerprints"][sarif.FINGERPRINT]
              for r in json.loads(sarif.report(same, 2))["runs"][0]["results"]]
    assert len(set(prints)) == len(prints)
    shuffled = [same[2], same[0], same[3], same[1]]  # order of the findings does not change a fingerprint
    again = [r["partialFingerprints"][sarif.FINGERPRINT]
             for r in json.loads(sarif.report(shuffled, 2))["runs"][0]["results"]]
    assert again == [prints[2], prints[0], prints[3], prints[1]]


def test_sarif_without_findings_is_a_valid_empty_run() -> None:
    run = json.loads(sarif.report([], 0))["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_one_file_is_one_file() -> None:
    from aimskit.reporting import text as text_report

    assert github.report([], 1) == "1 file checked: 0 errors, 0 warnings\n"
    assert text_report.report([], 1).splitlines()[-1] == "1 file checked: 0 errors, 0 warnings"
