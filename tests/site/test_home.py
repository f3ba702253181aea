"""The home page's "Using AI at work" section: which policy it names and what it quotes from it."""

from __future__ import annotations

import datetime as dt
import typing as t
from pathlib import Path

import pytest

from aimskit.records import kinds
from aimskit.records.document import Document
from aimskit.records.model import Record, Repository
from aimskit.site.render import home
from aimskit.site.render.context import RenderContext

USE_POLICY = {"id": "POL-002", "title": "Using AI at work", "status": "approved", "owner": "lead",
              "summary": "Ask before you paste customer data.", "tags": ["use"]}


def _home(*policies: dict[str, t.Any]) -> str:
    found = {
        kinds.MANIFEST.name: [Record(kinds.MANIFEST, Document("aims.yml", {"governance_lead": "lead"}, None, None))],
        kinds.ROLE.name: [Record(kinds.ROLE, Document("roles/lead.yaml", {"id": "lead", "title": "Lead Title",
                                                                          "holders": [{"name": "Lee"}]}, None, None))],
        kinds.POLICY.name: [Record(kinds.POLICY, Document(f"policies/{p['id']}.md", p, None, "Text."))
                            for p in policies],
    }
    return home.render(RenderContext(Repository(Path("/nowhere"), found), dt.date(2026, 6, 1)))[home.HOME_FRAGMENT]


def _using_ai(page: str) -> str:
    return page.split("## Using AI at work\n", 1)[1].split("\n## ", 1)[0]


def test_an_approved_use_policy_is_named_with_its_summary_and_owner() -> None:
    section = _using_ai(_home(USE_POLICY))
    assert section.startswith("\nThe [Using AI at work](generated/policies/POL-002.md) sets the rules for using AI")
    assert section.endswith("\n\nAsk before you paste customer data.\n\nIts owner: [Lead Title](generated/contacts.md#lead): Lee.\n")
    assert "In preparation" not in section


def test_an_approved_use_policy_without_a_summary_goes_straight_to_its_owner() -> None:
    section = _using_ai(_home({**USE_POLICY, "summary": None}))
    assert "everyday tools.\n\nIts owner: " in section


def test_a_draft_use_policy_is_in_preparation() -> None:
    section = _using_ai(_home({**USE_POLICY, "status": "draft"}))
    assert '!!! warning "In preparation"' in section
    assert "Our [Using AI at work](generated/policies/POL-002.md) is in preparation" in section


@pytest.mark.parametrize("policy", [
    {"tags": ["responsible-use"]},
    {"tags": [], "title": "Responsible use of AI"},
    {"tags": [], "controls": ["A.9.2"]},
])
def test_the_use_policy_is_found_by_its_tag_title_or_control(policy: dict[str, t.Any]) -> None:
    found = {**USE_POLICY, **policy}
    other = {"id": "POL-001", "title": "Other", "status": "approved", "owner": "lead"}
    found_policy = home.responsible_use_policy(Repository(Path("/nowhere"), {kinds.POLICY.name: [
        Record(kinds.POLICY, Document(f"policies/{p['id']}.md", p, None, "Text.")) for p in (other, found)]}))
    assert found_policy is not None and found_policy.id == "POL-002"


def test_a_tag_wins_over_a_title() -> None:
    titled = {**USE_POLICY, "id": "POL-001", "tags": [], "title": "Responsible use of AI"}
    tagged = {**USE_POLICY, "id": "POL-009", "title": "Rules"}
    repository = Repository(Path("/nowhere"), {kinds.POLICY.name: [
        Record(kinds.POLICY, Document(f"policies/{p['id']}.md", p, None, "Text.")) for p in (titled, tagged)]})
    found = home.responsible_use_policy(repository)
    assert found is not None and found.id == "POL-009"
