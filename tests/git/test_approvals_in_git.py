"""Approvals on real git repositories: feature branches, ``--no-ff`` merges, a main that moves on.

Each case asserts the finding ``validate`` gives, the text ``diff`` shows and the gate's verdict
against a local code host replaying GitHub's JSON.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from fakehost import commits_of

from aimskit import rules
from aimskit.approvals.stamp import approve
from aimskit.cli import main
from aimskit.diff.compare import compare
from aimskit.diff.report import markdown
from aimskit.rules.validation import validate

BOB, GINA, TOM = "bob", "gina", "tom"  # an engineer; the AI governance lead; top management


@pytest.fixture
def aims(gov):
    """The AIMS with people (not a team) holding top management, and CODEOWNERS generated."""
    gov.replace("roles/top-management.yaml", 'handle: "@example/board"', 'handle: "@tom"')
    gov.write("roles/engineer.yaml", "id: engineer\ntitle: Engineer\nresponsibilities: [build]\nauthorities: [build]\n"
              "holders:\n  - {name: Bob Builder, handle: \"@bob\"}\n")
    assert main(["--repo", str(gov.root), "codeowners"]) == 0
    gov.write(".github/workflows/aims.yml", "on: pull_request\npermissions: {}\njobs:\n  check:\n"
              "    runs-on: ubuntu-latest\n    permissions: {contents: read}\n    steps:\n"
              "      - run: aimskit validate\n")
    gov.write("requirements.txt", "aimskit==0.1.0\n")
    gov.commit("People hold the roles; CI and CODEOWNERS")
    return gov


def branch(gov, name: str) -> None:
    gov.repo.git.checkout("-q", "-b", name)


def codes(gov) -> list[tuple[str, str, int]]:
    return [(f.code, f.path, f.line) for f in validate(gov.root, rules.Options(today=dt.date(2026, 6, 1))).findings
            if f.severity.value == "error"]


def gate(gov, host, monkeypatch, capsys, reviews, author=BOB, number=7):
    """Run ``aimskit gate`` for a pull request from main to the checked-out branch."""
    tip = gov.repo.commit("main").hexsha
    head = gov.repo.head.commit.hexsha
    base = gov.repo.merge_base(tip, head)[0].hexsha
    host.github_pull(number, author, base, head, [(login, state, sha or head) for login, state, sha in reviews])
    host.github_branch("main", tip)
    host.github_commits(number, commits_of(gov.repo, base, head, {f"{n}@example.com": n for n in (BOB, GINA, TOM)}))
    for name, value in {"GITHUB_API_URL": host.url, "GITHUB_REPOSITORY": "example/aims",
                        "GITHUB_TOKEN": "ghs_test"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code = main(["--repo", str(gov.root), "gate", "--host", "github", "--request", str(number)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_silent_edit_is_an_error_and_needs_the_approver(aims, fake_host, monkeypatch, capsys):
    branch(aims, "change/policy")
    aims.replace("policies/POL-001.md", "We use AI responsibly.", "We use AI as we see fit.")
    aims.commit("Reword the AI policy", author="Bob Builder")
    assert codes(aims) == [("AIMS702", "policies/POL-001.md", 13)]
    text = markdown(compare(aims.root, "main...change/policy"))
    assert text.index("### Approvals this change needs") < text.index("### Changed (1)")
    assert "| top-management | Tom Boss (@tom) | change to approved POL-001 version 1.0 |" in text
    assert "| error | AIMS702 | POL-001 changed since version 1.0 was approved |" in text
    code, out, _ = gate(aims, fake_host, monkeypatch, capsys, [(GINA, "APPROVED", None)])
    assert code == 1 and "| top-management |" in out and "❌ no holder has approved" in out


def test_a_version_bump_needs_a_new_approval(aims, fake_host, monkeypatch, capsys):
    branch(aims, "policy-1.1")
    aims.replace("policies/POL-001.md", '\nversion: "1.0"', '\nversion: "1.1"')
    aims.replace("policies/POL-001.md", "Every system has an owner.", "Every system has an owner and a deputy.")
    aims.commit("AI policy 1.1", author="Bob Builder")
    assert codes(aims) == [("AIMS703", "policies/POL-001.md", 6)]
    comparison = compare(aims.root, "main...policy-1.1")
    assert [(f.code, f.message) for f in comparison.new_findings if f.code == "AIMS707"] == [
        ("AIMS707", "POL-001 version 1.0 → 1.1 keeps the approval date 2026-01-05")]
    # the approver approves on the host, the author records it: validate is clean, the gate passes
    approve(aims.root, "POL-001", dt.date(2026, 5, 2), by="@tom")
    aims.commit("Record Tom's approval of the AI policy 1.1", author="Bob Builder")
    assert codes(aims) == []
    text = (aims.root / "policies/POL-001.md").read_text()
    assert 'approved_on: "2026-05-02"' in text and 'handle: "@tom"' in text and 'role: "top-management"' in text
    assert gate(aims, fake_host, monkeypatch, capsys, [(TOM, "APPROVED", None)])[0] == 0
    # an approval made before a later commit is not an approval of the head (GitHub: commit_id)
    earlier = aims.repo.head.commit.hexsha
    aims.replace("policies/POL-001.md", "Every system has an owner and a deputy.", "Every system has two owners.")
    approve(aims.root, "POL-001", dt.date(2026, 5, 3), by="@tom")
    aims.commit("Another change after the approval", author="Bob Builder")
    code, out, _ = gate(aims, fake_host, monkeypatch, capsys, [(TOM, "APPROVED", earlier)])
    assert code == 1 and "approved an earlier commit" in out
    assert "names @tom as its approver, who has not approved the head commit" in out


def test_an_acceptance_in_another_roles_name_needs_that_role(aims, fake_host, monkeypatch, capsys):
    branch(aims, "accept-risk")
    aims.replace("risks/RISK-001.yaml", "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 4, impact: 3}")
    aims.replace("risks/RISK-001.yaml", "status: treating",
                 'acceptance:\n  by: top-management\n  date: "2026-05-01"\n  rationale: "Cost of further controls"\n'
                 "status: accepted")
    approve(aims.root, "RISK-001", dt.date(2026, 5, 1))
    aims.commit("Accept RISK-001 at 12", author="Gina Lead")
    assert codes(aims) == []
    text = markdown(compare(aims.root, "main...accept-risk"))
    assert ("| top-management | Tom Boss (@tom) | acceptance of RISK-001; residual of RISK-001 6 → 12, above the "
            "appetite (8) |") in text
    # the risk owner approving her own acceptance in top management's name does not pass
    code, out, _ = gate(aims, fake_host, monkeypatch, capsys, [(BOB, "APPROVED", None)], author=GINA)
    assert code == 1 and "no holder has approved" in out
    assert gate(aims, fake_host, monkeypatch, capsys, [(TOM, "APPROVED", None)], author=GINA)[0] == 0
    # changing the accepted rationale afterwards is an error until it is accepted again
    aims.replace("risks/RISK-001.yaml", "Cost of further controls", "We do not care")
    assert codes(aims) == [("AIMS706", "risks/RISK-001.yaml", 15)]


def test_a_codeowners_override_is_a_process_change_for_the_lead(aims, fake_host, monkeypatch, capsys):
    branch(aims, "owners")
    path = aims.root / ".github/CODEOWNERS"
    number = len(path.read_text().splitlines()) + 1
    path.write_text(path.read_text() + "/policies/POL-001.md @bob\n")
    aims.commit("Route the AI policy to me", author="Bob Builder")
    assert main(["--repo", str(aims.root), "codeowners", "--check"]) == 1
    capsys.readouterr()
    text = markdown(compare(aims.root, "main...owners"))
    assert text.index("### ⚠️ Process and control files (1)") < text.index("**")
    assert "#### CODEOWNERS: .github/CODEOWNERS — changed" in text
    assert f"- ⚠️ line {number} after the generated block overrides it: /policies/POL-001.md @bob" in text
    assert "+/policies/POL-001.md @bob" in text
    assert "| ai-governance-lead | Gina Lead (@gina) | CODEOWNERS .github/CODEOWNERS changed |" in text
    code, out, _ = gate(aims, fake_host, monkeypatch, capsys, [(BOB, "APPROVED", None)])
    assert code == 1  # the author's own approval does not count
    code, out, _ = gate(aims, fake_host, monkeypatch, capsys, [(GINA, "APPROVED", None)], author=GINA)
    assert code == 1 and "the author is the only holder of 'ai-governance-lead'" in out


def test_a_weakened_workflow_and_a_forked_requirement_are_shown(aims):
    branch(aims, "ci")
    aims.replace(".github/workflows/aims.yml", "run: aimskit validate", "run: aimskit validate || true")
    aims.write("requirements.txt", "aimskit @ git+https://github.com/someone/aimskit-fork\n")
    aims.commit("Speed up CI", author="Bob Builder")
    text = markdown(compare(aims.root, "main...ci"))
    assert "No governance changes." not in text
    assert "#### CI workflow: .github/workflows/aims.yml — changed" in text
    assert r"- ⚠️ a command now ends in '\|\| true': its failure no longer fails the check" in text
    assert "-      - run: aimskit validate\n+      - run: aimskit validate || true" in text
    assert "#### dependencies: requirements.txt — changed" in text
    assert "+aimskit @ git+https://github.com/someone/aimskit-fork" in text
    assert ("| ai-governance-lead | Gina Lead (@gina) | CI workflow .github/workflows/aims.yml changed; "
            "dependencies requirements.txt changed |") in text


def test_an_exclusion_with_a_stale_justification(aims):
    branch(aims, "exclude")
    aims.replace("soa.yaml", '{control: A.6.2.4, applicable: true, justification: "needed", status: planned}',
                 '{control: A.6.2.4, applicable: false, justification: "needed", status: excluded}')
    aims.commit("Exclude A.6.2.4", author="Bob Builder")
    assert ("AIMS702", "soa.yaml", 46) in codes(aims)
    assert ("AIMS405", "risks/RISK-001.yaml", 9) in codes(aims)
    text = markdown(compare(aims.root, "main...exclude"))
    assert ("### SoA decisions (1)\n\n- **A.6.2.4**: applicable → excluded\n"
            "  - justification (unchanged): needed\n"
            "  - ⚠️ the decision flipped but its justification did not change\n"
            "  - ⚠️ excluded, yet used as a treatment by RISK-001, RISK-002\n") in text
    assert "| top-management | Tom Boss (@tom) | change to approved the SoA version 1.0; SoA exclusion of A.6.2.4 |" \
        in text


def test_a_rename_with_a_moderate_edit_is_a_rename(aims):
    branch(aims, "renumber")
    aims.repo.git.mv("policies/POL-001.md", "policies/POL-011.md")
    aims.replace("policies/POL-011.md", "id: POL-001", "id: POL-011")
    aims.replace("policies/POL-011.md", "We use AI responsibly.", "We use AI responsibly, lawfully and openly.")
    aims.replace("policies/POL-011.md", "Every system has an owner.", "Every system has an owner and a deputy.")
    aims.commit("Renumber and revise the AI policy", author="Bob Builder")
    # more than git's 50% similar, less than 80%: the old threshold saw an add and a remove
    assert "R" not in aims.repo.git.diff("--name-status", "-M80%", "main", "renumber").split()[0]
    by_id = {c.id: c for c in compare(aims.root, "main...renumber").changes}
    assert "POL-001" not in by_id
    assert by_id["POL-011"].status == "renamed" and by_id["POL-011"].old_path == "policies/POL-001.md"


def test_diverged_branches_compare_from_the_merge_base(aims, capsys):
    branch(aims, "feature")
    aims.replace("risks/RISK-001.yaml", "status: treating", "status: closed")
    aims.commit("Close RISK-001", author="Bob Builder")
    aims.repo.git.checkout("-q", "main")
    branch(aims, "other")
    aims.replace("risks/RISK-002.yaml", "status: treating", "status: closed")
    aims.commit("Close RISK-002", author="Gina Lead")
    aims.repo.git.checkout("-q", "main")
    aims.merge("other", "Merge pull request #5 from example/other")
    for args in (["main...feature"], ["main", "feature"]):
        assert main(["--repo", str(aims.root), "diff", *args]) == 0
        out = capsys.readouterr().out
        assert "(merge base " in out and "#### RISK-001" in out and "RISK-002" not in out
    assert main(["--repo", str(aims.root), "diff", "main..feature"]) == 0
    out = capsys.readouterr().out
    assert "#### RISK-002" in out and "| status | closed | treating |" in out  # tip to tip: main's change reverted


def test_a_removed_record_is_named_in_the_hints(aims):
    branch(aims, "drop-system")
    os.remove(aims.root / "systems/SYS-001.yaml")
    aims.commit("Retire the support assistant", author="Bob Builder")
    comparison = compare(aims.root, "main...drop-system")
    hints = {f.hint for f in comparison.new_findings if f.code == "AIMS204"}
    assert hints == {"SYS-001 is removed by this change; remove this reference as well, or keep the record"}


def test_holders_read_as_words_and_resolved_findings_are_listed(aims):
    branch(aims, "holders")
    aims.replace("roles/top-management.yaml", '{name: "Tom Boss", handle: "@tom"}',
                 '{name: "Sam Patel", handle: "@sam-patel"}')
    aims.replace("risks/RISK-002.yaml", "owner: ai-governance-lead", "owner: nobody")
    aims.commit("New top management; break an owner", author="Bob Builder")
    branch(aims, "fix")
    aims.replace("risks/RISK-002.yaml", "owner: nobody", "owner: ai-governance-lead")
    aims.commit("Fix the owner", author="Bob Builder")
    text = markdown(compare(aims.root, "main...holders"))
    assert "| holders | Tom Boss (@tom) | Sam Patel (@sam-patel) |" in text
    assert ("| ai-governance-lead | Gina Lead (@gina) | role top-management: holders changed; owner of RISK-002 "
            "changed: ai-governance-lead → nobody |") in text
    fixed = markdown(compare(aims.root, "holders...fix"))
    assert "### Resolved findings (1)" in fixed and "AIMS203" in fixed


def test_the_approval_record_names_people_and_never_shows_an_unapproved_edit(aims):
    from aimskit.export.tables import approval_table as export_rows
    from aimskit.git import approval_rows
    from aimskit.site.render.policies import approval_table

    branch(aims, "silent")
    aims.replace("policies/POL-001.md", "We use AI responsibly.", "We use AI as we see fit.")
    aims.commit("Reword the AI policy", author="Bob Builder")
    aims.repo.git.checkout("-q", "main")
    aims.merge("silent", "Merge pull request #11 from example/silent")
    branch(aims, "policy-1.1")
    aims.replace("policies/POL-001.md", "We use AI as we see fit.", "We use AI responsibly and lawfully.")
    approve(aims.root, "POL-001", dt.date(2026, 5, 2), version="1.1", by="@tom")
    aims.commit("AI policy 1.1", author="Bob Builder")
    aims.repo.git.checkout("-q", "main")
    aims.merge("policy-1.1", "Merge pull request #12 from example/policy-1.1")

    rows = approval_rows(aims.root, "policies/POL-001.md")
    assert [(r["version"], r["pull_request"], r["is_approval"], r["approved_by"]) for r in rows] == [
        ("1.1", "12", True, "Tom Boss (@tom), top-management"),
        ("1.0", "11", False, None),  # the silent edit: the text is not the approved text
        ("1.0", None, True, None),   # the first commit: approved before approvals named people
    ]
    merge = aims.repo.commit("main").hexsha
    assert rows[0]["hexsha"] == merge and rows[0]["approved_on"] == "2026-05-02"
    table = approval_table(rows)
    lines = [line for line in table.splitlines() if line.startswith("|")]
    assert lines[0] == ("| Version | Approved by | Approved on | Pull request | Merged by | Merged on | Merge commit "
                        "| Text as approved |")
    # the site escapes record values as character references
    assert lines[2].startswith("| 1.1 | Tom Boss &#40;@tom&#41;, top-management | 2026-05-02 | 12 | "
                               "Carol Chair |")
    assert lines[2].endswith(f"| {merge[:7]} | yes |")
    assert lines[3].startswith("| 1.0 | — &#40;not approved&#58; changed after its approval&#41; | &nbsp; | 11 | "
                               "Carol Chair |")
    assert lines[3].endswith("| no |")
    exported = export_rows({"POL-001": rows})
    assert [(r["version"], r["approval"], r["approved_by"], r["text_as_approved"]) for r in exported] == [
        ("1.1", True, "Tom Boss (@tom), top-management", "yes"), ("1.0", False, None, "no"), ("1.0", True, None, "yes")]


def test_an_approval_dated_after_the_merge_that_carries_it_is_flagged(aims):
    from aimskit.git import approval_rows
    from aimskit.site.render.policies import approval_table

    branch(aims, "backdated")
    aims.replace("policies/POL-001.md", 'approved_on: "2026-01-05"', 'approved_on: "2099-01-01"')
    aims.commit("Date the approval in the future", author="Bob Builder")
    assert ("AIMS705", "policies/POL-001.md", 12) in codes(aims)
    aims.repo.git.checkout("-q", "main")
    aims.merge("backdated", "Merge pull request #13 from example/backdated")
    [row, *_] = approval_rows(aims.root, "policies/POL-001.md")
    assert row["dated_after_merge"] is True and row["pull_request"] == "13"
    assert [line for line in approval_table([row]).splitlines() if line.startswith("|")][2].endswith(
        "| yes, dated after the merge |")
