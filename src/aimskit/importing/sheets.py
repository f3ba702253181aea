"""A spreadsheet file read into rows: CSV (any of UTF-8 with or without a byte-order mark or
Windows-1252; comma, semicolon or tab delimited) or XLSX (merged cells filled in, formulas read
as their cached values). Empty rows are dropped; every kept row remembers its number in the file.
"""

from __future__ import annotations

import collections
import csv
import dataclasses
import io
import typing as t
import zipfile
from pathlib import Path

from aimskit.errors import AimskitError

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
DELIMITERS = (",", ";", "\t")
SAMPLE_LINES = 200  # lines of a CSV file read to choose its delimiter


@dataclasses.dataclass(frozen=True)
class SheetRow:
    """One non-empty row: its 1-based number in the file and its cells (None when blank)."""

    number: int
    cells: tuple[t.Any, ...]

    def get(self, index: int) -> t.Any:
        return self.cells[index] if index < len(self.cells) else None


@dataclasses.dataclass(frozen=True)
class Sheet:
    """The rows of one sheet (one CSV file, or one worksheet of a workbook)."""

    path: str
    name: str
    rows: tuple[SheetRow, ...]


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The non-empty rows of ``path`` (CSV, or the worksheet ``sheet`` / the first one of an XLSX)."""
    return read_sheets(path, sheet)[0]


def read_sheets(path: Path, sheet: str | None = None) -> list[Sheet]:
    """Every sheet of ``path``: a CSV file's one, a workbook's worksheets (or only ``sheet``)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise AimskitError(f"cannot read {path}: {exc.strerror}") from None
    if not path.is_file():
        raise AimskitError(f"{path} is not a file")
    if size > MAX_BYTES:
        raise AimskitError(f"{path} is {size // (1024 * 1024)} MiB; aimskit imports files up to "
                           f"{MAX_BYTES // (1024 * 1024)} MiB")
    content = path.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(content)):
        return _workbook(path, content, sheet)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise AimskitError(f"{path} is not an XLSX workbook; save it as .xlsx or .csv")
    return [_csv(path, content)]


def _csv(path: Path, content: bytes) -> Sheet:
    text = _decode(path, content)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for number, cells in enumerate(reader, start=1):
            _count(path, number)
            values = tuple(cell if cell.strip() else None for cell in cells)
            if any(value is not None for value in values):
                rows.append(SheetRow(number, values))
    except csv.Error as exc:
        raise AimskitError(f"{path}:{reader.line_num}: not readable as CSV: {exc}") from None
    return Sheet(str(path), path.name, tuple(rows))


def _decode(path: Path, content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", "replace")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", "replace")


def _delimiter(text: str) -> str:
    """The delimiter that splits the whole sample most consistently: the most rows cut into the
    same number (two or more) of fields; comma on a tie. A title row above the table (one field
    under every candidate) does not decide it, as it would if only the first line were read."""
    sample = "\n".join(line for line in text.splitlines()[:SAMPLE_LINES] if line.strip())

    def consistency(delimiter: str) -> tuple[int, int]:
        try:
            counts = [len(cells) for cells in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            return (0, 0)
        widths = collections.Counter(count for count in counts if count > 1)
        if not widths:
            return (0, 0)
        width, rows = widths.most_common(1)[0]
        return (rows, width)

    return max(DELIMITERS, key=lambda d: (consistency(d), -DELIMITERS.index(d)))


def _workbook(path: Path, content: bytes, wanted: str | None) -> list[Sheet]:
    import openpyxl  # loaded only for workbooks

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), data_only=True)
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds for a damaged file)
        raise AimskitError(f"{path} is not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    if wanted is not None and wanted not in book.sheetnames:
        raise AimskitError(f"{path} has no sheet {wanted!r}; its sheets: {', '.join(book.sheetnames)}")
    return [_worksheet(path, sheet) for sheet in ([book[wanted]] if wanted is not None else book.worksheets)]


def _worksheet(path: Path, sheet: t.Any) -> Sheet:
    filled: dict[tuple[int, int], t.Any] = {}
    for merged in sheet.merged_cells.ranges:
        value = sheet.cell(row=merged.min_row, column=merged.min_col).value
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                filled[(row, column)] = value
    rows = []
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        _count(path, number)
        values = tuple(filled.get((number, column), value) for column, value in enumerate(cells, start=1))
        values = tuple(None if isinstance(value, str) and not value.strip() else value for value in values)
        if any(value is not None for value in values):
            rows.append(SheetRow(number, values))
    return Sheet(str(path), sheet.title, tuple(rows))


def _count(path: Path, number: int) -> None:
    if number > MAX_ROWS:
        raise AimskitError(f"{path} has more than {MAX_ROWS} rows; split it into smaller files")
