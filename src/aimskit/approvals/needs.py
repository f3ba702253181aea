"""Which roles must approve a change, decided from the records at its base and its head.

The base decides who holds a role and who the governance lead is: a change cannot name its own
approvers. A role is needed for:

- a policy, SoA or impact assessment that is or becomes approved and whose content, version or
  status changes: its approver (at head, and at base when that differs);
- a risk acceptance given or changed, or a change to a risk that was accepted: the accepting role;
- a control newly excluded in the SoA: the SoA's approver;
- any other field of an approved document (its next review date): its approver;
- the risk method or appetite, and an open risk's residual rising above the appetite: the roles
  holding the acceptance authority (and the governance lead for the method);
- a record's owner, and the removal of a record another record references: the governance lead;
- a change to a role's holders or authorities, and to process and control files (CODEOWNERS, CI,
  requirements, pre-commit, schemas, the site's configuration, pages, theme, scripts and
  stylesheets, ``.gitattributes``, the template answers, any setting of ``aims.yml``): the
  governance lead.
"""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.approvals.process_files import (
    GENERATED_PAGES,
    PROCESS_FILES,
    OtherFile,
    other_files,
    process_kind,
    record_paths,
)
from aimskit.governance import approval, authority, scoring
from aimskit.governance.fields import mappings
from aimskit.governance.starter import strings_in
from aimskit.records import kinds
from aimskit.records.model import Record, Repository

#: Keys of ``aims.yml`` (a record, compared as data: a reformatting is no change) listed first in
#: the reasons; a change to any key of it needs the governance lead.
MANIFEST_PROCESS_KEYS = ("risk_method", "scope", "governance_lead")

__all__ = ["GENERATED_PAGES", "MANIFEST_PROCESS_KEYS", "PROCESS_FILES", "NamedApproval", "Need", "OtherFile",
           "acceptance_authority", "governance_lead", "holders", "named_approvals", "other_files", "process_kind",
           "record_paths", "required_approvals"]


@dataclasses.dataclass
class Need:
    """A role whose current holder (other than the author) must approve, and why."""

    role: str
    reasons: list[str] = dataclasses.field(default_factory=list)


def governance_lead(repository: Repository) -> str | None:
    lead = repository.manifest.get("governance_lead")
    return lead if isinstance(lead, str) else None


def holders(repository: Repository, role: str) -> list[dict[str, str]]:
    """The holders (name, handle) of ``role`` in ``repository``."""
    record = repository.roles.get(role)
    found = record.data.get("holders") if record is not None else None
    return [h for h in found if isinstance(h, dict) and isinstance(h.get("handle"), str)] \
        if isinstance(found, list) else []


def required_approvals(base: Repository, head: Repository, process_paths: t.Iterable[str] = ()) -> list[Need]:
    """The roles that must approve the change from ``base`` to ``head``, each with its reasons."""
    needs: dict[str, Need] = {}

    def need(role: t.Any, reason: str) -> None:
        key = role if isinstance(role, str) and role else "(no role named)"
        entry = needs.setdefault(key, Need(key))
        if reason not in entry.reasons:
            entry.reasons.append(reason)

    lead = governance_lead(base) or governance_lead(head)
    for old, new in _pairs(base, head, approval.APPROVED_KINDS):
        _document(old, new, need)
        _review_dates(old, new, need)
    for old, new in _pairs(base, head, (kinds.RISK,)):
        _acceptance(old, new, need)
    _exclusions(base.single(kinds.SOA), head.single(kinds.SOA), need)
    for old, new in _pairs(base, head, (kinds.ROLE,)):
        for key in ("holders", "authorities"):
            if _get(old, key) != _get(new, key):
                need(lead, f"role {_name(new or old)}: {key} changed")
    old_manifest, new_manifest = base.manifest, head.manifest
    others = sorted(set(old_manifest) | set(new_manifest), key=str)
    for key in [*MANIFEST_PROCESS_KEYS, *(k for k in others if k not in MANIFEST_PROCESS_KEYS)]:
        if old_manifest.get(key) != new_manifest.get(key):
            need(lead, f"aims.yml {key} changed")
    for path in process_paths:
        need(lead, f"{process_kind(path) or 'process file'} {path} changed")
    authority = acceptance_authority(base, lead)
    if old_manifest.get("risk_method") != new_manifest.get("risk_method"):
        for role in authority:
            need(role, "aims.yml risk_method changed")
    for reason in _crossings(base, head):
        for role in authority:
            need(role, reason)
    for old, new in _pairs(base, head, kinds.ALL):
        if old is not None and new is not None and _get(old, "owner") != _get(new, "owner"):
            need(lead, f"owner of {_name(new)} changed: {_get(old, 'owner')} → {_get(new, 'owner')}")
    for reason in _removed_references(base, head):
        need(lead, reason)
    return sorted(needs.values(), key=lambda n: n.role)


