"""Each rule against a mini repository: the clean base plus a case folder's overlay.

A case is ``tests/examples/rules/<CODE>-<slug>/``: the files it replaces or adds, and an
``expect.yaml`` with ``expect: [{code, file, line, severity?}]`` (every finding, schema ones
included), optionally ``remove: [paths]``, ``strict: true``, ``today: "YYYY-MM-DD"`` and ``stamp: false`` (leave
approved documents without the approval the base otherwise records for them).
"""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

import pytest
import yaml
from mini_repos import EXAMPLES, build_repository

from aimskit import rules
from aimskit.rules.validation import validate

TODAY = dt.date(2026, 6, 1)
CASES = sorted(path for path in EXAMPLES.iterdir() if path.is_dir() and not path.name.startswith("_"))


def _options(spec: dict) -> rules.Options:
    today = dt.date.fromisoformat(str(spec["today"])) if "today" in spec else TODAY
    return rules.Options(today=today, strict=bool(spec.get("strict", False)))


def test_the_base_is_clean(base_repository: Path) -> None:
    result = validate(base_repository, rules.Options(today=TODAY, strict=True))
    assert [finding.format_text() for finding in result.findings] == []
    assert len(list(result.repository.all_records())) >= 16


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_rule_case(case: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    root = build_repository(tmp_path / "aims", case, spec.get("remove", []), spec.get("stamp", True))
    findings = validate(root, _options(spec)).findings
    expected = spec["expect"]
    found = collections.Counter((f.code, f.path, f.line) for f in findings)
    wanted = collections.Counter((e["code"], e["file"], e["line"]) for e in expected)
    assert found == wanted, "\n".join(f.format_text() for f in findings)
    severities = {(f.code, f.path, f.line): f.severity.value for f in findings}
    for entry in expected:
        if "severity" in entry:
            assert severities[(entry["code"], entry["file"], entry["line"])] == entry["severity"]
    assert all(f.hint for f in findings if f.code.startswith(("AIMS2", "AIMS4", "AIMS5")))


def test_every_rule_code_has_a_failing_case() -> None:
    covered = {case.name.split("-")[0] for case in CASES}
    tested_elsewhere = {"AIMS601"}  # CODEOWNERS: tests/git/test_codeowners.py
    assert set(rules.descriptions()) - tested_elsewhere <= covered, sorted(set(rules.descriptions()) - covered)


def test_case_names_start_with_a_code_they_expect() -> None:
    for case in CASES:
        codes = {entry["code"] for entry in yaml.safe_load((case / "expect.yaml").read_text())["expect"]}
        assert case.name.split("-")[0] in codes, case.name
