"""`aimskit serve`."""

from __future__ import annotations

import argparse

from aimskit.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("serve", help="(not available yet)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    raise UsageError("'aimskit serve' is not available in this version")
