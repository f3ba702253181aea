"""The page of each kind of record, rendered in process from records whose every field holds a value
of its own: each value under its own label, each link to the page it names, each register with its
title, introduction and summary row, and what a page says when a field or a whole register is empty
(render modules records, assessments, risk_pages, systems, policies, roles, people, contacts, scope)."""

from __future__ import annotations

import datetime as dt
import re
import typing as t
from pathlib import Path

import pytest
import yaml

from aimskit.records import kinds
from aimskit.records.document import Document
from aimskit.records.model import Record, Repository
from aimskit.site.render import assessments, contacts, people, policies, records, risk_pages, roles, scope, systems
from aimskit.site.render.context import RenderContext

TODAY = dt.date(2026, 6, 1)
OVERDUE = '<span class="aims-badge aims-badge--overdue">Overdue</span>'

MANIFEST: dict[str, t.Any] = {
    "organisation": {"name": "Acme"}, "governance_lead": "lead",
    "risk_method": {"likelihood": [{"value": v} for v in (1, 2, 3)], "impact": [{"value": v} for v in (1, 2, 3)],
                    "levels": [{"name": "low", "min": 1, "max": 3}, {"name": "high", "min": 4, "max": 9}],
                    "appetite": 3},
}
ROLES = {"lead": "Lead Title", "owner": "Owner Title", "approver": "Approver Title", "chair": "Chair Title",
         "guest": "Guest Title"}
SYSTEM = {
    "id": "SYS-001", "name": "Sorter", "purpose": "Sorts mail", "intended_use": "Intended use text",
    "foreseeable_misuse": "Misuse text", "human_oversight": "Oversight text", "owner": "owner", "provider": "SUP-001",
    "lifecycle_stage": "operation", "ai_role": "deployer",
    "eu_ai_act": {"tier": "limited", "rationale": "Rationale text"},
    "models": "Model name", "next_review": "2026-09-01", "affected_parties": ["Customers", "Staff"],
    "data_sources": [{"name": "Mailbox", "provenance": "Internal", "personal_data": "yes",
                      "quality_checks": "Spot checks"}],
}
OBJECTIVE = {
    "id": "OBJ-001", "title": "Objective title", "description": "Objective description", "measure": "Objective measure",
    "target": "Objective target", "baseline": "Objective baseline", "owner": "owner", "due": "2026-05-01",
    "status": "on track", "progress": [{"date": "2026-02-01", "value": "first value", "note": "first note"},
                                       {"date": "2026-03-01", "value": "second value"}],
    "clauses": ["6.2"], "controls": ["A.6.1.2"], "systems": ["SYS-001"],
}
AUDIT = {
    "id": "AUD-001", "title": "Audit title", "description": "Audit description", "type": "internal",
    "scope": "Audit scope", "lead_auditor": "Lead Auditor", "planned": "2026-01-02", "performed": "2026-01-03",
    "status": "completed", "clauses": ["9.2"], "controls": ["A.2.2"],
    "findings": [{"type": "minor", "description": "First finding", "nonconformity": "NC-001"},
                 {"type": "observation", "description": "Second finding"}],
    "report": "Report place",
}
REVIEW = {
    "id": "MR-001", "title": "Review title", "description": "Review description", "date": "2026-02-10",
    "chair": "chair", "attendees": ["owner", "guest"], "status": "held",
    "inputs": [{"topic": "First topic", "summary": "first summary"},
               {"topic": "Second topic", "summary": "second summary"}],
    "decisions": ["First decision", "Second decision"],
    "actions": [{"description": "First action", "owner": "owner", "due": "2026-07-01", "status": "open"},
                {"description": "Second action", "owner": "guest", "due": "2026-08-01", "status": "done"}],
}
NONCONFORMITY = {
    "id": "NC-001", "title": "Nonconformity title", "description": "Nonconformity description", "raised": "2026-01-04",
    "source": "AUD-001", "severity": "minor", "owner": "owner", "status": "closed", "root_cause": "Root cause text",
    "correction": "Correction text",
    "corrective_actions": [{"description": "Fix action", "owner": "approver", "due": "2026-01-20", "status": "done"}],
    "closed": "2026-01-30", "effectiveness": "Effectiveness text", "clauses": ["10.2"], "controls": ["A.3.2"],
}
SUPPLIER = {
    "id": "SUP-001", "name": "Supplier name", "description": "Supplier description", "relationship": "provider",
    "services": "Supplier services", "systems": ["SYS-001"], "owner": "owner",
    "due_diligence": {"last_assessed": "2025-11-01", "outcome": "Diligence outcome"}, "agreement": "Agreement text",
    "next_review": "2026-04-01",
}
ASSESSMENT = {
    "id": "AIA-001", "title": "Assessment title", "systems": ["SYS-001"], "owner": "owner", "approver": "approver",
    "version": "2.3", "status": "approved", "assessed": "2026-01-05", "next_review": "2027-01-05",
    "affected_parties": "Customers", "controls": ["A.5.2"],
    "impacts": [{"area": "privacy", "description": "Impact description", "severity": "high",
                 "mitigations": "Mitigation text", "risks": ["RISK-001"]}],
}
RISK = {
    "id": "RISK-001", "title": "Risk title", "description": "Risk description", "systems": ["SYS-001"],
    "owner": "owner", "status": "treating", "source": "C.3.1", "identified": "2025-12-01", "next_review": "2026-03-01",
    "likelihood": 3, "impact": 2, "treatment": {"option": "modify", "controls": ["A.7.2"]},
    "residual": {"likelihood": 1, "impact": 2},
}
POLICY = {
    "id": "POL-001", "title": "Policy title", "summary": "Policy summary", "owner": "owner", "approver": "approver",
    "version": "1.4", "status": "approved", "effective": "2026-01-10", "approved_on": "2026-01-08",
    "next_review": "2027-01-10", "controls": ["A.2.2"], "clauses": ["5.2"], "tags": ["fairness"],
}


def _record(kind: kinds.Kind, path: str, data: dict[str, t.Any], body: str | None = None) -> Record:
    return Record(kind, Document(path, data, None, body))


def _context(**changes: dict[str, t.Any]) -> RenderContext:
    """A context of one record of each kind (each record's data updated by ``changes[kind name]``)."""
    def of(kind: kinds.Kind, path: str, data: dict[str, t.Any], body: str | None = None) -> list[Record]:
        return [_record(kind, path, {**data, **changes.get(kind.name, {})}, body)]
    found = {
        kinds.MANIFEST.name: of(kinds.MANIFEST, "aims.yml", MANIFEST),
        kinds.ROLE.name: [_record(kinds.ROLE, f"roles/{role}.yaml",
                                  {"id": role, "title": title, "holders": [{"name": f"{title} Holder"}]})
                          for role, title in ROLES.items()],
        kinds.SYSTEM.name: of(kinds.SYSTEM, "systems/SYS-001.yaml", SYSTEM),
        kinds.OBJECTIVE.name: of(kinds.OBJECTIVE, "objectives/OBJ-001.yaml", OBJECTIVE),
        kinds.AUDIT.name: of(kinds.AUDIT, "records/audits/AUD-001.yaml", AUDIT),
        kinds.MANAGEMENT_REVIEW.name: of(kinds.MANAGEMENT_REVIEW, "records/management-reviews/MR-001.yaml", REVIEW),
        kinds.NONCONFORMITY.name: of(kinds.NONCONFORMITY, "records/nonconformities/NC-001.yaml", NONCONFORMITY),
        kinds.SUPPLIER.name: of(kinds.SUPPLIER, "suppliers/SUP-001.yaml", SUPPLIER),
        kinds.IMPACT_ASSESSMENT.name: of(kinds.IMPACT_ASSESSMENT, "impact-assessments/AIA-001.md", ASSESSMENT,
                                         "Narrative text."),
        kinds.RISK.name: of(kinds.RISK, "risks/RISK-001.yaml", RISK),
        kinds.POLICY.name: of(kinds.POLICY, "policies/POL-001.md", POLICY, "Policy text."),
    }
    return RenderContext(Repository(Path("/nowhere"), found), TODAY)


