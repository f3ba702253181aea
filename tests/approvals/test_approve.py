"""``aimskit approve``: the approval's bookkeeping written into the record, nothing else touched."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from aimskit.approvals.stamp import ApprovalRefused, approve
from aimskit.cli import main
from aimskit.governance import approval

POLICY = """\
---
# The AI policy (a comment that must survive)
id: POL-001
title: AI policy
owner: ai-governance-lead
approver: executive-sponsor
version: "1.0"
status: draft
effective: "2026-01-01"
next_review: "2027-01-01"
---

We use AI responsibly.
"""

RISK = """\
id: RISK-001
title: Wrong answers
description: The assistant may state wrong facts.
systems: [SYS-001]
source: C.3.2
owner: ai-governance-lead
likelihood: 4
impact: 3
treatment:
  option: retain
residual:
  likelihood: 4
  impact: 3
acceptance:
  by: executive-sponsor
  date: "2025-01-01"
  rationale: Staff check every answer.
status: accepted
identified: "2025-01-01"
next_review: "2099-01-01"
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "aims.yml").write_text("schema_version: \"1\"\n", encoding="utf-8")
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "POL-001.md").write_text(POLICY, encoding="utf-8")
    (tmp_path / "risks").mkdir()
    (tmp_path / "risks" / "RISK-001.yaml").write_text(RISK, encoding="utf-8")
    return tmp_path


def test_approve_writes_status_version_date_and_digest_and_nothing_else(repo: Path) -> None:
    stamped = approve(repo, "POL-001", dt.date(2026, 3, 4), version="1.1")
    body_and_fields = ('{"body":"We use AI responsibly.","fields":{"approver":"executive-sponsor",'
                       '"effective":"2026-01-01","id":"POL-001","owner":"ai-governance-lead","title":"AI policy"}}')
    digest = "sha256:" + hashlib.sha256(body_and_fields.encode()).hexdigest()
    assert stamped.digest == digest
    assert (repo / "policies" / "POL-001.md").read_text(encoding="utf-8") == POLICY.replace(
        'version: "1.0"', 'version: "1.1"').replace("status: draft", "status: approved").replace(
        'next_review: "2027-01-01"\n',
        f'next_review: "2027-01-01"\napproved_on: "2026-03-04"\napproval:\n  version: "1.1"\n  digest: {digest}\n')


def test_approving_again_replaces_the_approval_in_place(repo: Path) -> None:
    approve(repo, "POL-001", dt.date(2026, 3, 4))
    path = repo / "policies" / "POL-001.md"
    path.write_text(path.read_text(encoding="utf-8").replace("responsibly", "lawfully"), encoding="utf-8")
    second = approve(repo, "POL-001", dt.date(2026, 4, 5), version="1.1")
    text = path.read_text(encoding="utf-8")
    assert text.count("approval:") == 1 and text.count("approved_on:") == 1
    assert 'approved_on: "2026-04-05"' in text and f"  digest: {second.digest}" in text


def test_approve_a_risk_acceptance_dates_and_digests_it(repo: Path) -> None:
    approve(repo, "RISK-001", dt.date(2026, 3, 4))
    expected = "sha256:" + hashlib.sha256(
        b'{"by":"executive-sponsor","rationale":"Staff check every answer.","residual":{"impact":3,"likelihood":4}}'
    ).hexdigest()
    assert (repo / "risks" / "RISK-001.yaml").read_text(encoding="utf-8") == RISK.replace(
        'date: "2025-01-01"\n  rationale: Staff check every answer.\n',
        f'date: "2026-03-04"\n  rationale: Staff check every answer.\n  digest: {expected}\n')
    assert approval.acceptance_digest({"residual": {"likelihood": 4, "impact": 3},
                                       "acceptance": {"by": "executive-sponsor",
                                                      "rationale": "Staff check every answer."}}) == expected


def test_a_record_with_errors_is_refused_and_left_untouched(repo: Path) -> None:
    path = repo / "policies" / "POL-001.md"
    broken = POLICY.replace('version: "1.0"', "version: one")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ApprovalRefused, match="has errors"):
        approve(repo, "POL-001", dt.date(2026, 3, 4))
    assert path.read_text(encoding="utf-8") == broken


def test_the_command_exit_codes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--repo", str(repo), "approve", "POL-404"]) == 2
    assert "no record 'POL-404'" in capsys.readouterr().err
    assert main(["--repo", str(repo), "approve", "POL-001", "--version", "v2"]) == 2
    assert main(["--repo", str(repo), "approve", "POL-001", "--date", "2026-02-03"]) == 0
    assert "POL-001 version 1.0 approved on 2026-02-03" in capsys.readouterr().err


def test_approving_an_acceptance_says_which_date_it_replaces(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--repo", str(repo), "approve", "RISK-001", "--date", "2026-03-04"]) == 0
    assert ("risks/RISK-001.yaml: RISK-001 acceptance approved on 2026-03-04, replacing the date 2025-01-01 it had"
            in capsys.readouterr().err)
    assert main(["--repo", str(repo), "approve", "RISK-001", "--date", "2026-03-04"]) == 0
    assert "replacing" not in capsys.readouterr().err  # the same date again replaces nothing
