"""Statement of Applicability rules: all 38 controls once, exclusions consistent and respected."""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.records import kinds
from aimskit.records.findings import Finding, error
from aimskit.records.model import Record, Repository
from aimskit.rules._common import at, at_key, strings
from aimskit.rules.registry import Options, record_rule, rule

SOA_PATH = "soa.yaml"


def entries(soa: Record) -> t.Iterator[tuple[int, dict[str, t.Any]]]:
    """(index, entry) for every well-formed entry of the SoA's controls list."""
    controls = soa.data.get("controls")
    if isinstance(controls, list):
        for index, entry in enumerate(controls):
            if isinstance(entry, dict):
                yield index, entry


def excluded_controls(repository: Repository) -> frozenset[str]:
    """Controls the SoA marks not applicable."""
    soa = repository.single(kinds.SOA)
    if soa is None:
        return frozenset()
    return frozenset(entry["control"] for _, entry in entries(soa)
                     if entry.get("applicable") is False and isinstance(entry.get("control"), str))


@rule
def soa_exists(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS401: the repository has a Statement of Applicability."""
    failed_to_load = any(f.path == SOA_PATH for f in repository.findings)
    if repository.single(kinds.SOA) is None and not failed_to_load:
        yield error(SOA_PATH, 1, 1, "AIMS401", "the Statement of Applicability (soa.yaml) is missing",
                    "clause 6.1.3 requires one; create soa.yaml with an entry for each Annex A control")


@rule
def soa_lists_each_control_once(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS402: no control appears twice; AIMS403: none of the 38 is missing."""
    soa = repository.single(kinds.SOA)
    if soa is None or not isinstance(soa.data.get("controls"), list):
        return
    first: dict[str, int] = {}
    for index, entry in entries(soa):
        control = entry.get("control")
        if not isinstance(control, str):
            continue
        if control in first:
            line = soa.document.position(["controls", first[control], "control"])[0]
            yield at(soa, ("controls", index, "control"), "AIMS402",
                     f"control {control} is listed twice (first on line {line})", "keep one entry per control")
        else:
            first[control] = index
    for control, details in reference.controls().items():
        if control not in first:
            yield at_key(soa, (), "controls", "AIMS403", f"control {control} ({details['title']}) is missing",
                         "list every Annex A control; mark one that does not apply "
                         "applicable: false with a justification")


@rule
def exclusion_matches_status(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS404: applicable: false goes with status: excluded, and only with it."""
    soa = repository.single(kinds.SOA)
    if soa is None:
        return
    for index, entry in entries(soa):
        applicable, status = entry.get("applicable"), entry.get("status")
        control = entry.get("control", f"entry {index + 1}")
        if applicable is False and status != "excluded" and isinstance(status, str):
            yield at(soa, ("controls", index, "status"), "AIMS404",
                     f"{control} is not applicable but its status is '{status}'", "set status: excluded")
        elif applicable is True and status == "excluded":
            yield at(soa, ("controls", index, "status"), "AIMS404",
                     f"{control} is applicable but its status is 'excluded'",
                     "set applicable: false (with a justification) or give its implementation status")


@record_rule(kinds.RISK, context=excluded_controls)
def excluded_controls_not_used(risk: Record, excluded: frozenset[str], options: Options) -> t.Iterator[Finding]:
    """AIMS405: a risk treatment does not rely on a control the SoA excludes."""
    for path, control in strings(risk, "treatment.controls.*"):
        if control in excluded:
            yield at(risk, path, "AIMS405", f"treatment uses {control}, which the SoA excludes",
                     f"make {control} applicable in soa.yaml or choose another control")


@rule
def implemented_controls_have_evidence(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS406: an implemented control names what implements it or its evidence."""
    soa = repository.single(kinds.SOA)
    if soa is None:
        return
    for index, entry in entries(soa):
        if entry.get("status") == "implemented" and not entry.get("implemented_by") and not entry.get("evidence"):
            control = entry.get("control", f"entry {index + 1}")
            yield at(soa, ("controls", index, "status"), "AIMS406",
                     f"{control} is implemented but names no policy, record or evidence",
                     "add implemented_by: [POL-###] or evidence: [path/in/repo]")


@record_rule(kinds.SOA, kinds.POLICY, context=excluded_controls)
def excluded_controls_not_implemented(record: Record, excluded: frozenset[str],
                                      options: Options) -> t.Iterator[Finding]:
    """AIMS421: a control the SoA excludes is not implemented by a policy or record, nor by a policy's controls."""
    if record.kind is kinds.SOA:
        yield from _excluded_yet_implemented(record)
        return
    for path, control in strings(record, "controls.*"):
        if control in excluded:
            yield at(record, path, "AIMS421", f"{record.id} implements {control}, which the SoA excludes",
                     f"remove {control} from the policy's controls or make it applicable in soa.yaml")


def _excluded_yet_implemented(soa: Record) -> t.Iterator[Finding]:
    for index, entry in entries(soa):
        control = entry.get("control")
        if entry.get("applicable") is not False or not isinstance(control, str):
            continue
        if entry.get("implemented_by"):
            yield at(soa, ("controls", index, "implemented_by"), "AIMS421",
                     f"{control} is excluded but still implemented_by {', '.join(map(str, entry['implemented_by']))}",
                     "an excluded control is implemented by nothing: remove implemented_by, or make the control "
                     "applicable with a justification for including it")
