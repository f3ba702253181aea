"""The template used from a git URL with --checkout and through cruft gets identical schemas."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from bakes import bake_template, environment
from template_checks import TEMPLATE_ROOT, schema_differences

from aimskit.cli import main

TAG = "template-under-test"


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory) -> Path:
    """A clone of this checkout's committed HEAD (offline), tagged, as a stand-in for the published template."""
    clone = tmp_path_factory.mktemp("template") / "aimskit-template"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(TEMPLATE_ROOT), str(clone)], check=True)
    subprocess.run(["git", "-C", str(clone), "tag", TAG], check=True)
    return clone


@pytest.mark.slow
def test_git_url_with_checkout(template_repo, tmp_path):
    project = bake_template(tmp_path / "out", template=f"git+file://{template_repo}", checkout=TAG, commit=False,
                            project_slug="from-git")
    assert (project / "aims.yml").is_file()
    assert schema_differences(project) == []


@pytest.mark.slow
def test_cruft_create(template_repo, tmp_path, monkeypatch):
    import cruft

    monkeypatch.setenv("HOME", str(tmp_path))  # cruft's cookiecutter reads the user's config from HOME
    project = Path(cruft.create(f"file://{template_repo}", output_dir=tmp_path / "out", checkout=TAG,
                                no_input=True, extra_context={"project_slug": "from-cruft"}))
    assert (project / ".cruft.json").is_file()
    assert schema_differences(project) == []
    assert not (project / ".git").exists()  # cruft diffs what it generates: the hooks leave git alone


@pytest.mark.slow
def test_aimskit_new_from_a_git_template(template_repo, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    with environment(AIMSKIT_NO_GIT_COMMIT="1"):
        code = main(["new", "--no-input", "-o", str(tmp_path / "out"), "--template", f"git+file://{template_repo}",
                     "--checkout", TAG, "project_slug=via-cli"])
    assert code == 0
    assert schema_differences(tmp_path / "out" / "via-cli") == []


def test_checkout_needs_a_git_template(tmp_path, capsys):
    assert main(["new", "--no-input", "-o", str(tmp_path), "--checkout", TAG]) == 2
    assert "--checkout picks a revision of a git --template" in capsys.readouterr().err
