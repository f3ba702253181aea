"""``aimskit scan`` on the command line: every output format, exit codes, result and summary files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from mini_repos import build_repository

from aimskit import cli
from aimskit.scan import results

BOT = "github.com/acme/support-bot"


@pytest.fixture(scope="module")
def aims(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_repository(tmp_path_factory.mktemp("command") / "aims", stamp=False)
    with open(root / "systems" / "SYS-002.yaml", "a", encoding="utf-8") as stream:
        stream.write(f"code:\n  - repository: {BOT}\ncomponents:\n  providers: [OpenAI]\n")
    return root


@pytest.fixture
def bot(tmp_path: Path) -> Path:
    folder = tmp_path / "bot"
    (folder / "src").mkdir(parents=True)
    (folder / "requirements.txt").write_text("openai==1.40\nanthropic==0.34\n", encoding="utf-8")
    (folder / "src" / "bot.py").write_text("import anthropic\nimport openai\n", encoding="utf-8")
    (folder / "ranker.onnx").write_bytes(b"\x08\x07")
    (folder / "node_modules" / "openai").mkdir(parents=True)
    (folder / "node_modules" / "openai" / "index.js").write_text('require("openai/core")\n', encoding="utf-8")
    return folder


def _scan(aims: Path, bot: Path, *options: str) -> int:
    return cli.main(["--repo", str(aims), "scan", str(bot), "--repository", BOT, *options])


def test_text_lists_undeclared_use_and_exits_1(aims, bot, capsys) -> None:
    assert _scan(aims, bot) == 1
    captured = capsys.readouterr()
    out = captured.out
    assert "requirements.txt:2:1: error AIMS851 uses the Anthropic SDK (anthropic) (and 1 other place), which sends data to Anthropic; " \
           "SYS-002 declares only Example Model Provider, OpenAI" in out
    assert "error AIMS852 uses the model file ranker.onnx" in out
    assert "aimskit: not entered (other people's code or tools' output): node_modules (1)" in captured.err


def test_declared_use_exits_0(aims, tmp_path, capsys) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "requirements.txt").write_text("openai\n", encoding="utf-8")
    assert cli.main(["--repo", str(aims), "scan", str(tmp_path / "ok"), "--repository", BOT, "--list"]) == 0
    out = capsys.readouterr().out
    assert "requirements.txt:1:1: package openai (OpenAI, llm-client) via manifest" in out


def test_json_holds_every_use_and_finding(aims, bot, capsys) -> None:
    assert _scan(aims, bot, "--format", "json") == 1
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == results.FORMAT and document["undeclared"] == 2
    assert {use["name"] for use in document["uses"]} == {"openai", "anthropic", "ranker.onnx"}
    assert document["systems"]["SYS-002"]["repositories"] == [BOT]


def test_github_annotates_and_writes_the_job_summary(aims, bot, tmp_path, capsys, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert _scan(aims, bot, "--format", "github") == 1
    assert "::error file=" in capsys.readouterr().out
    text = summary.read_text(encoding="utf-8")
    assert "this change's code uses the Anthropic SDK (anthropic) (and 1 other place), which sends data to Anthropic; SYS-002 declares " \
           "only Example Model Provider, OpenAI: update the inventory in the AIMS repository" in text
    assert "### AI components found" in text and "Not entered (other people's code or tools' output): node\\_modules (1)." in text


def test_sarif_describes_the_scan_codes(aims, bot, capsys) -> None:
    assert _scan(aims, bot, "--format", "sarif") == 1
    run = json.loads(capsys.readouterr().out)["runs"][0]
    rules = {rule["id"]: rule["fullDescription"]["text"] for rule in run["tool"]["driver"]["rules"]}
    assert rules["AIMS851"].startswith("a hosted AI provider used in a system's code is one the system declares")
    assert {result["ruleId"] for result in run["results"]} == {"AIMS851", "AIMS852"}


def test_cyclonedx_is_a_valid_1_6_ai_bom(aims, bot, capsys) -> None:
    assert _scan(aims, bot, "--format", "cyclonedx") == 1
    out = capsys.readouterr().out
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(out) is None
    document = json.loads(out)
    types = {c["name"]: c["type"] for c in document["components"]}
    assert types == {"openai": "library", "anthropic": "library", "ranker.onnx": "machine-learning-model"}
    assert {c["name"]: c.get("purl") for c in document["components"]}["openai"] == "pkg:pypi/openai"
    assert sorted(s["provider"]["name"] for s in document["services"]) == ["Anthropic", "OpenAI"]


def test_the_result_file_is_read_back(aims, bot, tmp_path, capsys) -> None:
    result = aims / ".aimskit" / "scan.json"
    _scan(aims, bot, "--result", str(result), "--summary", str(tmp_path / "summary.md"))
    last = results.read_last(aims)
    assert not isinstance(last, (str, type(None)))
    assert last.undeclared == 2 and last.repositories == (BOT,)
    assert {c["name"] for c in last.systems["SYS-002"]} == {"openai", "anthropic", "ranker.onnx"}
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("## AI use in code")
    result.unlink()


def test_a_broken_or_foreign_result_file_is_said(tmp_path) -> None:
    (tmp_path / ".aimskit").mkdir()
    assert results.read_last(tmp_path) is None
    (tmp_path / ".aimskit" / "scan.json").write_text("{not json", encoding="utf-8")
    assert "not JSON" in str(results.read_last(tmp_path))
    (tmp_path / ".aimskit" / "scan.json").write_text('{"format": "other"}', encoding="utf-8")
    assert "is not a scan result" in str(results.read_last(tmp_path))


def test_without_an_inventory_it_only_finds(bot, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["scan", "--no-inventory", "bot", "--list"]) == 0
    out = capsys.readouterr().out
    assert "bot/src/bot.py:1:1: package anthropic" in out and "AIMS85" not in out


def test_the_team_repositories_are_listed(aims, capsys) -> None:
    assert cli.main(["--repo", str(aims), "scan", "--list-repositories"]) == 0
    assert capsys.readouterr().out == f"{BOT}\n"


@pytest.mark.parametrize("line", [["scan"], ["scan", "missing-folder"], ["scan", ".", ".", "--repository", "a/b"]])
def test_usage_errors_exit_2(aims, line, capsys) -> None:
    assert cli.main(["--repo", str(aims), *line]) == 2
    assert "aimskit:" in capsys.readouterr().err


def test_values_from_scanned_code_cannot_forge_output(aims, tmp_path, capsys, monkeypatch) -> None:
    folder = tmp_path / "evil"
    folder.mkdir()
    name = "m\n::error file=x::forged\x1b[2J<script>"
    (folder / "bom.json").write_text(json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
        {"type": "machine-learning-model", "name": name, "bom-ref": "a"}]}), encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli.main(["--repo", str(aims), "scan", str(folder), "--repository", "github.com/acme/evil",
                     "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert "\n::error file=x" not in out and "\x1b" not in out and "forged" in out
    text = summary.read_text(encoding="utf-8")
    assert "<script>" not in text and "\x1b" not in text and "\n::error" not in text
    assert cli.main(["--repo", str(aims), "scan", str(folder), "--repository", "github.com/acme/evil", "--list"]) == 1
    assert "\x1b" not in capsys.readouterr().out


def test_a_use_already_on_the_base_is_said_to_be(aims, bot, tmp_path, capsys) -> None:
    base = tmp_path / "base.json"
    assert cli.main(["scan", "--no-inventory", "--result", str(base), str(bot)]) == 0
    _scan(aims, bot, "--baseline", str(base), "--summary", str(tmp_path / "summary.md"))
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "this code uses the Anthropic SDK (anthropic) (and 1 other place), which sends data to Anthropic; " \
           "SYS-002 declares only Example Model Provider, OpenAI (already before this change)" in text
    assert "this change adds" not in text
