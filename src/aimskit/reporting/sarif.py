"""SARIF 2.1.0: the findings as one run of the aimskit tool, for code-scanning dashboards."""

from __future__ import annotations

import hashlib
import json
import typing as t
import urllib.parse

from aimskit import __version__
from aimskit.records.findings import Finding
from aimskit.reporting.codes import description

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/aimskit/"
FINGERPRINT = "aimskitFinding/v1"


def report(findings: list[Finding], checked: int) -> str:
    """A SARIF 2.1.0 log with one run: rules for the codes found, one result per finding."""
    codes = sorted({finding.code for finding in findings})
    rule_index = {code: index for index, code in enumerate(codes)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "aimskit", "version": __version__, "informationUri": INFORMATION_URI,
                                "rules": _rules(codes, findings)}},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The AIMS repository root"}}},
            "results": [_result(finding, rule_index[finding.code]) for finding in findings],
            "properties": {"filesChecked": checked},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rules(codes: list[str], findings: list[Finding]) -> list[dict[str, t.Any]]:
    """A rule per code with the code's fixed description, never the text of one of its findings."""
    first: dict[str, Finding] = {}
    for finding in findings:
        first.setdefault(finding.code, finding)
    return [{"id": code, "name": code,
             "shortDescription": {"text": description(code) or f"aimskit check {code}"},
             "defaultConfiguration": {"level": first[code].severity.value}} for code in codes]


def _result(finding: Finding, index: int) -> dict[str, t.Any]:
    text = finding.message + (f" ({finding.hint})" if finding.hint else "")
    return {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": finding.severity.value,
        "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": urllib.parse.quote(finding.path, safe="/"), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)},
        }}],
        "partialFingerprints": {FINGERPRINT: _fingerprint(finding)},
    }


def _fingerprint(finding: Finding) -> str:
    # Without the line number, so that an unchanged finding keeps its identity when lines move.
    key = "\0".join((finding.code, finding.path, finding.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
