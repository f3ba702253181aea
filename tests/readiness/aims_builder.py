"""Writes a small AIMS repository record by record, for the readiness tests to change."""

from __future__ import annotations

import datetime as dt
import typing as t
from pathlib import Path

import yaml

from aimskit import reference
from aimskit.governance import approval

TODAY = dt.date(2026, 6, 15)
FUTURE = "2027-06-30"
PAST = "2026-01-31"
EVIDENCE = {"requirement": "AI governance", "record": "Training certificate", "date": "2026-02-01",
            "location": {"url": "https://training.example/certificates/1", "description": "Course certificate",
                         "date": "2026-02-01"}}

MANIFEST = {
    "schema_version": "1",
    "organisation": {"name": "Readiness Test Ltd", "sector": "technology", "ai_role": "both"},
    "scope": {"statement": "The AI systems that Readiness Test Ltd builds and runs."},
    "context": {"internal_issues": ["One team runs every model."], "external_issues": ["Customers ask for reasons."]},
    "interested_parties": [{"name": "Customers", "needs": "Fair decisions."}],
    "risk_method": {
        "matrix": "5x5",
        "likelihood": [{"value": v, "label": f"L{v}"} for v in range(1, 6)],
        "impact": [{"value": v, "label": f"I{v}"} for v in range(1, 6)],
        "levels": [{"name": "low", "min": 1, "max": 4}, {"name": "medium", "min": 5, "max": 9},
                   {"name": "high", "min": 10, "max": 16}, {"name": "critical", "min": 17, "max": 25}],
        "appetite": 9,
    },
    "external_documents": [{"title": "EU AI Act", "source": {
        "url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj", "description": "Official Journal text",
        "date": "2026-03-01"},
                            "version": "OJ L 2024/1689", "owner": "ai-governance-lead", "reviewed": "2026-03-01"}],
    "review": {"cycle_months": 12},
    "governance_lead": "ai-governance-lead",
}


def with_approval(data: dict[str, t.Any], body: str | None) -> dict[str, t.Any]:
    """``data`` with what ``aimskit approve`` records: an approved document's approval and date, an
    acceptance's digest (unless the test gives them)."""
    if data.get("status") == "approved" and "version" in data and "approval" not in data:
        data = {"approved_on": "2026-02-01", **data,
                "approval": {"version": data["version"], "digest": approval.content_digest(data, body)}}
    if isinstance(data.get("acceptance"), dict) and "digest" not in data["acceptance"]:
        data = {**data, "acceptance": {**data["acceptance"], "digest": approval.acceptance_digest(data)}}
    return data


class AimsRepo:
    """An AIMS repository in a temporary folder; ``write`` replaces one record."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, path: str, data: dict[str, t.Any], body: str | None = None) -> Path:
        data = with_approval(data, body)
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
        target.write_text(text if body is None else f"---\n{text}---\n\n{body}\n", encoding="utf-8")
        return target

    def policy(self, record_id: str = "POL-001", **fields: t.Any) -> Path:
        data = {"id": record_id, "title": "AI policy", "owner": "ai-governance-lead", "approver": "top-management",
                "version": "1.0", "status": "approved", "effective": "2026-01-01", "approved_on": "2026-01-01",
                "next_review": FUTURE,
                "controls": ["A.2.2"], "clauses": ["5.2"]} | fields
        return self.write(f"policies/{record_id}.md", data, "# AI policy\n\nWe use AI responsibly.")

    def role(self, role_id: str, **fields: t.Any) -> Path:
        data = {"id": role_id, "title": role_id.replace("-", " ").title(), "responsibilities": ["Runs things."],
                "authorities": ["accept-risk", "approve-policy", "approve-impact-assessment", "approve-soa"],
                "holders": [{"name": "Sam Rivera", "handle": "@sam-rivera",
                             "competence_evidence": [EVIDENCE]}]} | fields
        return self.write(f"roles/{role_id}.yaml", data)

    def system(self, record_id: str, tier: str, **fields: t.Any) -> Path:
        data = {"id": record_id, "name": f"System {record_id}", "purpose": "Scores applications.",
                "intended_use": "Assist staff.", "owner": "ml-lead", "lifecycle_stage": "operation",
                "provider": "in-house", "affected_parties": ["Applicants"], "human_oversight": "A person decides.",
                "eu_ai_act": {"tier": tier, "rationale": "Annex III use."},
                "data_sources": [{"name": "Applications", "provenance": "Collected from applicants."}],
                "next_review": FUTURE} | fields
        return self.write(f"systems/{record_id}.yaml", data)

    def risk(self, record_id: str = "RISK-001", **fields: t.Any) -> Path:
        data = {"id": record_id, "title": "Unfair outcomes", "description": "Scores differ by group.",
                "systems": ["SYS-001"], "source": "C.3.1",
                "owner": "ml-lead", "likelihood": 4, "impact": 4,
                "treatment": {"option": "modify", "controls": ["A.2.2"],
                              "actions": [{"description": "Bias tests", "owner": "ml-lead", "due": "2026-03-01",
                                           "status": "done"}],
                              "approved_by": "ai-governance-lead", "approved_on": "2026-01-20"},
                "residual": {"likelihood": 2, "impact": 2,
                             "achieved": {"likelihood": 2, "impact": 2, "checked": "2026-03-10",
                                          "evidence": {"url": "https://tests.example/bias/1",
                                                       "description": "Bias test report", "date": "2026-03-10"}}}, "status": "treating", "identified": "2026-01-10",
                "next_review": FUTURE} | fields
        return self.write(f"risks/{record_id}.yaml", data)

    def assessment(self, record_id: str = "AIA-001", **fields: t.Any) -> Path:
        data = {"id": record_id, "title": "Scoring impact", "systems": ["SYS-001"], "owner": "ml-lead",
                "approver": "ai-governance-lead", "version": "1.0", "status": "approved", "assessed": "2026-02-01",
                "next_review": FUTURE, "affected_parties": ["Applicants"],
                "impacts": [{"area": "fairness", "description": "Unequal outcomes.", "severity": "high"}]} | fields
        return self.write(f"impact-assessments/{record_id}.md", data, "# Impact\n\nNarrative.")

    def soa(self, status: str = "approved", drop: tuple[str, ...] = (), **overrides: dict[str, t.Any]) -> Path:
        entries = []
        for control in reference.controls():
            if control in drop:
                continue
            entry = {"control": control, "applicable": True, "justification": "Needed.", "status": "planned"}
            entries.append(entry | overrides.get(control.replace(".", "_"), {}))
        data = {"version": "1.0", "status": status, "owner": "ai-governance-lead", "approver": "top-management",
                "next_review": FUTURE, "controls": entries}
        if status == "approved":
            data["approved_on"] = "2026-01-05"
        return self.write("soa.yaml", data)
