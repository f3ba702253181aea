"""Who may do what (aimskit.governance.authority): the authority each approval takes, and who may
approve a treatment plan."""

from __future__ import annotations

import typing as t

import pytest

from aimskit.governance.authority import APPROVAL_AUTHORITY, holds, may_approve_treatment, treatment_plan_authorities
from aimskit.governance.scoring import RiskMethod
from aimskit.records import kinds
from aimskit.records.document import Document
from aimskit.records.model import Record


def _role(authorities: t.Any) -> Record:
    return Record(kinds.ROLE, Document("roles/lead.yaml", {"id": "lead", "authorities": authorities}, None))


def _method(authority: str | None) -> RiskMethod:
    return RiskMethod.from_manifest({"risk_method": {"appetite": 9} | (
        {"acceptance_authority": authority} if authority else {})})


def test_each_approved_kind_takes_its_own_authority() -> None:
    assert APPROVAL_AUTHORITY == {kinds.POLICY.name: "approve-policy",
                                  kinds.IMPACT_ASSESSMENT.name: "approve-impact-assessment",
                                  kinds.SOA.name: "approve-soa"}


def test_a_role_holds_the_authorities_it_lists() -> None:
    assert holds(_role(["approve-policy", "accept-risk"]), "accept-risk")
    assert not holds(_role(["approve-policy"]), "approve-soa")
    assert not holds(_role("approve-policy"), "approve-policy")
    assert not holds(None, "approve-policy")


def test_a_treatment_plan_is_approved_by_approve_treatment_or_the_acceptance_authority() -> None:
    assert treatment_plan_authorities(None) == {"approve-treatment", "accept-risk"}
    assert treatment_plan_authorities(_method(None)) == {"approve-treatment", "accept-risk"}
    assert treatment_plan_authorities(_method("sign-off-risk")) == {"approve-treatment", "sign-off-risk"}


@pytest.mark.parametrize(("authorities", "authority", "may"), [
    (["approve-treatment"], None, True), (["accept-risk"], None, True), (["approve-policy"], None, False),
    (["accept-risk"], "sign-off-risk", False), (["sign-off-risk"], "sign-off-risk", True),
    (["approve-treatment"], "sign-off-risk", True), ([], None, False),
])
def test_who_may_approve_a_treatment_plan(authorities: list[str], authority: str | None, may: bool) -> None:
    assert may_approve_treatment(_role(authorities), _method(authority)) is may
    assert may_approve_treatment(None, _method(authority)) is False
