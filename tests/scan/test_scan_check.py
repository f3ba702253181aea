"""The scan checked against the inventory: undeclared use, providers, models, packages, and
declared components no longer found, each pointing at the record to edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from mini_repos import build_repository

from aimskit.records.model import load_repository
from aimskit.scan import descriptions
from aimskit.scan.inventory import repositories, same_provider
from aimskit.scan.run import scan, shown_from

BOT = "github.com/acme/support-bot"


@pytest.fixture(scope="module")
def aims(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = build_repository(tmp_path_factory.mktemp("check") / "aims", stamp=False)
    with open(root / "systems" / "SYS-002.yaml", "a", encoding="utf-8") as stream:
        stream.write(f"code:\n  - repository: https://{BOT}.git\ncomponents:\n  providers: [OpenAI]\n"
                     "  models: [gpt-4o]\n  packages: [openai]\n")
    with open(root / "systems" / "SYS-001.yaml", "a", encoding="utf-8") as stream:
        stream.write("code:\n  - repository: acme/monorepo\n    path: services/credit\n"
                     "components:\n  providers: [SUP-001]\n")
    return root


def _code(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(aims: Path, folder: Path, name: str | None):
    repository = load_repository(aims)
    return scan([(folder, "code")], repository, shown_from(aims, aims.parent), name,
                now=dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.timezone.utc))


def test_declared_use_is_clean(aims: Path, tmp_path: Path) -> None:
    folder = _code(tmp_path / "bot", {"requirements.txt": "openai\n",
                                      "bot.py": "import openai\nopenai.OpenAI().responses.create(model='gpt-4o-mini')\n"})
    outcome = _run(aims, folder, BOT)
    assert outcome.findings == [] and outcome.scanned_at == "2026-12-05T12:00:00Z"


def test_a_new_provider_names_the_system_and_the_record_to_edit(aims: Path, tmp_path: Path) -> None:
    folder = _code(tmp_path / "bot", {"requirements.txt": "openai\nanthropic\n"})
    *errors, model_gone = sorted(_run(aims, folder, BOT).findings, key=lambda f: f.code)
    provider, package = errors
    assert model_gone.code == "AIMS854" and "gpt-4o" in model_gone.message
    assert (provider.code, provider.path, provider.line) == ("AIMS851", "code/requirements.txt", 2)
    assert provider.message == ("uses the Anthropic SDK (anthropic), which sends data to Anthropic; "
                                "SYS-002 declares only Example Model Provider, OpenAI")
    assert "components.providers in aims/systems/SYS-002.yaml" in provider.hint
    assert package.code == "AIMS853" and "components.packages in aims/systems/SYS-002.yaml" in package.hint


def test_code_no_system_names_is_undeclared(aims: Path, tmp_path: Path) -> None:
    folder = _code(tmp_path / "other", {"package.json": '{"dependencies": {"@anthropic-ai/sdk": "1"}}',
                                        "a.ts": 'import A from "@anthropic-ai/sdk";\n'})
    findings = _run(aims, folder, "github.com/acme/other").findings
    assert [(f.code, f.path) for f in findings] == [("AIMS850", "code/package.json")]  # the manifest, not the import
    assert "github.com/acme/other" in findings[0].hint and "(and 1 other place)" in findings[0].message


def test_an_undeclared_model_and_a_model_file(aims: Path, tmp_path: Path) -> None:
    folder = _code(tmp_path / "bot", {"bot.py": "import openai\nMODEL = 'o3-mini'\n"})
    (folder / "ranker.onnx").write_bytes(b"\x08\x07")
    codes = [(f.code, f.path, f.message.split(",")[0]) for f in _run(aims, folder, BOT).findings]
    assert ("AIMS852", "code/bot.py", "uses the model o3-mini") in codes
    assert ("AIMS852", "code/ranker.onnx", "uses the model file ranker.onnx") in codes


def test_a_folder_of_a_monorepo_belongs_to_its_system(aims: Path, tmp_path: Path) -> None:
    folder = _code(tmp_path / "mono", {"services/credit/requirements.txt": "scikit-learn\n",
                                       "services/other/requirements.txt": "torch\n"})
    findings = _run(aims, folder, "git@github.com:acme/monorepo.git").findings
    assert [(f.code, f.path) for f in findings] == [("AIMS854", "aims/systems/SYS-001.yaml"),
                                                    ("AIMS850", "code/services/other/requirements.txt")]
    assert findings[0].message == "SYS-001 declares the provider Example Model Provider, but no use of it was found in its code"
    assert findings[0].severity.value == "warning"


def test_declared_components_no_longer_found(aims: Path, tmp_path: Path) -> None:
    folder = _code(tmp_path / "bot", {"README.md": "no AI any more\n"})
    findings = _run(aims, folder, BOT).findings
    assert {f.code for f in findings} == {"AIMS854"}
    assert sorted(f.line for f in findings) == [18, 19, 20]  # providers, models, packages
    assert len({f.message for f in findings}) == 3


def test_the_inventory_lists_its_team_repositories(aims: Path) -> None:
    assert repositories(load_repository(aims)) == ["acme/monorepo", BOT]


@pytest.mark.parametrize(("declared", "used", "same"), [
    ("OpenAI, L.L.C.", "OpenAI", True), ("openai", "OpenAI", True), ("Google", "Google Cloud", True),
    ("Anthropic PBC", "Anthropic", True), ("OpenAI", "Anthropic", False), ("AI", "OpenAI", False)])
def test_provider_names_match_loosely_but_not_by_accident(declared: str, used: str, same: bool) -> None:
    assert same_provider(declared, used) is same


def test_every_scan_code_is_described() -> None:
    assert sorted(descriptions()) == [f"AIMS85{n}" for n in range(7)]


def test_the_organisation_extends_the_catalogue_in_aims_yml(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims", stamp=False)
    with open(root / "aims.yml", "a", encoding="utf-8") as stream:
        stream.write("scan:\n  packages:\n    - name: acme-llm-client\n      ecosystem: pypi\n      provider: Acme AI\n"
                     "      category: llm-client\n      hosted: true\n      imports: [acme_llm]\n"
                     "  hosted_models:\n    - prefix: acme-llm-\n      provider: Acme AI\n")
    assert not [f for f in load_repository(root).findings if f.path == "aims.yml"]
    folder = _code(tmp_path / "code", {"requirements.txt": "acme-llm-client==2\n",
                                       "app.py": "import acme_llm\nacme_llm.chat(model='acme-llm-large')\n"})
    uses = _run(root, folder, "github.com/acme/x").scans[0].uses
    assert [(u.path, u.name, u.provider, u.hosted) for u in uses] == [
        ("app.py", "acme-llm-client", "Acme AI", True), ("app.py", "acme-llm-large", "Acme AI", True),
        ("requirements.txt", "acme-llm-client", "Acme AI", True)]


def test_records_the_schema_refuses_do_not_break_the_scan(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims", stamp=False)
    with open(root / "aims.yml", "a", encoding="utf-8") as stream:
        stream.write("scan:\n  packages:\n    - name: 7\n      ecosystem: pypi\n    - name: x\n      ecosystem: [pypi]\n"
                     "    - name: ok-sdk\n      ecosystem: pypi\n      imports: 3\n    - just text\n"
                     "  hosted_models: {prefix: x}\n")
    with open(root / "systems" / "SYS-002.yaml", "a", encoding="utf-8") as stream:
        stream.write("code:\n  - repository: [a, b]\n  - path: 7\n  - 'github.com/acme/x'\n"
                     "components: {providers: OpenAI, models: [1, gpt-4o], packages: {a: b}}\n")
    folder = _code(tmp_path / "code", {"requirements.txt": "openai\nok-sdk\n"})
    outcome = _run(root, folder, "github.com/acme/x")
    assert [f.code for f in outcome.findings] == ["AIMS850", "AIMS850"]
    assert {u.name for u in outcome.scans[0].uses} == {"openai", "ok-sdk"}
