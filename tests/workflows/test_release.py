"""This repository's own release workflow: valid, least-privilege, pinned, trusted publishing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

BIN = Path(sys.executable).parent
RELEASE = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "release.yml"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(RELEASE.read_text(encoding="utf-8"))


def test_tag_builds_tests_the_wheel_then_publishes(workflow):
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads the key 'on' as True
    jobs = workflow["jobs"]
    assert jobs["test-wheel"]["needs"] == "build" and jobs["publish"]["needs"] == "test-wheel"
    publish = jobs["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    step = publish["steps"][-1]
    assert step["uses"].startswith("pypa/gh-action-pypi-publish@") and step["with"] == {"attestations": True}
    assert "password" not in str(workflow)  # trusted publishing: no token


def test_least_privilege_and_pinned(workflow):
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert "permissions" in job
        for step in job["steps"]:
            if "uses" in step:
                assert PINNED.match(step["uses"]), step["uses"]
                if step["uses"].startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False
    assert "pull_request_target" not in RELEASE.read_text(encoding="utf-8")


def test_linters_report_nothing():
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(RELEASE)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    done = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona", "pedantic", "--no-progress", "--color",
                           "never", str(RELEASE)], capture_output=True, text=True)
    assert done.returncode == 0 and "No findings to report" in done.stdout, done.stdout + done.stderr
    if (BIN / "actionlint").exists():
        done = subprocess.run([str(BIN / "actionlint"), "-pyflakes=", str(RELEASE)], capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr
