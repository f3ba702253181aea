"""The team-repository flow with real git repositories: a pull request's checkout scanned against a
read-only clone of the central AIMS, and the central AIMS cloning and scanning its team repositories."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import git
import pytest
from mini_repos import build_repository

from aimskit import cli
from aimskit.scan import results

ORIGIN = "https://github.com/acme/support-bot.git"


def _commit(repo: git.Repo, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        path = Path(repo.working_tree_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    repo.index.add(list(files))
    actor = git.Actor("Team", "team@example.com")
    repo.index.commit(message, author=actor, committer=actor)


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The central AIMS repository, committed, whose SYS-002 names the team's repository."""
    root = build_repository(tmp_path_factory.mktemp("central") / "aims", stamp=False)
    with open(root / "systems" / "SYS-002.yaml", "a", encoding="utf-8") as stream:
        stream.write("code:\n  - repository: github.com/acme/support-bot\ncomponents:\n  providers: [OpenAI]\n")
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add(A=True)
    repo.index.commit("The AIMS", author=git.Actor("Gov", "gov@example.com"), committer=git.Actor("Gov", "gov@example.com"))
    return root


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> git.Repo:
    """The team's repository: main uses OpenAI, the branch `add-claude` adds the Anthropic SDK."""
    repo = git.Repo.init(tmp_path_factory.mktemp("team") / "support-bot", initial_branch="main")
    repo.create_remote("origin", ORIGIN)
    _commit(repo, {"requirements.txt": "openai==1.40\n", "bot/app.py": "import openai\n"}, "The bot")
    repo.git.checkout("-b", "add-claude")
    _commit(repo, {"requirements.txt": "openai==1.40\nanthropic==0.34\n",
                   "bot/fallback.py": "from anthropic import Anthropic\n"}, "Fall back to Claude")
    repo.git.checkout("main")
    return repo


def _read_only_clone(central: Path, target: Path) -> Path:
    git.Repo.clone_from(str(central), str(target), depth=1, no_local=True)
    for folder, _, files in os.walk(target):
        for name in files:
            path = Path(folder) / name
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return target


def test_a_pull_request_that_adds_a_provider_fails_with_a_summary(central, team, tmp_path, monkeypatch, capsys):
    aims = _read_only_clone(central, tmp_path / "aims")
    checkout = tmp_path / "code"
    git.Repo.clone_from(team.working_tree_dir, str(checkout), branch="add-claude").remote().set_url(ORIGIN)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--repo", "aims", "scan", "code", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "::error file=code/requirements.txt,line=2" in out
    text = summary.read_text(encoding="utf-8")
    assert ("- code/requirements.txt:2: this change's code uses the Anthropic SDK (anthropic) (and 1 other place), "
            "which sends data to Anthropic; SYS-002 declares only Example Model Provider, OpenAI: update the "
            "inventory in the AIMS repository: add 'Anthropic' (or the id of its supplier record) to "
            "components.providers in aims/systems/SYS-002.yaml") in text
    assert git.Repo(aims).git.status("--porcelain") == ""  # the AIMS clone was only read


def test_with_the_base_scanned_the_summary_says_what_the_change_adds(central, team, tmp_path, monkeypatch, capsys):
    aims = _read_only_clone(central, tmp_path / "aims")
    git.Repo.clone_from(team.working_tree_dir, str(tmp_path / "base"), branch="main")
    git.Repo.clone_from(team.working_tree_dir, str(tmp_path / "code"), branch="add-claude").remote().set_url(ORIGIN)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["scan", "--no-inventory", "--result", "base.json", "base"]) == 0
    assert cli.main(["--repo", "aims", "scan", "code", "--baseline", "base.json", "--summary", "summary.md"]) == 1
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert ("- code/requirements.txt:2: this change adds the Anthropic SDK (anthropic) (and 1 other place), which "
            "sends data to Anthropic; SYS-002 declares only Example Model Provider, OpenAI: update the inventory in "
            "the AIMS repository") in text
    (tmp_path / "not-a-result.json").write_text("[]", encoding="utf-8")
    assert cli.main(["--repo", "aims", "scan", "code", "--baseline", "not-a-result.json"]) == 2
    assert "--baseline not-a-result.json: is not a scan result" in capsys.readouterr().err


def test_main_is_clean(central, team, tmp_path, monkeypatch, capsys):
    aims = _read_only_clone(central, tmp_path / "aims")
    checkout = tmp_path / "code"
    git.Repo.clone_from(team.working_tree_dir, str(checkout)).remote().set_url(ORIGIN)
    assert cli.main(["--repo", str(aims), "scan", str(checkout)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_the_central_aims_lists_clones_and_scans_its_team_repositories(central, team, tmp_path, monkeypatch, capsys):
    aims = tmp_path / "aims"
    git.Repo.clone_from(str(central), str(aims))
    monkeypatch.chdir(aims)
    assert cli.main(["scan", "--list-repositories"]) == 0
    names = capsys.readouterr().out.split()
    assert names == ["github.com/acme/support-bot"]
    for name in names:  # as the scheduled job does, from the team's hosting (here, the local repository)
        clone = git.Repo.clone_from(team.working_tree_dir, str(aims / "checkouts" / name), branch="add-claude")
        clone.remote().set_url(f"https://{name}.git")
    code = cli.main(["scan", "--result", ".aimskit/scan.json", *(f"checkouts/{name}" for name in names)])
    assert code == 1
    last = results.read_last(aims)
    assert not isinstance(last, (str, type(None)))
    assert last.repositories == ("github.com/acme/support-bot",) and last.undeclared == 1
    assert {c["name"] for c in last.systems["SYS-002"]} == {"openai", "anthropic"}
