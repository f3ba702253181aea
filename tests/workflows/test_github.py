"""The generated GitHub Actions workflows: valid, least-privilege, pinned, injection-free."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import required_tools
import yaml
from bakes import bake_unlocked

from aimskit.cli import build_parser
from aimskit.lock.lockfile import CI_PYTHON

BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$")


@pytest.fixture(scope="module", params=["plain", "hashed"])
def github_repo(bake, request) -> Path:
    """The workflows as generated, and with every dependency pinned by digest (require_hashes)."""
    return bake(ci_provider="github") if request.param == "plain" else bake_unlocked(bake, ci_provider="github")


@pytest.fixture(scope="module")
def workflows(github_repo) -> dict[str, dict]:
    folder = github_repo / ".github" / "workflows"
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yml"))}


def workflow_files(repo: Path) -> list[Path]:
    return sorted((repo / ".github" / "workflows").glob("*.yml"))


def test_expected_files(github_repo, workflows):
    assert set(workflows) == {"aims.yml", "review-dates.yml", "approvals.yml", "placeholders.yml"}
    assert (github_repo / ".github" / "pull_request_template.md").is_file()
    assert (github_repo / ".github" / "CODEOWNERS").is_file()
    assert not (github_repo / ".gitlab-ci.yml").exists() and not (github_repo / ".gitlab").exists()


def test_workflows_match_the_vendored_schema(github_repo):
    done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           *map(str, workflow_files(github_repo))], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_reports_nothing_even_pedantic(github_repo):
    done = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona", "pedantic", "--no-progress",
                           "--color", "never", *map(str, workflow_files(github_repo))],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout


def test_actionlint_reports_nothing(github_repo):
    actionlint, shellcheck = required_tools.actionlint(), required_tools.shellcheck()
    done = subprocess.run([str(actionlint), "-pyflakes=", f"-shellcheck={shellcheck}",
                           *map(str, workflow_files(github_repo))], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_checks_run_scripts_with_shellcheck(tmp_path):
    # without shellcheck actionlint passes this workflow silently: its clean report would prove nothing
    actionlint, shellcheck = required_tools.actionlint(), required_tools.shellcheck()
    workflow = tmp_path / "unquoted.yml"
    workflow.write_text("on: push\npermissions: {}\njobs:\n  show:\n    runs-on: ubuntu-latest\n    steps:\n"
                        "      - run: ls $HOME/*.txt\n", encoding="utf-8")
    done = subprocess.run([str(actionlint), "-pyflakes=", f"-shellcheck={shellcheck}", str(workflow)],
                          capture_output=True, text=True)
    assert done.returncode == 1 and "SC2086" in done.stdout, done.stdout + done.stderr


def test_every_action_is_pinned_by_commit_sha(github_repo):
    for path in workflow_files(github_repo):
        uses = [line for line in path.read_text().splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
        assert uses, path
        for line in uses:
            assert PINNED.match(line), f"{path.name}: not pinned by a full SHA with a version comment: {line}"


def test_least_privilege_and_safe_triggers(workflows):
    for name, workflow in workflows.items():
        triggers = workflow[True]  # PyYAML reads the key 'on' as True
        assert "pull_request_target" not in triggers and "workflow_run" not in triggers
        assert workflow["permissions"] == {}, name
        for job_name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{name}: {job_name} has no permissions of its own"
            assert "write" not in (job["permissions"].get("contents"), job["permissions"].get("actions"))
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def test_no_expression_reaches_a_shell(workflows):
    for name, workflow in workflows.items():
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                assert "${{" not in step.get("run", ""), f"{name}: expression inside run: {step['run']}"


def test_pages_publishing_is_split_by_privilege(workflows):
    jobs = workflows["aims.yml"]["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert "refs/heads/main" in jobs["site"]["if"]
    site_actions = [s["uses"].split("@")[0] for s in jobs["site"]["steps"] if "uses" in s]
    assert site_actions[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    pages_grants = {name for name, job in jobs.items() if "pages" in job["permissions"]}
    assert pages_grants == {"site", "deploy"}


def test_checks_on_pull_requests(workflows):
    workflow = workflows["aims.yml"]
    assert set(workflow[True]) >= {"pull_request", "push"}
    check = workflow["jobs"]["check"]
    checkout = check["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0
    runs = [s.get("run", "") for s in check["steps"]]
    assert "aimskit validate --format github" in runs
    assert "aimskit codeowners --check" in runs
    diff = next(s for s in check["steps"] if "aimskit diff" in s.get("run", ""))
    assert diff["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}",
                           "HEAD_SHA": "${{ github.event.pull_request.head.sha }}"}
    assert '"${BASE_SHA}...${HEAD_SHA}"' in diff["run"] and '>> "${GITHUB_STEP_SUMMARY}"' in diff["run"]
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/" and "pull_request" in upload["if"]


def test_sarif_upload_is_off_by_default(workflows):
    jobs = workflows["aims.yml"]["jobs"]
    assert jobs["sarif"]["if"] == "${{ vars.AIMSKIT_SARIF == 'true' && github.event_name != 'pull_request' }}"
    assert {name for name, job in jobs.items() if "security-events" in job["permissions"]} == {"sarif"}
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in jobs["sarif"]["steps"])


def test_review_dates_run_weekly_and_fail_on_overdue_reviews_only(workflows):
    workflow = workflows["review-dates.yml"]
    assert [entry["cron"] for entry in workflow[True]["schedule"]] == ["23 6 * * 1"]
    [job] = [job for job in workflow["jobs"].values() if job["name"] == "Reviews are not overdue"]
    assert [s["run"] for s in job["steps"] if "aimskit validate" in s.get("run", "")] == [
        "aimskit validate --strict-reviews --format github"]


def test_placeholders_are_checked_on_demand(workflows):
    workflow = workflows["placeholders.yml"]
    assert set(workflow[True]) == {"workflow_dispatch"}
    [job] = workflow["jobs"].values()
    assert job["name"] == "No placeholder text is left"
    assert [s["run"] for s in job["steps"] if "aimskit validate" in s.get("run", "")] == [
        "aimskit validate --strict-placeholders --format github"]


def test_the_site_on_main_confirms_approvals_with_a_read_only_token(workflows):
    job = workflows["aims.yml"]["jobs"]["site"]
    assert job["permissions"] == {"contents": "read", "pages": "read", "pull-requests": "read"}
    build = next(s for s in job["steps"] if s.get("run") == "aimskit build")
    assert build["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}


def test_the_weekly_workflow_checks_mains_protection_read_only(workflows):
    job = workflows["review-dates.yml"]["jobs"]["protection"]
    assert job["permissions"] == {"contents": "read"}
    step = next(s for s in job["steps"] if "aimskit protection" in s.get("run", ""))
    assert step["run"] == "aimskit protection --check --host github"
    assert step["env"] == {"GITHUB_TOKEN": "${{ secrets.AIMSKIT_PROTECTION_TOKEN || github.token }}"}


def test_the_review_gate_is_read_only_and_reruns_on_reviews(workflows):
    workflow = workflows["approvals.yml"]
    assert set(workflow[True]) == {"pull_request", "pull_request_review"}
    assert workflow[True]["pull_request_review"] == {"types": ["submitted", "dismissed"]}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "read"}
    assert all("write" not in str(value) for value in job["permissions"].values())
    gate = next(s for s in job["steps"] if "aimskit gate" in s.get("run", ""))
    assert gate["run"] == "aimskit gate --host github --evidence approval-evidence.json"
    assert gate["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    assert job["steps"][0]["with"] == {"fetch-depth": 0, "persist-credentials": False}


def test_every_aimskit_command_in_the_workflows_parses(workflows):
    parser = build_parser()
    commands = [line for workflow in workflows.values() for job in workflow["jobs"].values()
                for step in job.get("steps", []) for line in step.get("run", "").splitlines()
                if line.startswith("aimskit ")]
    assert len(commands) >= 6
    for command in commands:
        words = shlex.split(command.split(">")[0].split("||")[0])
        parser.parse_args(words[1:])  # exits on an unknown verb or option


def test_every_job_that_runs_aimskit_installs_it_from_requirements_first(github_repo, workflows):
    install = "python -m pip install " + "--require-hashes " * (github_repo / "requirements.in").is_file()
    for name, workflow in workflows.items():
        for job_name, job in workflow["jobs"].items():
            runs = [step.get("run", "") for step in job.get("steps", [])]
            uses_aimskit = [i for i, run in enumerate(runs) if run.startswith("aimskit ")]
            installs = [i for i, run in enumerate(runs) if "pip install" in run]
            if uses_aimskit:
                assert [runs[i] for i in installs] == [install + "-r requirements.txt"], f"{name}: {job_name}"
                assert installs[0] < uses_aimskit[0], f"{name}: {job_name} runs aimskit before installing it"
            else:
                assert not installs, f"{name}: {job_name}"


def test_ci_runs_the_python_the_lock_is_checked_for(workflows):
    versions = {step["with"]["python-version"] for workflow in workflows.values() for job in workflow["jobs"].values()
                for step in job.get("steps", []) if step.get("uses", "").startswith("actions/setup-python@")}
    assert versions == {CI_PYTHON}


def test_the_ci_page_and_validate_help_agree_with_the_scheduled_jobs(workflows):
    """docs/ci.md names each scheduled or on-demand job as the workflow does and shows its command;
    ``validate --help`` explains every flag those commands pass."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "ci.md").read_text(encoding="utf-8")
    help_text = " ".join(build_parser()._subparsers._group_actions[0].choices["validate"].format_help().split())
    for name in ("review-dates.yml", "placeholders.yml"):
        [job] = [job for job in workflows[name]["jobs"].values()
                 if any(step.get("run", "").startswith("aimskit validate") for step in job["steps"])]
        assert f"`.github/workflows/{name}`" in page and f"**{job['name']}**" in page
        [run] = [step["run"] for step in job["steps"] if step.get("run", "").startswith("aimskit validate")]
        assert f"`{run}`" in page
        for flag in (word for word in shlex.split(run) if word.startswith("--strict")):
            assert flag in help_text
    assert "overdue reviews" in help_text and "TODO markers" in help_text
