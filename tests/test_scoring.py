from __future__ import annotations

import datetime as dt

import pytest

from aimskit.governance.scoring import RiskMethod, inherent_score, is_overdue, parse_date, residual_score, score

MANIFEST = {
    "risk_method": {
        "matrix": "3x3",
        "likelihood": [{"value": v, "label": str(v)} for v in (1, 2, 3)],
        "impact": [{"value": v, "label": str(v)} for v in (1, 2, 3)],
        "levels": [{"name": "low", "min": 1, "max": 2}, {"name": "medium", "min": 3, "max": 4},
                   {"name": "high", "min": 5, "max": 9, "colour": "#cc0000"}],
        "appetite": 4,
    }
}


def test_method_from_manifest_reads_scales_levels_and_appetite():
    method = RiskMethod.from_manifest(MANIFEST)
    assert method.likelihood == (1, 2, 3)
    assert [level.name for level in method.levels] == ["low", "medium", "high"]
    assert method.appetite == 4
    assert method.acceptance_authority == "accept-risk"


@pytest.mark.parametrize(("value", "level"), [(1, "low"), (2, "low"), (3, "medium"), (4, "medium"), (9, "high"), (10, None), (None, None)])
def test_level_by_score(value, level):
    found = RiskMethod.from_manifest(MANIFEST).level(value)
    assert (found.name if found else None) == level


def test_appetite_is_exclusive():
    method = RiskMethod.from_manifest(MANIFEST)
    assert not method.above_appetite(4)
    assert method.above_appetite(5)
    assert not method.above_appetite(None)


def test_scores_ignore_non_integers():
    assert score(2, 3) == 6
    assert score("2", 3) is None
    assert score(True, 3) is None


def test_residual_falls_back_to_inherent():
    risk = {"likelihood": 3, "impact": 3}
    assert inherent_score(risk) == 9
    assert residual_score(risk) == 9
    assert residual_score({**risk, "residual": {"likelihood": 1, "impact": 2}}) == 2


def test_empty_manifest_gives_an_empty_method():
    method = RiskMethod.from_manifest({})
    assert method.levels == () and method.appetite == 0


def test_dates():
    today = dt.date(2026, 11, 26)
    assert parse_date("2026-02-30") is None
    assert parse_date(20260101) is None
    assert is_overdue("2026-11-25", today)
    assert not is_overdue("2026-11-26", today)
    assert not is_overdue("not a date", today)


@pytest.mark.parametrize("method", [
    "5x5",
    {"appetite": "eight", "levels": [{"name": "low", "min": "1", "max": 4}, "high"], "likelihood": "1-5"},
    {"appetite": True, "impact": [{"value": None}], "levels": None},
])
def test_a_malformed_method_is_read_without_raising(method):
    read = RiskMethod.from_manifest({"risk_method": method})
    assert read.appetite == 0
    assert not read.needs_acceptance({"likelihood": 5, "impact": 5})


def test_needs_acceptance_only_for_open_unaccepted_risks_above_appetite():
    method = RiskMethod.from_manifest(MANIFEST)
    risk = {"likelihood": 3, "impact": 3, "status": "treating"}
    assert method.needs_acceptance(risk)
    assert not method.needs_acceptance({**risk, "residual": {"likelihood": 2, "impact": 2}})
    assert not method.needs_acceptance({**risk, "status": "closed"})
    assert not method.needs_acceptance({**risk, "acceptance": {"by": "board", "date": "2026-01-01", "rationale": "x"}})


@pytest.mark.parametrize(("appetite", "status", "required"), [
    (1, "assessed", True), (1, "closed", False), (0, "assessed", False), (9, "assessed", False)])
def test_an_open_risk_above_even_the_lowest_appetite_needs_an_acceptance(appetite, status, required) -> None:
    method = RiskMethod.from_manifest({"risk_method": {**MANIFEST["risk_method"], "appetite": appetite}})
    risk = {"status": status, "likelihood": 3, "impact": 3, "residual": {"likelihood": 1, "impact": 2}}
    assert method.acceptance_required(risk) is required
