"""GitHub Actions: workflow commands that annotate the files, and a Markdown job summary.

GitHub shows at most 10 annotations of each severity per step, so the first 10 errors and the
first 10 warnings become annotations; the rest are printed as plain lines, then a notice says
how many were not annotated. Every finding is in the job summary table.
"""

from __future__ import annotations

from aimskit import safetext
from aimskit.records.findings import Finding, Severity
from aimskit.reporting import markdown

ANNOTATION_LIMIT = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def escape_data(value: str) -> str:
    """Escape a workflow command's message (after ``::``); control characters are removed, and a legacy
    command (``##[``) in it is disarmed."""
    text = safetext.without_legacy_commands(safetext.without_controls(value))
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command property value (``file=…``, ``title=…``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One ``::error file=…,line=…,col=…,title=…::message`` command."""
    properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in (
        ("file", finding.path), ("line", finding.line), ("col", finding.column), ("title", finding.code)))
    message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    return f"::{COMMANDS[finding.severity]} {properties}::{escape_data(message)}"


def report(findings: list[Finding], checked: int) -> str:
    """Workflow commands for ``findings``: at most 10 annotations per severity, then plain lines."""
    lines, skipped = [], 0
    shown = {severity: 0 for severity in Severity}
    for finding in findings:
        if shown[finding.severity] < ANNOTATION_LIMIT:
            shown[finding.severity] += 1
            lines.append(annotation(finding))
        else:
            skipped += 1
            lines.append(_plain(finding))
    if skipped:
        lines.append(f"::notice title=aimskit::{skipped} more finding{'s' * (skipped != 1)} not annotated "
                     "(GitHub shows 10 per kind); every finding is in the job summary")
    lines.append(_totals(findings, checked))
    return "\n".join(lines) + "\n"


def _plain(finding: Finding) -> str:
    # A plain log line must not carry a workflow command of its own (a message may hold '\n::').
    return finding.format_text().replace("::", ": :")


def _totals(findings: list[Finding], checked: int) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    return (f"{checked} file{'s' * (checked != 1)} checked: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}")


def escape_markdown(value: str) -> str:
    """A value safe in a Markdown table cell (see :func:`aimskit.reporting.markdown.cell`)."""
    return markdown.cell(value, breaks=True)


def summary_markdown(findings: list[Finding], checked: int) -> str:
    """A Markdown job summary: the totals, then a table of every finding."""
    lines = ["## aimskit validate", "", escape_markdown(_totals(findings, checked)), ""]
    if findings:
        rows = [(f.severity.value, f.code, f"{f.path}:{f.line}:{f.column}",
                 f.message + (f" ({f.hint})" if f.hint else "")) for f in findings]
        lines += [*markdown.table(("Severity", "Code", "Location", "Message"), rows, breaks=True), ""]
    return "\n".join(lines)
