"""``aimskit gate`` against a local code host replaying GitHub's and GitLab's REST JSON (no network)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fakehost import commits_of

from aimskit.approvals.stamp import approve
from aimskit.cli import main

TOKEN = "glpat-test"
#: The accounts the host links the test commits' emails to (GovRepo commits as first-name@example.com).
LOGINS = {f"{name}@example.com": name for name in ("alice", "bob", "tom", "gina", "carol", "sam", "erin")}


@pytest.fixture
def change(gov):
    """main with people holding the roles, and a branch revising the AI policy to 1.1 (Tom approves)."""
    gov.replace("roles/top-management.yaml", 'handle: "@example/board"', 'handle: "@tom"')
    gov.commit("People hold the roles")
    gov.repo.git.checkout("-q", "-b", "policy-1.1")
    gov.replace("policies/POL-001.md", "Every system has an owner.", "Every system has an owner and a deputy.")
    approve(gov.root, "POL-001", dt.date(2026, 5, 2), version="1.1", by="@tom")
    gov.commit("AI policy 1.1", author="Bob Builder")
    return gov


def serve_github(gov, host, reviews, author="bob", logins=LOGINS, base_branch="main"):
    """The pull request from ``base_branch`` (its merge base) to HEAD, as GitHub reports it."""
    tip = gov.repo.commit(base_branch).hexsha
    head = gov.repo.head.commit.hexsha
    base = gov.repo.merge_base(tip, head)[0].hexsha
    host.github_pull(7, author, base, head, [(login, state, head if sha is None else sha or None)
                                             for login, state, sha in reviews])
    host.github_branch("main", tip)
    host.github_commits(7, commits_of(gov.repo, base, head, logins))


def run_github(gov, host, monkeypatch, capsys, reviews, author="bob", token="ghs_test", evidence=None):
    serve_github(gov, host, reviews, author)
    monkeypatch.setenv("GITHUB_API_URL", host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", token)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    extra = ["--evidence", str(evidence)] if evidence else []
    code = main(["--repo", str(gov.root), "gate", "--host", "github", "--request", "7", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def serve_gitlab(gov, host, approvers, author="bob", reset_on_push=True):
    tip = gov.repo.commit("main").hexsha
    head = gov.repo.head.commit.hexsha
    base = gov.repo.merge_base(tip, head)[0].hexsha
    host.gitlab_merge_request(3, author, base, head, approvers)
    host.gitlab_branch("main", tip)
    host.gitlab_commits(3, commits_of(gov.repo, base, head, {}))
    host.gitlab_project_approvals(reset_on_push)


def run_gitlab(gov, host, monkeypatch, capsys, approvers, author="bob", token=TOKEN, evidence=None,
               reset_on_push=True):
    serve_gitlab(gov, host, approvers, author, reset_on_push)
    extra = ["--evidence", str(evidence)] if evidence else []
    monkeypatch.setenv("CI_API_V4_URL", host.url + "/api/v4")
    monkeypatch.setenv("CI_PROJECT_ID", "42")
    monkeypatch.setenv("CI_MERGE_REQUEST_IID", "3")
    monkeypatch.setenv("AIMSKIT_GITLAB_TOKEN", token)
    code = main(["--repo", str(gov.root), "gate", "--host", "gitlab", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_github_approval_by_a_holder_passes(change, fake_host, monkeypatch, capsys, tmp_path):
    evidence = tmp_path / "evidence.json"
    code, out, err = run_github(change, fake_host, monkeypatch, capsys, [("tom", "APPROVED", None)],
                                evidence=evidence)
    assert code == 0, out + err
    assert "## Review gate: ✅ passes" in out
    assert "| top-management | approval of POL-001 version 1.1 | Tom Boss (@tom) | @tom | ✅ |" in out
    record = json.loads(evidence.read_text())
    assert record["passed"] is True and record["request"] == "7" and record["author"] == "bob"
    assert [a["login"] for a in record["roles"][0]["approved_by"]] == ["tom"]
    path, headers = fake_host.seen[0]
    assert path == "/repos/example/aims/pulls/7" and headers["Authorization"] == "Bearer ghs_test"
    assert [p for p, _ in fake_host.seen].count("/repos/example/aims/pulls/7") == 1  # read once


def test_github_approval_by_a_non_holder_fails(change, fake_host, monkeypatch, capsys):
    code, out, err = run_github(change, fake_host, monkeypatch, capsys, [("gina", "APPROVED", None)])
    assert code == 1 and "❌ no holder has approved" in out
    assert "names @tom as its approver, who has not approved the head commit" in out
    assert "the review gate fails" in err


def test_github_approval_by_the_author_alone_fails(change, fake_host, monkeypatch, capsys):
    code, out, _ = run_github(change, fake_host, monkeypatch, capsys, [("tom", "APPROVED", None)], author="tom")
    assert code == 1 and "the author is the only holder of 'top-management'" in out


def test_github_an_approval_before_later_commits_does_not_count(change, fake_host, monkeypatch, capsys):
    earlier = change.repo.head.commit.hexsha
    change.replace("policies/POL-001.md", "and a deputy.", "and two deputies.")
    approve(change.root, "POL-001", dt.date(2026, 5, 3), by="@tom")
    change.commit("A later commit", author="Bob Builder")
    code, out, _ = run_github(change, fake_host, monkeypatch, capsys, [("tom", "APPROVED", earlier)])
    assert code == 1 and "approved an earlier commit; approve the latest commit again" in out


def test_github_a_later_change_request_withdraws_an_approval(change, fake_host, monkeypatch, capsys):
    reviews = [("tom", "APPROVED", None), ("tom", "COMMENTED", None), ("tom", "CHANGES_REQUESTED", None)]
    assert run_github(change, fake_host, monkeypatch, capsys, reviews)[0] == 1
    reviews = [("tom", "CHANGES_REQUESTED", None), ("tom", "APPROVED", None), ("tom", "COMMENTED", None)]
    assert run_github(change, fake_host, monkeypatch, capsys, reviews)[0] == 0


def test_gitlab_approval_by_a_holder_passes_and_by_others_fails(change, fake_host, monkeypatch, capsys):
    code, out, err = run_gitlab(change, fake_host, monkeypatch, capsys, [("tom", "Tom Boss")])
    assert code == 0, out + err
    assert "Merge request 3 by @bob" in out
    path, headers = fake_host.seen[0]
    assert path == "/api/v4/projects/42/merge_requests/3"
    assert [p for p, _ in fake_host.seen].count("/api/v4/projects/42/merge_requests/3") == 1  # read once
    assert {k.lower(): v for k, v in headers.items()}["private-token"] == TOKEN
    assert run_gitlab(change, fake_host, monkeypatch, capsys, [("gina", "Gina Lead")])[0] == 1
    assert run_gitlab(change, fake_host, monkeypatch, capsys, [("tom", "Tom Boss")], author="tom")[0] == 1


def test_gitlab_approvals_reset_by_a_push_are_gone(change, fake_host, monkeypatch, capsys):
    # GitLab removes approvals on a new push when the project says so: the API then lists none
    code, out, _ = run_gitlab(change, fake_host, monkeypatch, capsys, [])
    assert code == 1 and "no holder has approved" in out


@pytest.mark.parametrize("host_name", ["github", "gitlab"])
def test_a_missing_token_fails_with_a_clear_message(change, fake_host, monkeypatch, capsys, host_name):
    if host_name == "github":
        code, out, err = run_github(change, fake_host, monkeypatch, capsys, [("tom", "APPROVED", None)], token="")
        assert "no GitHub token" in err
    else:
        code, out, err = run_gitlab(change, fake_host, monkeypatch, capsys, [("tom", "Tom Boss")], token="")
        assert "no GitLab token" in err and "AIMSKIT_GITLAB_TOKEN" in err
    assert code == 1 and out == "" and "Traceback" not in err
    assert fake_host.seen == []  # nothing was asked without a token


@pytest.mark.parametrize("status, words", [(500, "answered 500"), (401, "the token was refused"),
                                           (404, "not found, or not visible to the token")])
def test_an_api_error_fails_never_passes(change, fake_host, monkeypatch, capsys, status, words):
    fake_host.routes.clear()
    base, head = change.repo.commit("main").hexsha, change.repo.head.commit.hexsha
    fake_host.github_pull(7, "bob", base, head, [("tom", "APPROVED", head)])
    fake_host.routes["/repos/example/aims/pulls/7/reviews?per_page=100&page=1"] = (status, {"message": "boom"})
    monkeypatch.setenv("GITHUB_API_URL", fake_host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test")
    code = main(["--repo", str(change.root), "gate", "--host", "github", "--request", "7"])
    out, err = capsys.readouterr()
    assert code == 1 and out == "" and words in err and "Traceback" not in err


def test_an_unexpected_answer_fails(change, fake_host, monkeypatch, capsys):
    base, head = change.repo.commit("main").hexsha, change.repo.head.commit.hexsha
    fake_host.github_pull(7, "bob", base, head, [])
    fake_host.routes["/repos/example/aims/pulls/7"] = (200, {"message": "not a pull request"})
    monkeypatch.setenv("GITHUB_API_URL", fake_host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test")
    code = main(["--repo", str(change.root), "gate", "--host", "github", "--request", "7"])
    assert code == 1 and "unexpected answer from the code host" in capsys.readouterr().err


def test_the_token_is_never_sent_over_plain_http_to_another_host(change, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_API_URL", "http://api.example.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test")
    code = main(["--repo", str(change.root), "gate", "--host", "github", "--request", "7"])
    assert code == 1 and "refusing to send the token to http://api.example.com" in capsys.readouterr().err


def test_a_change_that_needs_no_role_passes(gov, fake_host, monkeypatch, capsys):
    gov.repo.git.checkout("-q", "-b", "draft")
    gov.replace("risks/RISK-002.yaml", "status: treating", "status: closed")
    gov.commit("Close a risk", author="Bob Builder")
    code, out, _ = run_github(gov, fake_host, monkeypatch, capsys, [])
    assert code == 0 and "No role approval is needed" in out


# --- holders at the base branch's tip, authors and committers excluded, what the host said ---------

def _hold(gov, role, *people):
    holders = "".join(f'  - {{name: "{name}", handle: "@{login}"}}\n' for name, login in people)
    path = gov.root / "roles" / f"{role}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("holders:")] + "holders:\n" + holders, encoding="utf-8")


@pytest.fixture
def erin(gov):
    """Erin Exec holds top-management when the branch is made; main then removes her for Tom Boss."""
    _hold(gov, "top-management", ("Erin Exec", "erin"))
    gov.commit("Erin holds top management")
    gov.repo.git.checkout("-q", "-b", "policy-1.1")
    gov.replace("policies/POL-001.md", "Every system has an owner.", "Every system has an owner and a deputy.")
    approve(gov.root, "POL-001", dt.date(2026, 5, 2), version="1.1", by="@erin")
    gov.commit("AI policy 1.1", author="Bob Builder")
    gov.repo.git.checkout("-q", "main")
    _hold(gov, "top-management", ("Tom Boss", "tom"))
    gov.commit("Erin Exec left the bank")
    gov.repo.git.checkout("-q", "policy-1.1")
    return gov


def test_a_holder_removed_on_main_after_the_request_was_opened_cannot_approve(erin, fake_host, monkeypatch,
                                                                              capsys, tmp_path):
    evidence = tmp_path / "evidence.json"
    code, out, _ = run_github(erin, fake_host, monkeypatch, capsys, [("erin", "APPROVED", None)], evidence=evidence)
    assert code == 1
    assert "| top-management | approval of POL-001 version 1.1 | Tom Boss (@tom) | — | ❌ no holder has approved |" \
        in out
    assert "names @erin as its approver, who does not hold 'top-management' at the base branch's tip" in out
    record = json.loads(evidence.read_text())
    tip = erin.repo.commit("main").hexsha
    assert record["base_branch_tip"] == tip == record["holders_read_at"] and record["base_sha"] != tip
    # the holder who holds the role on main now can approve (the file's stamp still names Erin)
    code, out, _ = run_github(erin, fake_host, monkeypatch, capsys, [("tom", "APPROVED", None)])
    assert "| Tom Boss (@tom) | @tom | ✅ |" in out and code == 1  # the record still names Erin as approver


def test_the_diff_names_the_holders_of_the_base_branchs_tip_too(erin, capsys):
    assert main(["--repo", str(erin.root), "diff", "main...HEAD"]) == 0
    out = capsys.readouterr().out
    assert "(merge base " in out and "| top-management | Tom Boss (@tom) | approval of POL-001 version 1.1 |" in out


def test_the_base_branch_tip_must_be_in_the_clone(erin, fake_host, monkeypatch, capsys):
    serve_github(erin, fake_host, [("tom", "APPROVED", None)])
    fake_host.github_branch("main", "1" * 40)
    monkeypatch.setenv("GITHUB_API_URL", fake_host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test")
    code = main(["--repo", str(erin.root), "gate", "--host", "github", "--request", "7"])
    _, err = capsys.readouterr()
    assert code == 1 and "commit 111111111111 that the code host reports" in err and "is not in this clone" in err


@pytest.fixture
def sam_bob(gov):
    """Sam Patel and Tom Boss hold top-management; Sam writes every commit (the approval stamp too)."""
    _hold(gov, "top-management", ("Sam Patel", "sam-patel"), ("Tom Boss", "tom"))
    gov.commit("Sam and Tom hold top management")
    gov.repo.git.checkout("-q", "-b", "policy-1.1")
    gov.replace("policies/POL-001.md", "Every system has an owner.", "Every system has an owner and a deputy.")
    gov.commit("AI policy 1.1 text", author="Sam Patel")
    approve(gov.root, "POL-001", dt.date(2026, 5, 2), version="1.1", by="@sam-patel")
    gov.commit("Approve AI policy 1.1", author="Sam Patel")
    return gov


SAM = {"sam@example.com": "sam-patel", "bob@example.com": "bob", "tom@example.com": "tom"}


@pytest.mark.parametrize("logins", [SAM, {}], ids=["linked", "email-not-linked-to-an-account"])
def test_a_holder_who_wrote_the_commits_cannot_approve_though_another_opened_it(sam_bob, fake_host, monkeypatch,
                                                                                capsys, tmp_path, logins):
    serve_github(sam_bob, fake_host, [("sam-patel", "APPROVED", None)], author="bob", logins=logins)
    monkeypatch.setenv("GITHUB_API_URL", fake_host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test")
    evidence = tmp_path / "evidence.json"
    code = main(["--repo", str(sam_bob.root), "gate", "--host", "github", "--request", "7",
                 "--evidence", str(evidence)])
    out, _ = capsys.readouterr()
    head = sam_bob.repo.head.commit
    assert code == 1
    assert f"@sam-patel approved but wrote or committed {head.parents[0].hexsha[:7]}, {head.hexsha[:7]}" in out
    assert "who has not approved the head commit of this request (or opened it, or wrote or committed" in out
    record = json.loads(evidence.read_text())
    assert {(c["sha"], c["part"], c["login"]) for c in record["commits"]} == {
        (sha, part, logins.get("sam@example.com")) for sha in (head.hexsha, head.parents[0].hexsha)
        for part in ("author", "committer")}


def test_a_holder_who_only_committed_someone_elses_commit_cannot_approve(gov, fake_host, monkeypatch, capsys):
    import git as gitpython
    _hold(gov, "top-management", ("Tom Boss", "tom"), ("Erin Exec", "erin"))
    gov.commit("People hold top management")
    gov.repo.git.checkout("-q", "-b", "policy-1.1")
    gov.replace("policies/POL-001.md", "Every system has an owner.", "Every system has an owner and a deputy.")
    approve(gov.root, "POL-001", dt.date(2026, 5, 2), version="1.1", by="@erin")
    gov.repo.git.add("-A")
    gov.repo.index.commit("AI policy 1.1", author=gitpython.Actor("Bob Builder", "bob@example.com"),
                          committer=gitpython.Actor("Erin Exec", "erin@example.com"))
    code, out, _ = run_github(gov, fake_host, monkeypatch, capsys, [("erin", "APPROVED", None)])
    assert code == 1 and "@erin approved but wrote or committed" in out
    code, out, _ = run_github(gov, fake_host, monkeypatch, capsys, [("erin", "APPROVED", None),
                                                                    ("tom", "APPROVED", None)])
    assert "| top-management | approval of POL-001 version 1.1 | Tom Boss (@tom), Erin Exec (@erin) | @tom | ✅ |" in out
    assert code == 1 and "names @erin as its approver, who has not approved the head commit" in out


def test_a_review_that_names_no_commit_approves_no_commit(change, fake_host, monkeypatch, capsys, tmp_path):
    evidence = tmp_path / "evidence.json"
    code, out, _ = run_github(change, fake_host, monkeypatch, capsys, [("tom", "APPROVED", "")], evidence=evidence)
    assert code == 1 and "@tom's review names no commit (commit\\_id is null), so it approves no commit" in out
    approval = json.loads(evidence.read_text())["approvals"][0]
    assert approval["login"] == "tom" and approval["commit"] is None
    assert approval["commit_note"] == \
        "GitHub named no commit for this review (commit_id is null): it approves no commit"


def test_gitlab_evidence_names_no_commit_since_gitlab_names_none(change, fake_host, monkeypatch, capsys, tmp_path):
    evidence = tmp_path / "evidence.json"
    code, out, err = run_gitlab(change, fake_host, monkeypatch, capsys, [("tom", "Tom Boss")], evidence=evidence)
    assert code == 0, out + err
    record = json.loads(evidence.read_text())
    assert record["approvals_reset_on_push"] is True
    assert record["roles"][0]["approved_by"] == [{
        "login": "tom", "name": "Tom Boss", "at": None, "commit": None,
        "commit_note": "GitLab does not say which commit an approval was for"}]
    assert record["head_sha"] == change.repo.head.commit.hexsha


def test_gitlab_approvals_kept_across_pushes_count_only_after_the_heads_push(change, fake_host, monkeypatch,
                                                                             capsys, tmp_path):
    head = change.repo.head.commit.hexsha
    fake_host.gitlab_versions(3, [(head, "2026-05-02T10:00:00.000Z"), ("a" * 40, "2026-05-01T10:00:00.000Z")])
    before = [("tom", "Tom Boss", "2026-05-01T12:00:00.000Z")]
    code, out, _ = run_gitlab(change, fake_host, monkeypatch, capsys, before, reset_on_push=False)
    assert code == 1 and "@tom approved before the head commit was pushed (the project keeps approvals" in out
    code, out, _ = run_gitlab(change, fake_host, monkeypatch, capsys, [("tom", "Tom Boss")], reset_on_push=False)
    assert code == 1  # GitLab dates no approval: it cannot be tied to the head
    evidence = tmp_path / "evidence.json"
    after = [("tom", "Tom Boss", "2026-05-02T11:00:00.000Z")]
    code, out, _ = run_gitlab(change, fake_host, monkeypatch, capsys, after, reset_on_push=False, evidence=evidence)
    assert code == 0, out
    record = json.loads(evidence.read_text())
    assert record["head_pushed_at"] == "2026-05-02T10:00:00.000Z" and record["approvals"][0]["commit"] is None


def test_gitlab_a_holder_who_wrote_a_commit_cannot_approve(sam_bob, fake_host, monkeypatch, capsys):
    code, out, _ = run_gitlab(sam_bob, fake_host, monkeypatch, capsys, [("sam-patel", "Sam Patel")])
    assert code == 1 and "@sam-patel approved but wrote or committed" in out
    code, out, _ = run_gitlab(sam_bob, fake_host, monkeypatch, capsys, [("tom", "Tom Boss")])
    assert code == 1 and "| @tom | ✅ |" in out  # Tom may; the stamp still names Sam
    assert "names @sam-patel as its approver, who has not approved the head commit" in out


def test_site_scripts_stylesheets_and_gitattributes_need_the_governance_lead(gov, fake_host, monkeypatch, capsys):
    gov.repo.git.checkout("-q", "-b", "look")
    gov.write("docs/javascripts/staff.js", 'document.querySelectorAll("td").forEach(c => c.textContent = "yes");\n')
    gov.write("docs/stylesheets/extra.css", ".example-banner { display: none; }\n")
    gov.write(".gitattributes", "policies/*.md -diff\n")
    gov.write("evidence/notes.md", "# Notes\n")
    gov.commit("Make the site friendlier", author="Bob Builder")
    code, out, _ = run_github(gov, fake_host, monkeypatch, capsys, [])
    assert code == 1
    assert ("| ai-governance-lead | git attributes .gitattributes changed; site script or stylesheet "
            "docs/javascripts/staff.js changed; site script or stylesheet docs/stylesheets/extra.css changed | "
            "Gina Lead (@gina) | — | ❌ no holder has approved |") in out
    assert "Other files changed, neither records nor process files (1): evidence/notes.md" in out
    assert run_github(gov, fake_host, monkeypatch, capsys, [("gina", "APPROVED", None)])[0] == 0


def test_raising_the_risk_appetite_needs_the_acceptance_authority_too(gov, fake_host, monkeypatch, capsys):
    gov.replace("roles/top-management.yaml", 'handle: "@example/board"', 'handle: "@tom"')
    gov.commit("People hold the roles")
    gov.repo.git.checkout("-q", "-b", "appetite")
    gov.replace("aims.yml", "appetite: 8", "appetite: 12")
    gov.commit("Raise the risk appetite", author="Bob Builder")
    code, out, _ = run_github(gov, fake_host, monkeypatch, capsys, [("gina", "APPROVED", None)])
    assert code == 1
    assert "| ai-governance-lead | aims.yml risk\\_method changed | Gina Lead (@gina) | @gina | ✅ |" in out
    assert "| top-management | aims.yml risk\\_method changed | Tom Boss (@tom) | — | ❌ no holder has approved |" in out
    both = [("gina", "APPROVED", None), ("tom", "APPROVED", None)]
    assert run_github(gov, fake_host, monkeypatch, capsys, both)[0] == 0
