"""What the readiness checks look up, derived once from a loaded repository.

Records may have failed their schema; every accessor here tolerates missing or mistyped fields so
that a report can still be drawn up for a repository with findings. Example records
(``example: true``) are invisible unless ``with_examples`` is set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing as t

from aimskit.governance import currency, scope
from aimskit.governance.approval import approval_is_current, recorded_approval
from aimskit.governance.authority import APPROVAL_AUTHORITY, holds
from aimskit.governance.fields import items, text
from aimskit.governance.placeholders import counted_holders
from aimskit.governance.scoring import RiskMethod, parse_date
from aimskit.governance.starter import is_example
from aimskit.records import kinds
from aimskit.records.kinds import Kind
from aimskit.records.model import DirectorySource, Record, Repository

__all__ = ["Facts", "cites", "DATED_BY", "ROOT_FILES"]

#: Files at the repository's root that say what the repository is, not that anything was done.
ROOT_FILES = frozenset({"readme", "readme.md", "readme.txt", "readme.rst", "aims.yml", "mkdocs.yml",
                        "requirements.txt", "requirements.in", "license", ".gitignore"})

#: The date field that says when an approval, an audit or a review happened.
DATED_BY: dict[str, str] = {
    kinds.POLICY.name: "approved_on",
    kinds.SOA.name: "approved_on",
    kinds.IMPACT_ASSESSMENT.name: "assessed",
    kinds.AUDIT.name: "performed",
    kinds.MANAGEMENT_REVIEW.name: "date",
}


def cites(record: Record, clauses: t.Iterable[str] = (), controls: t.Iterable[str] = ()) -> bool:
    """Whether the record's ``clauses`` / ``controls`` name one of the given ids."""
    return bool(set(map(str, items(record.data, "clauses"))) & set(clauses)
                or set(map(str, items(record.data, "controls"))) & set(controls))


