"""The words staff read, rendered from real bakes: examples said to be examples, a person for every
question, no repository jargon, and a draft policy never given as the rule to follow."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aimskit.governance.starter import is_example
from aimskit.records import kinds
from aimskit.records.model import load_repository
from aimskit.site.pipeline import validate_and_render
from aimskit.site.render import links

#: Kinds whose records each have a page of their own.
PAGED = (kinds.POLICY, kinds.RISK, kinds.SYSTEM, kinds.IMPACT_ASSESSMENT, kinds.SUPPLIER, kinds.AUDIT,
         kinds.MANAGEMENT_REVIEW, kinds.NONCONFORMITY)


@pytest.fixture(scope="module")
def technology(baked_repo: Path) -> dict[str, str]:
    return validate_and_render(baked_repo).pages


def record_pages(root: Path, pages: dict[str, str]):
    repository = load_repository(root)
    for kind in PAGED:
        for record in repository.of(kind):
            path = links.record_page(str(record.id)) if kind is not kinds.POLICY else f"policies/{record.id}.md"
            if path in pages:
                yield record, pages[path]


def test_every_page_of_an_example_record_says_so(baked_repo: Path, technology: dict[str, str]) -> None:
    found = list(record_pages(baked_repo, technology))
    examples = [(record, page) for record, page in found if is_example(record.data)]
    assert {record.kind for record, _ in examples} >= {kinds.RISK, kinds.SUPPLIER, kinds.AUDIT,
                                                       kinds.MANAGEMENT_REVIEW, kinds.NONCONFORMITY}
    missing = [record.id for record, page in examples if '!!! warning "Example record"' not in page]
    assert missing == []
    assert all("aimskit examples" not in page for _, page in found)


def test_the_dashboard_says_examples_are_left_out_and_what_they_would_give(technology: dict[str, str]) -> None:
    dashboard = technology[links.DASHBOARD]
    banner = dashboard.split('!!! warning "Examples are left out"', 1)[1].split("\n\n", 2)[1]
    assert re.search(r"Every figure on this page leaves them out", banner)
    assert re.search(r"Counting the examples too, \d+ items would look met and \d+ controls implemented", banner)
    levels = dashboard.split("## Risks by level", 1)[1].split("##", 1)[0]
    assert "| Examples, left out |" in levels
    example_inherent = sum(int(n) for n in re.findall(r"\| (\d+) inherent, \d+ residual \|", levels))
    assert example_inherent == 10  # the register's ten example risks, all open


def test_a_vacant_role_points_to_the_governance_lead_and_their_contact(technology: dict[str, str]) -> None:
    vacant = [(path, line) for path, page in technology.items() if path != links.GLOSSARY for line in page.splitlines()
              if re.search(r"\bvacant\b", line, re.IGNORECASE)]
    assert len(vacant) > 10  # the bake leaves most roles to be filled
    without = [(path, line) for path, line in vacant
               if not re.search(r"ask the \[AI governance lead\]\([^)]*contacts\.md#ai-governance-lead\): Alex Morgan "
                                r"— &#35;ai-governance", line)]
    assert without == []
    policies = [technology[f"policies/POL-00{n}.md"] for n in range(1, 9) if f"policies/POL-00{n}.md" in technology]
    assert sum("vacant; until someone is named, ask the" in page for page in policies) >= 3


def test_a_draft_ai_policy_is_never_given_as_the_rule_to_follow(bake, technology: dict[str, str]) -> None:
    public = validate_and_render(bake(sector="public-sector", example_content=False)).pages
    using = public["partials/home.txt"].split("## Using AI at work", 1)[1].split("##", 1)[0]
    assert "In preparation" in using and "follow the" not in using
    assert "Replace this sentence" not in public["partials/home.txt"] and "Not written yet" in public[links.SCOPE]


def test_authorities_and_evidence_are_in_words(technology: dict[str, str]) -> None:
    assert "Pause ai system" not in technology[links.ROLES] and "Pause AI system" in technology[links.ROLES]
    clauses = technology[links.CLAUSES]
    assert "aims.yml" not in clauses and "files)" not in clauses


def test_the_soa_names_a_policy_once_when_it_is_also_given_as_evidence(baked_repo: Path,
                                                                       technology: dict[str, str]) -> None:
    soa = (baked_repo / "soa.yaml").read_text(encoding="utf-8")
    entry = soa.split("control: A.2.2", 1)[1].split("- control:", 1)[0]
    assert "implemented_by: [POL-001]" in entry and "evidence: [policies/POL-001.md]" in entry
    implemented = technology[links.SOA].split("{ #a-2-2 }", 1)[1].split("- **Implemented by:**", 1)[1].splitlines()[0]
    assert implemented.count("[POL-001]") == 1, implemented
