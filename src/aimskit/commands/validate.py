"""``aimskit validate``: strict load, schemas and cross-file rules; every finding at once."""

from __future__ import annotations

import argparse
import os
import sys

from aimskit import reporting, rules
from aimskit.commands._common import repository_root, write_output
from aimskit.errors import UsageError
from aimskit.rules.validation import validate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("validate", help="check every record: strict YAML, schemas, cross-file rules")
    parser.add_argument("--format", choices=reporting.FORMATS, default="text", help="output format (default: text); github also appends a Markdown summary "
                        "to the file named by $GITHUB_STEP_SUMMARY")
    parser.add_argument("--strict-reviews", action="store_true",
                        help="overdue reviews (a next_review date, or an open action's due date, in the past) "
                             "are errors (AIMS501, AIMS502); the weekly review-dates job uses this")
    parser.add_argument("--strict-placeholders", action="store_true",
                        help="TODO markers and the template's placeholder text are errors (AIMS503, AIMS504)")
    parser.add_argument("--strict", action="store_true", help="both: --strict-reviews and --strict-placeholders")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    result = validate(root, rules.Options(strict=args.strict, strict_reviews=args.strict_reviews,
                                          strict_placeholders=args.strict_placeholders))
    checked = result.checked
    sys.stdout.write(reporting.reporter(args.format)(result.findings, checked))
    if args.format == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _append_summary(os.environ["GITHUB_STEP_SUMMARY"], result.findings, checked)
    return 0 if result.ok else 1


def _append_summary(path: str, findings, checked: int) -> None:
    from aimskit.reporting.github import summary_markdown

    write_output(path, summary_markdown(findings, checked), "the job summary", append=True, parents=False)
