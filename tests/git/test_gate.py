"""``aimskit gate`` against a local code host replaying GitHub's and GitLab's REST JSON (no network)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from aimskit.approvals.stamp import approve
from aimskit.cli import main

TOKEN = "glpat-test"


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


def run_github(gov, host, monkeypatch, capsys, reviews, author="bob", token="ghs_test", evidence=None):
    base, head = gov.repo.commit("main").hexsha, gov.repo.head.commit.hexsha
    host.github_pull(7, author, base, head, [(login, state, sha or head) for login, state, sha in reviews])
    monkeypatch.setenv("GITHUB_API_URL", host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", token)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    extra = ["--evidence", str(evidence)] if evidence else []
    code = main(["--repo", str(gov.root), "gate", "--host", "github", "--request", "7", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def run_gitlab(gov, host, monkeypatch, capsys, approvers, author="bob", token=TOKEN):
    base, head = gov.repo.commit("main").hexsha, gov.repo.head.commit.hexsha
    host.gitlab_merge_request(3, author, base, head, approvers)
    monkeypatch.setenv("CI_API_V4_URL", host.url + "/api/v4")
    monkeypatch.setenv("CI_PROJECT_ID", "42")
    monkeypatch.setenv("CI_MERGE_REQUEST_IID", "3")
    monkeypatch.setenv("AIMSKIT_GITLAB_TOKEN", token)
    code = main(["--repo", str(gov.root), "gate", "--host", "gitlab"])
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
