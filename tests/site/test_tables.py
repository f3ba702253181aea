"""Every table the site renders, compared with values written by hand from the crafted repository.

The repository (``crafted.py``) is small enough to work each figure out on paper: three risks,
two systems, three roles, one of each register, and four real commits to the AI policy. The
tables are read as text (``pagetables.py``), so badges, links and styling may change freely;
a wrong, missing or empty value fails.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import crafted
import pytest
from pagetables import record_fields, table_under, table_with, tables

from aimskit.site.pipeline import validate_and_render
from aimskit.site.render import links


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, crafted.History]:
    return crafted.build(tmp_path_factory.mktemp("crafted") / "aims")


@pytest.fixture(scope="module")
def pages(history: tuple[Path, crafted.History]) -> dict[str, str]:
    root, _ = history
    rendered = validate_and_render(root, crafted.TODAY)
    assert rendered.ok and [f.format_text() for f in rendered.findings] == []
    return rendered.pages


def policy_page(pages: dict[str, str]) -> str:
    return pages["policies/POL-001.md"]


def row_says(row: list[str], *values: str) -> bool:
    """Every value stands in the row as a whole word (``12`` matches ``#12``, not ``2012``)."""
    joined = " | ".join(row)
    return all(re.search(rf"(?<![\w-]){re.escape(v)}(?![\w-])", joined) for v in values)


# --- the policy page ---------------------------------------------------------------------------


def test_policy_header_shows_the_committed_version_and_its_approval(pages) -> None:
    header = table_with(policy_page(pages), "Field", "Value").fields()
    assert header["Owner"] == "AI governance lead"
    assert header["Approver"] == "Top management"
    assert header["Version"] == "1.2"
    assert header["Status"] == "approved"
    assert header["Effective from"] == "2025-01-01"
    assert header["Approved on"] == "2025-05-01"
    assert header["Next review"] == "2099-12-31"
    assert header["Annex A controls"] == "A.2.2"
    assert header["Clauses"] == "5.2"


def test_revision_history_lists_the_real_commits_newest_first(pages, history) -> None:
    _, made = history
    revisions = table_under(policy_page(pages), "Revision history")
    # The merge commit changed nothing of its own: git shows the branch's commit instead.
    assert revisions.headers == ["Date", "Author", "Change", "Commit"]
    assert revisions.rows == [
        ["2025-05-02", "Sam Lee", "Name the risk owner in the AI policy (#15)", made.squashed.short],
        ["2025-04-01", "Kim Park", "Fix a typo in the AI policy", made.direct_fix.short],
        ["2025-03-02", "Kim Park", "Name who may grant exceptions to the AI policy", made.branch_change.short],
        ["2025-01-10", "Alex Morgan", "Add the AI management system", made.first.short],
    ]


def test_approval_record_has_one_row_per_change_that_reached_main(pages, history) -> None:
    _, made = history
    record = table_under(policy_page(pages), "Approval record")
    assert len(record.rows) == 4, record.rows
    squashed, direct, merged, first = record.rows
    assert record.headers == ["Version", "Approved by", "Approved on", "Pull request", "Merged by", "Merged on",
                              "Merge commit", "Text as approved", "On the code host"]
    unchecked = "not checked: no code host token"  # built without a token: never "confirmed"
    assert squashed == ["1.2", "not named in the record", "2025-05-01", "15", "Sam Lee", "2025-05-02",
                        made.squashed.short, "yes", unchecked]
    # the typo fix changed the approved text of 1.1 without a new approval: never shown as an approval
    assert direct == ["1.1", "— (not approved: changed after its approval)", "", "", "", "2025-04-01",
                      made.direct_fix.short, "no", ""]
    assert merged == ["1.1", "not named in the record", "2025-03-03", "12", "Sam Lee", "2025-03-04",
                      made.merge.short, "yes", unchecked]
    assert first == ["1.0", "not named in the record", "2025-01-01", "", "", "2025-01-10", made.first.short, "yes",
                     unchecked]


def test_the_assessment_page_lists_its_single_revision(pages, history) -> None:
    _, made = history
    revisions = table_under(pages["impact-assessments/AIA-001.md"], "Revision history")
    assert revisions.rows == [["2025-01-10", "Alex Morgan", "Add the AI management system", made.first.short]]


def test_policies_index(pages) -> None:
    index = html.unescape(pages[links.POLICIES])
    sections = re.findall(r"^## (.+?) \{ #[\w-]+ \}\n\n(.+)$", index, flags=re.M)
    assert [(heading, re.sub(r"<[^>]+>|\[([^]]*)\]\([^)]*\)", r"\1", line)) for heading, line in sections] == [
        ("POL-001 AI policy", "approved · Owner: AI governance lead · Effective: 2025-01-01 · Approved: 2025-05-01 · "
                              "Next review: 2099-12-31 · Read the policy")]


# --- risks ------------------------------------------------------------------------------------


def test_risk_register_rows(pages) -> None:
    register = table_with(pages[links.RISKS], "Id", "Risk", "Inherent", "Residual")
    wanted = [
        # 4×4 = 16 is high (10-16); residual 2×3 = 6 is medium (5-9), within the appetite of 9
        {"Id": "RISK-001", "Risk": "Unfair credit decisions", "AI systems": "SYS-001",
         "Owner": "Machine learning lead", "Inherent": "16 · high", "Treatment": "modify", "Controls": "A.6.2.4",
         "Residual": "6 · medium", "Status": "treating", "Next review": "2099-12-31"},
        # retained at 4×3 = 12, above the appetite, with a formal acceptance
        {"Id": "RISK-002", "Risk": "Chatbot gives wrong answers", "AI systems": "SYS-002",
         "Owner": "AI governance lead", "Inherent": "12 · high", "Treatment": "retain", "Controls": "",
         "Residual": "12 · high (accepted)", "Status": "accepted", "Next review": "2099-12-31"},
        {"Id": "RISK-003", "Risk": "Chatbot logs keep personal data", "AI systems": "SYS-002",
         "Owner": "Machine learning lead", "Inherent": "2 · low", "Treatment": "modify", "Controls": "A.7.2",
         "Residual": "1 · low", "Status": "treating", "Next review": "2099-12-31"},
    ]
    got = register.records()
    assert [{key: row[key] for key in wanted[0]} for row in got] == wanted


def test_heat_maps_count_each_risk_in_its_cell(pages) -> None:
    inherent, residual = [t for t in tables(pages[links.HEAT_MAPS]) if t.caption]
    assert inherent.caption.startswith("Inherent risk") and residual.caption.startswith("Residual risk")
    impacts = ["1 Negligible", "2 Minor", "3 Moderate", "4 Major", "5 Severe"]
    assert inherent.headers[1:] == impacts == residual.headers[1:]
    # likelihood × impact against low 1-4, medium 5-9, high 10-16, critical 17-25
    levels = {5: ["medium", "high", "high", "critical", "critical"], 4: ["low", "medium", "high", "high", "critical"],
              3: ["low", "medium", "medium", "high", "high"], 2: ["low", "low", "medium", "medium", "high"],
              1: ["low", "low", "low", "low", "medium"]}
    names = {5: "Almost certain", 4: "Likely", 3: "Possible", 2: "Unlikely", 1: "Rare"}

    def cell(likelihood: int, impact: int, count: int) -> str:
        above = ", above appetite" if likelihood * impact > 9 else ""  # the crafted appetite is 9
        return f"{count} {levels[likelihood][impact - 1]}{above}"

    def grid(counts: dict[tuple[int, int], int]) -> list[list[str]]:
        return [[f"{likelihood} {names[likelihood]}",
                 *(cell(likelihood, impact, counts.get((likelihood, impact), 0)) for impact in range(1, 6))]
                for likelihood in (5, 4, 3, 2, 1)]

    # RISK-001 at 4×4, RISK-002 at 4×3, RISK-003 at 1×2; after treatment 2×3, 4×3 and 1×1
    assert inherent.rows == grid({(4, 4): 1, (4, 3): 1, (1, 2): 1})
    assert residual.rows == grid({(2, 3): 1, (4, 3): 1, (1, 1): 1})
    legend = table_under(pages[links.HEAT_MAPS], "Levels")
    assert legend.rows == [["low", "1–4"], ["medium", "5–9"], ["high", "10–16"], ["critical", "17–25"]]


# --- systems, assessments, SoA, roles ------------------------------------------------------------


def test_systems_index(pages) -> None:
    index = table_with(pages[links.SYSTEMS], "Id", "System")
    assert [{k: row[k] for k in ("Id", "System", "EU AI Act tier", "Life cycle", "Owner", "Risks")}
            for row in index.records()] == [
        {"Id": "SYS-001", "System": "Credit scoring model", "EU AI Act tier": "High-risk",
         "Life cycle": "operation", "Owner": "Machine learning lead", "Risks": "1"},
        {"Id": "SYS-002", "System": "Support chatbot", "EU AI Act tier": "Limited risk (transparency)",
         "Life cycle": "operation", "Owner": "Machine learning lead", "Risks": "2"},
    ]


def test_system_page_header_and_risks(pages) -> None:
    page = pages["systems/SYS-002.md"]
    header = table_with(page, "Field", "Value").fields()
    assert header["Owner"] == "Machine learning lead"
    assert header["Provider"] == "Example Model Provider"
    assert header["Life cycle stage"] == "operation"
    assert header["EU AI Act tier"] == "Limited risk (transparency)"
    assert header["Tier rationale"] == "Interacts with natural persons."
    assert header["Next review"] == "2099-12-31"
    risks = table_with(page, "Risk", "Title")
    assert [row[:4] for row in risks.rows] == [
        ["RISK-002", "Chatbot gives wrong answers", "12 · high", "12 · high"],
        ["RISK-003", "Chatbot logs keep personal data", "2 · low", "1 · low"],
    ]
    assert table_with(pages["systems/SYS-001.md"], "Risk", "Title").column("Risk") == ["RISK-001"]


def test_impact_assessments_index_and_impacts(pages) -> None:
    index = table_with(pages[links.ASSESSMENTS], "Id", "Assessment")
    assert [row[:3] for row in index.rows] == [["AIA-001", "Credit scoring impact assessment", "SYS-001"]]
    assert row_says(index.rows[0], "approved", "2025-03-01", "2099-12-31")
    impacts = table_with(pages["impact-assessments/AIA-001.md"], "Area", "Severity")
    assert row_says(impacts.rows[0], "fairness", "Applicants may be declined unfairly.", "high", "RISK-001")
    assert len(impacts.rows) == 1


def test_statement_of_applicability_groups_controls_by_status(pages) -> None:
    page = pages[links.SOA]
    header = table_with(page, "Field", "Value").fields()
    assert header["Owner"] == "AI governance lead"
    assert header["Approver"] == "Top management"
    assert (header["Version"], header["Status"], header["Next review"]) == ("1.0", "approved", "2099-12-31")
    controls, sections = _soa_sections(page)
    assert len(controls) == 38
    assert controls["A.9.4"] == {"title": "Intended use of the AI system",
                                 "Applicable": "yes — Intended use is written for each system.",
                                 "Owner": "Machine learning lead"}
    assert controls["A.10.4"] == {"title": "Customers",
                                  "Applicable": "no — We serve no customers with our AI systems' outputs."}
    assert controls["A.6.2.4"] == {"title": "AI system verification and validation",
                                   "Applicable": "yes — Applies to every AI system we run.",
                                   "Implemented by": "POL-001; evidence/fairness-tests.md"}
    assert sections["Planned (1)"] == ["A.9.4"]
    assert sections["Excluded (not applicable) (1)"] == ["A.10.4"]
    assert len(sections["Implemented (36)"]) == 36


def _soa_sections(page: str) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """The SoA page read as text: each control's title and fields, and the controls under each status."""
    controls: dict[str, dict[str, str]] = {}
    sections: dict[str, list[str]] = {}
    current: dict[str, str] = {}
    for line in html.unescape(page).splitlines():
        plain = re.sub(r"<[^>]+>|\{ #[\w-]+ \}", "", re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", line)).strip()
        if line.startswith("## "):
            status = sections.setdefault(plain[3:], [])
        elif line.startswith("### "):
            control, _, title = plain[4:].partition(" ")
            current = controls[control] = {"title": title}
            status.append(control)
        elif line.startswith("- **") and current:
            name, _, value = plain[2:].partition(":")
            current[name.strip("*")] = value.strip(" *")
    return controls, sections


def test_raci_letters(pages) -> None:
    raci = table_under(pages[links.ROLES], "Who owns and approves what")
    assert raci.headers == ["Document or register", "Responsible", "Accountable"]
    # the owner is responsible; the approver is accountable, or the owner where nothing is approved
    assert raci.rows == [
        ["Statement of Applicability", "AI governance lead", "Top management"],
        ["POL-001 AI policy", "AI governance lead", "Top management"],
        ["AIA-001 Credit scoring impact assessment", "Machine learning lead", "AI governance lead"],
        ["SYS-001 Credit scoring model", "Machine learning lead", "Machine learning lead"],
        ["SYS-002 Support chatbot", "Machine learning lead", "Machine learning lead"],
        ["OBJ-001 Fairness tested before release", "Machine learning lead", "Machine learning lead"],
        ["Risks (1)", "AI governance lead", "AI governance lead"],
        ["Risks (2)", "Machine learning lead", "Machine learning lead"],
    ]


# --- dashboard and clauses ----------------------------------------------------------------------


def test_dashboard_figures(pages) -> None:
    page = pages[links.DASHBOARD]
    figures = table_with(page, "Figure", "Value").fields()
    # 38 controls, A.10.4 excluded, A.9.4 planned, the other 36 marked implemented; only A.6.2.4 (its test
    # report) and A.2.2 (the internal audit names it) have implementation evidence, the rest rest on the AI
    # policy alone
    assert figures["Annex A controls implemented"] == "2 of 37 applicable (5%); 1 excluded, 0 undecided"
    assert figures["Reviews overdue"] == "0"
    assert figures["Risks above appetite without acceptance"] == "0"
    assert figures["High-risk AI systems without a current impact assessment"] == "0"
    assert table_under(page, "Risks by level").rows == [
        ["low", "1", "1"], ["medium", "0", "1"], ["high", "2", "1"], ["critical", "0", "0"]]
    tiers = table_under(page, "AI systems by EU AI Act tier").fields()
    assert tiers["High-risk"] == "1" and tiers["Limited risk (transparency)"] == "1"
    assert sum(int(count) for count in tiers.values()) == 2


def test_clauses_name_the_records_that_answer_them(pages) -> None:
    page = pages[links.CLAUSES]
    expected = {"5.2 AI policy": ["AI policy", "met", "POL-001"],
                "6.2 AI objectives and planning to achieve them": ["AI objectives", "met", "OBJ-001"],
                "9.3.3 Management review results": ["Evidence of the results of management reviews", "met", "MR-001"],
                "10.2 Nonconformity and corrective action": [
                    "Nature of nonconformities, subsequent actions taken, and results of corrective action", "met",
                    "NC-001"]}
    for heading, row in expected.items():
        assert table_under(page, heading).rows == [row], heading
    assert row_says(table_under(page, "9.2.2 Internal audit programme").rows[0], "met", "AUD-001")
    # no role records any competence
    assert table_under(page, "7.2 Competence").rows == [["Evidence of competence", "missing", ""]]


# --- objectives, audits, management reviews, nonconformities, suppliers --------------------------


def test_objectives(pages) -> None:
    index = table_with(pages[links.OBJECTIVES], "Id", "Title")
    assert index.rows == [["OBJ-001", "Fairness tested before release", "Machine learning lead", "2099-12-31",
                           "on-track"]]
    fields = record_fields(pages, "OBJ-001 Fairness tested before release")
    assert fields["Measure"] == "Share of model releases with a fairness test."
    assert fields["Target"] == "100%"
    assert (fields["Clauses"], fields["Controls"], fields["AI systems"]) == ("6.2", "A.6.2.4", "SYS-001")


def test_audits(pages) -> None:
    index = table_with(pages[links.AUDITS], "Id", "Title")
    assert index.rows == [["AUD-001", "First internal audit", "internal", "2025-06-01", "completed"]]
    fields = record_fields(pages, "AUD-001 First internal audit")
    assert fields["Lead auditor"] == "Jo Auditor"
    assert (fields["Planned"], fields["Performed"]) == ("2025-06-01", "2025-06-02")
    assert fields["Findings"] == "minor-nonconformity: One policy missed its review. → NC-001"
    assert fields["Report"] == "evidence/audit-report.md"


def test_management_reviews(pages) -> None:
    index = table_with(pages[links.REVIEWS], "Id", "Title")
    assert index.rows == [["MR-001", "Management review 2025", "2025-06-01", "Top management", "held"]]
    fields = record_fields(pages, "MR-001 Management review 2025")
    assert fields["Attendees"] == "Top management, AI governance lead"
    assert fields["Inputs"] == "Audit results: One minor nonconformity."
    assert fields["Actions"] == "Review the policies on schedule. — AI governance lead, due 2099-01-31, in-progress"


def test_nonconformities(pages) -> None:
    index = table_with(pages[links.NONCONFORMITIES], "Id", "Title")
    assert index.rows == [["NC-001", "Missed policy review", "minor", "AI governance lead", "closed"]]
    fields = record_fields(pages, "NC-001 Missed policy review")
    assert (fields["Raised"], fields["Source"], fields["Closed"]) == ("2025-05-02", "AUD-001", "2025-06-15")
    assert fields["Corrective actions"] == "Add review dates to CI. — AI governance lead, due 2025-06-01, done"
    assert fields["Effectiveness"] == "Reviews checked at the next audit."


def test_suppliers(pages) -> None:
    index = table_with(pages[links.SUPPLIERS], "Id", "Title")
    assert index.rows == [["SUP-001", "Example Model Provider", "provider", "AI governance lead", "2099-12-31"]]
    fields = record_fields(pages, "SUP-001 Example Model Provider")
    assert (fields["Services"], fields["AI systems"]) == ("Hosted language model.", "SYS-002")
    assert (fields["Last assessed"], fields["Outcome"]) == ("2025-06-01", "Acceptable with contractual data terms.")
