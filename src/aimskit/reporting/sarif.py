"""SARIF 2.1.0: the findings as one run of the aimskit tool, for code-scanning dashboards."""

from __future__ import annotations

import hashlib
import json
import typing as t
import urllib.parse

from aimskit import __version__
from aimskit.records.findings import Finding
from aimskit.reporting import codes as registry

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/aimskit/"
FINGERPRINT = "aimskitFinding/v2"
#: Where the codes are documented: the validation page of aimskit's documentation.
DOCS_URI = INFORMATION_URI


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
            "results": [_result(finding, rule_index[finding.code], fingerprint)
                        for finding, fingerprint in zip(findings, _fingerprints(findings))],
            "properties": {"filesChecked": checked},
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rules(codes: list[str], findings: list[Finding]) -> list[dict[str, t.Any]]:
    """A rule per code from the code registry: its title, what it checks, the hint and where it is
    documented; never the text of one of its findings."""
    first: dict[str, Finding] = {}
    for finding in findings:
        first.setdefault(finding.code, finding)
    return [_rule(code, first[code]) for code in codes]


def _rule(code: str, finding: Finding) -> dict[str, t.Any]:
    entry = registry.lookup(code)
    if entry is None:
        return {"id": code, "name": code, "shortDescription": {"text": f"aimskit check {code}"},
                "defaultConfiguration": {"level": finding.severity.value}}
    level = "error" if entry.severity == registry.ERROR else "warning"
    help_text = entry.description[:1].upper() + entry.description[1:] + "." + \
        (f" Fix: {entry.hint}." if entry.hint else "")
    return {"id": code, "name": entry.title,
            "shortDescription": {"text": entry.title},
            "fullDescription": {"text": entry.description},
            "help": {"text": help_text, "markdown": help_text},
            "helpUri": DOCS_URI + "#" + code.lower(),
            "defaultConfiguration": {"level": level},
            "properties": {"severity": entry.severity}}


def _result(finding: Finding, index: int, fingerprint: str) -> dict[str, t.Any]:
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
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }


def _fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, unique per location: code, path and message, plus the
    finding's rank among those sharing them (by line and column). Without the line number itself,
    so that an unchanged finding keeps its identity when lines above it move."""
    order = sorted(range(len(findings)), key=lambda i: (findings[i].line, findings[i].column))
    seen: dict[tuple[str, str, str], int] = {}
    ranks = [0] * len(findings)
    for index in order:
        finding = findings[index]
        key = (finding.code, finding.path, finding.message)
        ranks[index] = seen.get(key, 0)
        seen[key] = ranks[index] + 1
    return [hashlib.sha256("\0".join((f.code, f.path, f.message, str(rank))).encode("utf-8")).hexdigest()
            for f, rank in zip(findings, ranks)]
