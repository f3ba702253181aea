"""``aimskit upgrade`` keeps the repository's answers literal, as ``aimskit new`` does.

``.cookiecutter.json`` is a file of the repository under review: a Jinja payload in one of its
answers must come out as the same text, never be evaluated, with or without ``--dry-run``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import git
import pytest
from bakes import TEMPLATE_ROOT
from cookiecutter.environment import StrictEnvironment
from cookiecutter.prompt import render_variable

from aimskit import cli
from aimskit.upgrade.template import literal_answers

PAYLOAD = "Acme {{ cycler.__init__.__globals__.os.system('touch MARKER') }} {% raw %}{#"


@pytest.mark.parametrize("value", [PAYLOAD, ["{{ 7 * 7 }}", "plain"], {"{{ key }}": "{% if 1 %}x{% endif %}"},
                                   True, None])
def test_cookiecutter_renders_a_literal_answer_back_to_itself(value):
    rendered = render_variable(StrictEnvironment(), literal_answers(value), {})
    assert rendered == value


@pytest.fixture
def hostile_answers(baked_repo: Path, tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "repo"
    shutil.copytree(baked_repo, root, symlinks=True)
    marker = tmp_path / "pwned"
    answers_file = root / ".cookiecutter.json"
    answers = json.loads(answers_file.read_text(encoding="utf-8"))
    answers["organisation_name"] = PAYLOAD.replace("MARKER", str(marker))
    answers["aimskit_requirement"] = "aimskit>=0.1"  # a line of the repository's own: no wheel to build
    answers["_template"] = str(tmp_path / "elsewhere")  # private keys never choose the template
    answers_file.write_text(json.dumps(answers, indent=2) + "\n", encoding="utf-8")
    repo = git.Repo(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Mallory")
        config.set_value("user", "email", "mallory@example.invalid")
    repo.git.commit("-q", "-am", "A name to remember")
    return root, marker


@pytest.mark.slow
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "upgrade"])
def test_a_jinja_payload_in_the_answers_runs_nothing_and_is_kept(hostile_answers, dry_run, capsys, tmp_path,
                                                                 monkeypatch):
    root, marker = hostile_answers
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))  # this test's own, whatever runs beside it
    leftovers = set(Path(tempfile.gettempdir()).glob("aimskit-*"))
    code = cli.main(["upgrade", "--repo", str(root), "--template", str(TEMPLATE_ROOT), *(["--dry-run"] * dry_run)])
    output = capsys.readouterr()
    assert not marker.exists(), "the answer was evaluated as a template"
    assert "internal error" not in output.err
    assert not (tmp_path / "elsewhere").exists()
    assert not (tmp_path / "home" / ".cookiecutter_replay").exists()  # no replay of the answers at home
    assert set(Path(tempfile.gettempdir()).glob("aimskit-*")) == leftovers  # no scratch folder left behind
    if dry_run:
        assert code == 0 and "updated aims.yml" in output.out
        assert not git.Repo(root).is_dirty(untracked_files=True)
        return
    aims = (root / "aims.yml").read_text(encoding="utf-8")
    assert f'name: "{PAYLOAD.replace("MARKER", str(marker))}"' in aims  # the very text, not its rendering


@pytest.mark.slow
@pytest.mark.parametrize("slug", ["../../../escaped", ".."])
def test_an_answer_that_names_a_folder_stays_one_folder_name(hostile_answers, capsys, slug):
    root, _ = hostile_answers
    answers_file = root / ".cookiecutter.json"
    answers = json.loads(answers_file.read_text(encoding="utf-8"))
    answers["project_slug"] = slug
    answers_file.write_text(json.dumps(answers), encoding="utf-8")
    git.Repo(root).git.commit("-q", "-am", "A slug that climbs out")
    code = cli.main(["upgrade", "--repo", str(root), "--template", str(TEMPLATE_ROOT), "--dry-run"])
    output = capsys.readouterr()
    assert code == 1 and "the answer project_slug" in output.err and "must be one folder name" in output.err
    assert "Hook script failed" not in output.err  # refused before cookiecutter made any folder for it
