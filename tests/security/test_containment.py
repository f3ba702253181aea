"""Writing and deleting outside the repository: mkdocs.yml folders, render onto the repository,
CODEOWNERS through a symbolic link. Each case is refused with a finding and nothing outside the
repository changes (a listing with hashes before and after)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hostile import aimskit, listing, unchanged_except


def _set(config: Path, pattern: str, replacement: str) -> None:
    text = config.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    assert count, pattern
    config.write_text(changed, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(("pattern", "replacement", "message"), [
    (r"^site_dir: site$", "site_dir: ../outside/victim", "site_dir '../outside/victim' points outside the repository"),
    (r"^docs_dir: docs$", "docs_dir: ../outside", "docs_dir '../outside' points outside the repository"),
    (r"^site_dir: site$", "site_dir: /tmp", "site_dir '/tmp' is an absolute path"),
    (r"^site_dir: site$", "site_dir: .", "site_dir is the repository itself"),
    (r"^site_dir: site$", "site_dir: .git", "site_dir '.git' is a folder aimskit will not build into or from"),
    (r"^  name: material$", "  name: material\n  custom_dir: ../outside", "custom_dir '../outside' points outside"),
    (r"^site_dir: site$", "site_dir: site\nINHERIT: ../outside/secret.yaml", "INHERIT reads another configuration file"),
    (r"base_path: \[docs\]", "base_path: [/etc]", "pymdownx.snippets base_path '/etc' is an absolute path"),
])
def test_mkdocs_folders_pointing_outside_are_refused_before_the_engine_runs(sandbox, pattern, replacement, message):
    _set(sandbox.repo / "mkdocs.yml", pattern, replacement)
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "build")
    assert run.code == 1, run
    assert "AIMS901" in run.stdout and message in run.stdout, run.stdout
    assert "internal error" not in run.stderr
    assert unchanged_except(before, listing(sandbox.root)) == set()


@pytest.mark.slow
def test_a_symbolic_link_in_place_of_docs_dir_is_refused(sandbox):
    (sandbox.repo / "pages").symlink_to(sandbox.outside, target_is_directory=True)
    _set(sandbox.repo / "mkdocs.yml", r"^docs_dir: docs$", "docs_dir: pages")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "build")
    assert run.code == 1 and "AIMS901" in run.stdout and "leaves the repository" in run.stdout, run
    assert unchanged_except(before, listing(sandbox.root)) == set()


@pytest.mark.slow
def test_render_onto_the_repository_root_is_refused_even_with_the_output_marker(sandbox):
    (sandbox.repo / ".aimskit-output").write_text("forged\n", encoding="utf-8")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "render", str(sandbox.repo))
    assert run.code == 1, run
    assert "aimskit will not replace it" in run.stderr
    assert unchanged_except(before, listing(sandbox.root)) == set()
    assert (sandbox.repo / ".git" / "HEAD").is_file()


@pytest.mark.slow
def test_render_onto_a_parent_of_the_repository_is_refused(sandbox):
    (sandbox.root / ".aimskit-output").write_text("forged\n", encoding="utf-8")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "render", str(sandbox.root))
    assert run.code == 1 and "aimskit will not replace it" in run.stderr, run
    assert unchanged_except(before, listing(sandbox.root)) == set()


@pytest.mark.slow
def test_render_onto_a_folder_aimskit_did_not_write_is_refused(sandbox):
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "render", str(sandbox.outside / "victim"))
    assert run.code == 1 and "was not written by aimskit" in run.stderr, run
    assert unchanged_except(before, listing(sandbox.root)) == set()


@pytest.mark.slow
def test_codeowners_does_not_write_through_a_symbolic_link_out_of_the_repository(sandbox):
    github = sandbox.repo / ".github"
    for path in sorted(github.rglob("*"), reverse=True):
        path.unlink() if not path.is_dir() else path.rmdir()
    github.rmdir()
    github.symlink_to(sandbox.outside / "victim", target_is_directory=True)
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "codeowners")
    assert run.code == 1, run
    assert "AIMS120" in run.stderr and "leaves the repository" in run.stderr
    assert unchanged_except(before, listing(sandbox.root)) == set()
    assert not (sandbox.outside / "victim" / "CODEOWNERS").exists()


@pytest.mark.slow
def test_codeowners_writes_with_the_users_umask(sandbox):
    (sandbox.repo / ".github" / "CODEOWNERS").unlink()
    for umask, mode in ((0o022, 0o644), (0o002, 0o664)):
        run = aimskit("--repo", str(sandbox.repo), "codeowners", umask=umask)
        assert run.code == 0, run
        written = sandbox.repo / ".github" / "CODEOWNERS"
        assert written.stat().st_mode & 0o777 == mode
        written.unlink()


@pytest.mark.slow
def test_an_outward_evidence_link_is_a_finding(sandbox):
    (sandbox.repo / "evidence").mkdir(exist_ok=True)
    os.symlink(sandbox.outside / "secret.yaml", sandbox.repo / "evidence" / "leak.yaml")
    soa = sandbox.repo / "soa.yaml"
    text = soa.read_text(encoding="utf-8")
    assert "evidence: [policies/POL-001.md]" in text
    soa.write_text(text.replace("evidence: [policies/POL-001.md]", "evidence: [evidence/leak.yaml]", 1), encoding="utf-8")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "validate")
    assert run.code == 1 and "AIMS209" in run.stdout and "evidence/leak.yaml' points outside" in run.stdout, run
    assert unchanged_except(before, listing(sandbox.root)) == set()