def _render(context: RenderContext) -> dict[str, str]:
    pages: dict[str, str] = {}
    for module in (records, assessments, risk_pages, systems, policies):
        pages |= module.render(context)
    return pages


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return _render(_context())


def field_rows(page: str) -> list[list[tuple[str, str]]]:
    """Each ``Field | Value`` table of a page as its (label, value) rows, values as written (links, badges)."""
    found: list[list[tuple[str, str]]] = []
    for block in page.split("| Field | Value |\n|---|---|\n")[1:]:
        rows = re.findall(r"^\| \*\*(.+?)\*\* \| (.*) \|$", block.split("\n\n", 1)[0], re.MULTILINE)
        found.append(rows)
    return found


def front_matter(page: str) -> dict[str, t.Any]:
    return yaml.safe_load(page.split("---\n", 2)[1])


FIELDS = {
    "audits/AUD-001.md": [
        ("Type", "internal"), ("Scope", "Audit scope"), ("Lead auditor", "Lead Auditor"), ("Planned", "2026-01-02"),
        ("Performed", "2026-01-03"), ("Status", "completed"), ("Clauses", "[9.2](../clauses.md#clause-9-2)"),
        ("Controls", "[A.2.2](../soa.md#a-2-2)"),
        ("Findings", "minor: First finding → [NC-001](../nonconformities/NC-001.md)<br>observation: Second finding"),
        ("Report", "Report place")],
    "management-reviews/MR-001.md": [
        ("Date", "2026-02-10"), ("Chair", "[Chair Title](../roles.md#chair)"),
        ("Attendees", "[Owner Title](../roles.md#owner), [Guest Title](../roles.md#guest)"), ("Status", "held"),
        ("Inputs", "**First topic**: first summary<br>**Second topic**: second summary"),
        ("Decisions", "First decision<br>Second decision"),
        ("Actions", "First action — [Owner Title](../roles.md#owner), due 2026-07-01, open<br>"
                    "Second action — [Guest Title](../roles.md#guest), due 2026-08-01, done")],
    "nonconformities/NC-001.md": [
        ("Description", "Nonconformity description"), ("Raised", "2026-01-04"),
        ("Source", "[AUD-001](../audits/AUD-001.md)"), ("Severity", "minor"),
        ("Owner", "[Owner Title](../roles.md#owner)"), ("Status", "closed"), ("Root cause", "Root cause text"),
        ("Correction", "Correction text"),
        ("Corrective actions", "Fix action — [Approver Title](../roles.md#approver), due 2026-01-20, done"),
        ("Closed", "2026-01-30"), ("Effectiveness", "Effectiveness text"),
        ("Clauses", "[10.2](../clauses.md#clause-10-2)"), ("Controls", "[A.3.2](../soa.md#a-3-2)")],
    "suppliers/SUP-001.md": [
        ("Relationship", "provider"), ("Services", "Supplier services"),
        ("AI systems", "[SYS-001](../systems/SYS-001.md)"), ("Owner", "[Owner Title](../roles.md#owner)"),
        ("Last assessed", "2025-11-01"), ("Outcome", "Diligence outcome"), ("Agreement", "Agreement text"),
        ("Next review", f"2026-04-01 {OVERDUE}")],
    "objectives.md": [
        ("Description", "Objective description"), ("Measure", "Objective measure"), ("Target", "Objective target"),
        ("Baseline", "Objective baseline"), ("Owner", "[Owner Title](roles.md#owner)"),
        ("Due", f"2026-05-01 {OVERDUE}"), ("Status", "on track"),
        ("Progress", "2026-02-01: first value (first note)<br>2026-03-01: second value"),
        ("Clauses", "[6.2](clauses.md#clause-6-2)"), ("Controls", "[A.6.1.2](soa.md#a-6-1-2)"),
        ("AI systems", "[SYS-001](systems/SYS-001.md)")],
    "impact-assessments/AIA-001.md": [
        ("AI systems", "[SYS-001](../systems/SYS-001.md)"), ("Owner", "[Owner Title](../roles.md#owner)"),
        ("Approver", "[Approver Title](../roles.md#approver)"), ("Version", "2.3"),
        ("Status", '<span class="aims-badge aims-badge--status-approved">approved</span>'),
        ("Assessed", "2026-01-05"), ("Next review", "2027-01-05"), ("Affected parties", "Customers"),
        ("Controls", "[A.5.2](../soa.md#a-5-2)")],
    "risks/RISK-001.md": [
        ("AI systems", "[Sorter](../systems/SYS-001.md)"), ("Owner", "[Owner Title](../roles.md#owner)"),
        ("Status", "treating"), ("Risk source", "Complexity of environment &#40;C.3.1&#41;"),
        ("Identified", "2025-12-01"), ("Next review", f"2026-03-01 {OVERDUE}")],
    "systems/SYS-001.md": [
        ("Owner", "[Owner Title](../roles.md#owner)"), ("Provider", "[Supplier name](../suppliers/SUP-001.md)"),
        ("Life cycle stage", "operation"), ("Our AI role", "deployer"),
        ("EU AI Act tier", "Limited risk &#40;transparency&#41;"), ("Tier rationale", "Rationale text"),
        ("Models", "Model name"), ("In scope", "yes"), ("Next review", "2026-09-01")],
    "policies/POL-001.md": [
        ("Owner", "[Owner Title](../roles.md#owner)"), ("Approver", "[Approver Title](../roles.md#approver)"),
        ("Version", "1.4"), ("Status", '<span class="aims-badge aims-badge--status-approved">approved</span>'),
        ("Effective from", "2026-01-10"), ("Approved on", "2026-01-08"), ("Next review", "2027-01-10"),
        ("Annex A controls", "[A.2.2](../soa.md#a-2-2)"), ("Clauses", "[5.2](../clauses.md#clause-5-2)")],
}


@pytest.mark.parametrize("path", FIELDS)
def test_a_record_page_shows_each_field_under_its_own_label(pages: dict[str, str], path: str) -> None:
    assert field_rows(pages[path])[0] == FIELDS[path]


FRONT_MATTER: dict[str, dict[str, t.Any]] = {
    "audits/AUD-001.md": {"title": "AUD-001 Audit title", "description": "Audit description"},
    "management-reviews/MR-001.md": {"title": "MR-001 Review title", "description": "Review description"},
    "nonconformities/NC-001.md": {"title": "NC-001 Nonconformity title", "description": "Nonconformity description"},
    "suppliers/SUP-001.md": {"title": "SUP-001 Supplier name", "description": "Supplier description"},
    "impact-assessments/AIA-001.md": {"title": "AIA-001 Assessment title", "aims_version": "2.3",
                                      "tags": ["SYS-001", "A.5.2"]},
    "risks/RISK-001.md": {"title": "RISK-001 Risk title", "description": "Risk description"},
    "systems/SYS-001.md": {"title": "SYS-001 Sorter", "description": "Sorts mail",
                           "tags": ["Sorter", "A.5.2", "A.7.2"]},
    "policies/POL-001.md": {"title": "POL-001 Policy title", "description": "Policy summary", "aims_version": "1.4",
                            "tags": ["A.2.2", "fairness"]},
}


@pytest.mark.parametrize("path", FRONT_MATTER)
def test_a_record_page_has_its_title_heading_and_description(pages: dict[str, str], path: str) -> None:
    page = pages[path]
    assert front_matter(page) == FRONT_MATTER[path]
    assert page.split("---\n\n", 1)[1].startswith(f"# {FRONT_MATTER[path]['title']}\n")


