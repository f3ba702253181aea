"""Which roles a change needs, from the records at its base and head (no git needed)."""

from __future__ import annotations

from pathlib import Path

from aimskit.approvals.needs import process_kind, required_approvals
from aimskit.records.model import load_repository

MANIFEST = 'schema_version: "1"\ngovernance_lead: ai-governance-lead\n'
RISK = """\
id: RISK-001
title: Wrong answers
owner: ml-lead
residual: {likelihood: 4, impact: 4}
treatment: {option: retain}
acceptance: {by: executive-sponsor, date: "2026-01-01", rationale: "Cheap to fix"}
"""


def repo(tmp_path: Path, name: str, files: dict[str, str]):
    root = tmp_path / name
    for path, text in {"aims.yml": MANIFEST, **files}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return load_repository(root)


def roles(needs) -> dict[str, list[str]]:
    return {need.role: need.reasons for need in needs}


def test_a_change_to_an_accepted_risk_needs_the_accepting_role(tmp_path):
    base = repo(tmp_path, "base", {"risks/RISK-001.yaml": RISK})
    head = repo(tmp_path, "head", {"risks/RISK-001.yaml": RISK.replace("option: retain", "option: share")})
    assert roles(required_approvals(base, head)) == {"executive-sponsor": ["change to accepted RISK-001"]}
    moved = repo(tmp_path, "moved", {"risks/RISK-001.yaml": RISK.replace("by: executive-sponsor", "by: ml-lead")})
    assert roles(required_approvals(base, moved)) == {"ml-lead": ["acceptance of RISK-001"],
                                                      "executive-sponsor": ["acceptance of RISK-001"]}


def test_nothing_is_needed_for_an_unchanged_repository_or_a_draft(tmp_path):
    base = repo(tmp_path, "base", {"risks/RISK-001.yaml": RISK, "policies/POL-001.md":
                                   "---\nid: POL-001\nstatus: draft\napprover: executive-sponsor\n---\nText.\n"})
    head = repo(tmp_path, "head", {"risks/RISK-001.yaml": RISK, "policies/POL-001.md":
                                   "---\nid: POL-001\nstatus: draft\napprover: executive-sponsor\n---\nNew text.\n"})
    assert required_approvals(base, base) == [] and required_approvals(base, head) == []


def test_process_files_and_the_risk_method_need_the_governance_lead(tmp_path):
    base = repo(tmp_path, "base", {})
    head = repo(tmp_path, "head", {"aims.yml": MANIFEST + "risk_method: {appetite: 20}\n"})
    needs = required_approvals(base, head, [".github/workflows/aims.yml", "requirements.txt"])
    assert roles(needs) == {"ai-governance-lead": ["aims.yml risk_method changed",
                                                   "CI workflow .github/workflows/aims.yml changed",
                                                   "dependencies requirements.txt changed"]}
    assert [process_kind(p) for p in (".github/CODEOWNERS", "sub/.gitlab-ci.yml", "schemas/risk.schema.json",
                                      "mkdocs.yml", ".pre-commit-config.yaml", "policies/POL-001.md")] == [
        "CODEOWNERS", "CI workflow", "schemas", "site configuration", "dependencies", None]


def test_the_lock_input_and_the_committed_wheel_are_dependencies(tmp_path):
    assert [process_kind(p) for p in ("requirements.in", ".aimskit/wheels/aimskit-0.1.0-py3-none-any.whl",
                                      ".aimskit/wheels/SHA256SUMS", ".aimskit/cache.txt")] == [
        "dependencies", "dependencies", "dependencies", None]
