"""Placeholder text (template wording) is never published as a person."""

from __future__ import annotations

import pytest

from aimskit.governance.placeholders import counted_holders, is_default_holder, names_a_person, real_holders
from aimskit.governance.placeholders import is_placeholder_name as is_placeholder


@pytest.mark.parametrize("value", [
    "Privacy office (replace with the data protection officer)", "Security team (Replace with the security lead)",
    "TBD", "tbd", "<name of the ML lead>", "todo: name the owner", "<name of the auditor>", "", "   ", None, 42,
])
def test_template_wording_is_a_placeholder(value) -> None:
    assert is_placeholder(value)


@pytest.mark.parametrize("value", ["Alex Morgan", "Dr. Priya Raman", "Replacement Services Ltd", "Fabrice Tbdé",
                                   "Data office (Berlin)"])
def test_names_are_not_placeholders(value) -> None:
    assert not is_placeholder(value)


def test_real_holders_leaves_out_placeholders_and_malformed_entries() -> None:
    holders = [{"name": "Alex Morgan", "handle": "@alex"}, {"name": "Legal team (replace with the lawyer)"},
               "not a mapping", {"handle": "@nobody"}]
    assert real_holders(holders) == [{"name": "Alex Morgan", "handle": "@alex"}]
    assert real_holders(None) == []


@pytest.mark.parametrize("holder", [{"name": "Alex Morgan", "handle": "@alex-morgan"},
                                    {"name": " alex morgan", "handle": "@Alex-Morgan"}, {"handle": "@alex-morgan"}])
def test_the_templates_default_governance_lead_counts_for_nobody(holder) -> None:
    assert is_default_holder(holder)
    assert counted_holders([holder]) == []
    assert real_holders([holder]) == ([holder] if holder.get("name") else [])  # the site still shows the name


@pytest.mark.parametrize("holder", [{"name": "Alex Morgan", "handle": "@alex"}, {"name": "Alex Morgan"},
                                    {"name": "Sam Rivera", "handle": "@alex-morgan"}])
def test_a_person_who_shares_one_default_is_someone(holder) -> None:
    assert not is_default_holder(holder)
    assert counted_holders([holder]) == [holder]


def test_names_a_person_asks_the_holder_mapping() -> None:
    assert names_a_person({"name": "Alex Morgan"})
    assert not names_a_person({"name": "tbd"})
    assert not names_a_person({"name": "<name of the ML lead>"})
    assert not names_a_person("Alex Morgan")


@pytest.mark.parametrize("holder", ["Alex Morgan", None, ["@alex-morgan"]])
def test_a_holder_that_is_not_a_mapping_is_not_the_default_lead(holder) -> None:
    assert not is_default_holder(holder)
