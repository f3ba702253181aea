"""The CI steps docs/scan.md gives teams and the central AIMS: valid, least-privilege, pinned,
zizmor- and actionlint-clean, and every aimskit command in them parses."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import required_tools
import yaml

from aimskit.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BLOCK = re.compile(r'^```yaml title="(?P<name>[\w.-]+)"\n(?P<body>.*?)^```$', re.MULTILINE | re.DOTALL)
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*\s*$")


def _blocks() -> dict[str, str]:
    return {m["name"]: m["body"] for m in BLOCK.finditer((ROOT / "docs" / "scan.md").read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def github(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("docs-workflows") / ".github" / "workflows"
    folder.mkdir(parents=True)
    paths = []
    for name, body in _blocks().items():
        if not name.startswith("gitlab-"):
            (folder / name).write_text(body, encoding="utf-8")
            paths.append(folder / name)
    return paths


@pytest.fixture(scope="module")
def gitlab(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("docs-gitlab")
    paths = []
    for name, body in _blocks().items():
        if name.startswith("gitlab-"):
            (folder / name).write_text(body, encoding="utf-8")
            paths.append(folder / name)
    return paths


def test_the_page_has_both_flows_for_both_hosts(github, gitlab) -> None:
    assert sorted(p.name for p in github) == ["ai-inventory.yml", "team-repositories.yml"]
    assert sorted(p.name for p in gitlab) == ["gitlab-ai-inventory.yml", "gitlab-team-repositories.yml"]


def test_they_match_the_vendored_schemas(github, gitlab) -> None:
    for schema, paths in (("vendor.github-workflows", github), ("vendor.gitlab-ci", gitlab)):
        done = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_reports_nothing_even_pedantic(github) -> None:
    done = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona", "pedantic", "--no-progress", "--color",
                           "never", *map(str, github)], capture_output=True, text=True)
    assert done.returncode == 0 and "No findings to report" in done.stdout, done.stdout + done.stderr


def test_actionlint_reports_nothing(github) -> None:
    actionlint, shellcheck = required_tools.actionlint(), required_tools.shellcheck()
    done = subprocess.run([str(actionlint), "-pyflakes=", f"-shellcheck={shellcheck}", *map(str, github)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_least_privilege_pinned_and_no_pull_request_target(github) -> None:
    for path in github:
        text = path.read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {} and "pull_request_target" not in text
        for job in workflow["jobs"].values():
            assert job["permissions"] == {"contents": "read"}
            for step in job["steps"]:
                if "actions/checkout" in step.get("uses", ""):
                    assert step["with"]["persist-credentials"] is False
        assert all(PINNED.match(line) for line in text.splitlines() if "uses:" in line)
        assert "${{" not in "".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])


def test_every_aimskit_command_parses(github, gitlab) -> None:
    lines = []
    for path in github:
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            lines += [line for step in job["steps"] for line in step.get("run", "").splitlines()]
    for path in gitlab:
        for job in yaml.safe_load(path.read_text(encoding="utf-8")).values():
            lines += [line for entry in job["script"] for line in entry.splitlines()]
    commands = [line.strip() for line in lines if line.strip().startswith("aimskit ")]
    assert len(commands) == 7
    parser = build_parser()
    for command in commands:
        line = command.split(">")[0].replace('"${checkouts[@]}"', "x").replace('"${baseline[@]}"', "--baseline b")
        words = shlex.split(line.replace("$(sed", "x #"), comments=True)
        parser.parse_args(words[1:])
