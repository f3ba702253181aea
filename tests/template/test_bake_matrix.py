"""Bake the template with each answer changed one at a time, plus the risky combinations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from template_checks import assert_valid_bake

TEMPLATE = Path(__file__).resolve().parents[2]
PROJECT_TEMPLATE = TEMPLATE / "{{cookiecutter.project_slug}}"
DEFAULTS = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
CHOICES = {key: value for key, value in DEFAULTS.items() if isinstance(value, list)}
SECTORS = CHOICES["sector"]


def one_at_a_time() -> list[dict]:
    cases = [{}]
    for key, values in CHOICES.items():
        cases += [{key: value} for value in values[1:]]
    return cases + [{"eu_ai_act": False}, {"example_content": False}, {"review_cycle_months": "6"}]


def risky_pairs() -> list[dict]:
    return ([{"example_content": False, "ci_provider": ci} for ci in CHOICES["ci_provider"]]
            + [{"risk_matrix": "3x3", "sector": sector} for sector in SECTORS]
            + [{"ai_role": "deployer", "sector": sector} for sector in SECTORS]
            + [{"eu_ai_act": False, "sector": sector} for sector in SECTORS[1:]])


def case_id(answers: dict) -> str:
    return ",".join(f"{key}={value}" for key, value in answers.items()) or "defaults"


def unique(cases: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for case in cases:
        key = tuple(sorted(case.items()))
        if key not in seen:
            seen.add(key)
            kept.append(case)
    return kept


CASES = unique(one_at_a_time() + risky_pairs())
EXPECTED_LEVELS = {
    "5x5": ([("low", 1, 4), ("medium", 5, 9), ("high", 10, 16), ("critical", 17, 25)], 8),
    "4x4": ([("low", 1, 3), ("medium", 4, 6), ("high", 7, 11), ("critical", 12, 16)], 6),
    "3x3": ([("low", 1, 2), ("medium", 3, 4), ("high", 5, 9)], 4),
}


def answer(answers: dict, key: str):
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
