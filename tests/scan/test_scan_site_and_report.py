"""The last scan on a system's page and in the readiness report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from mini_repos import build_repository

from aimskit import cli, readiness
from aimskit.reporting.readiness import render as report_markdown
from aimskit.records.model import load_repository
from aimskit.site.render import RenderContext, render

TODAY = dt.date(2026, 12, 5)
BOT = "github.com/acme/support-bot"


@pytest.fixture
def aims(tmp_path: Path) -> Path:
    root = build_repository(tmp_path / "aims", stamp=False)
    with open(root / "systems" / "SYS-002.yaml", "a", encoding="utf-8") as stream:
        stream.write(f"code:\n  - repository: {BOT}\ncomponents:\n  providers: [OpenAI]\n")
    return root


def _scan(aims: Path, tmp_path: Path, requirements: str) -> None:
    code = tmp_path / "code"
    code.mkdir(exist_ok=True)
    (code / "requirements.txt").write_text(requirements, encoding="utf-8")
    cli.main(["--repo", str(aims), "scan", str(code), "--repository", BOT, "--result", str(aims / ".aimskit/scan.json")])


def _page(aims: Path) -> str:
    repository = load_repository(aims)
    return render(RenderContext(repository, TODAY, readiness=readiness.assess(repository, TODAY)))["systems/SYS-002.md"]


def test_a_system_page_shows_what_was_found_in_its_code_and_when(aims, tmp_path, capsys) -> None:
    assert "Found in its code" in _page(aims) and "No scan result yet" in _page(aims)
    _scan(aims, tmp_path, "openai\ntorch\n")
    page = _page(aims)
    assert "## Found in its code" in page and "Last scan&#58; 20" in page and BOT in page
    assert "| openai | package | OpenAI | llm-client | requirements.txt&#58;1 | 1 |" in page and "| torch |" in page
    assert "Found in its code" not in render(RenderContext(load_repository(aims), TODAY))["systems/SYS-001.md"]


def test_values_from_the_result_file_are_escaped(aims) -> None:
    (aims / ".aimskit").mkdir()
    (aims / ".aimskit" / "scan.json").write_text(json.dumps({
        "format": "aimskit-scan/1", "scanned_at": "<b>now</b>", "roots": [{"repository": "<script>x</script>"}],
        "findings": [], "systems": {"SYS-002": {"components": [{"name": "<img src=x onerror=alert(1)>",
                                                                "provider": "[link](javascript:x)"}]}}}), encoding="utf-8")
    page = _page(aims)
    assert "<script>" not in page and "<img" not in page and "<b>" not in page and "](javascript" not in page


def test_the_report_counts_the_inventory_complete_only_after_a_clean_scan(aims, tmp_path, capsys) -> None:
    def judged() -> readiness.InventoryScan:
        return readiness.assess(load_repository(aims), TODAY).inventory_scan
    assert judged().status == "missing" and "no scan result" in judged().note
    _scan(aims, tmp_path, "openai\nanthropic\n")
    assert (judged().status, judged().undeclared) == ("partial", 1)
    _scan(aims, tmp_path, "openai\n")
    assert (judged().status, judged().repositories) == ("met", (BOT,))
    text = report_markdown(readiness.assess(load_repository(aims), TODAY))
    assert "## AI use in code" in text and "Inventory complete against the code: met" in text
    with open(aims / "systems" / "SYS-001.yaml", "a", encoding="utf-8") as stream:
        stream.write("code:\n  - repository: github.com/acme/credit\n")
    assert judged().status == "partial" and "did not cover github.com/acme/credit" in judged().note
