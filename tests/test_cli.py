"""The command line shell: --repo before or after the command, and in every command's help."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimskit import cli


@pytest.fixture
def clean_repository(tmp_path: Path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "rules"))
    from mini_repos import build_repository

    return build_repository(tmp_path / "aims")


@pytest.mark.parametrize("where", ["before", "after"])
def test_repo_is_accepted_before_or_after_the_command(clean_repository, capsys, where):
    args = (["--repo", str(clean_repository), "validate"] if where == "before"
            else ["validate", "--repo", str(clean_repository)])
    assert cli.main(args) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_repo_after_the_command_wins(clean_repository, tmp_path, capsys):
    assert cli.main(["--repo", str(tmp_path / "nowhere"), "validate", "--repo", str(clean_repository)]) == 0
    assert "0 errors" in capsys.readouterr().out


@pytest.mark.parametrize("command", [name for name in cli.COMMANDS if name not in cli.WITHOUT_REPO])
def test_every_command_that_reads_a_repository_shows_repo_in_its_help(command, capsys):
    assert cli.main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "--repo DIR" in out and "the AIMS repository" in out


def test_codeowners_with_no_ci_has_no_file_and_passes(clean_repository, capsys):
    manifest = clean_repository / "aims.yml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("\nci: github", "\nci: none") if "\nci: github" in text else text + "ci: none\n",
                        encoding="utf-8")
    assert cli.main(["codeowners", "--check", "--repo", str(clean_repository)]) == 0
    assert capsys.readouterr().out == ("aims.yml sets ci: none, so there is no code host to request reviews and no "
                                       "CODEOWNERS file; nothing to check\n")
    assert cli.main(["codeowners", "--repo", str(clean_repository)]) == 0
    assert not (clean_repository / ".github").exists()
