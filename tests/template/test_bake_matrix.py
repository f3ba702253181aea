"""Bake the template with each answer changed one at a time, plus the risky combinations."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from option_matrix import CASES, DEFAULTS, TEMPLATE, case_id
from template_checks import assert_valid_bake

PROJECT_TEMPLATE = TEMPLATE / "{{cookiecutter.project_slug}}"

EXPECTED_LEVELS = {
    "5x5": ([("low", 1, 4), ("medium", 5, 9), ("high", 10, 16), ("critical", 17, 25)], 8),
    "4x4": ([("low", 1, 3), ("medium", 4, 6), ("high", 7, 11), ("critical", 12, 16)], 6),
    "3x3": ([("low", 1, 2), ("medium", 3, 4), ("high", 5, 9)], 4),
}


def answer(answers: dict, key: str):
    if key == "ai_role" and key not in answers:  # the sector's default: an SME deploys AI, the others do both
        return "deployer" if answer(answers, "sector") == "sme" else "both"
    return answers.get(key, DEFAULTS[key][0] if isinstance(DEFAULTS[key], list) else DEFAULTS[key])


def assert_options_applied(project: Path, answers: dict) -> None:
    manifest = yaml.safe_load((project / "aims.yml").read_text(encoding="utf-8"))
    ci, matrix = answer(answers, "ci_provider"), answer(answers, "risk_matrix")
    assert manifest["organisation"]["sector"] == answer(answers, "sector")
    assert manifest["organisation"]["ai_role"] == answer(answers, "ai_role")
    assert manifest["ci"] == ci
    assert manifest["frameworks"]["eu_ai_act"] is answer(answers, "eu_ai_act")
    assert manifest["review"]["cycle_months"] == int(answer(answers, "review_cycle_months"))
    levels, appetite = EXPECTED_LEVELS[matrix]
    assert [(lv["name"], lv["min"], lv["max"]) for lv in manifest["risk_method"]["levels"]] == levels
    assert manifest["risk_method"]["appetite"] == appetite
    size = int(matrix[0])
    assert [v["value"] for v in manifest["risk_method"]["likelihood"]] == list(range(1, size + 1))
    for name, provider in ((".github", "github"), (".gitlab", "gitlab"), (".gitlab-ci.yml", "gitlab")):
        assert (project / name).exists() is (ci == provider and (PROJECT_TEMPLATE / name).exists()), name
    examples = answer(answers, "example_content")
    sector_examples = PROJECT_TEMPLATE / ".examples" / answer(answers, "sector")
    assert not (project / ".examples").exists()
    assert (project / "systems").is_dir() is (examples and (sector_examples / "systems").is_dir())
    assert (project / "records" / "audits" / "AUD-001.yaml").is_file() is examples
    if not answer(answers, "eu_ai_act"):
        assert not [p for p in project.rglob("*eu-ai-act*") if ".git" not in p.parts]


@pytest.mark.slow
@pytest.mark.parametrize("answers", CASES, ids=case_id)
def test_bake_is_complete_and_valid(cookies, monkeypatch, answers):
    monkeypatch.setenv("AIMSKIT_NO_GIT_COMMIT", "1")
    result = cookies.bake(extra_context=answers)
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    project = Path(result.project_path)
    assert_valid_bake(project)
    assert_options_applied(project, answers)
