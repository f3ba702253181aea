"""Reading what it should not: FIFOs, devices, links out of the repository, huge files, loops.
Each is refused with a finding, promptly, without its content reaching any output, and
nothing in the sandbox changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile import SECRET, aimskit, listing, unchanged_except


def _replace_with_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


@pytest.mark.slow
def test_a_codeowners_fifo_does_not_hang_validate(sandbox):
    _replace_with_fifo(sandbox.repo / ".github" / "CODEOWNERS")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "validate", timeout=120)
    assert run.code == 1, run
    assert ".github/CODEOWNERS:1:1: error AIMS121 file is a FIFO, not a regular file" in run.stdout
    assert unchanged_except(before, listing(sandbox.root)) == set()
    check = aimskit("--repo", str(sandbox.repo), "codeowners", "--check", timeout=120)
    assert check.code == 1 and "AIMS121" in check.stderr, check


@pytest.mark.slow
def test_codeowners_linked_to_dev_zero_is_not_read(sandbox):
    codeowners = sandbox.repo / ".github" / "CODEOWNERS"
    codeowners.unlink()
    codeowners.symlink_to("/dev/zero")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "validate", timeout=120)
    assert run.code == 1, run
    assert ".github/CODEOWNERS:1:1: error AIMS120 file leaves the repository" in run.stdout
    assert unchanged_except(before, listing(sandbox.root)) == set()


@pytest.mark.slow
def test_records_linked_outside_fifos_loops_and_huge_files_are_findings(sandbox):
    risks = sandbox.repo / "risks"
    (risks / "RISK-901.yaml").symlink_to(sandbox.outside / "secret.yaml")
    (sandbox.repo / "policies" / "POL-901.md").symlink_to(sandbox.outside / "secret.md")
    os.mkfifo(risks / "RISK-902.yaml")
    (risks / "RISK-903.yaml").symlink_to("RISK-903.yaml")  # a loop
    with open(risks / "RISK-904.yaml", "wb") as huge:  # 1 GiB, sparse: reading it whole would take long
        huge.truncate(1024 ** 3)
    (risks / "RISK-905.yaml").symlink_to("/dev/zero")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "validate", timeout=120)
    assert run.code == 1, run
    lines = run.stdout.splitlines()
    assert "risks/RISK-901.yaml:1:1: error AIMS120 file leaves the repository (through '..' or a symbolic link); " \
           "it is not read (keep the file itself in the repository, not a symbolic link to a file outside it)" in lines
    assert any(line.startswith("policies/POL-901.md:1:1: error AIMS120") for line in lines)
    assert any(line.startswith("risks/RISK-902.yaml:1:1: error AIMS121 file is a FIFO") for line in lines)
    assert any(line.startswith("risks/RISK-903.yaml:1:1: error AIMS122 file cannot be resolved") for line in lines)
    assert f"risks/RISK-904.yaml:1:1: error AIMS103 file is {1024 ** 3} bytes, over the 1048576 byte limit " \
           "(split the record; registers keep one record per file)" in lines
    assert any(line.startswith("risks/RISK-905.yaml:1:1: error AIMS120") for line in lines)
    assert SECRET not in run.stdout + run.stderr
    report = aimskit("--repo", str(sandbox.repo), "report", "--format", "json", timeout=120)
    assert report.code in (0, 1) and SECRET not in report.stdout + report.stderr, report
    assert unchanged_except(before, listing(sandbox.root)) == set()


@pytest.mark.slow
def test_docs_links_to_devices_and_system_files_are_not_published(sandbox):
    docs = sandbox.repo / "docs"
    (docs / "passwd.md").symlink_to("/etc/passwd")
    (docs / "zero.md").symlink_to("/dev/zero")
    (docs / "secret.md").symlink_to(sandbox.outside / "secret.md")
    os.mkfifo(docs / "pipe.md")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "build", timeout=300)
    assert run.code == 1, run
    lines = run.stdout.splitlines()
    for name in ("passwd.md", "zero.md", "secret.md"):
        assert any(line.startswith(f"docs/{name}:1:1: error AIMS905 is a symbolic link that leaves the repository")
                   for line in lines), run.stdout
    assert any(line.startswith("docs/pipe.md:1:1: error AIMS905 is a FIFO, not a regular file") for line in lines)
    assert unchanged_except(before, listing(sandbox.root)) == set()
    assert not (sandbox.repo / "site").exists()
    assert not list(sandbox.repo.glob(".aimskit-build-*"))
