"""A spreadsheet file read into rows: CSV (any of UTF-8 with or without a byte-order mark or
Windows-1252; comma, semicolon or tab delimited) or XLSX (merged cells filled in, formulas read
as their cached values). Empty rows are dropped; every kept row remembers its number in the file.

A workbook is bounded before it is loaded: the unpacked size of its parts, then each worksheet's
XML streamed once (its declared dimension, every row and cell, every merged range) against the
row, column and cell limits. A sheet over a limit is refused (AIMS940) as soon as the streaming
meets it, so a small file that claims a million rows costs neither time nor memory. The values
are then read in openpyxl's read-only (streaming) mode, counted again as they come.
"""

from __future__ import annotations

import collections
import csv
import dataclasses
import io
import re
import typing as t
import zipfile
from pathlib import Path
from xml.parsers import expat

from aimskit.errors import AimskitError
from aimskit.records.findings import error

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MAX_CELLS = 2_000_000  # cells written in a sheet, and cells covered by its merged ranges
MAX_UNPACKED = 256 * 1024 * 1024  # the parts of a workbook together, unzipped
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
        archive = zipfile.ZipFile(io.BytesIO(content))
        unpacked = sum(member.file_size for member in archive.infolist())
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True) \
            if unpacked <= MAX_UNPACKED else None
    except Exception as exc:  # noqa: BLE001  (openpyxl raises many kinds for a damaged file)
        raise AimskitError(f"{path} is not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    if book is None:
        _refuse(path, 1, 1, f"the workbook unpacks to {unpacked // (1024 * 1024)} MiB; aimskit reads workbooks "
                            f"of up to {MAX_UNPACKED // (1024 * 1024)} MiB unpacked")
    try:
        if wanted is not None and wanted not in book.sheetnames:
            raise AimskitError(f"{path} has no sheet {wanted!r}; its sheets: {', '.join(book.sheetnames)}")
        chosen = [book[wanted]] if wanted is not None else book.worksheets
        return [_worksheet(path, archive, sheet) for sheet in chosen]
    finally:
        book.close()


def _worksheet(path: Path, archive: zipfile.ZipFile, sheet: t.Any) -> Sheet:
    # openpyxl names the part it streams the sheet from; the bounds are checked on that very part
    shape = _measure(path, sheet.title, archive, sheet._worksheet_path)
    width = max([shape.columns, *(merged[3] for merged in shape.merged)], default=0)
    height = max([shape.rows, *(merged[2] for merged in shape.merged)], default=0)
    sheet.reset_dimensions()  # neither trust nor pad to the declared dimension: the cells decide
    found: dict[int, tuple[t.Any, ...]] = {}
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS or len(cells) > MAX_COLUMNS:  # the streaming above has already said no
            _refuse(path, number, min(len(cells), MAX_COLUMNS + 1), f"sheet {sheet.title!r} is over the limits")
        if any(value is not None for value in cells):
            found[number] = cells
    filled: dict[tuple[int, int], t.Any] = {}
    for min_row, min_col, max_row, max_col in shape.merged:
        first = found.get(min_row, ())
        value = first[min_col - 1] if min_col <= len(first) else None
        for row in range(min_row, max_row + 1):
            for column in range(min_col, max_col + 1):
                filled[(row, column)] = value
    rows = []
    for number in range(1, height + 1):
        cells = found.get(number, ())
        values = tuple(filled.get((number, column), cells[column - 1] if column <= len(cells) else None)
                       for column in range(1, max(width, len(cells)) + 1))
        values = tuple(None if isinstance(value, str) and not value.strip() else value for value in values)
        if any(value is not None for value in values):
            rows.append(SheetRow(number, values))
    return Sheet(str(path), sheet.title, tuple(rows))


@dataclasses.dataclass
class _Shape:
    """What streaming a worksheet's XML found: the last row and column written, and the merged ranges."""

    rows: int = 0
    columns: int = 0
    cells: int = 0
    merged_cells: int = 0
    merged: list[tuple[int, int, int, int]] = dataclasses.field(default_factory=list)


_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def _measure(path: Path, title: str, archive: zipfile.ZipFile, part: str) -> _Shape:
    """Stream the worksheet ``part`` once and refuse it at the first thing over a limit."""
    shape = _Shape()
    where = f"sheet {title!r}"

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "row":
            shape.rows = max(shape.rows + 1, _number(attributes.get("r"), shape.rows + 1))
            if shape.rows > MAX_ROWS:
                _refuse(path, shape.rows, 1, f"{where} has more than {MAX_ROWS} rows")
        elif local == "c":
            shape.cells += 1
            row, column = _cell(attributes.get("r")) or (shape.rows, 0)
            shape.columns = max(shape.columns, column)
            if column > MAX_COLUMNS or row > MAX_ROWS or shape.cells > MAX_CELLS:
                _refuse(path, row, column, f"{where} writes cell {attributes.get('r') or shape.cells}: over the "
                                           f"limits of {MAX_ROWS} rows, {MAX_COLUMNS} columns and {MAX_CELLS} cells")
        elif local == "dimension":
            _check_range(path, where, "declares its size as", attributes.get("ref", ""))
        elif local == "mergeCell":
            corners = _check_range(path, where, "merges", attributes.get("ref", ""))
            if corners is not None:
                shape.merged_cells += (corners[2] - corners[0] + 1) * (corners[3] - corners[1] + 1)
                if shape.merged_cells > MAX_CELLS:
                    _refuse(path, corners[0], corners[1], f"{where}'s merged ranges cover more than {MAX_CELLS} cells")
                shape.merged.append(corners)

    def no_doctype(*args: t.Any) -> None:
        _refuse(path, 1, 1, f"{where} declares a DTD, which no workbook has")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = no_doctype
    try:
        with archive.open(part) as stream:
            parser.ParseFile(stream)
    except (expat.ExpatError, KeyError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise AimskitError(f"{path} is not a readable XLSX workbook ({where}: {exc})") from None
    return shape


def _check_range(path: Path, where: str, verb: str, reference: str) -> tuple[int, int, int, int] | None:
    """(first row, first column, last row, last column) of ``A1:C9``, refused when over the limits."""
    first, _, last = reference.partition(":")
    start, end = _cell(first), _cell(last or first)
    if start is None or end is None:
        return None
    top, bottom = sorted((start[0], end[0]))
    left, right = sorted((start[1], end[1]))
    if bottom > MAX_ROWS or right > MAX_COLUMNS:
        _refuse(path, bottom, right, f"{where} {verb} {reference}: over the limits of {MAX_ROWS} rows and "
                                     f"{MAX_COLUMNS} columns")
    return top, left, bottom, right


def _cell(reference: str | None) -> tuple[int, int] | None:
    """(row, column) of ``B7``, or None when ``reference`` is not a cell reference."""
    match = _REFERENCE.fullmatch(reference or "")
    if match is None:
        return None
    column = 0
    for letter in match[1].upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(match[2]), column


def _number(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isascii() and text.isdigit() and len(text) < 10 else default


def _refuse(path: Path, row: int, column: int, message: str) -> t.NoReturn:
    finding = error(str(path), row, column, "AIMS940", f"{message} (over the import limits)",
                    f"aimskit imports sheets of up to {MAX_ROWS} rows and {MAX_COLUMNS} columns: split a larger "
                    "register into several files, and clear cells, merges or formatting far beyond the data")
    raise AimskitError(finding.format_text())


def _count(path: Path, number: int) -> None:
    if number > MAX_ROWS:
        raise AimskitError(f"{path} has more than {MAX_ROWS} rows; split it into smaller files")
