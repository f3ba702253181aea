"""``aimskit lock``: resolve requirements.in into a requirements.txt pinned by sha256 digest."""

from __future__ import annotations

import argparse
import sys

from aimskit import safetext
from aimskit.commands._common import repository_root


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lock", help="pin requirements.txt by sha256 digest from requirements.in (for pip --require-hashes)",
        description="Resolve requirements.in with pip and write requirements.txt: every distribution it needs, "
                    "dependencies included, pinned by version and by the sha256 digest of each file of that "
                    "version on the package indexes in pip's configuration (a wheel in the repository by its own "
                    "digest). CI installs it with 'pip install --require-hashes -r requirements.txt'. pip may "
                    "build source distributions while resolving: lock a checkout you trust.")
    parser.add_argument("--python", metavar="PATH",
                        help="resolve for this Python interpreter (pip --python), e.g. python3.12 for CI's Python; "
                             "default: the one running aimskit")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aimskit.lock import lockfile

    root = repository_root(args)
    locked = lockfile.lock(root, args.python, progress=_progress)
    print(safetext.one_line(f"{lockfile.OUTPUT}: {len(locked.pins)} distributions pinned by sha256 digest "
                            f"(resolved with Python {locked.python})"))
    if locked.only_here:
        _progress(f"pinned though CI's Python would not need them (CI installs them too): "
                  f"{', '.join(locked.only_here)}")
    print(f"CI installs it with: {lockfile.INSTALL}")
    return 0


def _progress(message: str) -> None:
    print(safetext.one_line(f"aimskit: {message}"), file=sys.stderr)
