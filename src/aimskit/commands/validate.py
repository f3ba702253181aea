"""``aimskit validate``: strict load, schemas and cross-file rules; every finding at once."""

from __future__ import annotations

import argparse
import sys

from aimskit import reporting, rules
from aimskit.commands._common import repository_root
from aimskit.validation import validate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help="check every record: strict YAML, schemas, cross-file rules")
    parser.add_argument("--format", choices=reporting.FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("--strict", action="store_true", help="treat overdue reviews as errors")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    result = validate(root, rules.Options(strict=args.strict))
    checked = sum(1 for _ in result.repository.all_records()) + _unloaded(result)
    sys.stdout.write(reporting.reporter(args.format)(result.findings, checked))
    return 0 if result.ok else 1


def _unloaded(result) -> int:
    loaded = {record.path for record in result.repository.all_records()}
    return len({f.path for f in result.findings} - loaded)
