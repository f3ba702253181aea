"""Findings → text, JSON, GitHub workflow commands or SARIF."""

from __future__ import annotations

import importlib
import typing as t

from aimskit.records.findings import Finding

FORMATS = ("text", "json", "github", "sarif")


class Reporter(t.Protocol):
    def __call__(self, findings: list[Finding], checked: int) -> str: ...


def reporter(name: str) -> Reporter:
    """The reporter function for format ``name``."""
    return importlib.import_module(f"aimskit.reporting.{name}").report