REGISTERS = {
    "objectives.md": ("AI objectives", "The AI objectives &#40;ISO/IEC 42001 6.2&#41;, their measures, targets and "
                      "progress.", "| Id | Title | Owner | Due | Status |",
                      "| [OBJ-001](objectives.md#obj-001) | [Objective title](objectives.md#obj-001) | "
                      f"[Owner Title](roles.md#owner) | 2026-05-01 {OVERDUE} | "
                      '<span class="aims-badge aims-badge--status-on-track">on track</span> |'),
    "audits/index.md": ("Internal audits", "Internal audits of the AI management system &#40;9.2&#41; and their "
                        "findings.", "| Id | Title | Type | Planned | Status |",
                        "| [AUD-001](AUD-001.md) | [Audit title](AUD-001.md) | internal | 2026-01-02 | "
                        '<span class="aims-badge aims-badge--status-completed">completed</span> |'),
    "management-reviews/index.md": ("Management reviews", "Reviews of the AI management system by top management "
                                    "&#40;9.3&#41;.", "| Id | Title | Date | Chair | Status |",
                                    "| [MR-001](MR-001.md) | [Review title](MR-001.md) | 2026-02-10 | "
                                    "[Chair Title](../roles.md#chair) | "
                                    '<span class="aims-badge aims-badge--status-held">held</span> |'),
    "nonconformities/index.md": ("Nonconformities", "Nonconformities and corrective actions &#40;10.2&#41;.",
                                 "| Id | Title | Severity | Owner | Status |",
                                 "| [NC-001](NC-001.md) | [Nonconformity title](NC-001.md) | minor | "
                                 "[Owner Title](../roles.md#owner) | "
                                 '<span class="aims-badge aims-badge--status-closed">closed</span> |'),
    "suppliers/index.md": ("Suppliers and customers", "Third parties that provide AI systems or components, or use "
                           "ours &#40;A.10&#41;.", "| Id | Title | Relationship | Owner | Next review |",
                           "| [SUP-001](SUP-001.md) | [Supplier name](SUP-001.md) | provider | "
                           f"[Owner Title](../roles.md#owner) | 2026-04-01 {OVERDUE} |"),
    "impact-assessments/index.md": ("Impact assessments", "Assessments of the impact of AI systems on individuals, "
                                    "groups and society (ISO/IEC 42001 6.1.4 and 8.4).",
                                    "| Id | Assessment | AI systems | Status | Assessed | Next review |",
                                    "| [AIA-001](AIA-001.md) | [Assessment title](AIA-001.md) | "
                                    "[SYS-001](../systems/SYS-001.md) | "
                                    '<span class="aims-badge aims-badge--status-approved">approved</span> | '
                                    "2026-01-05 | 2027-01-05 |"),
}


@pytest.mark.parametrize("path", REGISTERS)
def test_a_register_has_its_title_introduction_and_a_row_per_record(pages: dict[str, str], path: str) -> None:
    title, intro, header, row = REGISTERS[path]
    assert front_matter(pages[path]) == {"title": title}
    body = pages[path].split("---\n\n", 1)[1]
    assert body.startswith(f"# {title}\n\n{intro}\n\n{header}\n|---|---|---|")
    assert [line for line in body.splitlines() if line.startswith("| [")] == [row]


def test_an_objective_is_a_section_of_its_register_with_a_stable_anchor(pages: dict[str, str]) -> None:
    assert "\n## OBJ-001 Objective title { #obj-001 }\n\n| Field | Value |\n" in pages["objectives.md"]
    assert "objectives/" not in " ".join(pages)  # no page of its own


def test_an_impact_assessment_lists_its_impacts_and_its_narrative(pages: dict[str, str]) -> None:
    page = pages["impact-assessments/AIA-001.md"]
    assert ("## Impacts\n\n| Area | Impact | Severity | Mitigations | Risks |\n|---|---|---|---|---|\n"
            "| privacy | Impact description | high | Mitigation text | [RISK-001](../risks/RISK-001.md) |\n") in page
    assert "## Assessment\n\nNarrative text.\n" in page
    assert page.endswith("## Revision history\n\n*Revision history unavailable: the site was built outside a full "
                         "git clone.*\n")


def _bare_context(*keep: str) -> RenderContext:
    """The roles and manifest, with each other record reduced to its id (kinds not in ``keep`` left out
    when ``keep`` is given)."""
    found = {}
    for name, of_kind in _context().repository.records.items():
        if name in (kinds.MANIFEST.name, kinds.ROLE.name):
            found[name] = of_kind
        elif not keep or name in keep:
            found[name] = [_record(r.kind, r.path, {"id": r.id}) for r in of_kind]
    return RenderContext(Repository(Path("/nowhere"), found), TODAY)


#: What a page shows for a field its record leaves out, when it is not the empty cell mark.
UNKNOWN = '<span class="aims-badge aims-badge--status-none">unknown</span>'
MISSING = {"Status": {"impact-assessments/AIA-001.md": UNKNOWN, "policies/POL-001.md": UNKNOWN},
           "Provider": {"systems/SYS-001.md": "In-house"}, "In scope": {"systems/SYS-001.md": "yes"},
           "Effective from": {"policies/POL-001.md": "not yet in effect"},
           "Approved on": {"policies/POL-001.md": "not yet approved"}}
ROLE_LABELS = {"Owner", "Approver", "Chair"}


@pytest.mark.parametrize("path", FIELDS)
def test_a_field_a_record_leaves_out_keeps_its_label_and_shows_nothing(path: str) -> None:
    rows = field_rows(_render(_bare_context())[path])[0]
    assert [label for label, _ in rows] == [label for label, _ in FIELDS[path]]
    for label, value in rows:
        expected = MISSING.get(label, {}).get(path, "&nbsp;")
        assert value in (("", "&nbsp;") if label in ROLE_LABELS else (expected,)), (label, value)


EMPTY = {"objectives.md": "None recorded yet.", "audits/index.md": "None recorded yet.",
         "management-reviews/index.md": "None recorded yet.", "nonconformities/index.md": "None recorded yet.",
         "suppliers/index.md": "None recorded yet.",
         "impact-assessments/index.md": "No impact assessments recorded yet."}


@pytest.mark.parametrize("path", EMPTY)
def test_an_empty_register_says_so(path: str) -> None:
    pages = _render(_bare_context(kinds.MANIFEST.name))
    title, intro, _, _ = REGISTERS[path]
    assert pages[path] == f"---\ntitle: {title}\n---\n\n# {title}\n\n{intro}\n\n{EMPTY[path]}\n"


def test_the_pages_of_a_record_without_its_optional_parts_say_there_are_none() -> None:
    pages = _render(_bare_context())
    assessment = pages["impact-assessments/AIA-001.md"]
    assert "## Impacts\n\nNone.\n\n## Assessment\n\n*This assessment has no narrative yet.*\n" in assessment
    assert "\n## OBJ-001  { #obj-001 }\n" in pages["objectives.md"]
    assert front_matter(pages["audits/AUD-001.md"]) == {"title": "AUD-001"}
    assert pages["audits/AUD-001.md"].split("---\n\n", 1)[1].startswith("# AUD-001\n\n| Field | Value |")
    assert [line for line in pages["objectives.md"].splitlines() if line.startswith("| [")] == [
        f"| [OBJ-001](objectives.md#obj-001) | [(untitled)](objectives.md#obj-001) |  | &nbsp; | {UNKNOWN} |"]
    assert f"| [AUD-001](AUD-001.md) | [(untitled)](AUD-001.md) | &nbsp; | &nbsp; | {UNKNOWN} |" in \
        pages["audits/index.md"]


EXAMPLE_RECORD = '!!! warning "Example record"\n\n    This is an example that came with the template'
EXAMPLE_RECORDS = '!!! warning "Example records"\n\n    1 of these records is an example that came with the template'


@pytest.mark.parametrize(("kind", "path", "register"), [
    (kinds.AUDIT, "audits/AUD-001.md", "audits/index.md"),
    (kinds.MANAGEMENT_REVIEW, "management-reviews/MR-001.md", "management-reviews/index.md"),
    (kinds.NONCONFORMITY, "nonconformities/NC-001.md", "nonconformities/index.md"),
    (kinds.SUPPLIER, "suppliers/SUP-001.md", "suppliers/index.md"),
    (kinds.OBJECTIVE, None, "objectives.md"),
    (kinds.IMPACT_ASSESSMENT, "impact-assessments/AIA-001.md", None),
    (kinds.RISK, "risks/RISK-001.md", None),
    (kinds.SYSTEM, "systems/SYS-001.md", None),
    (kinds.POLICY, "policies/POL-001.md", None),
])
def test_an_example_record_is_said_to_be_one_on_its_page_and_its_register(kind, path, register) -> None:
    plain, example = _render(_context()), _render(_context(**{kind.name: {"example": True}}))
    if path is not None:
        heading = f"# {front_matter(plain[path])['title']}\n\n"
        assert EXAMPLE_RECORD not in plain[path]
        assert heading + EXAMPLE_RECORD in example[path]
    if register is not None:
        assert EXAMPLE_RECORDS not in plain[register]
        assert f"\n\n{EXAMPLE_RECORDS}" in example[register].split("| Id |", 1)[0]


