"""``aimskit serve``: serves the site on 127.0.0.1 and rebuilds it when a record changes."""

from __future__ import annotations

import datetime as dt
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitekit import copy_repository

from aimskit.approvals.stamp import approve


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def _default_signals() -> None:
    """SIGINT and SIGTERM as by default in the child, whatever this test run inherited."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


@pytest.mark.slow
def test_serve_rebuilds_when_a_record_changes(baked_repo: Path, tmp_path: Path) -> None:
    repo = copy_repository(baked_repo, tmp_path / "aims")
    process = subprocess.Popen([sys.executable, "-m", "aimskit", "--repo", str(repo), "serve", "--port", "0",
                                "--interval", "0.3"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               preexec_fn=_default_signals)
    try:
        line = process.stdout.readline()
        while line and "Serving the site on" not in line:
            line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group()
        page = f"{url}generated/policies/POL-001/"
        assert "Renamed for the preview" not in fetch(page)
        policy = repo / "policies" / "POL-001.md"
        text = policy.read_text(encoding="utf-8")
        policy.write_text(re.sub(r"(?m)^title:.*$", "title: Renamed for the preview", text, count=1), encoding="utf-8")
        approve(repo, "POL-001", dt.date.today())  # the renamed policy is approved as it now reads
        wait_for(lambda: "Renamed for the preview" in fetch(page))
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_only_changes_that_reach_the_site_count(baked_repo: Path) -> None:
    from aimskit.commands.serve import relevant

    for path in ("risks/RISK-001.yaml", "policies/POL-001.md", "mkdocs.yml", "docs/index.md", "aims.yml"):
        assert relevant(baked_repo, str(baked_repo / path)), path
    for path in (".git/index", "site/index.html", "docs/generated/risks/index.md", "notes.txt", "../elsewhere.yaml"):
        assert not relevant(baked_repo, str(baked_repo / path)), path
