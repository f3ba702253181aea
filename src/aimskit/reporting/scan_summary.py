"""The Markdown summary of a scan, for a CI job summary or a merge request note: what the
inventory does not declare, in sentences that say which record to edit, then every AI component
found. Every value from the scanned code or the records is an inert Markdown cell."""

from __future__ import annotations

from aimskit import safetext
from aimskit.records.findings import Finding
from aimskit.reporting.markdown import cell, table
from aimskit.scan.check import describe, joined
from aimskit.scan.run import Outcome


def summary_markdown(outcome: Outcome) -> str:
    """The job summary of one scan."""
    roots = ", ".join(f"{scan.repository or scan.path} ({scan.files} files)" for scan in outcome.scans)
    lines = ["## AI use in code (aimskit scan)", "",
             cell(f"Scanned {roots} on {outcome.scanned_at}"
                  + (" against the AI system inventory." if outcome.systems is not None else ".")), ""]
    skipped = skipped_folders(outcome)
    if skipped:
        lines += [cell(f"Not entered (other people's code or tools' output): {skipped}."), ""]
    undeclared = outcome.undeclared
    if outcome.systems is not None:
        if undeclared:
            count = len(undeclared)
            lines += [f"**{count} AI use{'s' * (count != 1)} the inventory does not declare:**", ""]
            lines += [f"- {cell(f.path)}:{f.line}: {cell(_sentence(outcome, f))}: {cell(f.hint or '')}"
                      for f in undeclared]
            lines.append("")
        else:
            lines += ["Every AI use found is declared in the inventory.", ""]
    others = [f for f in outcome.findings if f.code not in {u.code for u in undeclared}]
    if others:
        lines += [*table(("Severity", "Code", "Location", "Message"),
                         [(f.severity.value, f.code, f"{f.path}:{f.line}", f.message + (f" ({f.hint})" if f.hint else ""))
                          for f in others]), ""]
    rows = []
    for scan in outcome.scans:
        for components in scan.components().values():
            first = components[0]
            rows.append((describe(first), first.provider, first.via, f"{joined(scan.path, first.path)}:{first.line}",
                         len(components)))
    if rows:
        lines += ["### AI components found", "", *table(("Component", "Provider", "Found in", "First place", "Places"),
                                                         rows), ""]
    else:
        lines += ["No AI use found.", ""]
    return safetext.without_controls("\n".join(lines))  # no terminal sequence from a scanned value


def _sentence(outcome: Outcome, finding: Finding) -> str:
    """``this change adds the Anthropic SDK ...`` when the base's scan did not have it, else what the code uses."""
    new = outcome.is_new(finding)
    if new and finding.message.startswith("uses "):
        return "this change adds " + finding.message[len("uses "):]
    if new is False:
        return f"this code {finding.message} (already before this change)"
    return f"this change's code {finding.message}"


def skipped_folders(outcome: Outcome) -> str:
    """``node_modules (3), vendor (1)``: the folders the walk did not enter, counted by name."""
    counts: dict[str, int] = {}
    for scan in outcome.scans:
        for name, count in scan.skipped_folders.items():
            if name not in (".git", ".hg", ".svn"):  # version control data: never code, not worth a line
                counts[name] = counts.get(name, 0) + count
    return ", ".join(f"{name} ({count})" for name, count in sorted(counts.items()))
