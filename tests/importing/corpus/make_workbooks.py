"""Make the corpus's workbooks: ``excel-merged-header.xlsx`` as openpyxl writes it (Excel's own
format), and ``libreoffice-export.xlsx`` saved by LibreOffice itself from a workbook made here.

Run once from this folder (``python make_workbooks.py``); the files are kept in the repository
so the tests need neither LibreOffice nor this script.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def excel_merged_header(path: Path) -> None:
    """A merged title, a heading row over split column names (Inherent / Residual), dates as dates."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "AI risks"
    sheet["A1"] = "Northwind AI risk register FY2026 - CONFIDENTIAL"
    sheet.merge_cells("A1:L1")
    heading = ["Risk ID", "Risk", "System", "Risk owner", "Inherent", None, "Treatment", "Controls",
               "Residual", None, "Status", "Next review date"]
    names = [None, None, None, None, "Likelihood", "Impact", None, None, "Likelihood", "Impact", None, None]
    sheet.append(heading)
    sheet.append(names)
    sheet.merge_cells("E2:F2")
    sheet.merge_cells("I2:J2")
    sheet.append(["RSK-1", "Bias in quality scoring", "Conversation quality scoring (QA insights)", "Product owner",
                  3, 4, "Mitigate", "A.5.5; A.9.4", 2, 3, "In progress", dt.datetime(2028, 2, 28)])
    sheet.append(["RSK-2", "Model provider outage stops support", "SYS-001", "ML engineering lead",
                  2, 3, "Transfer", None, None, None, "Open", dt.datetime(2028, 5, 1)])
    sheet.append([])
    sheet.append(["RSK-3", "Code assistant suggests insecure code", "Engineering code assistant", "Information security lead",
                  3, 3, "Mitigate", "A.6.2.4", 2, 2, "Open", dt.datetime(2028, 1, 15)])
    book.save(path)


def libreoffice_source(path: Path) -> None:
    """An instructions sheet first, then the register with a merged title and month-name dates as text."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "How to use"
    notes["A1"] = "Add one risk per row on the Register sheet. Scores: Low, Medium, High."
    register = book.create_sheet("Register")
    register["A1"] = "Risk register"
    register.merge_cells("A1:J1")
    register.append([])
    register.append(["Ref", "Title", "Description", "AI system", "Probability", "Severity", "Owner", "Response",
                     "Status", "Review due"])
    register.append(["LO-1", "Unreviewed summaries reach customers", "A summary is sent without an agent reading it.",
                     "Ticket thread summaries and reply drafts", "Low", "High", "AI governance lead", "Avoid",
                     "Assessed", "12 April 2028"])
    register.append(["LO-2", "Article ranking favours old content", "Recommendations prefer older articles.",
                     "Help-centre article recommendations", "Medium", "Low", "Product owner", "Accept", "Open",
                     "Jan 9, 2028"])
    book.save(path)


def main() -> None:
    excel_merged_header(HERE / "excel-merged-header.xlsx")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "libreoffice-export.xlsx"
        libreoffice_source(source)
        out = Path(folder) / "out"
        subprocess.run(["libreoffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--convert-to", "xlsx", "--outdir", str(out), str(source)], check=True)
        shutil.copyfile(out / source.name, HERE / source.name)


if __name__ == "__main__":
    main()
