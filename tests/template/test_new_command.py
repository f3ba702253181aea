"""``aimskit new``: bakes through the CLI, rejects bad answers with a message, never a traceback."""

from __future__ import annotations

import hashlib
import os

import git
import pytest
from bakes import environment

from aimskit.cli import main


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # cookiecutter writes replay files under HOME


@pytest.mark.slow
def test_new_creates_a_committed_repository(tmp_path, capsys):
    with environment(AIMSKIT_NO_GIT_COMMIT=None):
        code = main(["new", "--no-input", "-o", str(tmp_path), "organisation_name=Northwind Analytics",
                     "project_slug=demo", "sector=healthcare"])
    assert code == 0
    project = tmp_path / "demo"
    assert f"Created {project}" in capsys.readouterr().out
    assert 'name: "Northwind Analytics"' in (project / "aims.yml").read_text(encoding="utf-8")
    repo = git.Repo(project)
    assert repo.active_branch.name == "main"
    assert len(list(repo.iter_commits())) == 1
    assert not repo.is_dirty(untracked_files=True)


@pytest.mark.slow
def test_no_commit_when_opted_out(tmp_path):
    with environment(AIMSKIT_NO_GIT_COMMIT="1"):
        assert main(["new", "--no-input", "-o", str(tmp_path), "project_slug=plain", "example_content=no"]) == 0
    assert (tmp_path / "plain" / "aims.yml").is_file()
    assert not (tmp_path / "plain" / ".git").exists()


@pytest.mark.parametrize(("answers", "message"), [
    (["project_slug=Bad_Slug"], "project_slug 'Bad_Slug' is not a valid folder name"),
    (["governance_lead_handle=alex"], "governance_lead_handle 'alex' is not a code-host handle"),
    (["review_cycle_months=48"], "review_cycle_months '48' must be a whole number of months from 1 to 36"),
    (["organisation_name= ", "project_slug=blank"], "organisation_name is empty"),
], ids=["slug", "handle", "cycle", "empty-name"])
def test_rejected_answers_fail_with_the_hook_message(tmp_path, capfd, answers, message):
    assert main(["new", "--no-input", "-o", str(tmp_path), *answers]) == 1
    err = capfd.readouterr().err
    assert message in err
    assert "the repository was not created" in err
    assert "Traceback" not in err and "Hook script failed" not in err  # the reason once, in our words
    assert [path.name for path in tmp_path.iterdir() if path.name != "home"] == []  # nothing half-written


@pytest.mark.parametrize(("args", "code", "message"), [
    (["sector=mining"], 1, "mining provided for choice variable sector"),
    (["colour=blue"], 2, "there is no question 'colour'"),
    (["organisation_name"], 2, "answers are written KEY=VALUE"),
], ids=["bad-choice", "unknown-question", "not-key-value"])
def test_bad_arguments_are_explained(tmp_path, capfd, args, code, message):
    assert main(["new", "--no-input", "-o", str(tmp_path), *args]) == code
    err = capfd.readouterr().err
    assert message in err and "Traceback" not in err


def test_existing_repository_is_not_overwritten(tmp_path, capfd):
    (tmp_path / "taken" / "policies").mkdir(parents=True)
    assert main(["new", "--no-input", "-o", str(tmp_path), "project_slug=taken"]) == 1
    assert f"{tmp_path / 'taken'} already exists; nothing was written" in capfd.readouterr().err
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["policies"]


@pytest.mark.slow
@pytest.mark.parametrize(("organisation", "folder"), [("3M", "3m-aims"), ("&&&", "aims"), ("Ελληνικά", "ellenika-aims")])
def test_the_default_folder_name_is_accepted_for_any_organisation(tmp_path, capsys, organisation, folder):
    with environment(AIMSKIT_NO_GIT_COMMIT="1"):
        assert main(["new", "--no-input", "-o", str(tmp_path), f"organisation_name={organisation}",
                     "aimskit_requirement=aimskit==0.1.0", "example_content=no", "ci_provider=none"]) == 0
    assert f"Created {tmp_path / folder}" in capsys.readouterr().out


def test_a_requirement_line_that_is_not_one_is_refused(tmp_path, capfd):
    assert main(["new", "--no-input", "-o", str(tmp_path), "aimskit_requirement=aimskit 0.1.0"]) == 1
    err = capfd.readouterr().err
    assert "aimskit_requirement 'aimskit 0.1.0' is not a requirement line that installs aimskit" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_from_a_checkout_the_wheel_is_committed_and_named(tmp_path, capsys):
    with environment(AIMSKIT_NO_GIT_COMMIT=None):
        assert main(["new", "--no-input", "-o", str(tmp_path), "project_slug=vendored", "example_content=no"]) == 0
    out = capsys.readouterr().out
    project = tmp_path / "vendored"
    wheels = sorted((project / ".aimskit" / "wheels").glob("aimskit-*.whl"))
    assert len(wheels) == 1
    line = f"./.aimskit/wheels/{wheels[0].name}"
    assert line in (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
    digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
    assert (project / ".aimskit" / "wheels" / "SHA256SUMS").read_text() == f"{digest}  {wheels[0].name}\n"
    assert f"requirements.txt installs aimskit with: {line}" in out
    assert "source checkout" in out
    assert f"  cd {project}\n" in out and "  pip install -r requirements.txt\n" in out
    repo = git.Repo(project)
    assert f".aimskit/wheels/{wheels[0].name}" in {item.path for item in repo.head.commit.tree.traverse()}
    assert not repo.is_dirty(untracked_files=True)


def test_require_hashes_and_a_contradicting_answer_are_a_usage_error(tmp_path, capfd):
    assert main(["new", "--no-input", "--require-hashes", "-o", str(tmp_path), "require_hashes=no"]) == 2
    assert "--require-hashes contradicts the answer require_hashes=no" in capfd.readouterr().err


def test_require_hashes_refuses_a_git_requirement(tmp_path, capfd):
    line = "aimskit @ git+https://example.org/aimskit.git@0123abc"
    assert main(["new", "--no-input", "--require-hashes", "-o", str(tmp_path), f"aimskit_requirement={line}"]) == 1
    err = capfd.readouterr().err
    assert f"aimskit_requirement {line!r} cannot be pinned by digest (require_hashes)" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_require_hashes_creates_nothing_when_the_lock_cannot_resolve(tmp_path, capfd, monkeypatch):
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)  # an empty index: aimskit's dependencies are on none
    monkeypatch.setenv("PIP_INDEX_URL", (tmp_path / "empty-index").as_uri())
    for variable in ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT"):
        monkeypatch.delenv(variable, raising=False)
    assert main(["new", "--no-input", "--require-hashes", "-o", str(tmp_path / "out"), "project_slug=locked"]) == 1
    err = capfd.readouterr().err
    assert "aimskit: uv could not resolve the requirements: " in err and "not found in the package registry" in err
    assert "requirements.txt could not be pinned by digest" in err and "the repository was not created" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
