"""What every generated AIMS repository contains, checked on the shared default and no-example bakes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bakes import bake_unlocked
from template_checks import findings

from aimskit import __version__, reference
from aimskit.records import kinds
from aimskit.records.model import load_repository
from local_extensions import add_months

ROLES = {"ai-governance-lead", "executive-sponsor", "ml-engineering-lead", "data-protection-officer",
         "product-owner", "internal-auditor", "legal-compliance-lead", "security-lead"}
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.fixture(scope="module")
def plain_repo(bake) -> Path:
    return bake(example_content=False, review_cycle_months="9", commit=False)


@pytest.fixture(scope="module", params=["examples", "plain"])
def project(request, baked_repo, plain_repo) -> Path:
    return baked_repo if request.param == "examples" else plain_repo


def test_roles_are_the_documented_set(project):
    repository = load_repository(project)
    assert set(repository.roles) == ROLES
    sponsor = repository.roles["executive-sponsor"].data
    assert {"approve-policy", "accept-risk", "approve-soa", "approve-impact-assessment"} <= set(sponsor["authorities"])
    lead = repository.roles["ai-governance-lead"].data["holders"]
    assert lead == [{"name": "Alex Morgan", "handle": "@alex-morgan", "channel": "#ai-governance (team chat)"}]


def test_policies_have_complete_front_matter_and_real_bodies(project):
    repository = load_repository(project)
    cycle = repository.manifest["review"]["cycle_months"]
    policies = sorted(repository.of(kinds.POLICY), key=lambda record: record.id)
    assert len(policies) >= 8
    assert policies[0].id == "POL-001" and policies[0].data["title"] == "AI policy"
    for policy in policies:
        data = policy.data
        assert data["approver"] == "executive-sponsor" != data["owner"], policy.id
        assert data["version"] == "1.0" and data["status"] in {"approved", "draft"}
        if data["status"] == "draft":  # a draft does not apply yet: no effective date
            assert "effective" not in data and "approved_on" not in data, policy.id
        elif data.get("example") and int(cycle) < 10:  # an example approved 9 months ago, reviewed since
            assert data["next_review"] > data["effective"], policy.id
        else:
            assert data["next_review"] == add_months(data["effective"], cycle)
        assert all(isinstance(clause, str) for clause in data["clauses"])
        assert 300 <= len(policy.document.body.split()) <= 800, policy.id
        assert policy.document.body.count("\n## ") >= 4, policy.id


def test_soa_lists_every_annex_a_control_once(project):
    soa = load_repository(project).single(kinds.SOA).data
    assert [entry["control"] for entry in soa["controls"]] == list(reference.controls())
    for entry in soa["controls"]:
        assert entry["justification"].strip()
        assert (entry["status"] == "excluded") is (not entry["applicable"])
        for path in entry.get("evidence", []):
            assert (project / path).is_file(), path


def test_objectives_stand_without_example_systems(project):
    objectives = load_repository(project).of(kinds.OBJECTIVE)
    assert sorted(record.id for record in objectives) == ["OBJ-001", "OBJ-002", "OBJ-003"]
    assert all("systems" not in record.data for record in objectives)


def test_every_yaml_file_names_its_schema(project):
    yaml_files = [p for p in project.rglob("*.y*ml") if p.suffix in {".yml", ".yaml"} and
                  not {".git", ".github", ".gitlab", "docs"} & set(p.relative_to(project).parts) and
                  p.name not in {"mkdocs.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"}]
    assert len(yaml_files) > 10
    for path in yaml_files:
        match = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])
        assert match, path
        assert (path.parent / match[1]).resolve().is_file(), path


def test_deployer_excludes_customer_control_with_a_reason(bake):
    soa = load_repository(bake(ai_role="deployer", commit=False)).single(kinds.SOA).data
    excluded = [entry for entry in soa["controls"] if entry["status"] == "excluded"]
    assert [entry["control"] for entry in excluded] == ["A.10.4"]
    assert excluded[0]["applicable"] is False and "customers" in excluded[0]["justification"]
    # Without examples nothing is decided for the organisation: the guidance explains the usual exclusion.
    skeleton = load_repository(bake(ai_role="deployer", example_content=False, commit=False)).single(kinds.SOA).data
    customers = next(entry for entry in skeleton["controls"] if entry["control"] == "A.10.4")
    assert customers["applicable"] == "undecided" and customers["status"] == "not-started"
    assert customers["justification"].startswith("To be decided:") and "does not provide AI systems" in \
        customers["justification"]


def test_records_and_systems_only_come_with_examples(baked_repo, plain_repo):
    for kind in (kinds.AUDIT, kinds.MANAGEMENT_REVIEW, kinds.NONCONFORMITY):
        assert len(load_repository(baked_repo).of(kind)) == 1
        assert load_repository(plain_repo).of(kind) == []
    assert not (plain_repo / "systems").exists() and not (plain_repo / "records").exists()


def test_repository_files(plain_repo):
    assert (plain_repo / "requirements.txt").read_text().splitlines()[-1].startswith("aimskit==")
    ignored = (plain_repo / ".gitignore").read_text().splitlines()
    assert {"site/", "docs/generated/", ".venv/", "__pycache__/"} <= set(ignored)
    answers = json.loads((plain_repo / ".cookiecutter.json").read_text(encoding="utf-8"))
    assert answers["review_cycle_months"] == "9" and answers["example_content"] is False
    assert not [key for key in answers if key.startswith("_")]
    assert (plain_repo / ".editorconfig").is_file()
    readme = (plain_repo / "README.md").read_text(encoding="utf-8")
    assert "aimskit validate" in readme
    assert "pypi.org" not in readme  # aimskit is published on no index it could link to


def test_hash_pinning_is_an_option(plain_repo, bake):
    assert not (plain_repo / "requirements.in").exists()
    assert "--require-hashes" not in (plain_repo / "README.md").read_text(encoding="utf-8")
    hashed = bake_unlocked(bake, example_content=False, ci_provider="none")
    wanted = [line for line in (hashed / "requirements.in").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert wanted == [f"aimskit=={__version__}"]
    assert (hashed / "requirements.txt").read_text(encoding="utf-8") == (
        "# `aimskit lock` writes this file from requirements.in: every distribution pinned by sha256 digest.\n")
    readme = (hashed / "README.md").read_text(encoding="utf-8")
    assert "pip install --require-hashes -r requirements.txt\n" in readme
    assert "## Dependencies pinned by digest" in readme and "run `aimskit lock`" in readme
    about = (hashed / "docs" / "about.md").read_text(encoding="utf-8")
    assert "pip install" not in about  # the site's About page is written for staff, not for its builders


def test_a_fresh_repository_warns_only_of_its_placeholders(project):
    # The template's own placeholders (role holders, the scope; the undecided SoA without examples)
    # are AIMS504 warnings until the organisation writes its own text, and the default governance lead
    # accepted at the prompt is AIMS970; nothing else is.
    warnings = findings(project, "warning")
    assert warnings and all(" warning AIMS504 placeholder text " in w or " warning AIMS970 " in w
                            for w in warnings), warnings


def test_sectors_differ_where_their_practice_does(bake):
    """An SME deploys AI (the default role follows the sector), and each sector's example SoA has
    statuses of its own: regulated sectors already validate models, a public body publishes, an SME plans."""
    sectors = ("technology", "healthcare", "financial-services", "public-sector", "sme")
    repositories = {sector: load_repository(bake(sector=sector)) for sector in sectors}
    assert {s: r.manifest["organisation"]["ai_role"] for s, r in repositories.items()} == {
        "technology": "both", "healthcare": "both", "financial-services": "both", "public-sector": "both",
        "sme": "deployer"}
    statuses = {s: tuple(e["status"] for e in r.single(kinds.SOA).data["controls"]) for s, r in repositories.items()}
    assert len(set(statuses.values())) == len(sectors)
    sme = {e["control"]: e for e in repositories["sme"].single(kinds.SOA).data["controls"]}
    assert "procured" in sme["A.6.2.4"]["justification"] and sme["A.10.4"]["status"] == "excluded"
    assert load_repository(bake(sector="sme", ai_role="both")).manifest["organisation"]["ai_role"] == "both"
