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
from aimskit.governance.authority import holds
from aimskit.governance.fields import items, text
from aimskit.governance.scoring import RiskMethod, parse_date
from aimskit.governance.starter import is_example
from aimskit.records import kinds
from aimskit.records.kinds import Kind
from aimskit.records.model import DirectorySource, Record, Repository

__all__ = ["Facts", "cites", "DATED_BY"]

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
    def open_risks(self) -> list[Record]:
        return [r for r in self.of(kinds.RISK) if text(r.data, "status") != "closed"]

    def is_current(self, record: Record) -> bool:
        """Effective and not past its ``next_review``."""
        return currency.is_current(record, self.today)

    def assessments_of(self, system_id: str | None) -> list[Record]:
        return [r for r in currency.assessments_of(self.repository, system_id) if self.counts(r)]

    def dated(self, record: Record) -> bool:
        """Effective, and its approval (or performance) date is given and not after today."""
        day = parse_date(record.data.get(DATED_BY.get(record.kind.name, "")))
        return currency.is_effective(record) and day is not None and day <= self.today

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
        """An http(s) link, or a path to a file or folder inside the repository."""
        if not isinstance(reference, str) or not reference.strip():
            return False
        if reference.startswith(("https://", "http://")):
            return True
        if reference.startswith("/") or ".." in reference.split("/"):
            return False
        source = self.repository.source
        if source is None or isinstance(source, DirectorySource):
            root = self.repository.root.resolve()
            target = (root / reference).resolve()
            return target.is_relative_to(root) and target.exists()
        try:
            source.read(reference)
        except (OSError, KeyError, ValueError):
            return bool(source.list(reference.rstrip("/") + "/*"))
        return True
