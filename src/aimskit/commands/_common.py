"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aimskit import reporting
from aimskit.errors import UsageError
from aimskit.records.findings import Finding
from aimskit.records.model import find_root


def repository_root(args: argparse.Namespace) -> Path:
    """The AIMS repository the command works on (``--repo`` or the current folder)."""
    return find_root(Path(args.repo))


def print_findings(findings: list[Finding], checked: int) -> None:
    """The validation findings as text on stdout (errors stop a build; warnings are shown)."""
    if findings:
        sys.stdout.write(reporting.reporter("text")(findings, checked))
        sys.stdout.flush()


def print_refused(findings: list[Finding]) -> None:
    """Why the site was not built (mkdocs.yml or docs/ refused), as text findings on stdout."""
    sys.stdout.write(reporting.reporter("text")(findings, len({f.path for f in findings})))
    sys.stdout.flush()
    print("aimskit: the site was not built; the previous site is unchanged", file=sys.stderr)


def write_output(path: str | None, text: str, what: str, append: bool = False, parents: bool = True) -> None:
    """Write (or append) ``text`` to the file ``path`` a user or the CI named (nothing without one),
    making its folders unless ``parents`` is false; a file that cannot be written is a usage error
    naming ``what`` it was for."""
    if not path:
        return
    try:
        if parents:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a" if append else "w", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {what} to {path}: {exc.strerror}") from None
