"""A ``Comparison`` as Markdown (a pull request comment or job summary) or as JSON.

The Markdown opens with the approvals the change needs and the process and control files it
touches, which a reviewer must not miss, then the records, SoA decisions and findings.
"""

from __future__ import annotations

import json
import re
import typing as t

from aimskit.diff.compare import Comparison, FieldChange, RecordChange
from aimskit.diff.words import show
from aimskit.reporting import values
from aimskit.reporting.markdown import cell as md
from aimskit.reporting.markdown import table

_SOA_CONTROL = re.compile(r"^controls\[(?P<control>[^\]]+)\](?:\.(?P<field>.+))?$")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

__all__ = ["as_json", "field_row", "markdown", "md", "show"]


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
    base = md(comparison.base) + (f" (merge base {md(comparison.merge_base)})" if comparison.merge_base else "")
    lines = [f"## Governance changes: {base} → {md(comparison.head)}", ""]
    if comparison.empty:
        return "\n".join([*lines, "No governance changes.", ""])
    lines += _needs_lines(comparison)
    lines += _process_lines(comparison)
    lines += [_headline(comparison), ""]
    lines += _load_error_lines(comparison)
    lines += _crossing_lines(comparison)
    lines += _decision_lines(comparison)
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
    lines += _other_lines(comparison)
    lines += _finding_lines("New findings", comparison.new_findings)
    lines += _finding_lines("Resolved findings", comparison.resolved_findings)
    return "\n".join(lines)


_STATES = {"A": "added", "D": "removed", "M": "changed", "R": "renamed"}


def _other_lines(comparison: Comparison) -> list[str]:
    if not comparison.others:
        return []
    rows = [(o.path, _STATES.get(o.status, o.status) + (f" from {o.old_path}" if o.old_path else ""))
            for o in comparison.others]
    return [f"### Other files changed ({len(rows)})", "", "Neither records nor process files: evidence, images, notes.",
            "", *table(("file", "change"), rows), ""]


def _holder(person: t.Any) -> str:
    """A holder in words; one whose name is still template text is shown by handle, as unnamed."""
    return values.person(person) if isinstance(person, dict) else show(person)


def _needs_lines(comparison: Comparison) -> list[str]:
    lines = ["### Approvals this change needs", ""]
    if not comparison.needs:
        return [*lines, "None: no approved document, acceptance, role, SoA exclusion or process file changes.", ""]
    rows = []
    for need in comparison.needs:
        people = comparison.holders.get(need.role) or []
        who = ", ".join(_holder(person) for person in people) or "no holder at the base"
        rows.append((need.role, who, "; ".join(need.reasons)))
    return [*lines, "A holder of each role (at the base branch's tip) who did not open the request and wrote "
                    "none of its commits approves its latest commit on the code host.", "",
            *table(("role", "holders", "because of"), rows), ""]


def _process_lines(comparison: Comparison) -> list[str]:
    if not comparison.process:
        return []
    lines = [f"### ⚠️ Process and control files ({len(comparison.process)})", "",
             "These files decide how changes are checked and who approves them.", ""]
    for change in comparison.process:
        moved = f" (from {md(change.old_path)})" if change.old_path else ""
        state = {"A": "added", "D": "removed", "M": "changed", "R": "renamed"}.get(change.status, change.status)
        lines += [f"#### {md(change.kind)}: {md(change.path)}{moved} — {state}", ""]
        lines += [f"- ⚠️ {md(warning)}" for warning in change.warnings]
        if change.warnings:
            lines.append("")
        lines += _fenced(change.diff)
    return lines