@pytest.mark.parametrize(("status", "note"), [
    ("draft", '!!! warning "Draft"\n\n    This assessment is a draft. It is not approved and does not apply yet.\n'),
    ("retired", '!!! note "Retired"\n\n    This assessment has been retired and no longer applies.\n'),
])
def test_a_draft_or_retired_assessment_says_so_above_its_fields(pages: dict[str, str], status: str, note: str) -> None:
    assert "# AIA-001 Assessment title\n\n| Field | Value |" in pages["impact-assessments/AIA-001.md"]
    page = _render(_context(**{kinds.IMPACT_ASSESSMENT.name: {"status": status}}))["impact-assessments/AIA-001.md"]
    assert f"# AIA-001 Assessment title\n\n{note}\n| Field | Value |" in page
    assert f'aims-badge--status-{status}">{status}</span>' in page


def _body(page: str, start: str) -> str:
    """The page from the heading ``start`` to its end."""
    return start + page.split(start, 1)[1]


RISK_BODY = """\
## Scores

| Score | Likelihood | Impact | Level | Appetite |
|---|---|---|---|---|
| Inherent &#40;before treatment&#41; | 3 | 2 | <span class="aims-level aims-level--high">6 · high</span> | \
above the appetite |
| Residual &#40;after treatment&#41; | 1 | 2 | <span class="aims-level aims-level--low">2 · low</span> | \
within the appetite |

The [appetite](../glossary.md#risk-appetite) is a score of 3: a residual score above it needs a formal acceptance. \
See where the risk sits on the [residual heat map](heat-maps.md#residual-1-2).

## Treatment

**[Option](../glossary.md#risk-treatment):** Modify&#58; reduce the likelihood or the impact with controls.

**Controls:**

- [A.7.2](../soa.md#a-7-2) Data for development and enhancement of AI system

No treatment actions recorded.

## Acceptance

No acceptance needed: the residual score is within the appetite.

## Impact assessments

- [AIA-001 Assessment title](../impact-assessments/AIA-001.md)
"""


def test_a_risk_page_shows_its_scores_treatment_acceptance_and_assessments(pages: dict[str, str]) -> None:
    page = pages["risks/RISK-001.md"]
    assert "# RISK-001 Risk title\n\nRisk description\n\n| Field | Value |" in page
    assert _body(page, "## Scores\n") == RISK_BODY


def test_a_risk_page_shows_an_accepted_risk_its_plan_actions_and_acceptance_record() -> None:
    context = _context(risk={
        "organisation_wide": True, "residual": {"likelihood": 2, "impact": 2},
        "acceptance": {"by": "approver", "date": "2026-02-02", "rationale": "Accepted because"},
        "treatment": {"option": "share", "plan": "Plan text", "controls": ["A.10.3", "A.4.6"],
                      "actions": [{"description": "Act one", "owner": "owner", "due": "2026-01-01", "status": "open"},
                                  {"description": "Act two", "owner": "guest", "due": "2026-01-02",
                                   "status": "done"}]}})
    context.approvals = {"risks/RISK-001.yaml": [
        {"accepted_on": "2026-02-02", "accepted_by": "Approver Holder", "as_accepted": True, "pull_request": "#7",
         "date": "2026-02-03", "short": "abc1234", "host_evidence": "confirmed"},
        {"accepted_on": "2026-02-04", "accepted_by": "Kim", "as_accepted": False}]}
    page = _render(context)["risks/RISK-001.md"]
    assert field_rows(page)[0][0] == ("AI systems", "the whole organisation")
    assert "| Residual &#40;after treatment&#41; | 2 | 2 | " \
           '<span class="aims-level aims-level--high">4 · high</span> | above the appetite |' in page
    assert "[residual heat map](heat-maps.md#residual-2-2)" in page
    assert _body(page, "## Treatment\n").split("## Impact assessments")[0] == """\
## Treatment

**[Option](../glossary.md#risk-treatment):** Share&#58; pass part of the risk to another party, for example a \
supplier or an insurer.

Plan text

**Controls:**

- [A.4.6](../soa.md#a-4-6) Human resources
- [A.10.3](../soa.md#a-10-3) Suppliers

| Action | Owner | Due | Status |
|---|---|---|---|
| Act one | [Owner Title](../roles.md#owner) | 2026-01-01 <span class="aims-badge aims-badge--overdue">Overdue</span> \
| open |
| Act two | [Guest Title](../roles.md#guest) | 2026-01-02 | done |

## Acceptance

| Field | Value |
|---|---|
| **Accepted by** | [Approver Title](../roles.md#approver) |
| **On** | 2026-02-02 |
| **Why** | Accepted because |

**Acceptance record**

| Accepted on | By | Risk as accepted | Pull request | Merged on | Commit | On the code host |
|---|---|---|---|---|---|---|
| 2026-02-02 | Approver Holder | yes | &#35;7 | 2026-02-03 | abc1234 | confirmed |
| 2026-02-04 | Kim | no (changed after its acceptance) | — | &nbsp; | &nbsp; | — |

"""


@pytest.mark.parametrize(("changes", "acceptance"), [
    ({}, "No acceptance needed: the residual score is within the appetite.\n"),
    ({"residual": {"likelihood": 2, "impact": 2}},
     "**Not accepted yet:** the residual score is above the appetite and no acceptance is recorded.\n"),
    ({"residual": {"likelihood": 2, "impact": 2}, "status": "closed"}, "No acceptance needed: the risk is closed.\n"),
    ({"residual": {"likelihood": 3, "impact": 3}, "manifest": {"appetite": 0}},
     "No acceptance needed: aims.yml sets no risk appetite.\n"),
    ({"residual": {"likelihood": 3, "impact": 3}, "status": "closed", "manifest": {"appetite": 1}},
     "No acceptance needed: the risk is closed.\n"),
])
def test_a_risk_page_says_whether_the_risk_needs_an_acceptance(changes: dict[str, t.Any], acceptance: str) -> None:
    risk = {key: value for key, value in changes.items() if key != "manifest"}
    method = {**MANIFEST["risk_method"], **changes.get("manifest", {})}
    page = _render(_context(risk=risk, manifest={"risk_method": method}))["risks/RISK-001.md"]
    assert page.split("## Acceptance\n\n", 1)[1].split("\n## ", 1)[0] == acceptance


@pytest.mark.parametrize(("treatment", "option"), [
    ({"option": "modify"}, "Modify&#58; reduce the likelihood or the impact with controls."),
    ({"option": "avoid"}, "Avoid&#58; stop or change the activity so the risk no longer arises."),
    ({"option": "share"}, "Share&#58; pass part of the risk to another party, for example a supplier or an insurer."),
    ({"option": "retain"}, "Retain&#58; keep the risk as it is, by an informed decision."),
    ({"option": "insure"}, "insure"),
    ({}, "not recorded"),
])
def test_a_risk_page_says_its_treatment_option_in_words(treatment: dict[str, t.Any], option: str) -> None:
    page = _render(_context(risk={"treatment": treatment}))["risks/RISK-001.md"]
    assert f"**[Option](../glossary.md#risk-treatment):** {option}\n\nNo treatment actions recorded.\n" in page


@pytest.mark.parametrize(("source", "shown"), [("C.3.1", "Complexity of environment &#40;C.3.1&#41;"),
                                               ("Z.9", "Z.9"), (None, "&nbsp;")])
def test_a_risk_page_names_its_risk_source(source: str | None, shown: str) -> None:
    page = _render(_context(risk={"source": source}))["risks/RISK-001.md"]
    assert ("Risk source", shown) in field_rows(page)[0]


def test_a_risk_no_assessment_cites_says_so_and_has_no_description_paragraph() -> None:
    changes: dict[str, dict[str, t.Any]] = {"risk": {"description": None},
                                            kinds.IMPACT_ASSESSMENT.name: {"impacts": []}}
    page = _render(_context(**changes))["risks/RISK-001.md"]
    assert page.endswith("## Impact assessments\n\nNo impact assessment refers to this risk.\n")
    assert "# RISK-001 Risk title\n\n| Field | Value |" in page and "description" not in front_matter(page)


