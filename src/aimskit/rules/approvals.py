"""Approval rules: an approved document is the text that was approved, dated and current.

Each approved policy, SoA and impact assessment keeps ``approval: {version, digest}``; each risk
acceptance keeps ``acceptance.digest``. See ``aimskit.governance.approval`` for what the digest
covers and why.
"""

from __future__ import annotations

import datetime as dt
import typing as t

from aimskit.governance import approval as approvals
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record
from aimskit.rules._common import at, at_key
from aimskit.rules.registry import Options, record_rule


def _name(record: Record) -> str:
    return record.id or ("the SoA" if record.kind is kinds.SOA else record.path)


def _approve_command(record: Record) -> str:
    return f"aimskit approve {record.id or record.kind.name}"


def _approved(record: Record) -> dict[str, t.Any] | None:
    """The record's data when it is approved."""
    data = record.data
    return data if isinstance(data, dict) and data.get("status") == "approved" else None


@record_rule(*approvals.APPROVED_KINDS)
def approval_recorded(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS701: an approved policy, SoA or impact assessment records what was approved (version and digest)."""
    data = _approved(record)
    if data is not None and approvals.recorded_approval(data) is None:
        yield at_key(record, (), "status", "AIMS701",
                     f"{_name(record)} is approved but does not record what was approved",
                     f"run '{_approve_command(record)}' in the pull request the approver approves, "
                     "or set status: draft")


@record_rule(*approvals.APPROVED_KINDS)
def approved_text_unchanged(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS702: the content of an approved document is the content that was approved; AIMS703: its
    version is the approved version."""
    data = _approved(record)
    approval = approvals.recorded_approval(data) if data is not None else None
    if data is None or approval is None:
        return
    approved_version = str(approval.get("version"))
    if approved_version != str(data.get("version")):
        yield at(record, ("version",), "AIMS703",
                 f"{_name(record)} says version {data.get('version')}, but version {approved_version} "
                 "is the one approved",
                 f"set status: draft until version {data.get('version')} is approved, then run "
                 f"'{_approve_command(record)}'")
    elif approval.get("digest") != approvals.record_digest(record):
        yield at_key(record, (), "approval", "AIMS702",
                     f"{_name(record)} changed since version {approved_version} was approved",
                     "set status: draft with a new version until it is approved again, or have the "
                     f"approver approve this text and run '{_approve_command(record)}'")


@record_rule(*approvals.APPROVED_KINDS)
def approval_dated(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS704: an approved document says when it was approved; AIMS705: not in the future."""
    data = _approved(record)
    if data is None:
        return
    approved_on = data.get("approved_on")
    if not approved_on:
        yield at_key(record, (), "status", "AIMS704", f"{_name(record)} is approved but has no approved_on date",
                     "add approved_on: YYYY-MM-DD (the day the approver approved it), or run "
                     f"'{_approve_command(record)}'")
        return
    day = _date(approved_on)
    if day is not None and day > options.today:
        yield at(record, ("approved_on",), "AIMS705",
                 f"{_name(record)} approved_on {approved_on} is in the future",
                 "an approval is dated the day it was given; use today's date or earlier")


@record_rule(kinds.RISK)
def acceptance_unchanged(risk: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS706: a risk acceptance covers the residual scores, rationale and role it was given for."""
    acceptance = risk.data.get("acceptance") if isinstance(risk.data, dict) else None
    if not isinstance(acceptance, dict):
        return
    recorded = acceptance.get("digest")
    by = acceptance.get("by")
    command = f"aimskit approve {risk.id or risk.stem}"
    if not recorded:
        yield at_key(risk, ("acceptance",), "by", "AIMS706",
                     f"{_name(risk)}'s acceptance by '{by}' does not record what was accepted",
                     f"once '{by}' has accepted this residual risk, run '{command}'")
    elif recorded != approvals.acceptance_digest(risk.data):
        yield at_key(risk, ("acceptance",), "digest", "AIMS706",
                     f"{_name(risk)}'s residual score, rationale or accepting role changed since "
                     f"'{by}' accepted it on {acceptance.get('date')}",
                     f"have '{by}' accept the risk as it now stands and run '{command}', or restore "
                     "what was accepted")
    else:
        day = _date(acceptance.get("date"))
        if day is not None and day > options.today:
            yield at(risk, ("acceptance", "date"), "AIMS705",
                     f"{_name(risk)} acceptance date {acceptance.get('date')} is in the future",
                     "an acceptance is dated the day it was given; use today's date or earlier")


def _date(value: t.Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None
