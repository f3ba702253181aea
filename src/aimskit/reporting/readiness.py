"""A :class:`~aimskit.readiness.Readiness` as a Markdown report (headings and tables): reporting reads
the assessment; the assessment knows nothing of its output formats."""

from __future__ import annotations

import typing as t

from aimskit.readiness import Readiness
from aimskit.reporting.markdown import Raw, cell
from aimskit.reporting.markdown import table as markdown_table

MAX_EVIDENCE = 4  # files per cell; the JSON report lists them all
_STATUS = {"met": "met", "partial": "partial", "missing": "**missing**", "not-applicable": "n/a"}
escape = cell


def table(header: t.Sequence[str], rows: t.Iterable[t.Sequence[t.Any]]) -> list[str]:
    rows = list(rows)
    return [*markdown_table(header, rows), ""] if rows else ["_None._", ""]


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def render(readiness: Readiness) -> str:
    """The whole report."""
    lines: list[str] = []
    for section in (_summary, _documented, _annex_a, _overdue, _risks, _systems, _code, _definitions, _not_checked):
        lines += section(readiness)
    return "\n".join(lines).rstrip() + "\n"


def _summary(r: Readiness) -> list[str]:
    o = r.overall
    title = f"AIMS readiness report — {escape(r.organisation)}" if r.organisation else "AIMS readiness report"
    lines = [f"# {title}", ""]
    lines += _examples_banner(r)
    lines += [f"Assessed on {r.date}.", ""]
    if r.errors:
        lines += [f"> **Validation found {r.errors} error(s) and {r.warnings} warning(s).** "
                  "Records that failed to load are not counted; run `aimskit validate` for details.", ""]
    lines += ["## Summary", ""]
    return lines + table(("Measure", "Value"), [
        ("Documented information met", f"{o.documented_met} of {o.documented_total} ({percent(o.documented_share)})"),
        ("Documented information partial", o.documented_partial),
        ("Applicable Annex A controls implemented",
         f"{o.controls_implemented} of {o.controls_applicable} ({percent(o.controls_share)})"),
        ("Annex A controls not decided in the SoA",
         f"{r.annex_a.undecided} (the SoA is an example record)" if r.annex_a.soa_example else r.annex_a.undecided),
        ("Overdue reviews", len(r.overdue_reviews)),
        ("Risks above appetite without acceptance", len(r.risks_above_appetite)),
        ("High-risk systems without a current impact assessment", len(r.high_risk_without_assessment)),
    ])


def _examples_banner(r: Readiness) -> list[str]:
    """The report's first lines when example records are present: what rests on them."""
    e = r.examples
    if not e.records:
        return []
    if r.rests_on_examples:
        head = (f"> **Everything shown here rests on example records.** {e.records} record(s) are examples "
                "shipped with the template (`example: true`); no item is met by the organisation's own records.")
    else:
        head = (f"> **{e.records} example record(s) are present** (`example: true`). They count for nothing: "
                f"{r.overall.documented_met} item(s) are met by the organisation's own records.")
    return [head, f"> With the examples, {e.documented_met} item(s) would look met and {e.controls_implemented} "
            "control(s) implemented. Run `aimskit examples remove` to delete them.", ""]


def _documented(r: Readiness) -> list[str]:
    lines = ["## Documented information (clauses 4–10)", ""]
    lines += _items([d for d in r.documented_information if not d.annex_a], r.examples.records > 0)
    lines += ["## Documented information (Annex A controls)", ""]
    return lines + _items([d for d in r.documented_information if d.annex_a], r.examples.records > 0)


def _items(items: list, examples: bool) -> list[str]:
    if examples:
        return table(("Clause", "Item", "Status", "Examples alone would show", "Evidence", "Note"),
                     [(d.clause, d.item, Raw(_STATUS[d.status]), Raw(_STATUS[d.with_examples]),
                       _evidence(d.evidence), d.note) for d in items])
    return table(("Clause", "Item", "Status", "Evidence", "Note"),
                 [(d.clause, d.item, Raw(_STATUS[d.status]), _evidence(d.evidence), d.note) for d in items])