SYSTEM_BODY = """\
## Purpose

Sorts mail

## Intended use

Intended use text

## Foreseeable misuse

Misuse text

## Human oversight

Oversight text

## Affected parties

- Customers
- Staff

## Data sources

| Source | Provenance | Personal data | Quality checks |
|---|---|---|---|
| Mailbox | Internal | yes | Spot checks |

## Risks

| Risk | Title | Inherent | Residual | Status |
|---|---|---|---|---|
| [RISK-001](../risks/RISK-001.md) | [Risk title](../risks/RISK-001.md) | \
<span class="aims-level aims-level--high">6 · high</span> | \
<span class="aims-level aims-level--low">2 · low</span> | treating |

## Impact assessments

- [AIA-001 Assessment title](../impact-assessments/AIA-001.md)

## Controls

- [A.5.2](../soa.md#a-5-2) AI system impact assessment process
- [A.7.2](../soa.md#a-7-2) Data for development and enhancement of AI system
"""


def test_a_system_page_shows_its_purpose_use_oversight_data_risks_assessments_and_controls(
        pages: dict[str, str]) -> None:
    assert _body(pages["systems/SYS-001.md"], "## Purpose\n") == SYSTEM_BODY
    assert pages["systems/index.md"].split("---\n\n", 1)[1] == """\
# AI systems

The AI systems of the inventory, and whether each is inside the scope of the AI management system.

| Id | System | EU AI Act tier | Life cycle | Owner | In scope | Risks |
|---|---|---|---|---|---|---|
| [SYS-001](SYS-001.md) | [Sorter](SYS-001.md) | Limited risk &#40;transparency&#41; | operation | \
[Owner Title](../roles.md#owner) | yes | 1 |
"""


def test_a_system_without_misuse_risks_or_assessments_says_so() -> None:
    page = _render(_context(system={"foreseeable_misuse": None}, risk={"systems": ["SYS-002"]},
                            **{kinds.IMPACT_ASSESSMENT.name: {"systems": []}}))["systems/SYS-001.md"]
    assert "## Intended use\n\nIntended use text\n\n## Human oversight\n" in page
    assert page.endswith("## Risks\n\nNo risks recorded.\n\n## Impact assessments\n\nNone recorded.\n\n"
                         "## Controls\n\nNone recorded.\n")


@pytest.mark.parametrize(("tier", "label"), [
    ("prohibited", "Prohibited"), ("high", "High-risk"), ("limited", "Limited risk &#40;transparency&#41;"),
    ("minimal", "Minimal risk"), ("not-applicable", "Not applicable"), ("unclassified", "Not yet classified"),
    ("gpai", "gpai"),
])
def test_a_system_shows_its_eu_ai_act_tier_in_words(tier: str, label: str) -> None:
    pages = _render(_context(system={"eu_ai_act": {"tier": tier, "rationale": "Why"}}))
    assert ("EU AI Act tier", label) in field_rows(pages["systems/SYS-001.md"])[0]
    assert f"| [Sorter](SYS-001.md) | {label} | operation |" in pages["systems/index.md"]


def test_a_system_without_a_tier_is_not_applicable_in_the_inventory() -> None:
    assert "| [Sorter](SYS-001.md) | Not applicable | operation |" in \
        _render(_context(system={"eu_ai_act": None}))["systems/index.md"]


@pytest.mark.parametrize(("changes", "provider", "in_scope"), [
    ({"provider": "in-house"}, "In-house", "yes"),
    ({"provider": "SUP-404", "in_scope": False}, "SUP-404", "no"),
    ({"lifecycle_stage": "retired"}, "[Supplier name](../suppliers/SUP-001.md)", "no (retired)"),
])
def test_a_system_names_its_provider_and_whether_it_is_in_scope(changes, provider: str, in_scope: str) -> None:
    pages = _render(_context(system=changes))
    rows = dict(field_rows(pages["systems/SYS-001.md"])[0])
    assert (rows["Provider"], rows["In scope"]) == (provider, in_scope)
    assert f"| [Owner Title](../roles.md#owner) | {in_scope} | 1 |" in pages["systems/index.md"]


def test_a_system_in_a_scope_list_that_leaves_it_out_is_not_in_scope() -> None:
    pages = _render(_context(manifest={"scope": {"in_scope_systems": ["SYS-002"]}}))
    assert ("In scope", "no") in field_rows(pages["systems/SYS-001.md"])[0]


def _found_in_code(last_scan: t.Any) -> str:
    context = _context(system={"code": ["acme/app"]})
    context.last_scan = last_scan
    return _body(_render(context)["systems/SYS-001.md"], "## Found in its code\n")


def test_a_system_with_code_shows_what_the_last_scan_found_in_it() -> None:
    from aimskit.scan.results import LastScan

    found = LastScan("2026-05-30", ("acme/app", "acme/web"), 2, {"SYS-001": [
        {"name": "openai", "what": "library", "provider": "OpenAI", "category": "llm", "first": "app.py:3",
         "places": 4}]})
    assert _found_in_code(found) == """\
## Found in its code

Last scan&#58; 2026-05-30, of acme/app, acme/web. In all the code it scanned, it found 2 AI use&#40;s&#41; the \
inventory does not declare.

| Component | Kind | Provider | Category | First found at | Places |
|---|---|---|---|---|---|
| openai | library | OpenAI | llm | app.py&#58;3 | 4 |
"""
    assert _found_in_code(LastScan("2026-05-30", (), 0, {})) == (
        "## Found in its code\n\nLast scan&#58; 2026-05-30, of no repository.\n\nNo AI use found in its code.\n")
    assert _found_in_code(None) == ("## Found in its code\n\nNo scan result yet&#58; &#96;aimskit scan "
                                    "&#45;&#45;result .aimskit/scan.json&#96; writes it.\n")
    assert _found_in_code("scan.json: is not JSON") == (
        "## Found in its code\n\nThe scan result cannot be read &#40;scan.json&#58; is not JSON&#41;&#58; &#96;aimskit "
        "scan &#45;&#45;result .aimskit/scan.json&#96; writes it.\n")


def test_a_system_without_code_has_no_scan_section(pages: dict[str, str]) -> None:
    assert "## Found in its code" not in pages["systems/SYS-001.md"]


POLICY_INDEX_ENTRY = """\
## POL-001 Policy title { #pol-001 }

Policy summary

<span class="aims-badge aims-badge--status-approved">approved</span> · Owner: [Owner Title](../roles.md#owner) · \
Effective: 2026-01-10 · Approved: 2026-01-08 · Next review: 2027-01-10 · [Read the policy](POL-001.md)
"""


def test_a_policy_page_names_whom_to_ask_above_its_fields_and_its_text_below(pages: dict[str, str]) -> None:
    page = pages["policies/POL-001.md"]
    assert page.split("---\n\n", 1)[1].split("| Field | Value |")[0] == (
        "# POL-001 Policy title\n\n*Policy summary*\n\n!!! question \"Who to ask\"\n\n"
        "    Questions about this policy: [Owner Title](../contacts.md#owner): Owner Title Holder.\n\n")
    assert "## Policy\n\n[Policy](../glossary.md#policy) text.\n\n## Versions\n" in page
    assert page.endswith("## Revision history\n\n*Revision history unavailable: the site was built outside a full "
                         "git clone.*\n\n## Approval record\n\n*No approval recorded in the repository history.*\n")
    assert pages["policies/index.md"].endswith("does not apply yet.\n\n" + POLICY_INDEX_ENTRY)


@pytest.mark.parametrize(("status", "note"), [
    ("draft", '!!! warning "Draft"\n\n    This policy is a draft. It is not approved and does not apply yet.\n'),
    ("retired", '!!! note "Retired"\n\n    This policy has been retired and no longer applies.\n'),
])
def test_a_draft_or_retired_policy_says_so_first(status: str, note: str) -> None:
    pages = _render(_context(policy={"status": status}))
    assert f"# POL-001 Policy title\n\n{note}\n*Policy summary*\n" in pages["policies/POL-001.md"]
    effective = "not yet in effect" if status == "draft" else "2026-01-10"
    assert ("Effective from", effective) in field_rows(pages["policies/POL-001.md"])[0]
    assert f"{status}</span> · Owner: [Owner Title](../roles.md#owner) · Effective: {effective} · " \
           "Approved: 2026-01-08 ·" in pages["policies/index.md"]


