"""``aimskit diff origin/main`` in a clone of a baked repository, as the generated CI runs it."""

from __future__ import annotations

import git

from aimskit.cli import main


def test_pull_request_diff_against_origin(baked_repo, tmp_path, capsys):
    clone = git.Repo.clone_from(f"file://{baked_repo}", tmp_path / "clone")
    root = tmp_path / "clone"
    clone.git.checkout("-q", "-b", "change")
    risk = sorted((root / "risks").glob("*.yaml"))[0]
    text = risk.read_text(encoding="utf-8")
    risk.write_text(text.replace("\nstatus: ", "\nstatus: closed\nold_status: ", 1), encoding="utf-8")
    clone.git.add("-A")
    clone.git.commit("-q", "-m", "Close a risk", env={"GIT_AUTHOR_NAME": "Bob", "GIT_AUTHOR_EMAIL": "b@example.com",
                                                       "GIT_COMMITTER_NAME": "Bob",
                                                       "GIT_COMMITTER_EMAIL": "b@example.com"})
    assert main(["--repo", str(root), "diff", "origin/main"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Governance changes: origin/main → working tree")
    assert f"#### {risk.stem} — " in out and "| status |" in out and "closed |" in out
    assert "### New findings (1)" in out and "AIMS3" in out  # old_status is not a risk field
