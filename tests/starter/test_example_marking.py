"""The example mark shows everywhere: records, the report, the site and the export, with the same numbers."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from aimskit import readiness
from aimskit.cli import main
from aimskit.governance.starter import is_example
from aimskit.records import kinds
from aimskit.records.model import load_repository
from aimskit.site.render import RenderContext, links, render

pytestmark = pytest.mark.slow


def test_every_starter_record_of_an_example_bake_is_marked(baked_repo):
    repository = load_repository(baked_repo)
    for kind in (kinds.SYSTEM, kinds.RISK, kinds.SUPPLIER, kinds.IMPACT_ASSESSMENT, kinds.AUDIT,
                 kinds.MANAGEMENT_REVIEW, kinds.NONCONFORMITY, kinds.OBJECTIVE, kinds.SOA):
        records = repository.of(kind)
        assert records and all(is_example(r) for r in records), kind.name
    approved = [r for r in repository.of(kinds.POLICY) if r.data["status"] == "approved"]
    assert approved and all(is_example(r) for r in approved)
    assert not any(is_example(r) for r in repository.of(kinds.ROLE))


def test_a_skeleton_bake_has_no_example(bake):
    repository = load_repository(bake(example_content="no"))
    assert not [r.path for r in repository.all_records() if is_example(r)]


def test_site_shows_the_banners(baked_repo):
    repository = load_repository(baked_repo)
    today = dt.date.today()
    pages = render(RenderContext(repository, today, readiness=readiness.assess(repository, today)))
    dashboard = pages[links.DASHBOARD]
    assert '!!! warning "Examples are left out"' in dashboard
    assert "Every figure on this page leaves them out: the organisation's own records meet 0 of" in dashboard
    assert re.search(r"\| .*Documented information.* \| 0 of \d+ met", dashboard)
    policy = next(text for path, text in pages.items() if path.endswith("POL-001.md"))
    assert '!!! warning "Example record"' in policy
    assert '!!! warning "Example record"' in pages[links.SOA]
    assert "Example record" not in pages[links.ROLES]
    assert '!!! warning "Example records"' in pages[links.RISKS]
    assert '!!! warning "Example records"' in pages[links.AUDITS]


def test_export_marks_examples_and_repeats_the_report(baked_repo, tmp_path, capsys):
    out = tmp_path / "audit"
    assert main(["--repo", str(baked_repo), "export", "--format", "json", "-o", str(out)]) == 0
    document = json.loads((out / "aims-export.json").read_text(encoding="utf-8"))
    tables = document["tables"]
    assert tables["risks"] and all(row["example"] is True for row in tables["risks"])
    assert all(row["example"] is True for row in tables["soa"])
    assert {row["id"]: row["example"] for row in tables["policies"]}["POL-009"] is False
    capsys.readouterr()
    assert main(["--repo", str(baked_repo), "report", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [(r["clause"], r["status"], r["examples_alone"]) for r in tables["readiness"]] == \
        [(d["clause"], d["status"], d["with_examples"]) for d in report["documented_information"]]
    assert "example: true" in (out / "README.txt").read_text(encoding="utf-8")
