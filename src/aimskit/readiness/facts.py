"""What the readiness checks look up, derived once from a loaded repository.

Records may have failed their schema; every accessor here tolerates missing or mistyped fields so
that a report can still be drawn up for a repository with findings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing as t

from aimskit.governance import currency, scope
from aimskit.governance.fields import items, text
from aimskit.governance.scoring import RiskMethod
from aimskit.records import kinds
from aimskit.records.kinds import Kind
from aimskit.records.model import Record, Repository


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
        return currency.assessments_of(self.repository, system_id)
