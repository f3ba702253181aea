"""The readiness tests' repository: valid, and meeting most documented-information items."""

from __future__ import annotations

from pathlib import Path

import pytest
from aims_builder import FUTURE, MANIFEST, AimsRepo


@pytest.fixture
def aims(tmp_path: Path) -> AimsRepo:
    """A valid repository that meets most documented-information items."""
    repo = AimsRepo(tmp_path)
    repo.write("aims.yml", MANIFEST)
    repo.role("ai-governance-lead")
    repo.role("top-management")
    repo.role("ml-lead", authorities=[], competence=[{"requirement": "ML fairness", "evidence": "Course 2025"}])
    repo.system("SYS-001", "high")
    repo.system("SYS-002", "minimal")
    repo.risk()
    repo.risk("RISK-002", systems=["SYS-002"], likelihood=2, impact=2, residual={"likelihood": 1, "impact": 2})
    repo.assessment()
    repo.policy()
    repo.soa(A_2_2={"status": "implemented", "implemented_by": ["POL-001"]},
             A_10_4={"applicable": False, "status": "excluded", "justification": "No customers."})
    repo.write("objectives/OBJ-001.yaml", {
        "id": "OBJ-001", "title": "Fairness tested", "measure": "Share of releases tested", "target": "100%",
        "owner": "ml-lead", "due": FUTURE, "status": "on-track",
        "progress": [{"date": "2026-03-01", "value": "80%"}]})
    repo.write("records/audits/AUD-001.yaml", {
        "id": "AUD-001", "title": "Internal audit 2026", "type": "internal", "scope": "Whole AIMS",
        "lead_auditor": "Jo Auditor", "planned": "2026-04-01", "performed": "2026-04-02", "status": "completed",
        "controls": ["A.2.2"], "findings": [{"type": "observation", "description": "The AI policy is known to staff."}]})
    repo.write("records/management-reviews/MR-001.yaml", {
        "id": "MR-001", "title": "Review 2026", "date": "2026-05-01", "chair": "top-management",
        "attendees": ["ai-governance-lead"], "inputs": [{"topic": "Audit", "summary": "Two findings."}],
        "decisions": ["Fund a second reviewer for SYS-001."],
        "status": "held"})
    repo.write("records/nonconformities/NC-001.yaml", {
        "id": "NC-001", "title": "Missed review", "description": "A policy review was late.",
        "raised": "2026-04-02", "closed": "2026-05-02", "owner": "ai-governance-lead",
        "severity": "minor", "status": "closed",
        "corrective_actions": [{"description": "Calendar reminders", "owner": "ai-governance-lead",
                                "due": "2026-05-01", "status": "done"}]})
    return repo
