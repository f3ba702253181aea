"""``aimskit import risks|systems FILE``: an existing spreadsheet register as records (dry run by
default; ``--write`` writes all records or none, and only when the result validates)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import typing as t
from pathlib import Path

from aimskit import rules
from aimskit.commands._common import repository_root
from aimskit.errors import UsageError
from aimskit.importing import columns, details, sheets, writing
from aimskit.importing import records as planning
from aimskit.importing.resolve import NewRecord
from aimskit.records.findings import has_errors, sort_findings
from aimskit.records.model import load_repository

WIDTH = 40


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="turn a spreadsheet register (CSV or XLSX) into risk or AI system records",
        description="Read a risk register or a list of AI systems from a CSV or XLSX file, one record per row. "
                    "The header row is recognised by its usual names (ID, Title/Risk, Likelihood/Probability, "
                    "Impact/Severity, Owner, Treatment/Response, Controls, Status, Review date, System...); "
                    "--map and --mapping cover other names. Without --write this is a dry run that shows what "
                    "would be written; with --write every record is written, or none, and only if the result "
                    "validates.")
    parser.add_argument("what", choices=("risks", "systems"), metavar="risks|systems", help="what the sheet lists")
    parser.add_argument("file", type=Path, metavar="FILE", help="the .csv or .xlsx file")
    parser.add_argument("--sheet", metavar="NAME", help="the worksheet of an XLSX file (default: the one whose header names most fields)")
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                        help="read column COLUMN as FIELD (FIELD 'ignore' skips it); repeatable")
    parser.add_argument("--mapping", type=Path, metavar="FILE",
                        help="a YAML file with 'columns: {COLUMN: FIELD, ...}'")
    parser.add_argument("--default", action="append", default=[], metavar="FIELD=VALUE",
                        help="the value of FIELD for rows that leave it blank, e.g. --default systems=SYS-001")
    parser.add_argument("--rescale", type=int, metavar="N",
                        help="the sheet scores likelihood and impact from 1 to N: rescale them to the risk method")
    parser.add_argument("--create-missing", action="store_true",
                        help="create roles, AI systems and suppliers the sheet names but the repository lacks "
                             "(marked TODO to complete)")
    parser.add_argument("--alias", action="append", default=[], metavar="NAME=ID",
                        help="read the name NAME in the sheet as the role, AI system or supplier ID "
                             "(ID 'new' creates it with --create-missing even where a similar one exists); repeatable")
    parser.add_argument("--write", action="store_true",
                        help="write the records (default: a dry run); refused when the result would not validate")
    parser.add_argument("--draft", action="store_true",
                        help="with --write, write records that do not validate yet, each marked with a TODO "
                             "naming its findings")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    today = dt.date.today()
    options = planning.Options(what=args.what, maps=columns.parse_maps(args.what, args.map, args.mapping),
                               defaults=_defaults(args.what, args.default), rescale=_rescale(args.rescale),
                               create_missing=args.create_missing, aliases=_aliases(args.alias), today=today)
    if args.draft and not args.write:
        raise UsageError("--draft writes drafts: use it with --write")
    sheet = columns.best_sheet(sheets.read_sheets(args.file, args.sheet), args.what, options.maps)
    repository = load_repository(root)
    try:
        plan = planning.plan(repository, sheet, options)
    except columns.NoHeader as missing:
        return _refuse([missing.finding], f"nothing imported: no header row in {args.file}")
    extra = details.find(args.file, args.what, sheet)
    if extra is not None:
        added, found = details.attach(extra, args.what, plan.records, plan.resolver)
        plan.findings.extend(found)
        print(f"read {added} {details.TABLES[args.what].sheet.lower()} from {_safe(extra.path)}"
              f"{' (' + _safe(extra.name) + ')' if extra.name != Path(extra.path).name else ''}", file=sys.stderr)
    if has_errors(plan.findings):
        return _refuse(plan.findings, f"nothing imported: {args.file} has rows that cannot be used")
    if not plan.records:
        return _refuse(plan.findings, f"nothing imported: {args.file} has no rows under its header")
    new = [*plan.created, *plan.records]
    planned = writing.files(new)
    problems, gaps = writing.check(root, planned, rules.Options(today=today))
    result = writing.on_the_sheet([*problems, *gaps], plan.records, plan.created, planned, plan.layout, sheet.path)
    sys.stdout.write(_table(plan))
    for finding in sort_findings([*plan.findings, *result]):
        print(finding.format_text())
    errors = sum(1 for finding in problems if finding.severity.value == "error")
    if gaps:
        print(f"aimskit: {len(gaps)} gap{'s' * (len(gaps) != 1)} (AIMS409/AIMS410: risks or impact assessments "
              "still to record) that `aimskit validate` reports until they are closed", file=sys.stderr)
    if not args.write:
        verdict = (f"the records would not validate ({errors} error{'s' * (errors != 1)}): --write would refuse; "
                   "fix the sheet, or write drafts with --write --draft") if errors else "the records validate"
        print(f"dry run: {len(planned)} files would be written; {verdict}", file=sys.stderr)
        return 1 if errors else 0
    if errors and not args.draft:
        print(f"aimskit: nothing imported: the records would not validate ({errors} error{'s' * (errors != 1)}); "
              "fix the sheet, or pass --draft to write them marked as drafts", file=sys.stderr)
        return 1
    if errors:
        planned = writing.files(writing.mark_drafts(new, problems))
    writing.write(root, planned)
    print(f"wrote {len(planned)} files{' (drafts marked TODO that do not validate yet)' if errors else ''}: "
          f"{', '.join(sorted(planned))}", file=sys.stderr)
    return 0


def _refuse(findings: list, message: str) -> int:
    for finding in sort_findings(findings):
        print(finding.format_text())
    errors = sum(1 for finding in findings if finding.severity.value == "error")
    print(f"aimskit: {message} ({errors} error{'s' * (errors != 1)})", file=sys.stderr)
    return 1


def _table(plan: planning.Plan) -> str:
    """What would be written, one line per record: row, id (and the sheet's), title, owner, to complete."""
    header = ("row", "file", "sheet id", "title", "owner", "to complete")
    rows = [(str(record.row), record.path, record.sheet_id or "", _title(record), str(record.data.get("owner", "")),
             ", ".join(record.todo)) for record in [*plan.records, *plan.created]]
    widths = [min(WIDTH, max(len(_safe(cell)) for cell in column)) for column in zip(header, *rows)]
    lines = ["  ".join(_safe(cell)[:WIDTH].ljust(width) for cell, width in zip(line, widths)).rstrip()
             for line in [header, *rows]]
    return "\n".join(lines) + "\n"


def _title(record: NewRecord) -> str:
    return str(record.data.get("title") or record.data.get("name") or "")


def _safe(text: t.Any) -> str:
    """Sheet text made safe for a terminal: control characters shown as escapes."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))


def _defaults(what: str, pairs: list[str]) -> dict[str, str]:
    fields = columns.FIELDS[what]
    found = {}
    for pair in pairs:
        field, equals, value = pair.partition("=")
        if not equals or field.strip() not in fields:
            raise UsageError(f"--default {pair!r}: write FIELD=VALUE with FIELD one of {', '.join(fields)}")
        found[field.strip()] = value
    return found


def _aliases(pairs: list[str]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        name, equals, target = pair.rpartition("=")
        if not equals or not name.strip() or not target.strip():
            raise UsageError(f"--alias {pair!r}: write NAME=ID, e.g. --alias 'CISO=security-lead'")
        found[name.strip()] = target.strip()
    return found


def _rescale(value: int | None) -> int | None:
    if value is not None and value < 2:
        raise UsageError("--rescale N needs the top of the sheet's scale, 2 or more")
    return value
