"""Git history: records at a revision, a file's revisions, and its approvals."""

from __future__ import annotations

import os
import subprocess

import git
import pytest
from govrepo import GovRepo, build_aims

from aimskit.errors import UsageError
from aimskit.git import GitSource, approval_rows, approvals, file_history
from aimskit.records import kinds
from aimskit.records.model import DirectorySource, load_repository


def test_git_source_lists_and_reads_like_the_working_tree(gov):
    (gov.root / "policies" / "notes.txt").write_text("stray\n")
    (gov.root / "risks" / ".hidden.yaml").write_text("id: x\n")
    gov.commit("Add stray files")
    at_head, on_disk = GitSource(gov.root, "HEAD"), DirectorySource(gov.root)
    for pattern in [kind.glob for kind in kinds.ALL] + ["policies/*", "risks/*", "*/*.yaml", "*.yml", "nope/*"]:
        assert at_head.list(pattern) == on_disk.list(pattern), pattern
    assert at_head.read("risks/RISK-001.yaml") == (gov.root / "risks/RISK-001.yaml").read_bytes()
    with pytest.raises(FileNotFoundError):
        at_head.read("risks/RISK-999.yaml")


def test_load_repository_at_an_older_revision(gov):
    gov.replace("risks/RISK-002.yaml", 'title: "Data leak"', 'title: "Data leakage"')
    gov.commit("Retitle")
    old = load_repository(gov.root, GitSource(gov.root, "HEAD~1"))
    new = load_repository(gov.root, GitSource(gov.root, "main"))
    assert old.index["RISK-002"].data["title"] == "Data leak"
    assert new.index["RISK-002"].data["title"] == "Data leakage"
    assert old.findings == [] and sum(1 for _ in old.all_records()) == 8
    assert gov.repo.head.commit.hexsha == gov.repo.commit("main").hexsha  # nothing checked out


def test_aims_in_a_sub_folder_of_the_git_repository(tmp_path):
    repo = GovRepo(tmp_path / "mono")
    inner = GovRepo.__new__(GovRepo)
    inner.root, inner.repo = tmp_path / "mono" / "governance", repo.repo
    build_aims(inner)
    repo.write("src/app.py", "print('hi')\n")
    repo.commit("Monorepo")
    source = GitSource(inner.root, "HEAD")
    assert source.list("risks/*.yaml") == ["risks/RISK-001.yaml", "risks/RISK-002.yaml"]
    assert source.list("src/*") == []
    assert [r.path for r in file_history(inner.root, "aims.yml")] == ["aims.yml"]


@pytest.mark.parametrize("rev", ["no-such-branch", "HEAD~3", "0" * 40])
def test_unknown_revision_is_a_usage_error(gov, rev):
    with pytest.raises(UsageError, match="unknown revision"):
        GitSource(gov.root, rev)


def test_not_a_git_repository_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="not in a git repository"):
        GitSource(tmp_path, "HEAD")


def policy_pr(gov, branch, version, status, author, merge_message=None, approved_on=None):
    gov.repo.git.checkout("-q", "-b", branch)
    gov.replace("policies/POL-001.md", '\nversion: "1.0"', f'\nversion: "{version}"')
    gov.replace("policies/POL-001.md", "status: approved", f"status: {status}")
    if approved_on:
        gov.replace("policies/POL-001.md", 'approved_on: "2026-01-05"', f'approved_on: "{approved_on}"')
    gov.commit(f"Policy {version}", author=author)
    gov.repo.git.checkout("-q", "main")
    if merge_message:
        gov.merge(branch, merge_message)


def test_file_history_is_newest_first_and_follows_renames(gov):
    policy_pr(gov, "draft", "1.1", "draft", "Bob Builder", "Merge pull request #7 from example/draft")
    gov.repo.git.mv("policies/POL-001.md", "policies/POL-002.md")
    gov.commit("Renumber the policy")
    revisions = file_history(gov.root, "policies/POL-002.md")
    assert [r.subject for r in revisions] == ["Renumber the policy", "Policy 1.1", "Start the AIMS"]
    assert [r.path for r in revisions] == ["policies/POL-002.md", "policies/POL-001.md", "policies/POL-001.md"]
    assert revisions[1].author == "Bob Builder" and not revisions[1].is_merge
    assert revisions[0].short == revisions[0].hexsha[:7] and revisions[0].date.tzinfo is not None
    assert len(file_history(gov.root, "policies/POL-002.md", limit=2)) == 2
    assert file_history(gov.root, "policies/POL-404.md") == []


