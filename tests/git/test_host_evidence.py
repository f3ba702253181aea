"""Approval evidence on the main line confirmed by the code host: a local server replaying
GitHub's and GitLab's JSON, real git histories, the site's approval record and the export's columns."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from fakehost import commits_of, serve_merged_pull

from aimskit.approvals.evidence import annotate
from aimskit.approvals.stamp import approve
from aimskit.cli import main
from aimskit.gate.evidence_api import gitlab_lookup, lookup_from_environment
from aimskit.git import approval_rows
from aimskit.site.render.policies import approval_table

LOGINS = {f"{n}@example.com": n for n in ("alice", "bob", "tom", "gina", "carol")}
LOGINS["sam@example.com"] = "sam-patel"


@pytest.fixture
def history(gov):
    """POL-001 reaches main three times: 1.1 through pull request #1 (approved by Tom on GitHub),
    1.2 through #2 (stamped '--by @sam-patel' by Bob, merged without Sam's review), 1.3 pushed
    straight to main."""
    roles = gov.root / "roles/top-management.yaml"
    roles.write_text(roles.read_text().replace('{name: "Tom Boss", handle: "@example/board"}',
                                               '{name: "Tom Boss", handle: "@tom"}\n  - {name: "Sam Patel", '
                                               'handle: "@sam-patel"}'))
    gov.commit("People hold top management")
    merges = {}
    changes = ((1, "1.1", "@tom", "and a deputy."), (2, "1.2", "@sam-patel", "and two deputies."))
    for number, version, by, text in changes:
        gov.repo.git.checkout("-q", "-b", f"policy-{version}")
        gov.replace("policies/POL-001.md", "Every system has an owner" + ("." if number == 1 else " and a deputy."),
                    "Every system has an owner " + text)
        approve(gov.root, "POL-001", dt.date(2026, 5, number), version=version, by=by)
        gov.commit(f"AI policy {version}", author="Bob Builder")
        head = gov.repo.head.commit.hexsha
        base = gov.repo.commit("main").hexsha
        gov.repo.git.checkout("-q", "main")
        gov.merge(f"policy-{version}", f"Merge pull request #{number} from example/policy-{version}")
        merges[number] = (gov.repo.head.commit.hexsha, base, head)
    gov.replace("policies/POL-001.md", "and two deputies.", "and three deputies.")
    approve(gov.root, "POL-001", dt.date(2026, 5, 9), version="1.3", by="@tom")
    gov.commit("AI policy 1.3", author="Bob Builder")
    gov.merges = merges
    return gov


def serve(gov, host):
    for number, reviews in ((1, [("tom", "APPROVED", None)]), (2, [("tom", "COMMENTED", None)])):
        merge, base, head = gov.merges[number]
        serve_merged_pull(host, number, merge, "bob", head, [(login, state, head) for login, state, _ in reviews],
                          commits_of(gov.repo, base, head, LOGINS))
    for commit in gov.repo.iter_commits("main", first_parent=True):  # pushed straight to main: no pull request
        host.routes.setdefault(f"/repos/example/aims/commits/{commit.hexsha}/pulls?per_page=100&page=1", (200, []))
    return {"GITHUB_API_URL": host.url, "GITHUB_REPOSITORY": "example/aims", "GITHUB_TOKEN": "ghs_test"}


def test_the_approval_record_shows_confirmed_claimed_and_direct(history, fake_host):
    lookup = lookup_from_environment(serve(history, fake_host))
    rows = annotate(approval_rows(history.root, "policies/POL-001.md"), lookup)
    by_version = {r["version"]: r for r in rows if r["is_approval"]}
    head_1 = history.merges[1][2]
    assert by_version["1.1"]["host_check"] == "confirmed"
    assert by_version["1.1"]["host_evidence"] == f"confirmed on GitHub: @tom approved {head_1[:7]} on 2026-05-01"
    assert by_version["1.2"]["host_check"] == "claimed"
    assert by_version["1.2"]["host_evidence"] == ("claimed in the file, not confirmed: @sam-patel did not approve "
                                                  "pull request #2")
    assert by_version["1.3"]["host_check"] == "direct"
    assert by_version["1.3"]["host_evidence"] == "reached main without a pull request"
    table = approval_table(rows)
    assert "| On the code host |" in table.splitlines()[2]
    assert "confirmed on GitHub&#58; @tom approved" in table and "reached main without a pull request" in table


def test_an_approver_who_wrote_the_change_is_not_confirmed(history, fake_host):
    env = serve(history, fake_host)
    merge, base, head = history.merges[1]
    commits = commits_of(history.repo, base, head, {**LOGINS, "bob@example.com": "tom"})  # Tom wrote it
    serve_merged_pull(fake_host, 1, merge, "bob", head, [("tom", "APPROVED", head)], commits)
    rows = annotate(approval_rows(history.root, "policies/POL-001.md"), lookup_from_environment(env))
    row = next(r for r in rows if r["version"] == "1.1")
    assert row["host_check"] == "claimed" and "@tom opened or wrote pull request #1" in row["host_evidence"]
    assert "/repos/example/aims/pulls/1" not in [p for p, _ in fake_host.seen]  # listed with the commit: not read again


def test_without_a_token_or_offline_nothing_is_confirmed(history, fake_host):
    rows = annotate(approval_rows(history.root, "policies/POL-001.md"), lookup_from_environment({}))
    assert {r["host_evidence"] for r in rows if r["is_approval"]} == {"not checked: no code host token"}
    fake_host.close()
    offline = lookup_from_environment(serve(history, fake_host))
    rows = annotate(approval_rows(history.root, "policies/POL-001.md"), offline)
    assert {r["host_check"] for r in rows if r["is_approval"]} == {"not-checked"}
    assert all(r["host_evidence"].startswith("not checked: cannot reach 127.0.0.1") for r in rows if r["is_approval"])


def test_the_export_carries_the_host_evidence_as_columns(history, fake_host, monkeypatch, tmp_path, capsys):
    for name, value in serve(history, fake_host).items():
        monkeypatch.setenv(name, value)
    assert main(["--repo", str(history.root), "export", "--format", "csv", "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    with open(tmp_path / "out" / "approvals.csv", encoding="utf-8-sig", newline="") as stream:
        rows = [r for r in csv.DictReader(stream) if r["approval"] == "yes"]
    assert [(r["version"], r["host_check"]) for r in rows] == [("1.3", "direct"), ("1.2", "claimed"),
                                                               ("1.1", "confirmed"), ("1.0", "direct")]


def test_gitlab_confirms_the_merge_request_without_naming_a_commit(history, fake_host):
    merge, base, head = history.merges[1]
    prefix = "/api/v4/projects/42"
    fake_host.routes[f"{prefix}/repository/commits/{merge}/merge_requests?per_page=100&page=1"] = (200, [{
        "id": 1001, "iid": 1, "state": "merged", "merge_commit_sha": merge, "squash_commit_sha": None, "sha": head,
        "author": {"username": "bob"}, "web_url": "https://gitlab.example.com/example/aims/-/merge_requests/1"}])
    fake_host.routes[f"{prefix}/merge_requests/1/approvals"] = (200, {"approved_by": [
        {"user": {"username": "tom", "name": "Tom Boss"}, "approved_at": "2026-05-01T11:00:00.000Z"}]})
    fake_host.gitlab_commits(1, commits_of(history.repo, base, head, {}))
    lookup = gitlab_lookup(fake_host.url + "/api/v4", "42", "glpat-test")
    rows = annotate(approval_rows(history.root, "policies/POL-001.md"), lookup)
    row = next(r for r in rows if r["version"] == "1.1")
    assert row["host_evidence"] == "confirmed on GitLab: @tom approved merge request !1 on 2026-05-01 " \
                                   "(GitLab names no commit)"


def test_gitlab_text_is_made_one_safe_line(history, fake_host):
    merge, base, head = history.merges[1]
    prefix = "/api/v4/projects/42"
    fake_host.routes[f"{prefix}/repository/commits/{merge}/merge_requests?per_page=100&page=1"] = (200, [{
        "iid": 1, "state": "merged", "merge_commit_sha": merge, "sha": head, "author": {"username": "bob\x1b[2J"},
        "web_url": "https://gitlab.example.com/mr/1\n::error::forged"}])
    fake_host.routes[f"{prefix}/merge_requests/1/approvals"] = (200, {"approved_by": [
        {"user": {"username": "tom\r"}, "approved_at": "2026-05-01\x07"}]})
    fake_host.gitlab_commits(1, commits_of(history.repo, base, head, {}))
    found = gitlab_lookup(fake_host.url + "/api/v4", "42", "glpat-test")(merge, None)
    assert found is not None and (found.author, found.url) == ("bob[2J", "https://gitlab.example.com/mr/1⏎::error::forged")
    assert [(a.login, a.at) for a in found.approvals] == [("tom⏎", "2026-05-01")]


def test_a_risk_acceptance_gets_the_same_record(history, fake_host, monkeypatch, tmp_path, capsys):
    from aimskit.git import acceptance_rows
    from aimskit.site.pipeline import validate_and_render

    history.repo.git.checkout("-q", "-b", "accept")
    history.replace("risks/RISK-001.yaml", "residual: {likelihood: 2, impact: 3}",
                    "residual: {likelihood: 3, impact: 3}")
    history.replace("risks/RISK-001.yaml", "status: treating",
                    'acceptance:\n  by: top-management\n  date: "2026-05-01"\n  rationale: "Cost of more controls"\n'
                    "status: accepted")
    approve(history.root, "RISK-001", dt.date(2026, 5, 1))
    history.commit("Accept RISK-001 at 9", author="Bob Builder")
    head, base = history.repo.head.commit.hexsha, history.repo.commit("main").hexsha
    history.repo.git.checkout("-q", "main")
    history.merge("accept", "Merge pull request #3 from example/accept")
    merge = history.repo.head.commit.hexsha
    env = serve(history, fake_host)
    serve_merged_pull(fake_host, 3, merge, "bob", head, [("sam-patel", "APPROVED", head)],
                      commits_of(history.repo, base, head, LOGINS))
    [row] = annotate(acceptance_rows(history.root, "risks/RISK-001.yaml"), lookup_from_environment(env))
    assert row["accepted_by"] == "top-management" and row["as_accepted"] is True and row["pull_request"] == "3"
    assert row["host_evidence"] == f"confirmed on GitHub: @sam-patel approved {head[:7]} on 2026-05-01"
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    rendered = validate_and_render(history.root, dt.date(2026, 6, 1), confirm=lookup_from_environment(env))
    [page] = [text for name, text in rendered.pages.items() if name.endswith("RISK-001.md")]
    assert "**Acceptance record**" in page and "confirmed on GitHub" in page
    assert main(["--repo", str(history.root), "export", "--format", "csv", "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    with open(tmp_path / "out" / "acceptances.csv", encoding="utf-8-sig", newline="") as stream:
        [exported] = list(csv.DictReader(stream))
    assert (exported["risk"], exported["text_as_accepted"], exported["host_check"]) == ("RISK-001", "yes", "confirmed")
