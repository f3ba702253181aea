"""The hooks as importable modules: answer checks, schema copy, examples, pruning, first commit."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import git
import pytest

TEMPLATE = Path(__file__).resolve().parents[2]


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(f"aimskit_hook_{name}", TEMPLATE / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pre_gen = load_hook("pre_gen_project")
post_gen = load_hook("post_gen_project")

GOOD = {"organisation_name": "Acme", "project_slug": "acme-aims", "governance_lead_handle": "@alex",
        "review_cycle_months": "12"}


def test_unrendered_hooks_have_an_empty_context():
    assert pre_gen.load_context() == {}
    assert post_gen.load_context() == {}
    assert post_gen.load_context(json.dumps({"sector": "sme"})) == {"sector": "sme"}


def test_handle_pattern_is_the_role_schema_pattern():
    schema = json.loads((TEMPLATE / "schemas" / "role.schema.json").read_text(encoding="utf-8"))
    assert pre_gen.HANDLE.pattern == schema["properties"]["holders"]["items"]["properties"]["handle"]["pattern"]


def test_good_answers_pass():
    assert pre_gen.problems(GOOD) == []
    assert pre_gen.problems({**GOOD, "governance_lead_handle": "@acme/ai-governance", "review_cycle_months": "36"}) == []


@pytest.mark.parametrize(("key", "value", "words"), [
    ("organisation_name", "   ", "organisation_name is empty"),
    ("project_slug", "Acme_AIMS", "project_slug 'Acme_AIMS'"),
    ("project_slug", "acme--aims", "project_slug 'acme--aims'"),
    ("project_slug", "-aims", "project_slug '-aims'"),
    ("governance_lead_handle", "alex", "governance_lead_handle 'alex'"),
    ("governance_lead_handle", "@acme/team/sub", "governance_lead_handle '@acme/team/sub'"),
    ("review_cycle_months", "0", "review_cycle_months '0'"),
    ("review_cycle_months", "37", "review_cycle_months '37'"),
    ("review_cycle_months", "twelve", "review_cycle_months 'twelve'"),
    ("review_cycle_months", "1.5", "review_cycle_months '1.5'"),
])
def test_bad_answers_are_named(key, value, words):
    found = pre_gen.problems({**GOOD, key: value})
    assert len(found) == 1 and found[0].startswith(words)


def test_a_slug_may_start_with_a_digit():
    assert pre_gen.problems({**GOOD, "project_slug": "3m-aims"}) == []
    assert pre_gen.problems({**GOOD, "project_slug": "1-1-aims"}) == []


@pytest.mark.parametrize("line", [
    "aimskit==0.1.0",
    "aimskit>=0.1,<0.2",
    "aimskit[zensical]==0.1.0",
    "aimskit @ git+https://example.org/acme/aimskit.git@v0.1.0",
    "aimskit==0.1.0 --hash=sha256:" + "a" * 64,
    "./.aimskit/wheels/aimskit-0.1.0-py3-none-any.whl",
])
def test_requirement_lines_that_install_aimskit_pass(line):
    assert pre_gen.problems({**GOOD, "aimskit_requirement": line}) == []


@pytest.mark.parametrize(("line", "why"), [
    ("", "it must be one line without surrounding spaces"),
    ("aimskit==0.1.0\nevil==1", "it must be one line without surrounding spaces"),
    ("--index-url https://evil.example/simple", "pip options are not allowed there"),
    ("requests==2.0", "it installs 'requests', not aimskit"),
    ("aimskit=0.1.0", "it is not a valid requirement"),
    ("please install aimskit", "it is not a valid requirement"),
    ("../elsewhere/aimskit-0.1.0-py3-none-any.whl", "it is not a valid requirement"),
])
def test_other_requirement_lines_are_named_with_the_reason(line, why):
    found = pre_gen.problems({**GOOD, "aimskit_requirement": line})
    assert len(found) == 1
    assert found[0].startswith(f"aimskit_requirement {line!r} is not a requirement line that installs aimskit: {why}")


def test_main_reports_every_problem_and_fails(capsys):
    assert pre_gen.main({**GOOD, "project_slug": "X", "review_cycle_months": "99"}) == 1
    err = capsys.readouterr().err
    assert "project_slug 'X'" in err and "review_cycle_months '99'" in err and "nothing was generated" in err


def test_schemas_copy_is_verbatim_and_idempotent(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "stale.schema.json").write_text("{}")
    for _ in range(2):
        post_gen.copy_schemas(TEMPLATE, tmp_path)
    copied = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert copied == sorted(p.name for p in (TEMPLATE / "schemas").iterdir())
    for name in copied:
        assert (tmp_path / "schemas" / name).read_bytes() == (TEMPLATE / "schemas" / name).read_bytes()


def test_schemas_copy_without_a_template_stops(tmp_path):
    with pytest.raises(SystemExit, match="no schemas/ folder"):
        post_gen.copy_schemas(tmp_path / "nowhere", tmp_path)


def make_examples(project: Path) -> None:
    for relative in ("_common/records/audits/AUD-001.yaml", "sme/systems/SYS-001.yaml",
                     "sme/records/nonconformities/NC-001.yaml", "healthcare/systems/SYS-009.yaml"):
        path = project / ".examples" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative)


def test_examples_of_the_sector_and_common_ones_are_moved_into_place(tmp_path):
    make_examples(tmp_path)
    post_gen.place_examples(tmp_path, "sme", wanted=True)
    assert (tmp_path / "systems" / "SYS-001.yaml").read_text() == "sme/systems/SYS-001.yaml"
    assert (tmp_path / "records" / "audits" / "AUD-001.yaml").is_file()
    assert (tmp_path / "records" / "nonconformities" / "NC-001.yaml").is_file()
    assert not (tmp_path / "systems" / "SYS-009.yaml").exists()
    assert not (tmp_path / ".examples").exists()


def test_examples_are_dropped_when_not_wanted(tmp_path):
    make_examples(tmp_path)
    post_gen.place_examples(tmp_path, "sme", wanted=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize(("ci", "kept"), [
    ("github", {".github", "aims.yml"}),
    ("gitlab", {".gitlab", ".gitlab-ci.yml", "aims.yml"}),
    ("none", {"aims.yml"}),
])
def test_prune_keeps_only_the_chosen_ci(tmp_path, ci, kept):
    for name in (".github/workflows/validate.yml", ".gitlab/merge_request_templates/default.md", ".gitlab-ci.yml",
                 "aims.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    post_gen.prune(tmp_path, ci, eu_ai_act=True)
    assert {p.name for p in tmp_path.iterdir()} == kept


def test_prune_removes_eu_ai_act_files_only_when_the_module_is_off(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "eu-ai-act.md").write_text("x")
    (tmp_path / "docs" / "index.md").write_text("x")
    post_gen.prune(tmp_path, "none", eu_ai_act=True)
    assert (tmp_path / "docs" / "eu-ai-act.md").exists()
    post_gen.prune(tmp_path, "none", eu_ai_act=False)
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["index.md"]


def test_prune_keeps_requirements_in_only_when_hashes_are_required(tmp_path):
    (tmp_path / "requirements.in").write_text("aimskit==0.1.0\n")
    post_gen.prune(tmp_path, "none", eu_ai_act=True, require_hashes=True)
    assert (tmp_path / "requirements.in").is_file()
    post_gen.prune(tmp_path, "none", eu_ai_act=True, require_hashes=False)
    assert not (tmp_path / "requirements.in").exists()


@pytest.mark.parametrize("line", ["aimskit @ git+https://example.org/aimskit.git@0123abc",
                                  "aimskit @ https://example.org/aimskit-0.1.0-py3-none-any.whl"])
def test_a_url_requirement_cannot_be_pinned_by_digest(line):
    assert pre_gen.problems({**GOOD, "aimskit_requirement": line}) == []
    [problem] = pre_gen.problems({**GOOD, "aimskit_requirement": line, "require_hashes": True})
    assert problem.startswith(f"aimskit_requirement {line!r} cannot be pinned by digest (require_hashes)")
    assert pre_gen.problems({**GOOD, "aimskit_requirement": "aimskit==0.1.0", "require_hashes": "yes"}) == []


def test_the_lock_is_left_to_the_upgrade_when_it_asks(tmp_path, monkeypatch):
    monkeypatch.setenv(post_gen.NO_LOCK_VARIABLE, "1")
    post_gen.lock_requirements(tmp_path)  # no requirements.in here: it would fail if it ran
    assert not (tmp_path / "requirements.txt").exists()


@pytest.mark.parametrize(("value", "expected"), [(True, True), (False, False), ("yes", True), ("False", False),
                                                 ("n", False), (1, True)])
def test_yes_no_answers(value, expected):
    assert post_gen.chosen(value) is expected


def test_commit_is_wanted_only_from_cookiecutter_and_without_the_opt_out(monkeypatch):
    monkeypatch.delenv("AIMSKIT_NO_GIT_COMMIT", raising=False)
    assert post_gen.wants_commit({"_output_dir": "/x"})
    assert not post_gen.wants_commit({})  # cruft generates without _output_dir and diffs the result
    monkeypatch.setenv("AIMSKIT_NO_GIT_COMMIT", "1")
    assert not post_gen.wants_commit({"_output_dir": "/x"})


def isolate_git_config(monkeypatch, home: Path) -> None:
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(key, raising=False)


def test_first_commit_falls_back_to_an_aimskit_identity(tmp_path, monkeypatch):
    isolate_git_config(monkeypatch, tmp_path / "home")
    (tmp_path / "home").mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / "aims.yml").write_text("schema_version: '1'\n")
    post_gen.first_commit(project)
    post_gen.first_commit(project)  # a second run (cruft update runs hooks twice) adds nothing
    repo = git.Repo(project)
    commits = list(repo.iter_commits())
    assert repo.active_branch.name == "main"
    assert len(commits) == 1 and commits[0].author.name == "aimskit"
    assert [item.path for item in commits[0].tree.traverse()] == ["aims.yml"]


def test_first_commit_uses_the_configured_identity(tmp_path, monkeypatch):
    isolate_git_config(monkeypatch, tmp_path)
    subprocess.run(["git", "config", "--global", "user.name", "Dana Reviewer"], check=True)
    subprocess.run(["git", "config", "--global", "user.email", "dana@example.org"], check=True)
    project = tmp_path / "project"
    project.mkdir()
    (project / "README.md").write_text("x\n")
    post_gen.first_commit(project)
    assert git.Repo(project).head.commit.author.email == "dana@example.org"


def test_codeowners_is_skipped_without_ci(tmp_path):
    post_gen.write_codeowners(tmp_path, "none")
    assert list(tmp_path.iterdir()) == []


def test_codeowners_failure_is_only_a_note(tmp_path, capsys):
    post_gen.write_codeowners(tmp_path, "github")  # not an AIMS repository: the command fails
    assert "aimskit codeowners" in capsys.readouterr().err
