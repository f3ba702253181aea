"""The generated GitLab CI configuration and merge request template."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bakes import bake_unlocked

from aimskit.lock.lockfile import CI_PYTHON

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module", params=["plain", "hashed"])
def gitlab_repo(bake, request) -> Path:
    """The pipeline as generated, and with every dependency pinned by digest (require_hashes)."""
    return bake(ci_provider="gitlab") if request.param == "plain" else bake_unlocked(bake, ci_provider="gitlab")


@pytest.fixture(scope="module")
def pipeline(gitlab_repo) -> dict:
    return yaml.safe_load((gitlab_repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def test_expected_files(gitlab_repo):
    assert (gitlab_repo / ".gitlab" / "merge_request_templates" / "Default.md").is_file()
    assert (gitlab_repo / ".gitlab" / "CODEOWNERS").is_file()
    assert not (gitlab_repo / ".github").exists()


def test_matches_the_vendored_schema(gitlab_repo):
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci",
                           str(gitlab_repo / ".gitlab-ci.yml")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_full_history_and_an_image_with_git(pipeline):
    assert pipeline["variables"]["GIT_DEPTH"] == 0
    assert pipeline["default"]["image"].startswith("python:3") and "slim" not in pipeline["default"]["image"]


def test_merge_requests_get_the_checks_and_the_governance_report(pipeline):
    assert pipeline["validate"]["script"] == ["aimskit validate"]
    assert pipeline["codeowners"]["script"] == ["aimskit codeowners --check"]
    diff = pipeline["governance-diff"]
    assert diff["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert any('aimskit diff "${CI_MERGE_REQUEST_DIFF_BASE_SHA}...HEAD"' in line for line in diff["script"])
    gate = pipeline["approvals"]
    assert gate["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert gate["script"][-1] == "aimskit gate --host gitlab --evidence approval-evidence.json"
    assert diff["artifacts"]["paths"] == ["governance-changes.md"] and diff["artifacts"]["when"] == "always"


def test_pages_publish_from_the_default_branch(pipeline):
    pages = pipeline["pages"]
    assert "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in pages["rules"][0]["if"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "aimskit build" in pages["script"]


def test_scheduled_pipeline_checks_review_dates(pipeline):
    assert pipeline["review-dates"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert pipeline["review-dates"]["script"] == ["aimskit validate --strict-reviews"]
    assert pipeline["placeholders"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "web"'}]
    assert pipeline["placeholders"]["script"] == ["aimskit validate --strict-placeholders"]


def test_the_gitlab_token_is_documented_as_a_protected_variable(gitlab_repo):
    text = " ".join((gitlab_repo / ".gitlab-ci.yml").read_text(encoding="utf-8").replace("\n#", "\n").split())
    assert "AIMSKIT_GITLAB_TOKEN (masked AND protected, so that no merge request's own pipeline file can read it)" \
        in text
    assert "protected off" not in text


def test_scheduled_pipeline_checks_the_branch_protection(pipeline):
    assert pipeline["protection"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert pipeline["protection"]["script"] == ["aimskit protection --check --host gitlab"]


def test_every_job_installs_from_requirements_and_runs_the_python_the_lock_is_checked_for(gitlab_repo, pipeline):
    hashed = (gitlab_repo / "requirements.in").is_file()
    assert pipeline["default"]["before_script"] == [
        "python -m pip install " + "--require-hashes " * hashed + "-r requirements.txt"]
    assert not [name for name, job in pipeline.items()
                if name != "default" and isinstance(job, dict) and "before_script" in job]
    assert pipeline["default"]["image"] == f"python:{CI_PYTHON}"
