"""Export, then import into a copy without risks and systems: the same risks and systems come back,
treatment actions and data sources included (from their own sheet or CSV file)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aimskit.cli import main
from aimskit.records.loading import load_yaml_file


def _records(root: Path, folder: str) -> dict[str, dict]:
    return {p.stem: load_yaml_file(p.name, p.read_bytes()).data for p in sorted((root / folder).glob("*.yaml"))}


def _comparable(data: dict) -> dict:
    data = dict(data)
    if data.get("in_scope") is True:  # the default, written out or not
        del data["in_scope"]
    data.pop("example", None)  # the export's example column is not read back: an import is the organisation's own
    if isinstance(data.get("treatment"), dict):  # treatment-plan approval has no register column yet
        data["treatment"] = {k: v for k, v in data["treatment"].items() if k not in ("approved_by", "approved_on")}
    return data


@pytest.fixture(scope="module")
def emptied(baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = Path(shutil.copytree(baked_repo, tmp_path_factory.mktemp("round-trip") / "aims", symlinks=True))
    for folder in ("risks", "systems"):
        for path in (root / folder).glob("*.yaml"):
            path.unlink()
    return root


@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_export_then_import_gives_back_the_same_risks_and_systems(baked_repo, emptied, tmp_path, format):
    root = Path(shutil.copytree(emptied, tmp_path / "aims", symlinks=True))
    out = tmp_path / "export"
    assert main(["--repo", str(baked_repo), "export", "--format", format, "-o", str(out)]) == 0
    if format == "xlsx":
        # no --sheet: the sheet whose header names most fields is the register
        sources = {"systems": [str(out / "aims-export.xlsx")], "risks": [str(out / "aims-export.xlsx")]}
    else:
        sources = {"systems": [str(out / "systems.csv")], "risks": [str(out / "risks.csv")]}
    for what in ("systems", "risks"):
        assert main(["--repo", str(root), "import", what, *sources[what], "--write"]) == 0, what
    for folder in ("systems", "risks"):
        original, imported = _records(baked_repo, folder), _records(root, folder)
        assert sorted(imported) == sorted(original)
        for record_id, data in original.items():
            assert _comparable(imported[record_id]) == _comparable(data), record_id
    assert main(["--repo", str(root), "validate"]) == 0


def _with_achieved(baked_repo: Path, target: Path) -> Path:
    """A copy of the bake whose first two risks record what their treatment achieved (their actions done)."""
    import yaml

    root = Path(shutil.copytree(baked_repo, target, symlinks=True))
    evidence = [{"url": "https://ci.example/runs/7", "description": "Bias test run", "date": "2026-01-10"},
                "policies/POL-001.md"]
    for path, reference in zip(sorted((root / "risks").glob("*.yaml"))[:2], evidence):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for action in data["treatment"].get("actions", []):
            action["status"] = "done"
        residual = data.setdefault("residual", {"likelihood": 1, "impact": 1})
        residual["achieved"] = {"likelihood": residual["likelihood"], "impact": residual["impact"],
                                "checked": "2026-01-12", "evidence": reference}
        data.pop("acceptance", None)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return root


@pytest.mark.parametrize("format", ["xlsx", "csv"])
def test_the_achieved_residual_is_exported_and_imported(baked_repo, emptied, tmp_path, format):
    source = _with_achieved(baked_repo, tmp_path / "source")
    root = Path(shutil.copytree(emptied, tmp_path / "aims", symlinks=True))
    out = tmp_path / "export"
    assert main(["--repo", str(source), "export", "--format", format, "-o", str(out)]) == 0
    files = {"systems": out / "systems.csv", "risks": out / "risks.csv"} if format == "csv" else \
        {"systems": out / "aims-export.xlsx", "risks": out / "aims-export.xlsx"}
    for what in ("systems", "risks"):
        assert main(["--repo", str(root), "import", what, str(files[what]), "--write"]) == 0, what
    original, imported = _records(source, "risks"), _records(root, "risks")
    achieved = {rid: data["residual"]["achieved"] for rid, data in original.items()
                if "achieved" in data.get("residual", {})}
    assert len(achieved) == 2
    assert {rid: imported[rid]["residual"].get("achieved") for rid in achieved} == achieved