def acceptance_authority(repository: Repository, lead: str | None) -> list[str]:
    """The roles holding the risk method's acceptance authority (the governance lead only when no
    other role holds it), as ``repository`` has them; the lead when none does."""
    wanted = scoring.RiskMethod.from_manifest(repository.manifest).acceptance_authority
    found = sorted(r.id for r in repository.of(kinds.ROLE) if r.id and authority.holds(r, wanted))
    others = [role for role in found if role != lead]
    return others or found or ([lead] if lead else [])


def _crossings(base: Repository, head: Repository) -> t.Iterator[str]:
    """A reason for each open risk whose residual score rises above the appetite (with the risk
    method at each side): a risk above the appetite needs the acceptance authority."""
    old_method = scoring.RiskMethod.from_manifest(base.manifest)
    new_method = scoring.RiskMethod.from_manifest(head.manifest)
    before = {_key(r): r for r in base.of(kinds.RISK)}
    same_method = base.manifest.get("risk_method") == head.manifest.get("risk_method")
    for record in head.of(kinds.RISK):
        previous = before.get(_key(record))
        if (previous is record and same_method) or _get(record, "status") == "closed":
            continue
        score = scoring.residual_score(record.data) if isinstance(record.data, dict) else None
        if new_method.appetite <= 0 or not new_method.above_appetite(score):
            continue
        old_score = scoring.residual_score(previous.data) if previous is not None and isinstance(previous.data, dict) \
            else None
        if previous is None or not old_method.above_appetite(old_score) or old_method.appetite != new_method.appetite:
            yield (f"residual of {_name(record)} {'' if old_score in (None, score) else f'{old_score} → '}{score}, "
                   f"above the appetite ({new_method.appetite})")


def _removed_references(base: Repository, head: Repository) -> t.Iterator[str]:
    """A reason for each record removed by the change that another record referenced at the base."""
    at_head = {r.id for kind in kinds.ALL for r in head.of(kind) if r.id}
    removed = {r.id for kind in kinds.ALL for r in base.of(kind) if r.id and r.id not in at_head}
    if not removed:
        return
    referenced: dict[str, list[str]] = {}
    for kind in kinds.ALL:
        for record in base.of(kind):
            if record.id in removed:
                continue
            for value in strings_in(record.data):
                if value in removed and _name(record) not in referenced.setdefault(value, []):
                    referenced[value].append(_name(record))
    for record_id in sorted(referenced):
        users = referenced[record_id]
        more = f" and {len(users) - 3} more" if len(users) > 3 else ""
        yield f"removal of {record_id}, which {', '.join(users[:3])}{more} referenced"



def _pairs(base: Repository, head: Repository, of: tuple) -> t.Iterator[tuple[Record | None, Record | None]]:
    """Each record of the kinds ``of`` at base and at head, matched by id; a record both sides
    share (its file did not change) is left out."""
    for kind in of:
        before = {_key(r): r for r in base.of(kind)}
        after = {_key(r): r for r in head.of(kind)}
        for key in sorted(set(before) | set(after)):
            if before.get(key) is not after.get(key):
                yield before.get(key), after.get(key)


def _key(record: Record) -> str:
    return record.id or record.path


def _get(record: Record | None, key: str) -> t.Any:
    return record.data.get(key) if record is not None and isinstance(record.data, dict) else None