def test_a_policy_without_a_summary_an_effective_date_or_an_approval_says_so() -> None:
    pages = _render(_context(policy={"summary": None, "effective": None, "approved_on": None}))
    page = pages["policies/POL-001.md"]
    assert "# POL-001 Policy title\n\n!!! question" in page and "description" not in front_matter(page)
    rows = dict(field_rows(page)[0])
    assert (rows["Effective from"], rows["Approved on"]) == ("not yet in effect", "not yet approved")
    assert "## POL-001 Policy title { #pol-001 }\n\n<span" in pages["policies/index.md"]
    assert "Effective: not yet in effect · Approved: not yet approved ·" in pages["policies/index.md"]


def test_a_policy_whose_owner_is_vacant_points_to_the_governance_lead() -> None:
    context = _context()
    context.repository.roles["owner"].data["holders"] = [{"name": "Owner (replace with the person's name)"}]
    page = _render(context)["policies/POL-001.md"]
    assert ("    Questions about this policy: [Owner Title](../contacts.md#owner): vacant; until someone is named, "
            "ask the [Lead Title](../contacts.md#lead): Lead Title Holder.\n") in page


class _Revision(t.NamedTuple):
    date: dt.datetime
    author: str
    subject: str
    short: str
    hexsha: str


def test_the_revision_history_lists_each_commit_linked_to_the_code_host() -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    revisions = [_Revision(dt.datetime(2026, 3, 4, 10, 0), "Kim Park", "Name <who> may grant exceptions", "0123456",
                           sha), _Revision(dt.datetime(2026, 3, 5, 9, 0), "Sam Lee", "", "89abcde", "not-a-sha")]
    table = policies.revision_table(revisions, {"site": {"repo_url": "https://github.com/acme/aims"}})
    assert table == (
        "Each row is a change committed to this document: the date it was committed, who wrote it, its title and its "
        "commit.\n\n| Date | Author | Change | Commit |\n|---|---|---|---|\n"
        f'| 2026-03-04 | Kim Park | <a href="https://github.com/acme/aims/commit/{sha}">Name &lt;who&gt; may grant '
        'exceptions</a> | <code>0123456</code> |\n'
        "| 2026-03-05 | Sam Lee | (no title) | <code>89abcde</code> |\n")
    assert "| Name &lt;who&gt; may grant exceptions |" in policies.revision_table(revisions[:1])
    assert policies.revision_table([]) == "*No committed revisions yet.*\n"
    assert policies.revision_table(None) == ("*Revision history unavailable: the site was built outside a full git "
                                             "clone.*\n")


def test_the_approval_record_shows_an_approval_only_for_the_text_approved() -> None:
    rows = [{"version": "1.0", "status": "approved", "as_approved": True, "approved_by": "Alex",
             "approved_on": "2026-01-08", "date": dt.datetime(2026, 1, 9, 12, 0)},
            {"version": "1.1", "status": "approved", "as_approved": True, "dated_after_merge": True},
            {"version": "1.2", "status": "approved", "as_approved": False, "approved_by": "Alex",
             "approved_on": "2026-02-01"},
            {"version": "1.3", "status": "draft", "approved_by": "Alex", "approved_on": "2026-03-01"},
            {"version": "1.4", "approved_by": "Alex"}]
    lines = policies.approval_table(rows).split("\n\n", 1)[1].splitlines()
    assert lines == ["| Version | Approved by | Approved on | Merged on | Text as approved |", "|---|---|---|---|---|",
                     "| 1.0 | Alex | 2026-01-08 | 2026-01-09 | yes |",
                     "| 1.1 | not named in the record | &nbsp; | &nbsp; | yes, dated after the merge |",
                     "| 1.2 | — &#40;not approved&#58; changed after its approval&#41; | &nbsp; | &nbsp; | no |",
                     "| 1.3 | — &#40;draft, not approved&#41; | &nbsp; | &nbsp; | — |",
                     "| 1.4 | — &#40;no status, not approved&#41; | &nbsp; | &nbsp; | — |"]
    assert policies.approval_table([]) == policies.approval_table(None) == (
        "*No approval recorded in the repository history.*\n")


def _people_context(lead: str = "lead") -> RenderContext:
    """The records, with an owner role whose every field is set, and a vacant guest role."""
    context = _context(manifest={"governance_lead": lead})
    roles = context.repository.roles
    roles["owner"].data.update({
        "reports_to": "lead", "description": "Owns things.", "responsibilities": ["Keep the register", "Report"],
        "authorities": ["approve-policy", "pause-ai-system", "approve-soa", "sign-dpia"],
        "competence": [{"requirement": "Knows ISO/IEC 42001"}, "not a mapping"],
        "holders": [{"name": "Olive Owner", "email": "olive@example.org", "channel": "https://chat.example.org/ai"},
                    {"name": "Second Person", "channel": "#owners"}]})
    roles["guest"].data["holders"] = [{"name": "Guest (replace with the person's name)"}]
    return context


OWNER_HOLDERS = ('- Olive Owner — <a href="mailto:olive@example.org">olive@example.org</a> · '
                 '<a href="https://chat.example.org/ai">https&#58;//chat.example.org/ai</a>\n'
                 "- Second Person — &#35;owners\n")
VACANT_GUEST = ("*Vacant: no one is named for this role yet.* Until someone is named, ask the "
                "[Lead Title](contacts.md#lead): Lead Title Holder.")


def test_the_roles_page_shows_each_role_and_who_owns_and_approves_what() -> None:
    page = roles.render(_people_context())["roles.md"]
    assert front_matter(page) == {"title": "Roles and responsibilities"}
    assert page.split("---\n\n", 1)[1].startswith(
        "# Roles and responsibilities\n\nWho does what in the AI management system (ISO/IEC 42001 5.3), and who "
        "holds each role. To reach someone, see the [contacts](contacts.md).\n\n## Approver Title { #approver }\n")
    headings = re.findall(r"(?m)^## (.*)$", page)
    assert headings == ["Approver Title { #approver }", "Chair Title { #chair }", "Guest Title { #guest }",
                        "Lead Title { #lead }", "Owner Title { #owner }", "Who owns and approves what"]
    assert f"## Guest Title {{ #guest }}\n\n**Held by**\n\n- {VACANT_GUEST}\n\n**Responsibilities**\n\n" \
           "None recorded.\n\n**May decide**\n\nNone recorded.\n\n**Competence needed**\n\nNone recorded.\n" in page
    assert ("## Owner Title { #owner }\n\nReports to the [Lead Title](roles.md#lead).\n\nOwns things.\n\n"
            f"**Held by**\n\n{OWNER_HOLDERS}\n**Responsibilities**\n\n- Keep the register\n- Report\n\n"
            "**May decide**\n\n- Approve policy\n- Pause AI system\n- Approve Statement of Applicability\n"
            "- Sign data protection impact assessment\n\n**Competence needed**\n\n- Knows ISO/IEC 42001\n") in page
    assert page.endswith("""\
## Who owns and approves what

**Responsible** owns and maintains the document or register; **Accountable** approves it. The governance lead is \
consulted on all of them, and the people who attend the management review are informed.

| Document or register | Responsible | Accountable |
|---|---|---|
| [POL-001 Policy title](policies/POL-001.md) | [Owner Title](roles.md#owner) | [Approver Title](roles.md#approver) |
| [AIA-001 Assessment title](impact-assessments/AIA-001.md) | [Owner Title](roles.md#owner) | \
[Approver Title](roles.md#approver) |
| [SYS-001 Sorter](systems/SYS-001.md) | [Owner Title](roles.md#owner) | [Owner Title](roles.md#owner) |
| [OBJ-001 Objective title](objectives.md#obj-001) | [Owner Title](roles.md#owner) | [Owner Title](roles.md#owner) |
| [Risks &#40;1&#41;](risks/index.md) | [Owner Title](roles.md#owner) | [Owner Title](roles.md#owner) |
""")


