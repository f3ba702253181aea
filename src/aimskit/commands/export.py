"""``aimskit export``: the SoA, risk register, AI systems, policies and approvals for an auditor."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import typing as t
from pathlib import Path

from aimskit import git, reporting, rules
from aimskit.commands._common import repository_root
from aimskit.export import files as export_files
from aimskit.export import tables as export_tables
from aimskit.governance import scoring
from aimskit.readiness import assess
from aimskit.records.findings import Finding
from aimskit.records.model import Repository
from aimskit.rules.validation import validate

FORMATS = ("csv", "xlsx", "json", "oscal")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="write the SoA, risks, systems, policies and approvals for an auditor",
        description="Export the Statement of Applicability, the risk register, the AI systems, the "
                    "policies and their approvals from the working tree or from a git revision (a tag such "
                    "as v1.0): csv writes soa.csv, risks.csv, systems.csv, policies.csv, actions.csv (treatment "
                    "actions), data_sources.csv and approvals.csv; "
                    "xlsx writes aims-export.xlsx (one sheet per table, readiness and provenance); json "
                    "writes aims-export.json; oscal writes an OSCAL 1.1 catalog of the Annex A controls and a "
                    "component definition of the AIMS. A README.txt beside them records the revision, the "
                    "date and the aimskit version. Records with errors are not exported.")
    parser.add_argument("--format", choices=FORMATS, required=True, help="csv (one file per table), xlsx (one "
                        "workbook), json (one document with every record) or oscal (OSCAL 1.1 JSON)")
    parser.add_argument("--rev", metavar="REV", help="export the records at this git revision, e.g. a tag "
                        "(default: the working tree)")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, type=Path,
                        help="the folder to write; it must be new, empty or a previous export (replaced whole)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    export_files.check_target(args.output)
    source = git.GitSource(root, args.rev) if args.rev else None
    result = validate(root, rules.Options(), source=source)
    if not result.ok:
        checked = result.checked
        sys.stdout.write(reporting.reporter("text")(result.findings, checked))
        print(f"aimskit: nothing exported: the records at {args.rev or 'the working tree'} have errors",
              file=sys.stderr)
        return 1
    repository = result.repository
    approvals = export_files.collect_approvals(root, repository, args.rev or "HEAD")
    tables = export_tables.tables(repository, approvals)
    info = export_files.provenance(root, source, args.format, dt.datetime.now(dt.timezone.utc))
    files = _files(args.format, repository, tables, approvals, info, result.findings)
    files[export_files.README] = export_files.readme(info, [*files, export_files.README])
    export_files.place(args.output, files)
    print(f"wrote {', '.join(sorted(files))} to {args.output}")
    return 0


def _files(format: str, repository: Repository, tables: dict[str, list[export_tables.Row]],
           approvals: export_tables.Approvals, info: dict[str, t.Any], findings: list[Finding]) -> dict[str, bytes]:
    if format == "csv":
        return export_files.csv_files(tables)
    if format == "xlsx":
        from aimskit.export import xlsx  # openpyxl loads only for this format

        today = dt.date.fromisoformat(info["exported_at"][:10])
        readiness = assess(repository, today, findings).as_dict()
        return xlsx.xlsx_files(tables, readiness, info, scoring.RiskMethod.from_manifest(repository.manifest))
    if format == "oscal":
        from aimskit.export import oscal

        return oscal.oscal_files(repository, info)
    return export_files.json_files(repository, tables, approvals, info)