def test_approvals_come_from_front_matter_and_merge_commits(gov):
    policy_pr(gov, "policy-2", "2.0", "approved", "Bob Builder", "Merge pull request #12 from example/policy-2",
              approved_on="2026-03-01")
    gov.replace("risks/RISK-001.yaml", "status: treating", "status: closed")
    gov.commit("Unrelated change on main")
    rows = approval_rows(gov.root, "policies/POL-001.md")
    assert [(r["version"], r["status"]) for r in rows] == [("2.0", "approved"), ("1.0", "approved")]
    merged = rows[0]
    assert merged["approver"] == "top-management" and merged["approved_on"] == "2026-03-01"
    assert merged["merged_by"] == "Carol Chair" and merged["pull_request"] == "12"
    assert merged["merge_subject"] == "Merge pull request #12 from example/policy-2"
    assert merged["author"] == "Bob Builder"
    assert merged["short"] == gov.repo.commit("main~1").hexsha[:7]  # the merge commit
    assert len(merged["date"]) == 10 and rows[1]["merged_by"] is None and rows[1]["pull_request"] is None


def test_several_commits_of_one_pull_request_are_one_approval(gov):
    gov.repo.git.checkout("-q", "-b", "work")
    gov.replace("policies/POL-001.md", 'version: "1.0"', 'version: "1.1"')
    gov.commit("First draft", author="Bob Builder")
    gov.replace("policies/POL-001.md", "status: approved", "status: draft")
    gov.commit("Second draft", author="Bob Builder")
    gov.repo.git.checkout("-q", "main")
    gov.merge("work", "Merge branch 'work' into 'main'\n\nSee merge request example/aims!5")
    found = approvals(gov.root, "policies/POL-001.md")
    assert [(a.version, a.status, a.merged_by) for a in found] == [("1.1", "draft", "Carol Chair"),
                                                                  ("1.0", "approved", None)]
    assert found[0].merge_subject == "Merge branch 'work' into 'main'"


def test_squash_merged_pull_request(gov):
    gov.replace("policies/POL-001.md", 'version: "1.0"', 'version: "1.1"')
    gov.commit("Clarify the AI policy (#31)", author="Bob Builder")
    newest = approvals(gov.root, "policies/POL-001.md")[0]
    assert (newest.version, newest.pull_request, newest.merged_by) == ("1.1", "31", "Bob Builder")


def test_shallow_clone_has_no_history(gov, tmp_path):
    policy_pr(gov, "p", "1.1", "draft", "Bob Builder", "Merge pull request #2 from example/p")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{gov.root}", str(clone)], check=True)
    assert file_history(clone, "policies/POL-001.md") is None
    assert approvals(clone, "policies/POL-001.md") == []
    assert load_repository(clone, GitSource(clone, "HEAD")).index["POL-001"].data["version"] == "1.1"


def test_no_repository_or_no_commits_has_no_history(tmp_path):
    assert file_history(tmp_path, "aims.yml") is None
    git.Repo.init(tmp_path / "empty")
    assert file_history(tmp_path / "empty", "aims.yml") is None
    assert approval_rows(tmp_path / "empty", "aims.yml") == []
    with pytest.raises(UsageError, match="no commits"):
        GitSource(tmp_path / "empty", "HEAD")


def test_nothing_is_checked_out(gov):
    policy_pr(gov, "side", "1.1", "draft", "Bob Builder")
    before = {p: p.stat().st_mtime_ns for p in gov.root.rglob("*") if ".git" not in p.parts}
    assert load_repository(gov.root, GitSource(gov.root, "side")).index["POL-001"].data["version"] == "1.1"
    assert gov.repo.active_branch.name == "main" and not gov.repo.is_dirty()
    assert before == {p: p.stat().st_mtime_ns for p in gov.root.rglob("*") if ".git" not in p.parts}
    assert os.listdir(gov.root / "policies") == ["POL-001.md"]
