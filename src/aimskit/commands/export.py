"""``aimskit export``: the SoA, risk register, AI systems, policies and approvals for an auditor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aimskit import reporting
from aimskit.commands._common import repository_root
from aimskit.export import FORMATS, export
from aimskit.export import files as export_files
from aimskit.gate.evidence_api import lookup_from_environment


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
    result = export(root, args.format, args.rev, confirm=lookup_from_environment())
    if not result.ok:
        sys.stdout.write(reporting.reporter("text")(result.findings, result.checked))
        print(f"aimskit: nothing exported: the records at {args.rev or 'the working tree'} have errors",
              file=sys.stderr)
        return 1
    assert result.files is not None
    export_files.place(args.output, result.files)
    print(f"wrote {', '.join(sorted(result.files))} to {args.output}")
    return 0
