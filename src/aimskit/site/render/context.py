"""What every page renderer gets: the repository, today's date and the data passed in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing as t

from aimskit.governance.scoring import RiskMethod
from aimskit.records import kinds
from aimskit.records.model import Record, Repository
from aimskit.site.render.links import Linker


@dataclasses.dataclass
class RenderContext:
    """The inputs of one render: records plus readiness and git history gathered beforehand.

    ``histories`` maps a record path to its revisions (``None``: history unavailable);
    ``approvals`` maps a record path to its approval rows; ``versions`` maps a policy's path to its
    versions from git (:class:`aimskit.git.versions.Version`, oldest first).
    """

    repository: Repository
    today: dt.date
    readiness: t.Any = None
    histories: t.Mapping[str, t.Any] = dataclasses.field(default_factory=dict)
    approvals: t.Mapping[str, list[dict[str, t.Any]]] = dataclasses.field(default_factory=dict)
    versions: t.Mapping[str, t.Sequence[t.Any]] = dataclasses.field(default_factory=dict)
    _shown: dict[kinds.Kind, list[Record]] = dataclasses.field(default_factory=dict, init=False, repr=False)

    @functools.cached_property
    def method(self) -> RiskMethod:
        return RiskMethod.from_manifest(self.repository.manifest)

    @functools.cached_property
    def ids(self) -> frozenset[str]:
        """Ids of the records shown on the site (hidden drafts left out, so no link points at them)."""
        shown = (r.id for kind in kinds.ALL if kind.prefix for r in self.of(kind))
        return frozenset(i for i in shown if i is not None)

    def linker(self, page: str) -> Linker:
        return Linker(page, self.ids, self.repository.roles, self.governance_lead)

    @property
    def governance_lead(self) -> str | None:
        """The role id of the governance lead (aims.yml ``governance_lead``), when it is a role."""
        lead = self.repository.manifest.get("governance_lead")
        return lead if isinstance(lead, str) and lead in self.repository.roles else None

    def of(self, kind: kinds.Kind) -> list[Record]:
        """Records of a kind that are shown on the site, ordered by id (a fresh list each call)."""
        if kind not in self._shown:
            records = [r for r in self.repository.of(kind) if isinstance(r.data, dict)]
            if not self.show_drafts:
                records = [r for r in records if r.data.get("status") != "draft"]
            self._shown[kind] = sorted(records, key=lambda r: _id_order(r.id or r.stem))
        return list(self._shown[kind])

    @functools.cached_property
    def system_names(self) -> dict[str, t.Any]:
        """The name of each shown AI system by id."""
        return {str(r.id): r.data.get("name") for r in self.of(kinds.SYSTEM) if r.id}

    @property
    def show_drafts(self) -> bool:
        site = self.repository.manifest.get("site") or {}
        return site.get("show_drafts", True) is not False

    @property
    def organisation(self) -> str:
        return str((self.repository.manifest.get("organisation") or {}).get("name") or "")

    @property
    def site_title(self) -> str:
        site = self.repository.manifest.get("site") or {}
        title = site.get("title") if isinstance(site, dict) else None
        return str(title or f"{self.organisation} AI management system".strip())

    @functools.cached_property
    def last_scan(self) -> t.Any:
        """The last ``aimskit scan`` result of the repository (:class:`aimskit.scan.results.LastScan`),
        None when there is none, or a string saying why it cannot be used."""
        from aimskit.records.model import DirectorySource
        from aimskit.scan.results import read_last

        if self.repository.source is not None and not isinstance(self.repository.source, DirectorySource):
            return None
        return read_last(self.repository.root)

    def frameworks(self, name: str) -> bool:
        return bool((self.repository.manifest.get("frameworks") or {}).get(name, False))

    def risks_of_system(self) -> dict[str, list[Record]]:
        return self._by_list_field(kinds.RISK, "systems")

    def assessments_of_system(self) -> dict[str, list[Record]]:
        return self._by_list_field(kinds.IMPACT_ASSESSMENT, "systems")

    def _by_list_field(self, kind: kinds.Kind, field: str) -> dict[str, list[Record]]:
        found: dict[str, list[Record]] = {}
        for record in self.of(kind):
            for value in record.data.get(field) or []:
                found.setdefault(str(value), []).append(record)
        return found


def _id_order(record_id: str) -> tuple[str, int, str]:
    prefix, _, number = record_id.rpartition("-")
    return (prefix, int(number), "") if number.isdigit() else (record_id, 0, record_id)
