"""``aimskit lock``: resolve requirements.in into a requirements.txt pinned by sha256 digest."""

from __future__ import annotations

import argparse
import sys

from aimskit import safetext
from aimskit.commands._common import repository_root


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lock", help="pin requirements.txt by sha256 digest from requirements.in (for pip --require-hashes)",
        description="Resolve requirements.in with uv (uv pip compile --generate-hashes --universal) and write "
                    "requirements.txt: every distribution it needs on any platform, dependencies included, pinned "
                    "by version and by the sha256 digest of each of its files on the package indexes in pip's "
                    "configuration (a wheel in the repository by its own digest). CI installs it with "
                    "'pip install --require-hashes -r requirements.txt'. Resolving may build source "
                    "distributions: lock a checkout you trust.")
    parser.add_argument("--python-version", metavar="X.Y",
                        help="the lowest Python the lock must install on (default: 3.10, the lowest aimskit runs on)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aimskit.lock import lockfile

    root = repository_root(args)
    locked = lockfile.lock(root, args.python_version, progress=_progress)
    print(safetext.one_line(f"{lockfile.OUTPUT}: {len(locked.pins)} distributions pinned by sha256 digest "
                            f"(for Python {locked.python} and later, on every platform)"))
    print(f"CI installs it with: {lockfile.INSTALL}")
    return 0


def _progress(message: str) -> None:
    print(safetext.one_line(f"aimskit: {message}"), file=sys.stderr)
