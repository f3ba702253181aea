"""Starter content follows the answers: sector and ai_role tailor the SoA, the context and the
policies; the skeleton's SoA starts undecided; high-risk rationales cite Annex III and dates."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest

from aimskit import rules
from aimskit.readiness import assess
from aimskit.records import kinds
from aimskit.records.model import load_repository
from aimskit.rules.validation import validate

pytestmark = pytest.mark.slow
SECTORS = ("technology", "healthcare", "financial-services", "public-sector", "sme")
SECTOR_CONTROLS = ("A.5.4", "A.5.5", "A.6.2.4", "A.7.4", "A.8.4", "A.8.5", "A.9.4", "A.10.3")
# Wording that only fits an organisation that develops or provides AI systems.
PROVIDER_ONLY = ("No AI system is released", "Before release", "systems we build", "develop and provide to others",
                 "released model", "Release is a recorded decision", "training approach",
                 "the systems we provide are used by customers", "When we provide AI systems to customers")


def _soa(repo) -> dict[str, dict]:
    return {e["control"]: e for e in load_repository(repo).single(kinds.SOA).data["controls"]}


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def test_soa_justifications_context_and_policies_differ_by_sector(bake):
    repos = {sector: bake(sector=sector, example_content="no") for sector in SECTORS}
    soas = {sector: _soa(repo) for sector, repo in repos.items()}
    for control in SECTOR_CONTROLS:
        texts = {soas[sector][control]["justification"] for sector in SECTORS}
        assert len(texts) == len(SECTORS), control
    assert soas["healthcare"]["A.2.2"]["justification"] == soas["sme"]["A.2.2"]["justification"]
    assert "clinical" in soas["healthcare"]["A.6.2.4"]["justification"].lower()
    assert "model risk management" in soas["financial-services"]["A.6.2.4"]["justification"]
    for first, second in itertools.combinations(SECTORS, 2):
        one, two = (load_repository(repos[s]).manifest["context"] for s in (first, second))
        assert one["internal_issues"] != two["internal_issues"] and one["external_issues"] != two["external_issues"]
        for policy, heading in (("POL-001.md", "In our sector"), ("POL-003.md", "In our sector")):
            texts = [(repos[s] / "policies" / policy).read_text(encoding="utf-8") for s in (first, second)]
            assert _section(texts[0], heading) != _section(texts[1], heading), (policy, first, second)


def _provider_wording(repo) -> list[str]:
    found = []
    soa = load_repository(repo).single(kinds.SOA).data["controls"]
    for entry in soa:
        if entry["applicable"] is not False:
            found += [f"soa {entry['control']}: {p}" for p in PROVIDER_ONLY if p in entry["justification"]]
    for path in sorted((repo / "policies").glob("*.md")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        found += [f"{path.name}: {p}" for p in PROVIDER_ONLY if p in text]
    return found


@pytest.mark.parametrize(("sector", "examples"), [("technology", "yes"), ("healthcare", "no"), ("sme", "yes")])
def test_a_deployer_bake_has_no_provider_wording(bake, sector, examples):
    assert _provider_wording(bake(sector=sector, ai_role="deployer", example_content=examples)) == []
    assert _provider_wording(bake(sector=sector, ai_role="provider", example_content=examples))  # the check bites


def test_deployer_wording_replaces_provider_wording_in_the_soa(bake):
    deployer = _soa(bake(ai_role="deployer"))
    provider = _soa(bake(ai_role="provider"))
    assert "procured" in deployer["A.6.2.4"]["justification"]
    assert provider["A.6.2.4"]["justification"].startswith("No AI system is released")
    assert deployer["A.10.4"]["applicable"] is False and provider["A.10.4"]["applicable"] is True


def test_skeleton_soa_starts_undecided_with_guidance(bake):
    repo = bake(example_content="no")
    soa = _soa(repo)
    assert len(soa) == 38
    assert {e["applicable"] for e in soa.values()} == {"undecided"}
    assert {e["status"] for e in soa.values()} == {"not-started"}
    assert all(e["justification"].startswith("To be decided: does this control apply, and why? Guidance: ")
               for e in soa.values())
    assert not any("evidence" in e for e in soa.values())


def test_skeleton_meets_nothing_by_template_text_and_warns_each_placeholder(bake):
    repo = bake(example_content="no")
    result = validate(repo)
    assert result.ok
    readiness = assess(result.repository, dt.date.today(), result.findings)
    assert [d.clause for d in readiness.documented_information if d.status == "met"] == []
    assert readiness.annex_a.undecided == 38 and readiness.overall.controls_implemented == 0
    placeholders = [f for f in result.findings if f.code == "AIMS504"]
    soa_lines = sorted(f.line for f in placeholders if f.path == "soa.yaml")
    assert len(soa_lines) == 38 and len(set(soa_lines)) == 38
    text = (repo / "soa.yaml").read_text(encoding="utf-8").splitlines()
    assert all("To be decided" in text[line - 1] for line in soa_lines)
    assert {f.path for f in placeholders} >= {"aims.yml", "soa.yaml", "objectives/OBJ-001.yaml",
                                              "roles/security-lead.yaml"}
    strict = validate(repo, rules.Options(strict=True))
    assert not strict.ok and {f.code for f in strict.findings if f.severity.value == "error"} == {"AIMS504", "AIMS970"}


@pytest.mark.parametrize(("sector", "system", "point", "dates"), [
    ("healthcare", "SYS-001", "point 5(d)", ("2026-08-02", "2027-08-02")),
    ("financial-services", "SYS-001", "point 5(b)", ("2026-08-02",)),
    ("public-sector", "SYS-001", "point 5(a)", ("2026-08-02",)),
    ("sme", "SYS-004", "point 4(a)", ("2026-08-02",)),
    ("technology", "SYS-004", "point 4(b)", ("2026-08-02",)),
])
def test_high_risk_rationales_cite_the_annex_iii_point_and_dates(bake, sector, system, point, dates):
    record = load_repository(bake(sector=sector)).index[system]
    rationale = " ".join(record.data["eu_ai_act"]["rationale"].split())
    assert record.data["eu_ai_act"]["tier"] == "high"
    assert f"Annex III ({point})" in rationale or f"({point})" in rationale
    for day in dates:
        assert day in rationale


def test_every_high_risk_example_names_its_route_and_date(bake):
    for sector in SECTORS:
        for system in load_repository(bake(sector=sector)).of(kinds.SYSTEM):
            tier = system.data["eu_ai_act"]
            if tier["tier"] == "high":
                text = " ".join(tier["rationale"].split())
                assert re.search(r"Annex III( [a-z ]+)? \(point \d\([a-z]\)\)|Annex I \(Art\. 6\(1\)\)", text), system.path
                assert re.search(r"20\d\d-\d\d-\d\d", text), system.path