@dataclasses.dataclass
class Facts:
    """The repository plus the lookups the readiness checks share.

    Example records (``example: true``) are invisible unless ``with_examples`` is set: the
    readiness of the organisation's own records never rests on them.
    """

    repository: Repository
    today: dt.date
    with_examples: bool = False
    _approvals: dict[int, str | None] = dataclasses.field(default_factory=dict, init=False, repr=False)

    def of(self, kind: Kind) -> list[Record]:
        return [r for r in self.repository.of(kind) if isinstance(r.data, dict) and self.counts(r)]

    def counts(self, record: Record) -> bool:
        """Whether the record may serve as evidence here (examples only when ``with_examples``)."""
        return self.with_examples or not is_example(record)

    def record(self, record_id: str) -> Record | None:
        """The record with this id, when it counts here."""
        found = self.repository.index.get(record_id)
        return found if found is not None and self.counts(found) else None

    @property
    def manifest(self) -> dict[str, t.Any]:
        return self.repository.manifest

    @functools.cached_property
    def method(self) -> RiskMethod:
        return RiskMethod.from_manifest(self.manifest)

    @functools.cached_property
    def soa(self) -> Record | None:
        found = self.of(kinds.SOA)
        return found[0] if found else None

    @functools.cached_property
    def soa_entries(self) -> dict[str, dict[str, t.Any]]:
        """SoA entries by control id (first entry wins)."""
        entries: dict[str, dict[str, t.Any]] = {}
        for entry in items(self.soa.data if self.soa else None, "controls"):
            if isinstance(entry, dict) and isinstance(entry.get("control"), str):
                entries.setdefault(entry["control"], entry)
        return entries

    def excluded(self, control: str) -> bool:
        return self.soa_entries.get(control, {}).get("applicable") is False

    @functools.cached_property
    def systems(self) -> list[Record]:
        """Systems in the inventory that are not retired."""
        return [r for r in self.of(kinds.SYSTEM) if scope.is_live(r)]

    @functools.cached_property
    def in_scope_systems(self) -> list[Record]:
        """Live systems inside the AIMS scope (see :func:`aimskit.governance.scope.in_scope`)."""
        return [r for r in self.of(kinds.SYSTEM) if scope.in_scope(r, self.repository)]

    @functools.cached_property
    def systems_needing_assessment(self) -> list[Record]:
        """Live systems that are in scope or high-risk (the ones AIMS409 and the dashboard look at)."""
        return [r for r in self.of(kinds.SYSTEM) if scope.needs_impact_assessment(r, self.repository)]

    @functools.cached_property
    def risks(self) -> list[Record]:
        """Every risk of the register (examples aside)."""
        return self.of(kinds.RISK)

    def owned(self, record: Record) -> bool:
        """A record that counts for its owner: the owner role has a holder who names a person."""
        return self.has_holder(record.data.get("owner"))

    @functools.cached_property
    def open_risks(self) -> list[Record]:
        return [r for r in self.risks if text(r.data, "status") != "closed"]

    def is_current(self, record: Record) -> bool:
        """Effective and not past its ``next_review``."""
        return currency.is_current(record, self.today)

    def assessments_of(self, system_id: str | None) -> list[Record]:
        return [r for r in currency.assessments_of(self.repository, system_id) if self.counts(r)]

    def on_or_before_today(self, value: t.Any) -> bool:
        day = parse_date(value)
        return day is not None and day <= self.today

    def holds(self, role_id: t.Any, *authorities: str) -> bool:
        """Whether the role exists and holds one of ``authorities``."""
        role = self.repository.roles.get(role_id) if isinstance(role_id, str) else None
        return any(holds(role, authority) for authority in authorities)

    def holds_role(self, role_id: t.Any) -> bool:
        return isinstance(role_id, str) and role_id in self.repository.roles

    def evidence_exists(self, reference: t.Any) -> bool:
        """Whether ``reference`` counts as evidence (see :meth:`evidence_problem`)."""
        return self.evidence_problem(reference) is None

    def evidence_problem(self, reference: t.Any) -> str | None:
        """Why ``reference`` is not evidence, or None when it is: a path to a file or folder inside the
        repository (not its root, not a root file such as README.md), or an external reference with a url,
        a description and a date not after the day assessed. A bare link is only claimed."""
        if isinstance(reference, dict):
            if not text(reference, "url") or not text(reference, "description"):
                return "an external reference needs a url and a description"
            if not self.on_or_before_today(reference.get("date")):
                return "an external reference needs the date it was taken (not after the day assessed)"
            return None
        if not isinstance(reference, str) or not reference.strip():
            return "no evidence given"
        if reference.startswith(("https://", "http://")):
            return f"'{reference}' is only claimed: give a description and a date with the link"
        normal = reference.strip().strip("/")
        if reference.startswith("/") or ".." in normal.split("/"):
            return f"'{reference}' is outside the repository"
        if normal in ("", ".") or normal.lower() in ROOT_FILES:
            return f"'{reference}' is the repository itself, not a record of what was done"
        return None if self._exists(normal) else f"'{reference}' does not exist in the repository"

    def _exists(self, reference: str) -> bool:
        source = self.repository.source
        if source is None or isinstance(source, DirectorySource):
            root = self.repository.root.resolve()
            target = (root / reference).resolve()
            return target.is_relative_to(root) and target != root and target.exists()
        try:
            source.read(reference)
        except (OSError, KeyError, ValueError):
            return bool(source.list(reference.rstrip("/") + "/*"))
        return True

    @functools.cached_property
    def cycle(self) -> int:
        """The review cycle of aims.yml, in months."""
        return currency.cycle_months(self.manifest)

    def held_in_cycle(self, record: Record) -> bool:
        """An audit, review or assessment that is in force and was held within its cycle."""
        return currency.is_effective(record) and currency.within_cycle(
            record, record.data.get(DATED_BY.get(record.kind.name, "")), self.today, self.cycle)

    def why_out_of_cycle(self, record: Record) -> str:
        if not currency.is_effective(record):
            return currency.why_not_current(record, self.today)
        return currency.why_out_of_cycle(record, record.data.get(DATED_BY.get(record.kind.name, "")),
                                         self.today, self.cycle)

    def has_holder(self, role_id: t.Any) -> bool:
        """Whether the role exists and has a holder who names a person (not a placeholder or the
        template's default lead)."""
        role = self.repository.roles.get(role_id) if isinstance(role_id, str) else None
        return role is not None and bool(counted_holders(items(role.data, "holders")))

    def approval_problem(self, record: Record) -> str | None:
        """Why the record's approval does not count, or None when it does: approved and in force, dated not
        after the day assessed, the recorded digest matching its text, and approved by a role that holds the
        authority for its kind and has a holder who names a person."""
        key = id(record)
        if key not in self._approvals:
            self._approvals[key] = self._approval_problem(record)
        return self._approvals[key]

    def _approval_problem(self, record: Record) -> str | None:
        data = record.data
        role = data.get("approver")
        if not currency.is_effective(record):
            return f"status {text(data, 'status') or 'missing'}"
        if not self.on_or_before_today(data.get("approved_on")):
            return "no approval date (approved_on) on or before the day assessed"
        if recorded_approval(data) is None:
            return "no recorded approval (run aimskit approve)"
        if not approval_is_current(record):
            return "edited since it was approved (the approval's digest does not match the text)"
        authority = APPROVAL_AUTHORITY.get(record.kind.name)
        if authority and not self.holds(role, authority):
            return f"approver '{role}' does not hold {authority}"
        if not self.has_holder(role):
            return f"approver role '{role}' has no holder who names a person"
        return None

    def approved(self, record: Record) -> bool:
        return self.approval_problem(record) is None
