"""Sheet rows turned into risk or AI system records, with a finding (file, row, column) for every
value that cannot be used. Nothing is written here.

Finding codes (line = the sheet's row, column = its column): AIMS801: a row gives a value for
every field the record needs that has no default (title, owner, scores, treatment, AI system);
AIMS802: a value maps to one of the field's values (treatment, status, stage, tier, Annex C);
AIMS803: a date is a date, and not one such as 03/04/2026 that the sheet's other dates leave
ambiguous; AIMS804: a score is on
the risk method's scale (or rescaled with --rescale); AIMS805: an owner is a role (by id, title,
holder or --alias), not only nearly one; AIMS806: an AI system or provider is in the repository
(or --create-missing), not only nearly one;
AIMS807: a sheet id is neither taken in the repository nor repeated in the sheet; AIMS808: a
control is an Annex A control; AIMS809: a row of a treatment actions or data sources table names a
row of the register; AIMS810: every column of the header is imported (a warning); AIMS980: the sheet has a
header row among its first rows; AIMS982: a name read by a common abbreviation (DPO, CISO) is said
(a warning)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing as t

from aimskit import reference
from aimskit.governance import approval, scoring
from aimskit.governance.fields import field, mapping, mappings
from aimskit.importing import values as v
from aimskit.importing.achieved import achieved
from aimskit.importing.columns import Layout, layout
from aimskit.importing.resolve import TODO, Ids, NewRecord, Resolver, months_later
from aimskit.importing.rows import Row, controls_and_plan
from aimskit.importing.sheets import Sheet
from aimskit.records import kinds
from aimskit.records.findings import Finding, warning
from aimskit.records.model import Repository

ORGANISATION_WIDE = ("all", "all systems", "all ai systems", "all tools", "all ai tools", "organisation wide",
                     "organization wide", "org wide", "organisation", "organization", "company wide", "enterprise",
                     "enterprise wide", "whole organisation", "whole organization", "general", "cross cutting")
DEFAULT_SOURCE = "C.3.6"  # Annex C "system life cycle issues": set when a register names no source


@dataclasses.dataclass(frozen=True)
class Options:
    """How to read the sheet: column maps, per-field defaults, rescaling and record creation."""

    what: str  # "risks" or "systems"
    maps: dict[str, str] = dataclasses.field(default_factory=dict)
    defaults: dict[str, str] = dataclasses.field(default_factory=dict)
    rescale: int | None = None
    create_missing: bool = False
    aliases: dict[str, str] = dataclasses.field(default_factory=dict)
    today: dt.date = dataclasses.field(default_factory=dt.date.today)


@dataclasses.dataclass
class Plan:
    """What an import would write: one record per row, records created for unknown names, findings."""

    layout: Layout
    records: list[NewRecord]
    created: list[NewRecord]
    findings: list[Finding]
    resolver: Resolver


@dataclasses.dataclass(frozen=True)
class _Context:
    resolver: Resolver
    method: scoring.RiskMethod
    labels: dict[str, dict[str, int]]  # likelihood / impact → spoken label → value
    options: Options
    months: int


def plan(repository: Repository, sheet: Sheet, options: Options) -> Plan:
    """The records ``sheet`` would become in ``repository``, and every problem found on the way."""
    found = layout(sheet, options.what, options.maps)
    findings: list[Finding] = []
    for index, name in found.ignored:
        findings.append(warning(sheet.path, found.header.number, index + 1, "AIMS810",
                                f"column {name!r} is not imported", "map it to a field with --map COLUMN=FIELD"))
    kind = kinds.RISK if options.what == "risks" else kinds.SYSTEM
    ids = Ids(repository)
    cycle = field(repository.manifest, "review", "cycle_months")
    months = cycle if isinstance(cycle, int) and not isinstance(cycle, bool) and cycle > 0 else 12
    resolver = Resolver(repository, ids, options.create_missing, options.today, months, options.aliases)
    rows = [Row(sheet, row, found.fields, options.defaults, findings, resolver.notes)
            for row in sheet.rows if row.number > found.header.number]
    order = v.date_order(cell for row in rows for cell in row.row.cells)
    for row in rows:
        row.order = order
    assigned = _ids(rows, kind, ids, findings)
    build = _risk if kind is kinds.RISK else _system
    method = mapping(repository.manifest, "risk_method")
    labels = {key: {v.words(entry.get("label")): int(entry["value"]) for entry in mappings(method, key)
                    if isinstance(entry.get("value"), int) and entry.get("label")}
              for key in ("likelihood", "impact")}
    context = _Context(resolver, scoring.RiskMethod.from_manifest(repository.manifest), labels, options, months)
    records = []
    for row, (record_id, sheet_id) in zip(rows, assigned):
        record = build(row, record_id, context)
        if record is not None and row.ok:
            record.sheet_id = sheet_id
            if sheet_id and sheet_id != record_id:
                _keep_external_id(record, sheet_id)
            records.append(record)
    return Plan(found, records, resolver.created, findings, resolver)


def _keep_external_id(record: NewRecord, sheet_id: str) -> None:
    """The sheet's own id (R-01) kept in the record, after its id, so the record leads back to the row."""
    data = dict(record.data)
    record.data.clear()
    for key, value in data.items():
        record.data[key] = value
        if key == ("example" if "example" in data else "id"):
            record.data["external_id"] = sheet_id


