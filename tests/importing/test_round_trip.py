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
