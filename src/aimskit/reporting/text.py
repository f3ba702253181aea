"""Plain text: one finding per line, then a count."""

from __future__ import annotations

from aimskit.records.findings import Finding, Severity


def report(findings: list[Finding], checked: int) -> str:
    lines = [finding.format_text() for finding in findings]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    warnings = len(findings) - errors
    lines.append(f"{checked} file{'s' * (checked != 1)} checked: {errors} error{'s' * (errors != 1)}, "
                 f"{warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(lines) + "\n"