def test_who_owns_and_approves_what_counts_the_risks_of_each_owner_and_leaves_no_owner_blank() -> None:
    context = _context(policy={"owner": None}, system={"owner": "guest"},
                       **{kinds.IMPACT_ASSESSMENT.name: {"approver": None}})
    context.repository.records[kinds.RISK.name] += [
        _record(kinds.RISK, f"risks/RISK-00{n}.yaml", {**RISK, "id": f"RISK-00{n}", "owner": owner})
        for n, owner in ((2, "guest"), (3, "guest"))]
    page = roles.render(context)["roles.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert rows == [
        "| [POL-001 Policy title](policies/POL-001.md) | &nbsp; | &nbsp; |",
        "| [AIA-001 Assessment title](impact-assessments/AIA-001.md) | [Owner Title](roles.md#owner) | "
        "[Owner Title](roles.md#owner) |",
        "| [SYS-001 Sorter](systems/SYS-001.md) | [Guest Title](roles.md#guest) | [Guest Title](roles.md#guest) |",
        "| [OBJ-001 Objective title](objectives.md#obj-001) | [Owner Title](roles.md#owner) | "
        "[Owner Title](roles.md#owner) |",
        "| [Risks &#40;2&#41;](risks/index.md) | [Guest Title](roles.md#guest) | [Guest Title](roles.md#guest) |",
        "| [Risks &#40;1&#41;](risks/index.md) | [Owner Title](roles.md#owner) | [Owner Title](roles.md#owner) |"]
    empty = roles.render(RenderContext(Repository(Path("/nowhere"), {}), TODAY))["roles.md"]
    assert empty.endswith("informed.\n\nNo documents recorded yet.\n")


@pytest.mark.parametrize(("authority", "words"), [
    ("approve-policy", "Approve policy"), ("pause-ai-system", "Pause AI system"),
    ("approve-soa", "Approve Statement of Applicability"), ("sign-dpia", "Sign data protection impact assessment"),
    (" retrain-ai ", "Retrain AI"), ("maintain", "Maintain"), ("", ""),
])
def test_an_authority_is_read_as_words(authority: str, words: str) -> None:
    assert roles.authority_words(authority) == words


def test_the_contacts_page_puts_the_governance_lead_first_and_says_whom_to_ask_for_a_vacant_role() -> None:
    page = contacts.render(_people_context())["contacts.md"]
    assert front_matter(page) == {"title": "Contacts: who to ask for help", "search": {"boost": 10},
                                  "tags": ["who do I ask", "who to contact", "help"]}
    assert page.split("---\n\n", 1)[1] == f"""\
# Help and contacts: who to ask

Who do I ask for help with AI at work, and how do I reach them? For a question about a policy, ask its owner \
(named on the policy's page); for anything else, or to raise a concern about an AI system, ask the \
[Lead Title](roles.md#lead).

## Lead Title {{ #lead }}

- Lead Title Holder

More about this role: [responsibilities](roles.md#lead).

## Approver Title {{ #approver }}

- Approver Title Holder

More about this role: [responsibilities](roles.md#approver).

## Chair Title {{ #chair }}

- Chair Title Holder

More about this role: [responsibilities](roles.md#chair).

## Guest Title {{ #guest }}

{VACANT_GUEST}

More about this role: [responsibilities](roles.md#guest).

## Owner Title {{ #owner }}

Owns things.

{OWNER_HOLDERS}
More about this role: [responsibilities](roles.md#owner).
"""


def test_without_a_governance_lead_role_contacts_and_vacant_roles_name_none() -> None:
    context = _people_context(lead="nobody")
    page = contacts.render(context)["contacts.md"]
    assert "or to raise a concern about an AI system, ask the AI governance lead.\n" in page
    assert re.findall(r"(?m)^## (\w+)", page) == ["Approver", "Chair", "Guest", "Lead", "Owner"]
    assert "## Guest Title { #guest }\n\n*Vacant: no one is named for this role yet.*\n\nMore about" in page
    assert "- *Vacant: no one is named for this role yet.*\n\n**Responsibilities**" in \
        roles.render(context)["roles.md"]


def test_who_names_a_role_by_its_title_and_its_holders() -> None:
    link = _people_context().linker("policies/POL-001.md")
    assert people.who(link, "owner") == (
        '[Owner Title](../contacts.md#owner): Olive Owner — '
        '<a href="mailto:olive@example.org">olive@example.org</a> · '
        '<a href="https://chat.example.org/ai">https&#58;//chat.example.org/ai</a>; Second Person — &#35;owners')
    assert people.who(link, "guest") == ("[Guest Title](../contacts.md#guest): vacant; until someone is named, ask the "
                                         "[Lead Title](../contacts.md#lead): Lead Title Holder")
    assert people.who(link, "lead") == "[Lead Title](../contacts.md#lead): Lead Title Holder"
    assert people.who(link, "<b>cto</b>") == "&lt;b&gt;cto&lt;/b&gt;"
    assert people.who(link, None) == "&nbsp;"
    assert people.fallback(link, "lead") == ""
    assert people.holders(None) == [] and people.contact_routes({"email": "no-at-sign", "channel": " "}) == []


SCOPE_CONTEXT = {
    "organisation": {"name": "Acme", "description": "Acme makes things."},
    "scope": {"statement": "We cover `aims.yml` systems.", "boundaries": "Boundary text",
              "exclusions": [{"item": "Research", "justification": "Not live"}, "not a mapping"]},
    "context": {"internal_issues": ["Skills"], "external_issues": ["Regulation", "Markets"]},
    "interested_parties": [{"name": "Customers", "needs": "Fair outcomes", "addressed_by": ["POL-001", "SYS-001"]},
                           {"name": "Staff", "needs": "Guidance", "addressed_by": "POL-001"},
                           {"name": "Public", "needs": "Trust"}, "not a mapping"],
}


def test_the_scope_page_shows_the_scope_exclusions_issues_and_interested_parties() -> None:
    page = scope.render(_context(manifest=SCOPE_CONTEXT))["scope.md"]
    assert page == """\
---
title: Scope and context
---

# Scope and context

What the AI management system covers, what it leaves out, and the issues and people it takes into account \
(ISO/IEC 42001 4.1 to 4.3).

## The organisation

Acme makes things.

## What is in

We cover &#96;aims.yml&#96; systems.

## Where it stops

Boundary text

## What is left out, and why

| Left out | Why |
|---|---|
| Research | Not live |

## Issues we take into account

**Inside the organisation**

- Skills

**Outside the organisation**

- Regulation
- Markets

## Interested parties

| Who | What they need | Addressed by |
|---|---|---|
| Customers | Fair outcomes | [POL-001](policies/POL-001.md), [SYS-001](systems/SYS-001.md) |
| Staff | Guidance | [POL-001](policies/POL-001.md) |
| Public | Trust | &nbsp; |
"""


def test_an_empty_scope_says_what_is_not_recorded() -> None:
    empty = {"scope": "not a mapping", "context": None, "organisation": None}
    page = scope.render(_context(manifest=empty))["scope.md"]
    assert page.split("(ISO/IEC 42001 4.1 to 4.3).\n\n", 1)[1] == """\
## What is in

Not recorded yet.

## What is left out, and why

Nothing is left out.

## Issues we take into account

**Inside the organisation**

None recorded.

**Outside the organisation**

None recorded.

## Interested parties

None recorded.
"""


@pytest.mark.parametrize(("status", "due"), [
    ("open", f"2026-01-01 {OVERDUE}"), ("done", "2026-01-01"), ("completed", "2026-01-01"), ("closed", "2026-01-01"),
    ("cancelled", "2026-01-01"),
])
def test_a_treatment_action_past_its_due_date_is_overdue_until_it_is_finished(status: str, due: str) -> None:
    action = {"description": "Act", "owner": "owner", "due": "2026-01-01", "status": status}
    page = _render(_context(risk={"treatment": {"option": "modify", "actions": [action]}}))["risks/RISK-001.md"]
    assert f"| Act | [Owner Title](../roles.md#owner) | {due} | {status} |\n" in page


