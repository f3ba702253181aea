"""The residual score a risk treatment achieved (``residual.achieved``), read back from the columns
aimskit's own export writes: achieved likelihood and impact, when the effectiveness was checked, and
the evidence (a path or link, with a description and a date for an external reference)."""

from __future__ import annotations

import typing as t

from aimskit.importing import values as v

FIELDS = ("achieved_likelihood", "achieved_impact", "achieved_checked", "achieved_evidence")


class Cells(t.Protocol):
    def text(self, field: str) -> str | None: ...
    def convert(self, field: str, code: str, convert: t.Callable[[t.Any], t.Any]) -> t.Any: ...
    def refuse(self, field: str, code: str, problem: v.Refused) -> None: ...
    def ok_to_report(self, field: str) -> bool: ...


def achieved(row: Cells, likelihood: int | None, impact: int | None, has_target: bool) -> dict[str, t.Any] | None:
    """``residual.achieved`` from the row, None when its columns are blank; a finding (AIMS801) when only
    some of them are filled in, or when the row has no target residual to attach it to."""
    checked = row.convert("achieved_checked", "AIMS803", v.date)
    evidence = row.text("achieved_evidence")
    values = dict(zip(FIELDS, (likelihood, impact, checked, evidence)))
    if all(value is None for value in values.values()):
        return None
    missing = next((name for name, value in values.items() if value is None), None)
    if missing is not None or not has_target:
        field = missing or "achieved_likelihood"
        if row.ok_to_report(field):
            row.refuse(field, "AIMS801", v.Refused(
                "an achieved residual needs its likelihood, impact, check date and evidence, and a target residual",
                "fill in every achieved and residual column, or none of the achieved ones"))
        return None
    description = row.text("achieved_evidence_description")
    day = row.convert("achieved_evidence_date", "AIMS803", v.date)
    reference = {"url": evidence, "description": description, "date": day} if description and day else evidence
    return {"likelihood": likelihood, "impact": impact, "checked": checked, "evidence": reference}