def _ids(rows: list[Row], kind: kinds.Kind, ids: Ids, findings: list[Finding]) -> list[tuple[str, str | None]]:
    """Each row's record id: the sheet's own when valid and free, else the next free one."""
    pattern = re.compile(rf"{kind.prefix}-[0-9]{{3,}}")
    kept: dict[str, int] = {}
    wanted: list[str | None] = []
    for row in rows:
        sheet_id = row.text("id")
        candidate = sheet_id.upper() if sheet_id else None
        if candidate and pattern.fullmatch(candidate):
            if candidate in ids.taken:
                row.refuse("id", "AIMS807", v.Refused(f"{candidate} already exists in the repository",
                                                      "aimskit import adds records: remove the id to import the "
                                                      "row as a new record, or delete the existing one"))
            elif candidate in kept:
                row.refuse("id", "AIMS807", v.Refused(f"{candidate} is also the id of row {kept[candidate]}",
                                                      "give each row its own id, or leave ids blank"))
            else:
                kept[candidate] = row.row.number
                wanted.append(candidate)
                continue
        wanted.append(None)
    ids.taken.update(kept)
    return [(record_id or ids.next(kind), row.text("id")) for row, record_id in zip(rows, wanted)]


def _risk(row: Row, record_id: str, context: _Context) -> NewRecord | None:
    resolver, method, options = context.resolver, context.method, context.options
    todo: list[str] = []
    title = row.required("title", row.text("title"), "title")
    owner = row.required("owner", row.convert("owner", "AIMS805", lambda raw: _role(resolver, raw, row)), "owner")

    def score(field: str, scale: tuple[int, ...]) -> int | None:
        labels = context.labels[field.rsplit("_", 1)[-1]]
        return row.convert(field, "AIMS804", lambda raw: v.score(raw, scale, labels, field.replace("_", " "),
                                                                 options.rescale))

    likelihood = row.required("likelihood", score("likelihood", method.likelihood), "likelihood")
    impact = row.required("impact", score("impact", method.impact), "impact")
    option = row.required("treatment", row.convert("treatment", "AIMS802",
                                                   lambda raw: v.choice(raw, v.TREATMENTS, "treatment")), "treatment")
    organisation_wide = v.words(row.raw("systems") or "") in ORGANISATION_WIDE
    systems = None if organisation_wide else row.convert(
        "systems", "AIMS806", lambda raw: [resolver.system(name, owner or "", row.row.number) for name in v.items(raw)])
    if not organisation_wide and not systems and row.ok_to_report("systems"):
        row.refuse("systems", "AIMS801", v.Refused(
            "no AI system", "fill in the AI systems the risk concerns, write organisation-wide for a risk of the "
            "whole organisation, map a column to systems with --map, or pass --default systems=VALUE"))
    controls, plan = controls_and_plan(row)
    source = row.convert("source", "AIMS802", lambda raw: v.annex_c(raw, reference.risk_sources(), "risk source"))
    if source is None and row.ok_to_report("source"):
        source = DEFAULT_SOURCE
        todo.append(f"confirm the Annex C risk source (aimskit import set {DEFAULT_SOURCE})")
    objectives = row.convert("objectives", "AIMS802", lambda raw: [v.annex_c(item, reference.annex_c_objectives(),
                                                                            "objective") for item in v.items(raw)])
    description = row.text("description")
    if description is None:
        todo.insert(0, "describe the risk: cause, event, consequence and who is affected")
    status = row.convert("status", "AIMS802", lambda raw: v.choice(raw, v.RISK_STATUSES, "status")) or "identified"
    identified = row.convert("identified", "AIMS803", row.date) or options.today.isoformat()
    next_review = row.convert("next_review", "AIMS803", row.date) \
        or months_later(options.today, context.months).isoformat()
    data: dict[str, t.Any] = {"id": record_id, "title": title, "description": None}
    if organisation_wide:
        data["organisation_wide"] = True
    else:
        data["systems"] = list(dict.fromkeys(systems or []))
    data["source"] = source
    if objectives:
        data["objectives"] = objectives
    treatment: dict[str, t.Any] = {"option": option}
    if plan:
        treatment["plan"] = plan
    approved_by = row.convert("treatment_approved_by", "AIMS805", lambda raw: _role(resolver, raw, row))
    approved_on = row.convert("treatment_approved_on", "AIMS803", row.date)
    if approved_by and approved_on:
        treatment.update({"approved_by": approved_by, "approved_on": approved_on})
    if controls:
        treatment["controls"] = list(dict.fromkeys(controls))
    data.update({"owner": owner, "likelihood": likelihood, "impact": impact, "treatment": treatment})
    residual = (score("residual_likelihood", method.likelihood), score("residual_impact", method.impact))
    done = achieved(row, score("achieved_likelihood", method.likelihood), score("achieved_impact", method.impact),
                    all(value is not None for value in residual))
    if all(value is not None for value in residual):
        data["residual"] = {"likelihood": residual[0], "impact": residual[1], **({"achieved": done} if done else {})}
    elif any(value is not None for value in residual):
        missing = "residual_likelihood" if residual[0] is None else "residual_impact"
        if row.ok_to_report(missing):
            row.refuse(missing, "AIMS801", v.Refused("a residual score needs both likelihood and impact",
                                                     "fill in both residual columns, or neither"))
    acceptance = _acceptance(row, resolver, todo)
    if acceptance:
        data["acceptance"] = acceptance
        # the register records this acceptance: keep what it accepted, as 'aimskit approve' does
        acceptance["digest"] = approval.acceptance_digest(data)
    data.update({"status": status, "identified": identified, "next_review": next_review})
    data["description"] = _with_todo(description or "", todo)
    return NewRecord(kinds.RISK, record_id, _example(row, data), row.row.number, todo=["description"] if todo else [])


