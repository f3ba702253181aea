"""Every dashboard and register figure on a repository where it is not zero.

The clean mini repository (tests/examples/rules/_base, where every figure is zero) plus, worked
out by hand:

- two overdue reviews: RISK-001 (due 2026-01-01) and SUP-001 (due 2026-03-01);
- risks at residual 12 against an appetite of 9: RISK-002 accepted (base), RISK-003 open and
  unaccepted, RISK-004 closed, RISK-005 with status "accepted" but no acceptance recorded: two
  lack an acceptance (RISK-003, RISK-005), RISK-004 needs none;
- systems: SYS-001 high-risk with its assessment and SYS-002 limited (base), SYS-003 high-risk but
  retired, SYS-004 minimal and marked out of scope, SYS-005 high-risk, live and unassessed: one
  high-risk system without an assessment (SYS-005); three systems in scope;
- the ML lead's only holder is a fill-in marker: two of three roles name a person.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
import yaml
from mini_repos import build_repository
from pagetables import table_with, tables

from aimskit import readiness, rules
from aimskit.export import tables as export_tables
from aimskit.rules.validation import validate
from aimskit.site.render import RenderContext, links, render

TODAY = dt.date(2026, 6, 1)

RISK = {"title": "Letters routed to the wrong team", "description": "A letter waits too long.",
        "systems": ["SYS-002"], "source": "C.3.2", "owner": "ml-lead", "likelihood": 4, "impact": 3,
        "treatment": {"option": "retain"}, "identified": "2025-01-20", "next_review": "2099-12-31"}
SYSTEM = {"purpose": "Sorts incoming letters.", "intended_use": "Routing support.", "owner": "ml-lead",
          "lifecycle_stage": "operation", "provider": "in-house", "affected_parties": ["Customers"],
          "human_oversight": "Staff check the routing.", "next_review": "2099-12-31"}


def _write(root: Path, path: str, data: dict) -> None:
    (root / path).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _update(root: Path, path: str, **fields) -> None:
    _write(root, path, {**yaml.safe_load((root / path).read_text(encoding="utf-8")), **fields})


def _tier(tier: str) -> dict:
    return {"tier": tier, "rationale": "Worked out for the test."}


@pytest.fixture(scope="module")
def crafted(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object, dict[str, str]]:
    root = build_repository(tmp_path_factory.mktemp("figures") / "aims")
    _update(root, "risks/RISK-001.yaml", next_review="2026-01-01")
    _update(root, "suppliers/SUP-001.yaml", next_review="2026-03-01")
    _write(root, "risks/RISK-003.yaml", {"id": "RISK-003", **RISK, "status": "treating"})
    _write(root, "risks/RISK-004.yaml", {"id": "RISK-004", **RISK, "status": "closed"})
    _write(root, "risks/RISK-005.yaml", {"id": "RISK-005", **RISK, "status": "accepted"})
    for system_id, name, fields in (
            ("SYS-003", "Old CV screener", {"lifecycle_stage": "retired", "eu_ai_act": _tier("high")}),
            ("SYS-004", "Spell checker", {"in_scope": False, "eu_ai_act": _tier("minimal")}),
            ("SYS-005", "Exam proctoring", {"eu_ai_act": _tier("high")})):
        _write(root, f"systems/{system_id}.yaml", {"id": system_id, "name": name, **SYSTEM, **fields})
    _update(root, "roles/ml-lead.yaml", holders=[{"name": "<name of the ML lead>", "handle": "@ml-lead"}])
    result = validate(root, rules.Options(today=TODAY))
    assessed = readiness.assess(result.repository, TODAY, result.findings)
    return result, assessed, render(RenderContext(result.repository, TODAY, readiness=assessed))


def figures(pages: dict[str, str]) -> dict[str, str]:
    return table_with(pages[links.DASHBOARD], "Figure", "Value").fields()


def test_dashboard_figures_are_the_counts_worked_out_by_hand(crafted) -> None:
    _, assessed, pages = crafted
    shown = figures(pages)
    assert list(shown) == ["Documented information (clauses 4–10)", "Annex A controls implemented", "Reviews overdue",
                           "Risks above appetite without acceptance",
                           "High-risk AI systems without a current impact assessment"]
    # the dashboard shows readiness's counts (tests/readiness holds those to hand-written ones); the
    # roles item is partly met here (two of three roles name a person), so the "partly" figure shows
    overall = assessed.overall
    assert overall.documented_partial >= 1 and 0 < overall.documented_met < overall.documented_total
    assert shown["Documented information (clauses 4–10)"] == (
        f"{overall.documented_met} of {overall.documented_total} met "
        f"({round(overall.documented_met / overall.documented_total * 100)}%), {overall.documented_partial} partly")
    # the base SoA lists every control as applicable and implemented by the AI policy; a policy alone
    # is no implementation evidence (docs/readiness.md), so only the two controls whose definition an
    # approved policy meets count: A.2.2 (AI policy) and A.5.2 (the impact assessment process)
    assert shown["Annex A controls implemented"] == "2 of 38 applicable (5%); 0 excluded, 0 undecided"
    assert shown["Reviews overdue"] == "2"
    assert shown["Risks above appetite without acceptance"] == "2"
    assert shown["High-risk AI systems without a current impact assessment"] == "1"


def test_dashboard_lists_name_exactly_the_counted_records(crafted) -> None:
    _, _, pages = crafted
    dashboard = pages[links.DASHBOARD]
    overdue = table_with(dashboard, "Kind", "Id", "Title", "Owner", "Due", "Overdue by").records()
    assert sorted((row["Id"], row["Due"], row["Overdue by"]) for row in overdue) == [
        ("RISK-001", "2026-01-01", "151 days"), ("SUP-001", "2026-03-01", "92 days")]
    gaps = table_with(dashboard, "Risk", "Title", "Owner", "Residual").records()
    assert [row["Risk"] for row in gaps] == ["RISK-003", "RISK-005"]
    unassessed = table_with(dashboard, "System", "Owner").records()
    assert [row["System"] for row in unassessed] == ["SYS-005 Exam proctoring"]


def test_systems_by_tier_count_live_systems(crafted) -> None:
    _, assessed, pages = crafted
    by_tier = {row["Tier"]: row["AI systems"]
               for row in table_with(pages[links.DASHBOARD], "Tier", "AI systems").records()}
    assert by_tier == {label: str(count) for label, count in _tier_labels(assessed).items()}
    assert sum(int(count) for count in by_tier.values()) == sum(assessed.systems_by_tier.values())


def _tier_labels(assessed) -> dict[str, int]:
    from aimskit.site.render.systems import TIER_LABELS

    return {TIER_LABELS.get(tier, tier): count for tier, count in assessed.systems_by_tier.items()}


def test_in_scope_on_the_systems_index_and_pages(crafted) -> None:
    _, _, pages = crafted
    index = {row["Id"]: row["In scope"] for row in
             table_with(pages[links.SYSTEMS], "Id", "System", "In scope").records()}
    assert index == {"SYS-001": "yes", "SYS-002": "yes", "SYS-003": "no (retired)", "SYS-004": "no",
                     "SYS-005": "yes"}
    for system_id, expected in index.items():
        header = table_with(pages[f"systems/{system_id}.md"], "Field", "Value").fields()
        assert header["In scope"] == expected, system_id


def test_in_scope_in_the_export(crafted) -> None:
    result, _, _ = crafted
    rows = {row["id"]: row["in_scope"] for row in export_tables.system_rows(result.repository)}
    assert rows == {"SYS-001": True, "SYS-002": True, "SYS-003": False, "SYS-004": False, "SYS-005": True}


def _residuals(pages: dict[str, str]) -> dict[str, str]:
    register = table_with(pages[links.RISKS], "Id", "Residual").records()
    return {row["Id"]: html.unescape(row["Residual"]) for row in register}


def test_register_marks_acceptance_only_where_it_is_due(crafted) -> None:
    _, _, pages = crafted
    residual = _residuals(pages)
    assert residual["RISK-001"] == "6 · medium"
    assert residual["RISK-002"] == "12 · high (accepted)"
    assert residual["RISK-003"] == "12 · high (above appetite)"
    assert residual["RISK-004"] == "12 · high"  # closed: no acceptance due
    assert residual["RISK-005"] == "12 · high (above appetite)"  # status alone is no acceptance


def test_accepted_links_to_the_acceptance_it_names(crafted) -> None:
    _, _, pages = crafted
    rows = {line.split('id="', 1)[1][:8].upper(): line for line in pages[links.RISKS].splitlines()
            if 'class="aims-anchor" id="risk-' in line}
    assert "(RISK-002.md#acceptance)" in rows["RISK-002"]
    assert all("#acceptance)" not in rows[risk] for risk in ("RISK-001", "RISK-003", "RISK-004", "RISK-005"))


def test_risk_pages_say_why_an_acceptance_is_or_is_not_needed(crafted) -> None:
    _, _, pages = crafted
    acceptance = {risk: pages[links.record_page(risk)].split("## Acceptance", 1)[1].split("\n## ", 1)[0]
                  for risk in ("RISK-001", "RISK-002", "RISK-003", "RISK-004", "RISK-005")}
    assert "No acceptance needed: the residual score is within the appetite." in acceptance["RISK-001"]
    assert "Accepted by" in acceptance["RISK-002"] and "2025-02-01" in acceptance["RISK-002"]
    assert "Not accepted yet" in acceptance["RISK-003"] and "Not accepted yet" in acceptance["RISK-005"]
    assert "No acceptance needed: the risk is closed." in acceptance["RISK-004"]


def test_export_marks_the_acceptance_a_risk_takes(crafted) -> None:
    result, _, _ = crafted
    rows = {row["id"]: (row["above_appetite"], row["acceptance_required"], row["accepted_by"])
            for row in export_tables.risk_rows(result.repository)}
    assert rows == {"RISK-001": (False, False, None), "RISK-002": (True, True, "top-management"),
                    "RISK-003": (True, True, None), "RISK-004": (True, False, None),
                    "RISK-005": (True, True, None)}


def test_placeholder_holders_are_vacant_and_not_counted(crafted) -> None:
    _, assessed, pages = crafted
    roles_page = pages[links.ROLES]
    ml_lead = roles_page.split('id="ml-lead"', 1)[1] if 'id="ml-lead"' in roles_page else \
        roles_page.split("Machine learning lead", 1)[1]
    assert "Vacant" in ml_lead.split("\n## ", 1)[0]
    assert "&lt;name of the ML lead&gt;" not in roles_page and "<name of the ML lead>" not in roles_page
    notes = [item.note for item in assessed.documented_information if "named holder" in item.note]
    assert notes and all("2 of 3" in note for note in notes), notes


def test_every_table_has_a_value_in_every_cell(crafted) -> None:
    _, _, pages = crafted
    for path in (links.DASHBOARD, links.RISKS, links.SYSTEMS):
        for table in tables(pages[path]):
            assert all(len(row) == len(table.headers) for row in table.rows), path
