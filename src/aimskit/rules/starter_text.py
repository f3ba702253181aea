"""Starter-text rules: the template's defaults left where the organisation's own decision belongs."""

from __future__ import annotations

import typing as t

from aimskit.governance.fields import items
from aimskit.governance.guidance import is_soa_guidance
from aimskit.governance.placeholders import default_lead, is_default_holder
from aimskit.governance.starter import is_example, is_placeholder
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record
from aimskit.rules._common import at
from aimskit.rules.registry import Options, record_rule


@record_rule(kinds.ROLE)
def no_default_holder(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS970: no role holder is the template's default governance lead, a name nobody chose (a
    warning, an error under --strict-placeholders)."""
    if is_example(record) or not isinstance(record.data, dict):
        return
    name, handle = default_lead()
    for index, holder in enumerate(items(record.data, "holders")):
        if is_default_holder(holder):
            yield at(record, ("holders", index), "AIMS970",
                     f"holder '{name} ({handle})' is the template's default governance lead",
                     "name the person who holds this role, with their code-host handle; until then the role "
                     "counts as vacant", options.placeholder_severity)


@record_rule(kinds.SOA)
def no_guidance_as_justification(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS971: no SoA justification is the template's guidance text left in place of a decision
    (a warning, an error under --strict-placeholders)."""
    if is_example(record) or not isinstance(record.data, dict):
        return
    for index, entry in enumerate(items(record.data, "controls")):
        justification = entry.get("justification") if isinstance(entry, dict) else None
        if is_soa_guidance(justification) and not is_placeholder(justification):  # else AIMS504 reports it
            yield at(record, ("controls", index, "justification"), "AIMS971",
                     f"the justification of {entry.get('control')} is the template's guidance, not a decision",
                     "write why the control applies (or not) to this organisation and how it is met",
                     options.placeholder_severity)