def _definitions(r: Readiness) -> list[str]:
    lines = ["## What \"met\" means", "",
             "Common to every item: example records never count, template placeholders never count, and an "
             "item with an open nonconformity against its clause or control is partial at most.", ""]
    return lines + table(("Clause", "Item", "Met when"),
                         [(d.clause, d.item, d.met_when) for d in r.documented_information])


def _not_checked(r: Readiness) -> list[str]:
    return ["## What this report does not check", ""] + [f"- {escape(line)}" for line in r.not_checked] + [""]


def _evidence(found: tuple[str, ...]) -> t.Any:
    if len(found) <= MAX_EVIDENCE:
        return found
    return Raw(f"{escape(found[:MAX_EVIDENCE])} and {len(found) - MAX_EVIDENCE} more")


def _annex_a(r: Readiness) -> list[str]:
    a = r.annex_a
    lines = ["## Annex A controls", "",
             f"{a.applicable} applicable, {a.excluded} excluded, {a.undecided} undecided, of {a.total}.", ""]
    if a.soa_example:
        lines += ["> The Statement of Applicability is an example record: its decisions are shown, none counts.", ""]
    elif a.soa_status and a.soa_status != "approved":
        lines += [f"> The Statement of Applicability is {escape(a.soa_status)}: no control counts as implemented "
                  "until it is approved.", ""]
    lines += table(("SoA status", "Controls"), [(status, count) for status, count in a.by_status.items()])
    lines += ["### Documentation review: the Statement of Applicability control by control", ""]
    return lines + table(("Control", "Title", "Decision", "Status", "Owner", "Justification", "Implemented by",
                          "Evidence", "Linked risks"),
                         [(c.control, c.title, c.decision, c.status, c.owner, c.justification, c.implemented_by,
                           _evidence(c.evidence), _evidence(c.risks)) for c in a.controls])


def _overdue(r: Readiness) -> list[str]:
    return ["## Overdue reviews", ""] + table(
        ("Kind", "Id", "Title", "Owner", "Date", "Days overdue", "File"),
        [(o.kind, o.id, o.title, o.owner, f"{o.field} {o.due}", o.days_overdue, o.path) for o in r.overdue_reviews])


def _risks(r: Readiness) -> list[str]:
    lines = ["## Risks", "", "### Open risks by level", ""]
    lines += table(("Level", "Inherent", "Residual"), [(lv.level, lv.inherent, lv.residual) for lv in r.risks_by_level])
    lines += ["### Residual risk above appetite without acceptance", ""]
    return lines + table(("Risk", "Title", "Owner", "Inherent", "Residual", "Level", "Appetite", "File"),
                         [(g.id, g.title, g.owner, g.inherent, g.residual, g.level, g.appetite, g.path)
                          for g in r.risks_above_appetite])


def _systems(r: Readiness) -> list[str]:
    lines = ["## AI systems", "", "### Systems by EU AI Act tier", ""]
    lines += table(("Tier", "Systems"), list(r.systems_by_tier.items()))
    header = ("System", "Name", "Owner", "Tier", "Draft or overdue assessments", "File")
    for title, gaps in (("High-risk systems without a current impact assessment", r.high_risk_without_assessment),
                        ("Other in-scope systems without a current impact assessment", r.others_without_assessment)):
        lines += [f"### {title}", ""]
        lines += table(header, [(g.id, g.name, g.owner, g.tier, g.assessments, g.path) for g in gaps])
    return lines


def _code(r: Readiness) -> list[str]:
    """The inventory against the last scan of the code (``aimskit scan``)."""
    scan = r.inventory_scan
    lines = ["## AI use in code", "", f"Inventory complete against the code: {_STATUS.get(scan.status, scan.status)} "
             f"({escape(scan.note)}).", ""]
    if scan.scanned_at:
        lines += table(("Last scan", "Repositories", "Undeclared AI uses"),
                       [(scan.scanned_at, ", ".join(scan.repositories) or "—", scan.undeclared)])
    return lines + [f"Met when {escape(scan.met_when)}.", ""]
