"""A ``Comparison`` as Markdown (a pull request comment or job summary) or as JSON."""

from __future__ import annotations

import json
import re
import typing as t

from aimskit.diff.compare import Comparison, FieldChange, RecordChange
from aimskit.reporting import values
from aimskit.reporting.markdown import cell as md
from aimskit.reporting.markdown import table

MAX_VALUE = 80
_SOA_CONTROL = re.compile(r"^controls\[(?P<control>[^\]]+)\](?:\.(?P<field>.+))?$")
def show(value: t.Any) -> str:
    """A field value in a few words."""
    if value is None:
        return "—"
    if isinstance(value, list) and not value:
        text = "(none)"
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        text = "; ".join(values.as_text(v) for v in value)
    else:
        text = values.as_text(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def field_row(change: RecordChange, field: FieldChange) -> tuple[str, str, str]:
    """(label, before, after) for one field, in the reviewer's terms."""
    match = _SOA_CONTROL.match(field.field) if change.kind == "soa" else None
    if match and match["field"] == "applicable":
        return match["control"], _applicability(field.old), _applicability(field.new)
    if match and match["field"] is None:
        return match["control"], "—" if field.old is None else "listed", "—" if field.new is None else "listed"
    if match:
        return f"{match['control']} {match['field']}", show(field.old), show(field.new)
    return field.field, show(field.old), show(field.new)


def _applicability(value: t.Any) -> str:
    return {True: "applicable", False: "excluded"}.get(value, show(value)) if isinstance(value, bool) else show(value)


def markdown(comparison: Comparison) -> str:
    """The comparison as Markdown for a pull request comment or ``$GITHUB_STEP_SUMMARY``."""
    lines = [f"## Governance changes: {md(comparison.base)} → {md(comparison.head)}", ""]
    if comparison.empty:
        return "\n".join([*lines, "No governance changes.", ""])
    lines += [_headline(comparison), ""]
    lines += _crossing_lines(comparison)
    for status, heading in (("added", "Added"), ("removed", "Removed")):
        records = comparison.of_status(status)
        if records:
            lines += [f"### {heading} ({len(records)})", ""]
            lines += table(("record", "title", "file"), [(c.id, c.title, c.path) for c in records])
            lines.append("")
    changed = [c for c in comparison.changes if c.status in ("renamed", "changed")]
    if changed:
        lines += [f"### Changed ({len(changed)})", ""]
        for change in changed:
            lines += _change_lines(change)
    lines += _finding_lines(comparison)
    return "\n".join(lines)


def _headline(comparison: Comparison) -> str:
    counts = [(len(comparison.of_status(s)), s) for s in ("changed", "added", "removed", "renamed")]
    parts = [f"{n} {s}" for n, s in counts if n]
    if comparison.crossings:
        parts.append(f"{len(comparison.crossings)} crossing the risk appetite")
    if comparison.new_findings:
        parts.append(f"{len(comparison.new_findings)} new findings")
    return "**" + " · ".join(parts) + "**"


def _crossing_lines(comparison: Comparison) -> list[str]:
    if not comparison.crossings:
        return []
    lines = ["### Risk appetite", ""]
    for c in comparison.crossings:
        where = "now above" if c.above else "now within"
        lines.append(f"- {'⚠️' if c.above else '✅'} **{md(c.id)}** {md(c.title)}: residual "
                     f"{show(c.old_score)} → {show(c.new_score)}, {where} the appetite ({c.appetite})")
    return [*lines, ""]


def _change_lines(change: RecordChange) -> list[str]:
    lines = [f"#### {md(change.id)} — {md(change.title)}", ""]
    if change.old_path:
        lines += [f"Moved: {md(change.old_path)} → {md(change.path)}", ""]
    else:
        lines += [f"File: {md(change.path)}", ""]
    if change.fields:
        lines += table(("field", "before", "after"), [field_row(change, f) for f in change.fields])
        lines.append("")
    if change.body_diff:
        added, removed = change.body_stats
        fence = "`" * max(3, _longest_backtick_run(change.body_diff) + 1)
        lines += [f"<details><summary>Text changed (+{added} −{removed} lines)</summary>", "",
                  f"{fence}diff", *change.body_diff, fence, "", "</details>", ""]
    return lines


def _longest_backtick_run(lines: list[str]) -> int:
    return max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)


def _finding_lines(comparison: Comparison) -> list[str]:
    if not comparison.new_findings:
        return []
    rows = [(f.path, f.line, f.severity.value, f.code, f.message) for f in comparison.new_findings]
    return [f"### New findings ({len(rows)})", "",
            *table(("file", "line", "severity", "code", "message"), rows), ""]


def as_json(comparison: Comparison) -> str:
    """The comparison as JSON (values as they are in the records)."""
    data = {
        "base": comparison.base,
        "head": comparison.head,
        "changes": [_change_dict(c) for c in comparison.changes],
        "appetite": [vars(c) for c in comparison.crossings],
        "new_findings": [f.as_dict() for f in comparison.new_findings],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _change_dict(change: RecordChange) -> dict[str, t.Any]:
    data = {key: value for key, value in vars(change).items() if key not in ("fields", "body_stats")}
    data["fields"] = [{"field": f.field, "old": f.old, "new": f.new} for f in change.fields]
    data["body_added"], data["body_removed"] = change.body_stats
    return data