def _name(record: Record | None) -> str:
    if record is None:
        return "(none)"
    return "the SoA" if record.kind is kinds.SOA else (record.id or record.path)


def _document(old: Record | None, new: Record | None, need: t.Callable[[t.Any, str], None]) -> None:
    approved = [r for r in (old, new) if r is not None and _get(r, "status") == "approved"]
    if not approved:
        return
    if old is not None and new is not None and approval.record_digest(old) == approval.record_digest(new) \
            and all(_get(old, k) == _get(new, k) for k in ("status", "version", "approved_on", "approval")):
        return
    record = new or old
    if new is None:
        what = f"removal of approved {_name(old)}"
    elif _get(new, "status") == "approved" and (old is None or _get(old, "approval") != _get(new, "approval")):
        what = f"approval of {_name(new)} version {_get(new, 'version')}"
    else:
        what = f"change to approved {_name(record)} version {_get(old, 'version')}"
    for side in (new, old):
        if side is not None:
            need(_get(side, "approver"), what)


#: Bookkeeping of an approval; a change to any other field of an approved record needs its approver.
_APPROVAL_FIELDS = ("status", "version", "approved_on", "approval")


def _review_dates(old: Record | None, new: Record | None, need: t.Callable[[t.Any, str], None]) -> None:
    """A field outside the governed content (the next review date) changed on an approved record."""
    if old is None or new is None or _get(old, "status") != "approved" or not isinstance(old.data, dict) \
            or not isinstance(new.data, dict):
        return
    if approval.record_digest(old) != approval.record_digest(new) \
            or any(_get(old, k) != _get(new, k) for k in _APPROVAL_FIELDS):
        return  # a change to the content or the approval: _document names the approver
    changed = sorted(k for k in set(old.data) | set(new.data) if old.data.get(k) != new.data.get(k))
    for key in changed:
        for side in (new, old):
            need(_get(side, "approver"), f"{key} of approved {_name(new)} changed: {_get(old, key)} → {_get(new, key)}")


def _acceptance(old: Record | None, new: Record | None, need: t.Callable[[t.Any, str], None]) -> None:
    before, after = _get(old, "acceptance"), _get(new, "acceptance")
    if not isinstance(before, dict) and not isinstance(after, dict):
        return
    old_digest = approval.acceptance_digest(old.data) if old is not None else None
    new_digest = approval.acceptance_digest(new.data) if new is not None else None
    record = new or old
    if old_digest != new_digest or before != after:
        reason = f"acceptance of {_name(record)}"
    elif old is not None and new is not None and old.data != new.data:
        reason = f"change to accepted {_name(record)}"
    else:
        return
    for side in (after, before):
        if isinstance(side, dict):
            need(side.get("by"), reason)


def _exclusions(old: Record | None, new: Record | None, need: t.Callable[[t.Any, str], None]) -> None:
    if new is None:
        return
    before = {e.get("control"): e for e in mappings(old.data if old else None, "controls")}
    for entry in mappings(new.data, "controls"):
        if isinstance(entry, dict) and entry.get("applicable") is False \
                and (before.get(entry.get("control")) or {}).get("applicable") is not False:
            need(_get(new, "approver"), f"SoA exclusion of {entry.get('control')}")


@dataclasses.dataclass(frozen=True)
class NamedApproval:
    """An approval a record names (``approval.approved_by``), recorded by this change."""

    record: str
    version: str
    handle: str
    role: str


def named_approvals(base: Repository, head: Repository) -> list[NamedApproval]:
    """Approvals whose ``approved_by`` this change records: the gate checks that person approved."""
    found = []
    for old, new in _pairs(base, head, approval.APPROVED_KINDS):
        after = approval.recorded_approval(new.data) if new is not None else None
        if after is None or after == approval.recorded_approval(old.data if old is not None else None):
            continue
        by = after.get("approved_by")
        if isinstance(by, dict) and isinstance(by.get("handle"), str):
            found.append(NamedApproval(_name(new), str(after.get("version")), by["handle"],
                                       str(by.get("role") or _get(new, "approver"))))
    return found
