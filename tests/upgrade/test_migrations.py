"""Record-format migrations: the version in aims.yml, text-preserving renames, a diff first."""

from __future__ import annotations

from pathlib import Path

import pytest

from aimskit.errors import AimskitError
from aimskit.records import kinds
from aimskit.records.schemas import load_schema
from aimskit.upgrade import migrations

STEP = migrations.Migration("0", "1", "review_due is next_review",
                            (migrations.RenameField("risk", "review_due", "next_review"),
                             migrations.RenameField("policy", "review_due", "next_review")))


def test_the_manifest_schema_carries_the_version_aimskit_reads():
    assert load_schema("manifest.schema.json")["properties"]["schema_version"]["const"] == migrations.SCHEMA_VERSION


def make(root: Path, version: str = "0") -> Path:
    (root / "risks").mkdir(parents=True)
    (root / "policies").mkdir()
    (root / "aims.yml").write_text(f"# manifest\nschema_version: '{version}'  # the record format\n", encoding="utf-8")
    (root / "risks" / "RISK-001.yaml").write_text(
        "id: RISK-001\n# when we look again\nreview_due:   \"2026-01-01\"\nnotes:\n  review_due: kept\n",
        encoding="utf-8")
    (root / "policies" / "POL-001.md").write_text(
        "---\nid: POL-001\nreview_due: \"2026-01-01\"\n---\n\nreview_due: body text stays\n", encoding="utf-8")
    return root


def test_a_rename_keeps_layout_comments_nested_keys_and_the_body(tmp_path):
    root = make(tmp_path / "aims")
    changes = {change.path: change for change in migrations.plan(root, [STEP])}
    assert changes["risks/RISK-001.yaml"].after == (
        "id: RISK-001\n# when we look again\nnext_review:   \"2026-01-01\"\nnotes:\n  review_due: kept\n")
    assert changes["policies/POL-001.md"].after == (
        "---\nid: POL-001\nnext_review: \"2026-01-01\"\n---\n\nreview_due: body text stays\n")
    assert changes["aims.yml"].after == '# manifest\nschema_version: "1"  # the record format\n'
    assert changes["risks/RISK-001.yaml"].diff() == (
        "--- a/risks/RISK-001.yaml\n+++ b/risks/RISK-001.yaml\n@@ -1,5 +1,5 @@\n id: RISK-001\n"
        " # when we look again\n-review_due:   \"2026-01-01\"\n+next_review:   \"2026-01-01\"\n notes:\n"
        "   review_due: kept\n")
    assert (root / "risks" / "RISK-001.yaml").read_text(encoding="utf-8").count("review_due") == 2  # plan writes nothing
    migrations.apply(root, changes.values())
    assert migrations.repository_version(root) == "1"
    assert migrations.plan(root, [STEP]) == []


def test_a_current_repository_needs_nothing(tmp_path):
    assert migrations.plan(make(tmp_path / "aims", version=migrations.SCHEMA_VERSION)) == []


def test_no_path_from_an_unknown_version_is_an_error(tmp_path):
    with pytest.raises(AimskitError, match="no migration from schema version 0 to 1"):
        migrations.plan(make(tmp_path / "aims"))


def test_a_rename_touches_only_its_kind():
    assert STEP.changes[0].rewrite(kinds.SYSTEM, "review_due: x\n") == "review_due: x\n"
