"""Clean up: nothing is left behind after SIGTERM or SIGINT of build or serve, nor after a refused
`new`; and bounded work: nesting has a limit reported as a finding, and punctuation is disarmed."""

from __future__ import annotations

import shutil
import signal
import time

import pytest
from hostile import ENV, aimskit, listing, start, stop, unchanged_except


def _wait_for(predicate, timeout: float = 240) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_build_leaves_no_staging_folder(sandbox, signum):
    before = listing(sandbox.root)
    process = start("--repo", str(sandbox.repo), "build")
    staged = _wait_for(lambda: any(sandbox.repo.glob(".aimskit-build-*")))
    code, _, stderr = stop(process, signum)
    assert staged, stderr
    assert code != 0 and "internal error" not in stderr
    assert not list(sandbox.repo.glob(".aimskit-build-*")) and not list(sandbox.repo.glob(".*.old-*"))
    assert unchanged_except(before, listing(sandbox.root)) == set()


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stopped_serve_leaves_nothing_behind(sandbox, signum):
    temporary = sandbox.root / "tmp"
    temporary.mkdir()
    before = listing(sandbox.repo)
    process = start("--repo", str(sandbox.repo), "serve", "--port", "0", env=dict(ENV, TMPDIR=str(temporary)))
    assert process.stdout is not None
    line = process.stdout.readline()
    while line and not line.startswith("Serving"):  # "Site rebuilt", then "Serving the site on ..."
        line = process.stdout.readline()
    assert line.startswith("Serving the site on http://127.0.0.1:"), line
    assert any(temporary.iterdir())
    code, _, stderr = stop(process, signum)
    assert "internal error" not in stderr
    assert list(temporary.iterdir()) == []
    assert unchanged_except(before, listing(sandbox.repo), "docs/generated", "site") == set()
    assert not list(sandbox.repo.glob(".aimskit-build-*"))


@pytest.mark.slow
def test_a_refused_new_leaves_no_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    target = tmp_path / "a" / "b"
    run = aimskit("new", "--no-input", "-o", str(target), "project_slug=Not A Slug",
                  env=dict(ENV, TMPDIR=str(temporary)))
    assert run.code == 1 and "project_slug" in run.stderr, run
    assert not (tmp_path / "a").exists()
    assert list(temporary.iterdir()) == []  # neither the wheel built from the checkout nor cookiecutter's hooks


@pytest.mark.slow
def test_new_from_a_checkout_leaves_nothing_in_the_temporary_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    run = aimskit("new", "--no-input", "-o", str(tmp_path / "out"), env=dict(ENV, TMPDIR=str(temporary)))
    assert run.code == 0, run
    assert "./.aimskit/wheels/aimskit-" in run.stdout  # the wheel was built from this checkout ...
    assert list(temporary.iterdir()) == []  # ... in a folder removed on the way out


@pytest.mark.slow
def test_a_stopped_new_leaves_nothing_in_the_temporary_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = start("new", "--no-input", "-o", str(tmp_path / "out"), env=dict(ENV, TMPDIR=str(temporary)))
    started = _wait_for(lambda: any(temporary.iterdir()), timeout=60)
    code, _, stderr = stop(process, signal.SIGTERM)
    assert started, stderr
    assert code != 0 and "internal error" not in stderr
    assert list(temporary.iterdir()) == []


def test_nesting_beyond_the_limit_is_a_finding(baked_repo, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(baked_repo, repo, symlinks=True)
    (repo / "risks" / "RISK-950.yaml").write_text("id: RISK-950\ntitle: " + "[" * 600 + "]" * 600 + "\n",
                                                  encoding="utf-8")
    (repo / "risks" / "RISK-951.yaml").write_text("id: RISK-951\ntitle: " + "{a: " * 300 + "}" * 300 + "\n",
                                                  encoding="utf-8")
    run = aimskit("--repo", str(repo), "validate")
    assert run.code == 1 and "internal error" not in run.stderr, run
    lines = run.stdout.splitlines()
    assert any(line.startswith("risks/RISK-950.yaml:2:") and "AIMS123 the YAML is nested too deeply (more than 64 levels)"
               in line for line in lines), run.stdout
    assert any(line.startswith("risks/RISK-951.yaml:2:") and (" AIMS123 " in line or " AIMS100 " in line)
               for line in lines), run.stdout
