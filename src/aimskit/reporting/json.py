"""JSON: the findings as objects, with a summary."""

from __future__ import annotations

import json

from aimskit.records.findings import Finding, Severity


def report(findings: list[Finding], checked: int) -> str:
    errors = sum(f.severity is Severity.ERROR for f in findings)
    document = {
        "ok": errors == 0,
        "checked": checked,
        "errors": errors,
        "warnings": len(findings) - errors,
        "findings": [finding.as_dict() for finding in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
