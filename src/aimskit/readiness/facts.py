"""What the readiness checks look up, derived once from a loaded repository.

Records may have failed their schema; every accessor here tolerates missing or mistyped fields so
that a report can still be drawn up for a repository with findings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing as t

from aimskit.governance.scoring import RiskMethod, is_overdue
from aimskit.records import kinds
from aimskit.records.kinds import Kind
from aimskit.records.model import Record, Repository

# When a record counts as "in force" rather than a template or a plan.
EFFECTIVE_STATUS: dict[str, tuple[str, ...]] = {
    kinds.POLICY.name: ("approved",),
    kinds.IMPACT_ASSESSMENT.name: ("approved",),
    kinds.SOA.name: ("approved",),
    kinds.AUDIT.name: ("completed",),
    kinds.MANAGEMENT_REVIEW.name: ("held",),
}
WITHDRAWN_STATUS = ("retired",)


def text(data: t.Any, key: str) -> str:
    """``data[key]`` when it is a non-blank string, else ``""``."""
    value = data.get(key) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) else ""


def items(data: t.Any, key: str) -> list[t.Any]:
    """``data[key]`` when it is a list, else ``[]``."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def mapping(data: t.Any, key: str) -> dict[str, t.Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def is_effective(record: Record) -> bool:
    """Approved documents, completed audits, held reviews; other kinds count as they stand."""
    wanted = EFFECTIVE_STATUS.get(record.kind.name)
    if wanted is None:
        return text(record.data, "status") not in WITHDRAWN_STATUS
    return text(record.data, "status") in wanted


def cites(record: Record, clauses: t.Iterable[str] = (), controls: t.Iterable[str] = ()) -> bool:
    """Whether the record's ``clauses`` / ``controls`` name one of the given ids."""
    return bool(set(map(str, items(record.data, "clauses"))) & set(clauses)
                or set(map(str, items(record.data, "controls"))) & set(controls))


@dataclasses.dataclass
class Facts:
    """The repository plus the lookups the readiness checks share."""

    repository: Repository
    today: dt.date

    def of(self, kind: Kind) -> list[Record]:
        return [r for r in self.repository.of(kind) if isinstance(r.data, dict)]

    @property
    def manifest(self) -> dict[str, t.Any]:
        return self.repository.manifest

    @functools.cached_property
    def method(self) -> RiskMethod:
        return RiskMethod.from_manifest(self.manifest)

    @functools.cached_property
    def soa(self) -> Record | None:
        record = self.repository.single(kinds.SOA)
        return record if record is not None and isinstance(record.data, dict) else None

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
        return [r for r in self.of(kinds.SYSTEM) if text(r.data, "lifecycle_stage") != "retired"]

    @functools.cached_property
    def in_scope_systems(self) -> list[Record]:
        """Live systems inside the AIMS scope (``in_scope`` not false; listed in aims.yml when it lists any)."""
        listed = set(map(str, items(mapping(self.manifest, "scope"), "in_scope_systems")))
        return [r for r in self.systems
                if r.data.get("in_scope") is not False and (not listed or r.id in listed)]

    @functools.cached_property
    def open_risks(self) -> list[Record]:
        return [r for r in self.of(kinds.RISK) if text(r.data, "status") != "closed"]

    def is_current(self, record: Record) -> bool:
        """Effective and not past its ``next_review``."""
        return is_effective(record) and not is_overdue(record.data.get("next_review"), self.today)

    def assessments_of(self, system_id: str | None) -> list[Record]:
        return [r for r in self.of(kinds.IMPACT_ASSESSMENT)
                if system_id in items(r.data, "systems") and text(r.data, "status") not in WITHDRAWN_STATUS]
