"""Whether the inventory is complete against the code (aimskit.readiness.inventory): the status and the
exact note for each case, from the last scan result."""

from __future__ import annotations

import dataclasses
import json

import git
from aims_builder import AimsRepo

from aimskit.git.repository import GitSource
from aimskit.readiness.inventory import MET_WHEN, InventoryScan, inventory_against_code, judge
from aimskit.records.model import load_repository
from aimskit.scan.results import LastScan

SCAN = LastScan("2026-06-01T10:00:00Z", ("github.com/acme/bot", "github.com/acme/web"), 0, {})


def test_a_clean_scan_of_every_declared_repository_is_met() -> None:
    assert judge(SCAN, ["github.com/acme/bot", "acme/web"]) == InventoryScan(
        "met", "the scan of 2026-06-01T10:00:00Z found every AI use declared", "2026-06-01T10:00:00Z",
        ("github.com/acme/bot", "github.com/acme/web"), 0, MET_WHEN)
    assert judge(SCAN, []).status == "met"


def test_undeclared_uses_come_before_unscanned_repositories() -> None:
    assert judge(dataclasses.replace(SCAN, undeclared=1), ["github.com/acme/credit"]) == InventoryScan(
        "partial", "the scan of 2026-06-01T10:00:00Z found 1 AI use(s) the inventory does not declare",
        "2026-06-01T10:00:00Z", ("github.com/acme/bot", "github.com/acme/web"), 1)


def test_a_declared_repository_the_scan_did_not_cover_is_named() -> None:
    assert judge(SCAN, ["github.com/acme/bot", "github.com/acme/credit", "github.com/acme/risk"]) == InventoryScan(
        "partial", "the scan of 2026-06-01T10:00:00Z did not cover github.com/acme/credit, github.com/acme/risk",
        "2026-06-01T10:00:00Z", ("github.com/acme/bot", "github.com/acme/web"), 0)


def test_without_a_usable_scan_result_the_inventory_is_missing(aims: AimsRepo) -> None:
    assert inventory_against_code(load_repository(aims.root)) == InventoryScan(
        "missing", "no scan result (.aimskit/scan.json): run `aimskit scan --result .aimskit/scan.json` on the team "
                   "repositories")
    (aims.root / ".aimskit").mkdir()
    (aims.root / ".aimskit" / "scan.json").write_text(json.dumps({"format": "other"}), encoding="utf-8")
    assert inventory_against_code(load_repository(aims.root)) == InventoryScan(
        "missing", "the scan result cannot be used: .aimskit/scan.json: is not a scan result of format aimskit-scan/1")


def test_a_scan_result_is_judged_against_the_repositories_the_systems_name(aims: AimsRepo) -> None:
    (aims.root / ".aimskit").mkdir()
    (aims.root / ".aimskit" / "scan.json").write_text(json.dumps({
        "format": "aimskit-scan/1", "scanned_at": "2026-06-01", "roots": [{"repository": "github.com/acme/bot"}],
        "findings": []}), encoding="utf-8")
    assert inventory_against_code(load_repository(aims.root)) == InventoryScan(
        "met", "the scan of 2026-06-01 found every AI use declared", "2026-06-01", ("github.com/acme/bot",), 0)
    aims.system("SYS-002", "minimal", code=[{"repository": "github.com/acme/credit"}])
    assert inventory_against_code(load_repository(aims.root)) == InventoryScan(
        "partial", "the scan of 2026-06-01 did not cover github.com/acme/credit", "2026-06-01",
        ("github.com/acme/bot",), 0)


def test_a_repository_read_at_a_git_revision_has_no_scan_result_to_judge(aims: AimsRepo) -> None:
    repo = git.Repo.init(aims.root)
    repo.git.add("--all")
    commit = repo.index.commit("records", author=git.Actor("T", "t@example.org"),
                               committer=git.Actor("T", "t@example.org"))
    at_revision = load_repository(aims.root, GitSource(aims.root, commit.hexsha))
    assert inventory_against_code(at_revision) == InventoryScan(
        "missing", "a git revision holds no scan result; run the report on a checkout")
