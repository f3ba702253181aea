"""The option combinations that the template tests bake and the site tests build: one source.

Each option value one at a time, plus the pairs most likely to break: no examples with each CI,
each smaller risk matrix with each sector, a deployer in each sector, no EU AI Act module in each sector.
"""

from __future__ import annotations

import json
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1]
DEFAULTS = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))
# a choice whose first entry is a Jinja expression (ai_role: deployer for SMEs) offers its literal values
CHOICES = {key: [choice for choice in value if "{{" not in choice] for key, value in DEFAULTS.items()
           if isinstance(value, list)}
SECTORS = CHOICES["sector"]


def one_at_a_time() -> list[dict]:
    cases = [{}]
    for key, values in CHOICES.items():
        cases += [{key: value} for value in values[1:]]
    return cases + [{"eu_ai_act": False}, {"example_content": False}, {"review_cycle_months": "6"}]


def risky_pairs() -> list[dict]:
    return ([{"example_content": False, "ci_provider": ci} for ci in CHOICES["ci_provider"]]
            + [{"risk_matrix": matrix, "sector": sector} for matrix in ("4x4", "3x3") for sector in SECTORS]
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
