"""Example dates tell one coherent story: a policy is approved before the audit, the review and the
assessments that rely on it, and the SoA before the audit that samples it."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from aimskit.records import kinds
from aimskit.records.model import load_repository

pytestmark = pytest.mark.slow
SECTORS = ("technology", "healthcare", "financial-services", "public-sector", "sme")


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _approved_citing(repository, clause: str) -> dt.date:
    dates = [_day(p.data["approved_on"]) for p in repository.of(kinds.POLICY)
             if clause in p.data.get("clauses", []) and p.data["status"] == "approved"]
    assert dates, clause
    return max(dates)


@pytest.mark.parametrize("sector", SECTORS)
def test_example_dates_are_coherent(bake, sector):
    repository = load_repository(bake(sector=sector))
    today = dt.date.today()
    policies = [_day(p.data["approved_on"]) for p in repository.of(kinds.POLICY) if p.data["status"] == "approved"]
    soa = _day(repository.single(kinds.SOA).data["approved_on"])
    (audit,) = repository.of(kinds.AUDIT)
    (review,) = repository.of(kinds.MANAGEMENT_REVIEW)
    performed, held = _day(audit.data["performed"]), _day(review.data["date"])
    assert max(policies) < soa < performed < held < today
    assert _day(audit.data["planned"]) <= performed
    for nc in repository.of(kinds.NONCONFORMITY):
        assert performed <= _day(nc.data["raised"]) <= today, nc.path

    assessment_process = _approved_citing(repository, "6.1.4")
    for assessment in repository.of(kinds.IMPACT_ASSESSMENT):
        assert assessment_process <= _day(assessment.data["assessed"]) <= today, assessment.path

    risk_process = _approved_citing(repository, "6.1.2")
    for risk in repository.of(kinds.RISK):
        acceptance = risk.data.get("acceptance")
        if acceptance:
            accepted = _day(acceptance["date"])
            assert risk_process <= accepted <= today, risk.path
            assert _day(risk.data["identified"]) <= accepted, risk.path


@pytest.mark.parametrize("sector", SECTORS)
def test_acceptances_name_roles_that_exist(bake, sector):
    repository = load_repository(bake(sector=sector))
    titles = {role.data["title"].split(" (")[0].lower() for role in repository.of(kinds.ROLE)}
    accepted = [r for r in repository.of(kinds.RISK) if r.data.get("acceptance")]
    assert accepted
    for risk in accepted:
        acceptance = risk.data["acceptance"]
        assert acceptance["by"] in repository.roles, risk.path
        rationale = " ".join(acceptance["rationale"].split()).lower()
        for named in re.findall(r"accepted by the ([a-z ]+?) (?:because|until|as|since|while|on)\b", rationale):
            assert named in titles, (risk.path, named)


@pytest.mark.parametrize("sector", SECTORS)
def test_treatment_plans_are_approved_after_the_risk_process_exists(bake, sector):
    repository = load_repository(bake(sector=sector))
    risk_process = _approved_citing(repository, "6.1.2")
    for risk in repository.of(kinds.RISK):
        treatment = risk.data["treatment"]
        approved = _day(treatment["approved_on"])
        assert risk_process <= approved <= dt.date.today(), risk.path
        assert _day(risk.data["identified"]) <= approved, risk.path
        assert treatment["approved_by"] in repository.roles
