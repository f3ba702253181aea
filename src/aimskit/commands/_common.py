"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aimskit import reporting
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
