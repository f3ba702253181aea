"""``aimskit report``: the readiness / gap report, as Markdown or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import typing as t

from aimskit import rules, safetext
from aimskit.commands._common import repository_root
from aimskit.errors import UsageError
from aimskit.readiness import assess
from aimskit.reporting.readiness import render
from aimskit.rules.validation import validate

FORMATS = ("md", "json")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "report", help="readiness / gap report: documented information, Annex A, overdue reviews, untreated risks")
    parser.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="assess as of this day (default: today)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    today = _day(args.date)
    root = repository_root(args)
    result = validate(root, rules.Options(today=today))
    readiness = assess(result.repository, today, result.findings)
    if args.format == "json":
        _write(json.dumps(readiness.as_dict(), indent=2, ensure_ascii=False) + "\n",
               lambda: json.dumps(readiness.as_dict(), indent=2) + "\n")
    else:
        text = safetext.block(render(readiness))  # no control sequence or workflow command from a value
        _write(text, lambda: text.encode("ascii", "xmlcharrefreplace").decode("ascii"))
    return 0


def _write(text: str, ascii_text: t.Callable[[], str]) -> None:
    """Write ``text``; on a terminal that cannot encode it, an ASCII form that loses nothing."""
    try:
        sys.stdout.write(text)
    except UnicodeEncodeError:
        sys.stdout.write(ascii_text())


def _day(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date; write YYYY-MM-DD") from None
