"""A new repository reaches its first approved roles change under the documented protection, by
a real second person, end to end: a real bake, real git history, the gate and the protection
check against a local server answering as GitHub does."""

from __future__ import annotations

import shutil

import git
import pytest
from fakehost import commits_of
from test_protection import classic, rules, ruleset
from test_protection import serve_github as serve_protection

from aimskit.cli import main

LOGINS = {"alex@example.com": "alex-morgan", "blake@example.com": "blake-lee", "bob@example.com": "bob"}
LEAD = "roles/ai-governance-lead.yaml"


@pytest.fixture
def fresh(bake, tmp_path):
    """The default bake (GitHub), as committed by ``aimskit new``, with Alex Morgan its only lead."""
    root = tmp_path / "aims"
    shutil.copytree(bake(), root, symlinks=True)
    repo = git.Repo(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Alex Morgan")
        config.set_value("user", "email", "alex@example.com")
        config.set_value("commit", "gpgsign", "false")
    assert 'handle: "@alex-morgan"' in (root / LEAD).read_text()
    return root, repo


def commit(repo, message, who):
    repo.git.add("-A")
    actor = git.Actor(*who)
    return repo.index.commit(message, author=actor, committer=actor)


ALEX, BLAKE = ("Alex Morgan", "alex@example.com"), ("Blake Lee", "blake@example.com")


def gate(root, repo, host, monkeypatch, capsys, author, reviews, number):
    tip, head = repo.commit("main").hexsha, repo.head.commit.hexsha
    base = repo.merge_base(tip, head)[0].hexsha
    host.github_pull(number, author, base, head, [(login, "APPROVED", head) for login in reviews])
    host.github_branch("main", tip)
    host.github_commits(number, commits_of(repo, base, head, LOGINS))
    for name, value in {"GITHUB_API_URL": host.url, "GITHUB_REPOSITORY": "example/aims",
                        "GITHUB_TOKEN": "ghs_test"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code = main(["--repo", str(root), "gate", "--host", "github", "--request", str(number)])
    return code, capsys.readouterr().out


def protection(host, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_API_URL", host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test")
    code = main(["protection", "--check", "--host", "github"])
    capsys.readouterr()
    return code


def test_the_first_roles_change_then_every_later_change_can_be_approved(fresh, fake_host, monkeypatch, capsys):
    root, repo = fresh
    # 1. Before main is protected (README step 1): Alex names a second governance-lead holder.
    serve_protection(fake_host)
    assert protection(fake_host, monkeypatch, capsys) == 1  # AIMS950: not protected yet, as the README orders
    repo.git.checkout("-q", "-b", "people")
    text = (root / LEAD).read_text()
    (root / LEAD).write_text(text.replace('    channel: "#ai-governance (team chat)"\n',
                                          '    channel: "#ai-governance (team chat)"\n'
                                          '  - name: "Blake Lee"\n    handle: "@blake-lee"\n', 1))
    commit(repo, "Blake Lee holds the AI governance lead role too", ALEX)
    code, out = gate(root, repo, fake_host, monkeypatch, capsys, "alex-morgan", ["alex-morgan"], 1)
    # with one holder, who wrote it, the gate cannot pass: it shows who would have had to approve
    assert code == 1 and "the author is the only holder of 'ai-governance-lead'" in out
    repo.git.checkout("-q", "main")
    repo.git.merge("--no-ff", "people", "-m", "Merge pull request #1 from example/people")

    # 2. Protection switched on (README step 2) and checked.
    fake_host.routes.clear()
    serve_protection(fake_host, classic(), rules(), [ruleset()])
    assert protection(fake_host, monkeypatch, capsys) == 0

    # 3. The lead's own change to CI, the site and the roles: the other holder approves it.
    repo.git.checkout("-q", "-b", "site")
    (root / "docs" / "stylesheets" / "extra.css").write_text(".example-banner { border: 2px solid; }\n")
    text = (root / LEAD).read_text()
    (root / LEAD).write_text(text.replace('handle: "@blake-lee"', 'handle: "@blake-lee"\n    channel: "#ai"'))
    commit(repo, "Louder example banners; Blake's channel", ALEX)
    code, out = gate(root, repo, fake_host, monkeypatch, capsys, "alex-morgan", ["alex-morgan"], 2)
    assert code == 1  # approving one's own change never counts
    code, out = gate(root, repo, fake_host, monkeypatch, capsys, "alex-morgan", ["blake-lee"], 2)
    assert code == 0, out
    assert "| ai-governance-lead |" in out and "| @blake-lee | ✅ |" in out
    assert "Alex Morgan (@alex-morgan), Blake Lee (@blake-lee)" in out


def test_the_readme_names_a_second_lead_before_protecting_main(bake):
    readme = (bake() / "README.md").read_text(encoding="utf-8")
    second = readme.index("Name **at least two people** as holders\n   of the AI governance lead role")
    protect = readme.index("2. Once the second holder is on `main`, protect `main`")
    assert second < protect and "aimskit protection --check --host\n   github" in readme
    assert "3. Read `aims.yml`" in readme and "6. Walk through `soa.yaml`" in readme
    no_ci = (bake(ci_provider="none") / "README.md").read_text(encoding="utf-8")
    assert "protect `main`" not in no_ci and "2. Read `aims.yml`" in no_ci and "5. Walk through" in no_ci