def _role(resolver: Resolver, raw: t.Any, row: Row) -> str:
    return resolver.role(v.text(raw) or "", row.row.number)


def _acceptance(row: Row, resolver: Resolver, todo: list[str]) -> dict[str, t.Any] | None:
    by = row.convert("accepted_by", "AIMS805", lambda raw: _role(resolver, raw, row))
    on = row.convert("accepted_on", "AIMS803", row.date)
    rationale = row.text("acceptance_rationale")
    if by is None and on is None:
        return None
    if by is None or on is None:
        row.refuse("accepted_by" if by is None else "accepted_on", "AIMS801",
                   v.Refused("an acceptance needs both who accepted and when", "fill in both, or neither"))
        return None
    if rationale is None:
        todo.append("give the rationale of the risk acceptance")
    return {"by": by, "date": on, "rationale": rationale or f"{TODO}: why the residual risk was accepted."}


def _system(row: Row, record_id: str, context: _Context) -> NewRecord | None:
    resolver, options = context.resolver, context.options
    todo: list[str] = []
    fields: list[str] = []
    name = row.required("name", row.text("name"), "name")
    owner = row.required("owner", row.convert("owner", "AIMS805", lambda raw: _role(resolver, raw, row)), "owner")

    def text_or_todo(field: str, note: str) -> str:
        value = row.text(field)
        if value is None:
            fields.append(field)
            return f"{TODO}: {note}."
        return value

    data: dict[str, t.Any] = {"id": record_id, "name": name}
    description = row.text("description")
    data["description"] = description
    data["purpose"] = text_or_todo("purpose", "what the system is for and the decision or task it supports")
    data["intended_use"] = text_or_todo("intended_use", "who uses it, how, and in which context")
    if row.text("foreseeable_misuse"):
        data["foreseeable_misuse"] = row.text("foreseeable_misuse")
    data["owner"] = owner
    stage = row.convert("lifecycle_stage", "AIMS802", lambda raw: v.choice(raw, v.LIFECYCLE, "life-cycle stage"))
    if stage is None and row.ok_to_report("lifecycle_stage"):
        stage = "operation"
        todo.append("confirm the life-cycle stage (aimskit import set operation)")
    provider = row.convert("provider", "AIMS806", lambda raw: resolver.provider(v.text(raw) or "", owner or "", row.row.number))
    if provider is None and row.ok_to_report("provider"):
        provider = "in-house"
        todo.append("confirm the provider (aimskit import set in-house)")
    data.update({"lifecycle_stage": stage, "provider": provider})
    role = row.convert("ai_role", "AIMS802", lambda raw: v.choice(raw, v.AI_ROLES, "AI role"))
    if role:
        data["ai_role"] = role
    in_scope = row.convert("in_scope", "AIMS802", lambda raw: v.boolean(raw, "in scope"))
    if in_scope is False:  # true is the default
        data["in_scope"] = in_scope
    if row.text("models"):
        data["models"] = v.items(row.raw("models"), commas=False)
    affected = v.items(row.raw("affected_parties"), commas=False)
    if not affected:
        fields.append("affected_parties")
    data["affected_parties"] = affected or [f"{TODO}: who is affected by the system."]
    data["human_oversight"] = text_or_todo("human_oversight", "how people oversee the system and can stop it")
    tier = row.convert("eu_ai_act_tier", "AIMS802", lambda raw: v.choice(raw, v.TIERS, "EU AI Act tier"))
    rationale = row.text("eu_ai_act_rationale")
    if tier is None and row.ok_to_report("eu_ai_act_tier"):
        tier, rationale = "not-applicable", None
        fields.append("eu_ai_act")
    data["eu_ai_act"] = {"tier": tier, "rationale": rationale or f"{TODO}: the article or annex the tier rests on."}
    next_review = row.convert("next_review", "AIMS803", row.date)
    data["next_review"] = next_review or months_later(options.today, context.months).isoformat()
    if todo:
        data["description"] = _with_todo(description or "", todo)
    if data["description"] is None:
        del data["description"]
    resolver.add_system(name or record_id, record_id)
    return NewRecord(kinds.SYSTEM, record_id, _example(row, data), row.row.number,
                     todo=[*fields, *(["description"] if todo else [])])


def _example(row: Row, data: dict[str, t.Any]) -> dict[str, t.Any]:
    """The record marked ``example: true`` (after its id) when the sheet says it is example content."""
    if row.convert("example", "AIMS802", lambda raw: v.boolean(raw, "example")) is not True:
        return data
    return {"id": data["id"], "example": True, **{k: value for k, value in data.items() if k != "id"}}


def _with_todo(text: str, todo: list[str]) -> str:
    notes = " ".join(f"{TODO}: {item}." for item in todo)
    return f"{text}\n\n{notes}".strip() if notes else text
