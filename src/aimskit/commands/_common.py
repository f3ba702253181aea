"""Helpers shared by the command modules."""

from __future__ import annotations

import argparse
from pathlib import Path

from aimskit.records.model import find_root


def repository_root(args: argparse.Namespace) -> Path:
    """The AIMS repository the command works on (``--repo`` or the current folder)."""
    return find_root(Path(args.repo))