def test_a_risk_page_lists_each_assessment_that_cites_it() -> None:
    context = _context()
    context.repository.records[kinds.IMPACT_ASSESSMENT.name].append(_record(
        kinds.IMPACT_ASSESSMENT, "impact-assessments/AIA-002.md",
        {**ASSESSMENT, "id": "AIA-002", "title": "Second assessment",
         "impacts": [{"area": "safety", "risks": ["RISK-001", "RISK-001"]}]}))
    assert _render(context)["risks/RISK-001.md"].endswith(
        "## Impact assessments\n\n- [AIA-001 Assessment title](../impact-assessments/AIA-001.md)\n"
        "- [AIA-002 Second assessment](../impact-assessments/AIA-002.md)\n")


def test_an_empty_inventory_and_policy_list_say_so() -> None:
    pages = _render(_bare_context(kinds.MANIFEST.name))
    assert pages["systems/index.md"] == (
        "---\ntitle: AI systems\n---\n\n# AI systems\n\nThe AI systems of the inventory, and whether each is inside "
        "the scope of the AI management system.\n\nNo AI systems recorded yet.\n")
    assert pages["policies/index.md"] == (
        "---\ntitle: Policies\n---\n\n# Policies\n\nThe AI policies of the organisation: what each one is for, who "
        "owns it (ask them about it), and since when it applies. A policy takes effect on its "
        "[effective date](../glossary.md#effective-date) once it is approved; a [draft](../glossary.md#draft) does not "
        "apply yet.\n\nNo policies published yet.\n")


def test_a_system_without_its_optional_parts_says_there_are_none() -> None:
    page = _render(_bare_context())["systems/SYS-001.md"]
    assert _body(page, "## Affected parties\n") == (
        "## Affected parties\n\nNone recorded.\n\n## Data sources\n\nNone recorded.\n\n## Risks\n\nNo risks recorded.\n"
        "\n## Impact assessments\n\nNone recorded.\n\n## Controls\n\nNone recorded.\n")


def test_roles_are_listed_by_title() -> None:
    context = _context()
    context.repository.roles["approver"].data["title"] = "Zulu approver"
    headings = re.findall(r"(?m)^## (.*) \{", roles.render(context)["roles.md"])
    assert headings == ["Chair Title", "Guest Title", "Lead Title", "Owner Title", "Zulu approver"]


def test_a_policy_page_explains_its_dates_and_says_when_it_has_no_text(pages: dict[str, str]) -> None:
    explained = ("| **Clauses** | [5.2](../clauses.md#clause-5-2) |\n\n*Effective from* is the date the policy applies "
                 "from; *Approved on* is the date it was approved; it is reviewed again by its *Next review* date.\n\n"
                 "## Policy\n")
    assert explained in pages["policies/POL-001.md"]
    assert "## Policy\n\n*This policy has no text yet.*\n\n## Versions\n" in \
        _render(_bare_context())["policies/POL-001.md"]


def test_a_document_body_has_its_headings_moved_below_the_page_sections_but_not_in_code() -> None:
    body = ("# Purpose\n\nFirst line\nsecond line\n\n```\n# not a heading\n```\n\n~~~\n## nor this\n~~~\n\n"
            "## Scope\n")
    record = _record(kinds.POLICY, "policies/POL-001.md", POLICY, body)
    assert policies.body_markdown(record, "Empty.") == (
        "## Purpose\n\nFirst line\nsecond line\n\n```\n# not a heading\n```\n\n~~~\n## nor this\n~~~\n\n### Scope\n")
    assert policies.body_markdown(_record(kinds.POLICY, "policies/POL-001.md", POLICY, " \n"), "Empty.") == (
        "*Empty.*\n")


def test_the_approval_record_names_its_pull_request_merge_and_what_the_code_host_confirms() -> None:
    row = {"version": "1.0", "status": "approved", "as_approved": True, "approved_by": "Alex",
           "approved_on": "2026-01-08", "pull_request": "#12", "merged_by": "Sam", "date": "2026-01-09",
           "short": "abc1234", "host_evidence": "approved on the code host"}
    table = policies.approval_table([row])
    assert table.split("\n\n", 1)[0] == (
        "*Approved on* is the approval date written in the policy; *Merged on* is when that version reached the "
        "published main line; *On the code host* is whether the code host confirms the approval the file claims.")
    assert table.split("\n\n", 1)[1].splitlines() == [
        "| Version | Approved by | Approved on | Pull request | Merged by | Merged on | Merge commit "
        "| Text as approved | On the code host |", "|---|---|---|---|---|---|---|---|---|",
        "| 1.0 | Alex | 2026-01-08 | &#35;12 | Sam | 2026-01-09 | abc1234 | yes | approved on the code host |"]


def test_who_owns_and_approves_what_starts_with_the_statement_of_applicability() -> None:
    context = _context()
    soa = _record(kinds.SOA, "soa.yaml", {"owner": "lead", "approver": "chair"})
    context.repository.records[kinds.SOA.name] = [soa]
    rows = [line for line in roles.render(context)["roles.md"].splitlines() if line.startswith("| [")]
    assert rows[0] == ("| [Statement of Applicability](soa.md) | [Lead Title](roles.md#lead) | "
                       "[Chair Title](roles.md#chair) |")
    assert rows[1].startswith("| [POL-001 Policy title](policies/POL-001.md) |")


def test_a_vacant_role_names_every_holder_of_the_governance_lead_role() -> None:
    context = _people_context()
    context.repository.roles["lead"].data["holders"] = [{"name": "Lee One"}, {"name": "Lee Two", "channel": "#ai"}]
    link = context.linker("policies/POL-001.md")
    assert people.fallback(link, "guest") == (" until someone is named, ask the [Lead Title](../contacts.md#lead): "
                                              "Lee One; Lee Two — &#35;ai")
    assert people.who(link, "guest") == ("[Guest Title](../contacts.md#guest): vacant; until someone is named, ask "
                                         "the [Lead Title](../contacts.md#lead): Lee One; Lee Two — &#35;ai")


def test_roles_without_a_title_are_listed_by_their_id() -> None:
    context = _context()
    context.repository.records[kinds.ROLE.name] = [
        _record(kinds.ROLE, f"roles/{path}.yaml", {"id": role, "title": title})
        for path, role, title in (("a", "zulu", None), ("b", "alpha", None), ("c", "mike", "middle"))]
    assert re.findall(r"(?m)^## (.*) \{", roles.render(context)["roles.md"]) == ["alpha", "middle", "zulu"]


def test_a_record_whose_file_name_is_not_its_id_has_its_page_at_its_id() -> None:
    from aimskit.scan.results import LastScan

    context = _context(system={"code": ["acme/app"]})
    for name, path in ((kinds.SYSTEM.name, "systems/sorter.yaml"), (kinds.POLICY.name, "policies/ai-policy.md"),
                       (kinds.IMPACT_ASSESSMENT.name, "impact-assessments/sorter-dpia.md")):
        record = context.repository.records[name][0]
        context.repository.records[name] = [_record(record.kind, path, record.data, record.document.body)]
    context.last_scan = LastScan("2026-05-30", ("acme/app",), 0, {"SYS-001": [{"name": "openai"}]})
    pages = _render(context)
    assert {"systems/SYS-001.md", "policies/POL-001.md", "impact-assessments/AIA-001.md"} <= set(pages)
    assert not {"systems/sorter.md", "policies/ai-policy.md", "impact-assessments/sorter-dpia.md"} & set(pages)
    system = pages["systems/SYS-001.md"]
    assert "| [RISK-001](../risks/RISK-001.md) | [Risk title](../risks/RISK-001.md) |" in system
    assert "- [AIA-001 Assessment title](../impact-assessments/AIA-001.md)\n" in system
    assert "| openai | &nbsp; | &nbsp; | &nbsp; | &nbsp; | &nbsp; |\n" in system


def test_a_risk_of_several_systems_names_each_by_its_name() -> None:
    page = _render(_context(risk={"systems": ["SYS-001", "SYS-009"]}))["risks/RISK-001.md"]
    assert ("AI systems", "[Sorter](../systems/SYS-001.md), SYS-009") in field_rows(page)[0]
