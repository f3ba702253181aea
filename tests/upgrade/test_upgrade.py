"""``aimskit upgrade`` on a repository baked from an older copy of the template.

The older copy is made by the test from this checkout's template: it lacks a file the current
template has, ends a policy one paragraph earlier, and is schema version 0, in which a risk's
``next_review`` was called ``review_due``. The organisation then edits a policy and a risk and
adds a risk of its own, and upgrades with the current template and a migration from version 0.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import git
import pytest
from bakes import TEMPLATE_ROOT, bake_template, environment

from aimskit import cli
from aimskit.upgrade import migrations
from aimskit.upgrade.template import upgrade

pytestmark = pytest.mark.slow
SLUG = "{{cookiecutter.project_slug}}"
TEMPLATE_FILES = ("cookiecutter.json", "local_extensions.py", "hooks", "schemas", SLUG)
RENAMED = migrations.Migration("0", "1", "a risk's review_due is called next_review",
                               (migrations.RenameField("risk", "review_due", "next_review"),))
POLICY = "policies/POL-001.md"
LAST_PARAGRAPH = "Changes are proposed by pull request and approved by the executive sponsor."


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def older_template(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in TEMPLATE_FILES:
        source = TEMPLATE_ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, folder / name)
    project = folder / SLUG
    (project / ".editorconfig").unlink()  # a file the current template added since
    policy = project / POLICY
    text = policy.read_text(encoding="utf-8")
    last = text.rindex("\n\n", 0, text.index(LAST_PARAGRAPH))
    policy.write_text(text[:last + 1], encoding="utf-8")  # the policy's last paragraph came later
    replace_in(project / "aims.yml", 'schema_version: "1"', 'schema_version: "0"')
    replace_in(folder / "schemas" / "manifest.schema.json", '"const": "1"', '"const": "0"')
    replace_in(folder / "schemas" / "risk.schema.json", '"next_review"', '"review_due"')
    for risk in (project / ".examples").glob("*/risks/*.yaml"):
        replace_in(risk, "\nnext_review:", "\nreview_due:")
    return folder


def commit_all(repo: git.Repo, message: str) -> None:
    repo.git.add("--all")
    repo.git.commit("-q", "-m", message)


@pytest.fixture
def old_repository(tmp_path: Path) -> Path:
    template = older_template(tmp_path / "old-template")
    with environment(HOME=str(tmp_path / "home")):
        root = bake_template(tmp_path / "out", template=template, commit=True, project_slug="acme-aims",
                             organisation_name="Acme Analytics")
    repo = git.Repo(root)
    assert len(list(repo.iter_commits())) == 1
    assert not (root / ".editorconfig").exists()
    assert "review_due:" in (root / "risks" / "RISK-001.yaml").read_text(encoding="utf-8")
    # the organisation's own edits
    replace_in(root / POLICY, "\ntitle: ", "\ntitle: Acme's ")
    replace_in(root / "risks" / "RISK-002.yaml", "\ntitle: ", "\ntitle: (Acme) ")
    own = (root / "risks" / "RISK-001.yaml").read_text(encoding="utf-8").replace("id: RISK-001", "id: RISK-900")
    (root / "risks" / "RISK-900.yaml").write_text(own, encoding="utf-8")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Acme Governance")
        config.set_value("user", "email", "governance@acme.example")
    commit_all(repo, "Our own edits")
    return root


def test_upgrade_keeps_edits_brings_new_files_and_migrates(old_repository: Path, tmp_path: Path, capsys):
    root = old_repository
    outcome = upgrade(root, TEMPLATE_ROOT, known_migrations=[RENAMED])
    assert outcome.clean, outcome.conflicts
    assert ("A", ".editorconfig") in outcome.template_changes
    assert ("M", POLICY) in outcome.template_changes

    policy = (root / POLICY).read_text(encoding="utf-8")
    assert "\ntitle: Acme's " in policy  # the organisation's edit is kept ...
    assert LAST_PARAGRAPH in policy  # ... and the template's change to the same file arrived
    assert "\ntitle: (Acme) " in (root / "risks" / "RISK-002.yaml").read_text(encoding="utf-8")
    assert (root / ".editorconfig").is_file()  # a new template file

    for name in ("RISK-900.yaml", "RISK-001.yaml", "RISK-002.yaml"):
        text = (root / "risks" / name).read_text(encoding="utf-8")
        assert "\nnext_review:" in text and "review_due" not in text, name
    assert 'schema_version: "1"' in (root / "aims.yml").read_text(encoding="utf-8")
    assert "risks/RISK-900.yaml" in {change.path for change in outcome.migrated}  # the template brought the rest

    repo = git.Repo(root)
    assert (Path(repo.git_dir) / "MERGE_HEAD").exists()  # staged as a merge, for review
    assert repo.git.diff("--name-only").strip() == ""  # everything is staged, nothing left unstaged
    # The approved AI policy's text changed (the organisation's edit and the template's): it is not
    # approved until its approver approves the merged text.
    assert cli.main(["validate", "--repo", str(root)]) == 1
    assert "AIMS702 POL-001 changed since version 1.0 was approved" in capsys.readouterr().out
    assert cli.main(["approve", "POL-001", "--repo", str(root)]) == 0
    capsys.readouterr()
    assert cli.main(["validate", "--repo", str(root)]) == 0, capsys.readouterr().out
    commit_all(repo, "Upgrade the template")

    # a second upgrade with the same template has nothing to bring
    again = upgrade(root, TEMPLATE_ROOT, known_migrations=[RENAMED])
    assert again.template_changes == [] and again.migrated == [] and again.clean


def test_an_edit_where_the_template_changed_is_left_as_a_conflict(old_repository: Path, capsys):
    root = old_repository
    policy = root / POLICY
    policy.write_text(policy.read_text(encoding="utf-8") + "\nOur own closing paragraph.\n", encoding="utf-8")
    commit_all(git.Repo(root), "Our closing paragraph")
    assert cli.main(["upgrade", "--repo", str(root), "--template", str(TEMPLATE_ROOT), "--dry-run"]) == 1
    assert "no migration from schema version 0 to 1" in capsys.readouterr().err
    outcome = upgrade(root, TEMPLATE_ROOT, known_migrations=[RENAMED])
    assert outcome.conflicts == [POLICY]
    text = policy.read_text(encoding="utf-8")
    assert "<<<<<<<" in text and "Our own closing paragraph." in text and LAST_PARAGRAPH in text


def test_dry_run_changes_nothing(old_repository: Path):
    repo = git.Repo(old_repository)
    head = repo.head.commit
    outcome = upgrade(old_repository, TEMPLATE_ROOT, dry_run=True, known_migrations=[RENAMED])
    assert ("A", ".editorconfig") in outcome.template_changes
    diff = "".join(change.diff() for change in outcome.migrated)
    assert "-review_due:" in diff and "+next_review:" in diff and '+schema_version: "1"' in diff
    assert repo.head.commit == head and not repo.is_dirty(untracked_files=True)
    assert not (old_repository / ".editorconfig").exists()
    assert "aimskit-template" not in repo.heads
