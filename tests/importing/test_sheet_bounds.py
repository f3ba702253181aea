"""A workbook is bounded while it is streamed, before anything is loaded: a small file that claims
or merges a whole sheet, a sheet of more rows than the limit, a cell far to the right, or a zip
that unpacks to far more than it weighs, is refused with a finding (AIMS940), exit 1."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from aimskit.cli import main
from aimskit.errors import AimskitError
from aimskit.importing import sheets

SHEET = "xl/worksheets/sheet1.xml"


def small_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Risks"
    sheet.append(["Title", "Owner"])
    sheet.append(["Drift", "ml-lead"])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def with_sheet(content: bytes, edit) -> bytes:
    """``content`` with its first worksheet's XML rewritten by ``edit`` (text → text)."""
    source, output = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == SHEET:
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(member.filename, data)
    return output.getvalue()


def many_rows(rows: int) -> bytes:
    """A workbook of ``rows`` rows, its sheet XML written directly (openpyxl would take minutes)."""
    head, tail = small_workbook(), None

    def edit(text: str) -> str:
        nonlocal tail
        start, end = text.index("<sheetData>") + len("<sheetData>"), text.index("</sheetData>")
        tail = text[end:]
        return text[:start]

    prefix = with_sheet(head, edit)
    source, output = zipfile.ZipFile(io.BytesIO(prefix)), io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename != SHEET:
                target.writestr(member.filename, source.read(member.filename))
                continue
            with target.open(SHEET, "w", force_zip64=True) as stream:
                stream.write(source.read(SHEET))
                for start in range(1, rows + 1, 10_000):
                    stream.write("".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>risk {n}</t></is></c></row>'
                                         for n in range(start, min(start + 10_000, rows + 1))).encode())
                stream.write(tail.encode())
    return output.getvalue()


def refusal(path: Path) -> str:
    with pytest.raises(AimskitError) as caught:
        sheets.read_sheets(path)
    return str(caught.value)


def test_a_small_workbook_still_reads(tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(with_sheet(small_workbook(), lambda text: text.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A3:B4"/></mergeCells>')))
    rows = sheets.read_sheet(path).rows
    assert [(row.number, row.cells) for row in rows] == [(1, ("Title", "Owner")), (2, ("Drift", "ml-lead"))]


@pytest.mark.parametrize("edit, words", [
    (lambda text: re.sub(r'<dimension ref="[^"]*" ?/>', '<dimension ref="A1:XFD1048576"/>', text),
     "declares its size as A1:XFD1048576"),
    (lambda text: text.replace("</sheetData>", '</sheetData><mergeCells count="1">'
                                               '<mergeCell ref="A1:XFD1048576"/></mergeCells>'),
     "merges A1:XFD1048576"),
    (lambda text: text.replace("</sheetData>", '</sheetData><mergeCells count="1">'
                                               '<mergeCell ref="B1:A1048576"/></mergeCells>'),
     "merges B1:A1048576"),
    (lambda text: text.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t>'
                                               '</is></c></row></sheetData>'),
     "has more than 100000 rows"),
    (lambda text: text.replace("</sheetData>", '<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t>'
                                               '</is></c></row></sheetData>'),
     "writes cell XFD3"),
    (lambda text: text.replace("</sheetData>", '</sheetData><mergeCells count="400">' +
                               "".join(f'<mergeCell ref="A{n}:ALL{n + 9}"/>' for n in range(1, 4000, 10)) +
                               "</mergeCells>"),
     "merged ranges cover more than 2000000 cells"),
])
def test_a_small_file_that_claims_a_huge_sheet_is_refused(tmp_path, edit, words):
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(with_sheet(small_workbook(), edit))
    assert path.stat().st_size < 30_000
    message = refusal(path)
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: error AIMS940 ", message), message
    assert words in message, message


def test_a_sheet_one_row_over_the_limit_is_refused_at_that_row(tmp_path):
    path = tmp_path / "long.xlsx"
    path.write_bytes(many_rows(sheets.MAX_ROWS + 1))
    message = refusal(path)
    assert message.startswith(f"{path}:{sheets.MAX_ROWS + 1}:1: error AIMS940 sheet 'Risks' has more than "
                              f"{sheets.MAX_ROWS} rows"), message


def test_a_zip_that_unpacks_past_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_UNPACKED", 1000)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(small_workbook())
    assert "error AIMS940 the workbook unpacks to" in refusal(path)


def test_a_workbook_with_a_dtd_is_refused(tmp_path):
    path = tmp_path / "dtd.xlsx"
    path.write_bytes(with_sheet(small_workbook(), lambda text: '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
                                + text))
    message = refusal(path)  # openpyxl refuses it while opening, or the streaming does
    assert "declares a DTD" in message or "is not a readable XLSX workbook" in message, message


@pytest.mark.slow
def test_import_refuses_a_hostile_workbook_with_a_finding(baked_repo, tmp_path, capsys):
    repo = tmp_path / "repo"
    shutil.copytree(baked_repo, repo, symlinks=True)
    path = tmp_path / "register.xlsx"
    path.write_bytes(with_sheet(small_workbook(), lambda text: text.replace(
        "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>')))
    assert main(["--repo", str(repo), "import", "risks", str(path)]) == 1
    err = capsys.readouterr().err
    assert "error AIMS940 sheet 'Risks' merges A1:XFD1048576" in err and "internal error" not in err, err


def test_the_refusal_of_a_long_sheet_takes_bounded_memory(tmp_path):
    """Peak memory of a child process refusing a workbook one row over the limit (no timing asserted)."""
    path = tmp_path / "long.xlsx"
    path.write_bytes(many_rows(sheets.MAX_ROWS + 1))
    script = ("import resource, sys\nfrom aimskit.importing import sheets\nfrom aimskit.errors import AimskitError\n"
              "try:\n    sheets.read_sheets(__import__('pathlib').Path(sys.argv[1]))\nexcept AimskitError as e:\n"
              "    print(str(e).split(' error ')[1][:7])\n"
              "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    code, peak_kib = done.stdout.split()
    assert code == "AIMS940"
    assert int(peak_kib) < 200 * 1024, f"peak {int(peak_kib) // 1024} MiB"