def _headline(comparison: Comparison) -> str:
    counts = [(len(comparison.of_status(s)), s) for s in ("changed", "added", "removed", "renamed")]
    parts = [f"{n} {s}" for n, s in counts if n]
    if comparison.crossings:
        parts.append(f"{len(comparison.crossings)} crossing the risk appetite")
    if comparison.new_findings:
        parts.append(_count(len(comparison.new_findings), "new finding"))
    if comparison.resolved_findings:
        parts.append(_count(len(comparison.resolved_findings), "resolved finding"))
    return "**" + (" · ".join(parts) or "no record changes") + "**"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _load_error_lines(comparison: Comparison) -> list[str]:
    if not comparison.load_errors:
        return []
    rows = [(f.path, f.line, f.code, f.message, f.hint) for f in comparison.load_errors]
    return [f"### Records that do not load at {md(comparison.head)} ({len(rows)})", "",
            "They are left out of the comparison until they load.", "",
            *table(("file", "line", "code", "problem", "hint"), rows), ""]


def _crossing_lines(comparison: Comparison) -> list[str]:
    if not comparison.crossings:
        return []
    lines = ["### Risk appetite", ""]
    for c in comparison.crossings:
        where = "now above" if c.above else "now within"
        lines.append(f"- {'⚠️' if c.above else '✅'} **{md(c.id)}** {md(c.title)}: residual "
                     f"{show(c.old_score)} → {show(c.new_score)}, {where} the appetite ({c.appetite})")
    return [*lines, ""]


def _decision_lines(comparison: Comparison) -> list[str]:
    if not comparison.decisions:
        return []
    lines = [f"### SoA decisions ({len(comparison.decisions)})", ""]
    for d in comparison.decisions:
        before, after = _decision(d.old_applicable), _decision(d.new_applicable)
        lines.append(f"- **{md(d.control)}**: {before} → {after}" if before != after else f"- **{md(d.control)}**: {after}")
        if d.old_justification != d.new_justification:
            lines += [f"  - justification before: {md(d.old_justification)}",
                      f"  - justification after: {md(d.new_justification)}"]
        else:
            lines.append(f"  - justification (unchanged): {md(d.new_justification)}")
        lines += [f"  - ⚠️ {md(warning)}" for warning in d.warnings]
    return [*lines, ""]


def _decision(applicable: bool | None) -> str:
    return {True: "applicable", False: "excluded", None: "not listed"}[applicable]


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
        lines += [f"<details><summary>Text changed (+{added} −{removed} lines; hunks numbered by file line)"
                  "</summary>", "", *_fenced(change.body_diff), "</details>", ""]
    return lines


def _fenced(diff: list[str]) -> list[str]:
    inert = [_CONTROL_CHARACTERS.sub("?", line) for line in diff]
    fence = "`" * max(3, _longest_backtick_run(inert) + 1)
    return [f"{fence}diff", *inert, fence, ""]


def _longest_backtick_run(lines: list[str]) -> int:
    return max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0)


def _finding_lines(heading: str, findings: list) -> list[str]:
    if not findings:
        return []
    rows = [(f.path, f.line, f.severity.value, f.code, f.message, f.hint) for f in findings]
    return [f"### {heading} ({len(rows)})", "",
            *table(("file", "line", "severity", "code", "message", "hint"), rows), ""]


def as_json(comparison: Comparison) -> str:
    """The comparison as JSON (values as they are in the records)."""
    data = {
        "base": comparison.base,
        "head": comparison.head,
        "merge_base": comparison.merge_base,
        "approvals_needed": [{"role": n.role, "reasons": n.reasons, "holders": comparison.holders.get(n.role, [])}
                             for n in comparison.needs],
        "process_files": [vars(p) for p in comparison.process],
        "soa_decisions": [vars(d) for d in comparison.decisions],
        "changes": [_change_dict(c) for c in comparison.changes],
        "appetite": [vars(c) for c in comparison.crossings],
        "new_findings": [f.as_dict() for f in comparison.new_findings],
        "resolved_findings": [f.as_dict() for f in comparison.resolved_findings],
        "load_errors": [f.as_dict() for f in comparison.load_errors],
        "other_files": [vars(o) for o in comparison.others],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _change_dict(change: RecordChange) -> dict[str, t.Any]:
    data = {key: value for key, value in vars(change).items() if key not in ("fields", "body_stats")}
    data["fields"] = [{"field": f.field, "old": f.old, "new": f.new} for f in change.fields]
    data["body_added"], data["body_removed"] = change.body_stats
    return data
