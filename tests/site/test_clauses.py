"""The clauses page of the clean mini repository: each clause's heading, its documented information and
what addresses it."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from mini_repos import build_repository

from aimskit import readiness
from aimskit.records.model import load_repository
from aimskit.site.render import RenderContext, clauses, links

TODAY = dt.date(2026, 6, 1)


def badge(status: str) -> str:
    return f'<span class="aims-badge aims-badge--readiness-{status}">{status}</span>'


def sections(root: Path, with_readiness: bool = True) -> dict[str, str]:
    """Each clause's part of the page by clause number, from its heading to the next heading."""
    repository = load_repository(root)
    assessed = readiness.assess(repository, TODAY) if with_readiness else None
    page = clauses.render(RenderContext(repository, TODAY, readiness=assessed))[links.CLAUSES]
    parts = re.split(r"(?m)^(?=#{2,} )", page)
    return {part.split()[1]: part.strip() for part in parts[1:]}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_repository(tmp_path_factory.mktemp("clauses") / "aims")


def test_the_page_has_its_title_and_introduction(base: Path) -> None:
    repository = load_repository(base)
    page = clauses.render(RenderContext(repository, TODAY))[links.CLAUSES]
    assert page.startswith(
        "---\ntitle: Clauses 4 to 10\n---\n\n# Clauses 4 to 10\n\nThe requirements of ISO/IEC 42001 (by number and "
        "heading), the documented information each asks for, and the documents of this AI management system that "
        "address it.\n")


def test_a_main_clause_is_a_heading_alone_and_a_sub_clause_says_when_nothing_addresses_it(base: Path) -> None:
    found = sections(base)
    assert found["4"] == "## 4 Context of the organization { #clause-4 }"
    assert found["5.1"] == "### 5.1 Leadership and commitment { #clause-5-1 }\n\nAddressed by:\n\nNone recorded."
    assert found["7.5.2"] == ("#### 7.5.2 Creating and updating documented information { #clause-7-5-2 }\n\n"
                              "Addressed by:\n\nNone recorded.")


def test_clauses_answered_by_aims_yml_and_by_registers(base: Path) -> None:
    found = sections(base)
    assert found["4.1"] == ("### 4.1 Understanding the organization and its context { #clause-4-1 }\n\n"
                            "Addressed by:\n\n- Context&#58; internal and external issues")
    assert found["5.3"] == ("### 5.3 Roles, responsibilities and authorities { #clause-5-3 }\n\n"
                            "Addressed by:\n\n- [Roles and responsibilities](roles.md)")
    assert found["9.2"] == ("### 9.2 Internal audit { #clause-9-2 }\n\n"
                            "Addressed by:\n\n- [Internal audits](audits/index.md)")
    assert found["7.2"] == (
        "### 7.2 Competence { #clause-7-2 }\n\n"
        "| Documented information | Status | Provided by |\n|---|---|---|\n"
        f"| Evidence of competence | {badge('missing')} | &nbsp; |\n\n"
        "Addressed by:\n\n- [Competence of the roles](roles.md)")


def test_documented_information_its_status_and_what_provides_it(base: Path) -> None:
    found = sections(base)
    assert found["5.2"] == (
        "### 5.2 AI policy { #clause-5-2 }\n\n"
        "| Documented information | Status | Provided by |\n|---|---|---|\n"
        f"| AI policy | {badge('met')} | [POL-001](policies/POL-001.md) |\n\n"
        "Addressed by:\n\n- [POL-001 AI policy](policies/POL-001.md)\n- [POL-001](policies/POL-001.md)")
    assert found["6.1.2"] == (
        "#### 6.1.2 AI risk assessment { #clause-6-1-2 }\n\n"
        "| Documented information | Status | Provided by |\n|---|---|---|\n"
        f"| AI risk assessment process | {badge('met')} | [The scope and context](scope.md), "
        "[RISK-001](risks/RISK-001.md), [RISK-002](risks/RISK-002.md) |\n\n"
        "Addressed by:\n\n- AI risk assessment method\n- [Risk register](risks/index.md)\n"
        "- [The scope and context](scope.md)\n- [RISK-001](risks/RISK-001.md)\n- [RISK-002](risks/RISK-002.md)")


def addressed_by(found: dict[str, str]) -> dict[str, list[str]]:
    """The documents listed as addressing each clause that lists any."""
    return {number: text.split("Addressed by:\n\n")[1].splitlines() for number, text in found.items()
            if "Addressed by:\n\n- " in text}


def test_without_a_readiness_assessment_the_policies_aims_yml_and_registers_address_the_clauses(base: Path) -> None:
    assert addressed_by(sections(base, with_readiness=False)) == {
        "4.1": ["- Context&#58; internal and external issues"],
        "4.2": ["- Interested parties and their needs"],
        "4.3": ["- Scope of the AI management system"],
        "5.2": ["- [POL-001 AI policy](policies/POL-001.md)"],
        "5.3": ["- [Roles and responsibilities](roles.md)"],
        "6.1.2": ["- AI risk assessment method", "- [Risk register](risks/index.md)"],
        "6.1.3": ["- [Statement of Applicability](soa.md)"],
        "6.1.4": ["- [Impact assessments](impact-assessments/index.md)"],
        "6.2": ["- [AI objectives](objectives.md)"],
        "7.2": ["- [Competence of the roles](roles.md)"],
        "8.2": ["- [Risk register](risks/index.md)"],
        "8.3": ["- [Risk treatment](risks/index.md)"],
        "8.4": ["- [Impact assessments](impact-assessments/index.md)"],
        "9.2": ["- [Internal audits](audits/index.md)"],
        "9.3": ["- [Management reviews](management-reviews/index.md)"],
        "10.2": ["- [Nonconformities](nonconformities/index.md)"],
    }


def test_without_aims_yml_or_audits_nothing_is_claimed_for_them(base: Path, tmp_path: Path) -> None:
    root = shutil.copytree(base, tmp_path / "aims")
    (root / "aims.yml").unlink()
    shutil.rmtree(root / "records" / "audits")
    found = sections(root, with_readiness=False)
    assert found["4.1"] == ("### 4.1 Understanding the organization and its context { #clause-4-1 }\n\n"
                            "Addressed by:\n\nNone recorded.")
    assert found["9.2"] == "### 9.2 Internal audit { #clause-9-2 }\n\nAddressed by:\n\nNone recorded."
    assert addressed_by(found)["6.1.2"] == ["- [Risk register](risks/index.md)"]


def test_a_document_that_provides_several_items_of_a_clause_is_listed_once(base: Path) -> None:
    lists = addressed_by(sections(base))
    assert lists["6.1.3"].count("- [RISK-001](risks/RISK-001.md)") == 1
    assert lists["6.1.3"].count("- [The Statement of Applicability](soa.md)") == 1
    assert all(len(set(documents)) == len(documents) for documents in lists.values())
