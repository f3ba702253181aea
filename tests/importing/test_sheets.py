"""Reading spreadsheet files: encodings, delimiters, merged cells, blank rows, damaged files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from aimskit.errors import AimskitError
from aimskit.importing.sheets import read_sheet


def _rows(path: Path) -> list[tuple[int, tuple]]:
    return [(row.number, row.cells) for row in read_sheet(path).rows]


@pytest.mark.parametrize(("content", "encoding"), [
    ("Id;Title;Owner\r\nRISK-001;Café crème;ops\r\n", "utf-8-sig"),
    ("Id;Title;Owner\nRISK-001;Café crème;ops\n", "utf-8"),
    ("Id;Title;Owner\r\nRISK-001;Café crème;ops\r\n", "cp1252"),
    ("Id\tTitle\tOwner\nRISK-001\tCafé crème\tops\n", "utf-16"),
    ("Id,Title,Owner\nRISK-001,Café crème,ops\n", "utf-8"),
])
def test_csv_encodings_and_delimiters(tmp_path, content, encoding):
    path = tmp_path / "sheet.csv"
    path.write_bytes(content.encode(encoding))
    assert _rows(path) == [(1, ("Id", "Title", "Owner")), (2, ("RISK-001", "Café crème", "ops"))]


def test_csv_blank_rows_are_dropped_and_rows_keep_their_numbers(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text('Title;Owner\n;\n"Two\nlines";ops\n;;\n\nLast;ops\n', encoding="utf-8")
    assert _rows(path) == [(1, ("Title", "Owner")), (3, ("Two\nlines", "ops")), (6, ("Last", "ops"))]


def test_xlsx_merged_cells_fill_their_range_and_dates_stay_dates(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "Register"
    sheet.merge_cells("A1:C1")
    sheet["A2"], sheet["B2"] = "Owner", "Scores"
    sheet.merge_cells("B2:C2")
    sheet.append([])
    sheet.append(["ops", dt.date(2026, 5, 1), 3])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert _rows(path) == [(1, ("Register", "Register", "Register")), (2, ("Owner", "Scores", "Scores")),
                           (4, ("ops", dt.datetime(2026, 5, 1), 3))]


def test_xlsx_sheet_by_name(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["first"])
    book.create_sheet("Risks").append(["second"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert read_sheet(path, "Risks").rows[0].cells == ("second",)
    with pytest.raises(AimskitError, match="has no sheet 'Nope'; its sheets: Sheet, Risks"):
        read_sheet(path, "Nope")


@pytest.mark.parametrize(("name", "content", "words"), [
    ("broken.xlsx", b"PK\x03\x04 not really a workbook", "is not an XLSX workbook"),
    ("old.xls", b"\xd0\xcf\x11\xe0 binary excel", "is not an XLSX workbook"),
])
def test_damaged_or_foreign_files_are_refused_in_words(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(AimskitError, match=words):
        read_sheet(path)


def test_a_zip_that_is_no_workbook(tmp_path):
    import zipfile

    path = tmp_path / "register.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(AimskitError, match="is not a readable XLSX workbook"):
        read_sheet(path)


def test_missing_file(tmp_path):
    with pytest.raises(AimskitError, match="cannot read"):
        read_sheet(tmp_path / "nothing.csv")
