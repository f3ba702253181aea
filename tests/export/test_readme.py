"""The export's README says what the files hold: every file, sheet and column it names is there,
and every one that is there is named, with its row count and how many rows are examples."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import openpyxl
import pytest

from aimskit.cli import main

pytestmark = pytest.mark.slow


def _readme(out: Path) -> str:
    return (out / "README.txt").read_text(encoding="utf-8")


def _named_files(text: str) -> set[str]:
    return set(re.findall(r"^ *([A-Za-z0-9_.-]+\.(?:csv|json|xlsx|txt)):", text, re.MULTILINE))


@pytest.mark.parametrize("format", ["csv", "xlsx", "json", "oscal"])
def test_the_readme_names_every_file_and_nothing_else(baked_repo, tmp_path, format):
    out = tmp_path / format
    assert main(["--repo", str(baked_repo), "export", "--format", format, "-o", str(out)]) == 0
    assert _named_files(_readme(out)) == {p.name for p in out.iterdir()}


def test_the_readme_gives_each_csv_files_columns_rows_and_examples(baked_repo, tmp_path):
    out = tmp_path / "csv"
    assert main(["--repo", str(baked_repo), "export", "--format", "csv", "-o", str(out)]) == 0
    text = _readme(out)
    for path in sorted(out.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.reader(stream))
        header, body = rows[0], rows[1:]
        line = f"{path.name}: {len(body)} row(s)"
        if "example" in header:
            examples = sum(1 for row in body if row[header.index("example")] == "yes")
            line += f", {examples} from example records (column 'example')"
        assert f"\n{line}\n  columns: {', '.join(header)}\n" in text, path.name


def test_the_readme_gives_each_sheets_columns(baked_repo, tmp_path):
    out = tmp_path / "xlsx"
    assert main(["--repo", str(baked_repo), "export", "--format", "xlsx", "-o", str(out)]) == 0
    text = _readme(out)
    book = openpyxl.load_workbook(out / "aims-export.xlsx")
    named = re.findall(r"^  sheet '([^']+)'", text, re.MULTILINE)
    assert named == book.sheetnames
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        assert f"  sheet '{sheet.title}': {sheet.max_row - 1} row(s)" in text
        assert f"    columns: {', '.join(header)}\n" in text, sheet.title
