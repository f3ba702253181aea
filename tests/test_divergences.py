"""The five facts that two consumers once answered differently, each on the repository that showed it.

These read only what users see (readiness, rendered pages, exports, exit codes), so they hold
whatever the predicates are called; tests/test_agreement.py asks every consumer of every predicate.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
from pathlib import Path

import yaml
from mini_repos import build_repository

from aimskit import readiness, rules
from aimskit.cli import main
from aimskit.export import tables
from aimskit.readiness.checks import named_holders, plan_approved
from aimskit.readiness.facts import Facts
from aimskit.rules.validation import validate
from aimskit.site.render import RenderContext, links, render

TODAY = dt.date(2026, 6, 1)


def edit(root: Path, path: str, **fields) -> None:
    target = root / path
    data = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else {}
    target.write_text(yaml.safe_dump({**data, **fields}, sort_keys=False), encoding="utf-8")


def run(*argv: str) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(argv))


def site(root: Path) -> tuple[object, dict[str, str]]:
    result = validate(root, rules.Options(today=TODAY))
    assessed = readiness.assess(result.repository, TODAY, result.findings)
    return result, render(RenderContext(result.repository, TODAY, readiness=assessed))


def test_fill_in_holders_are_no_named_holder_for_readiness_as_for_the_site(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    edit(root, "roles/ml-lead.yaml", holders=[{"name": "<name of the ML lead>", "handle": "@ml"}])
    edit(root, "roles/top-management.yaml", holders=[{"name": "tbd", "handle": "@board"}])
    result, pages = site(root)
    roles = result.repository.roles
    assert named_holders(roles["ml-lead"]) == [] and named_holders(roles["top-management"]) == []
    assert named_holders(roles["ai-governance-lead"])
    assert pages[links.ROLES].count("Vacant") >= 2


def test_a_retired_system_is_out_of_scope_on_its_page_and_in_the_export(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    edit(root, "systems/SYS-002.yaml", lifecycle_stage="retired")
    result, pages = site(root)
    assert "| **In scope** | no (retired) |" in pages["systems/SYS-002.md"]
    assert "| **In scope** | yes |" in pages["systems/SYS-001.md"]
    in_scope = {row["id"]: row["in_scope"] for row in tables.system_rows(result.repository)}
    assert in_scope == {"SYS-001": True, "SYS-002": False}


def test_a_closed_risk_above_appetite_needs_no_acceptance_anywhere(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    edit(root, "risks/RISK-003.yaml", id="RISK-003", title="Old scoring model", description="Retired model.",
         systems=["SYS-001"], source="C.3.2", owner="ml-lead", likelihood=4, impact=3,
         treatment={"option": "avoid"}, status="closed", identified="2025-01-20",
         next_review="2099-12-31")
    result, pages = site(root)
    assert not [f for f in result.findings if f.path == "risks/RISK-003.yaml"]
    row = html.unescape(next(line for line in pages[links.RISKS].splitlines() if 'id="risk-003"' in line))
    assert "(above appetite)" not in row and "(accepted)" not in row
    page = pages[links.record_page("RISK-003")]
    assert "No acceptance needed: the risk is closed." in page
    assert "within the appetite." not in page.split("## Acceptance")[1]


def test_only_the_configured_acceptance_authority_may_approve_a_treatment_plan(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    manifest = yaml.safe_load((root / "aims.yml").read_text(encoding="utf-8"))
    manifest["risk_method"]["acceptance_authority"] = "sign-off-risk"
    (root / "aims.yml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    edit(root, "roles/ml-lead.yaml", authorities=["accept-risk"])
    risk = yaml.safe_load((root / "risks/RISK-001.yaml").read_text(encoding="utf-8"))
    edit(root, "risks/RISK-001.yaml", treatment={**risk["treatment"], "approved_by": "ml-lead",
                                                  "approved_on": "2025-02-01"})
    result = validate(root, rules.Options(today=TODAY))
    rule_says_may = not [f for f in result.findings if f.path == "risks/RISK-001.yaml"
                         and "approve a treatment plan" in f.message]
    readiness_says_may = plan_approved(Facts(result.repository, TODAY), result.repository.index["RISK-001"])
    assert rule_says_may is readiness_says_may is False


def test_validate_strict_and_codeowners_check_agree_when_aims_yml_names_no_ci(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    manifest = yaml.safe_load((root / "aims.yml").read_text(encoding="utf-8"))
    assert "ci" not in manifest and not (root / ".github" / "CODEOWNERS").exists()
    validate_code = run("--repo", str(root), "validate", "--strict")
    check_code = run("--repo", str(root), "codeowners", "--check")
    assert validate_code == check_code == 0
    manifest["ci"] = "github"
    (root / "aims.yml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    assert run("--repo", str(root), "validate", "--strict") == run("--repo", str(root), "codeowners", "--check") == 1
