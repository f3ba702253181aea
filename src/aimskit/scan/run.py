"""A whole scan: each root scanned, then (with an inventory) checked against it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from aimskit.records.findings import Finding, sort_findings
from aimskit.records.model import Repository
from aimskit.scan import identity
from aimskit.scan.catalogue import Catalogue, shipped
from aimskit.scan.check import Shown, check_declared, check_root, joined
from aimskit.scan.inventory import DeclaredSystem, declared_systems
from aimskit.scan.scanner import RootScanner
from aimskit.scan.uses import RootScan, Use
from aimskit.scan.walk import Limits

#: The codes that mean "AI use the inventory does not declare" (what makes the inventory incomplete).
UNDECLARED = frozenset({"AIMS850", "AIMS851", "AIMS852", "AIMS853"})


@dataclasses.dataclass
class Outcome:
    """What one scan found and what the inventory check made of it."""

    scans: list[RootScan]
    findings: list[Finding]
    scanned_at: str  # ISO 8601, UTC, to the second
    systems: list[DeclaredSystem] | None  # None when no inventory was checked
    subjects: dict[Finding, Use] = dataclasses.field(default_factory=dict)  # the use each check finding is about
    baseline: frozenset[tuple[str, str, str]] | None = None  # components found before the change (--baseline)

    def is_new(self, finding: Finding) -> bool | None:
        """Whether the change adds the component ``finding`` is about; None when that is not known."""
        use = self.subjects.get(finding)
        return None if use is None or self.baseline is None else use.key not in self.baseline

    @property
    def undeclared(self) -> list[Finding]:
        return [f for f in self.findings if f.code in UNDECLARED]


def catalogue_for(repository: Repository | None) -> Catalogue:
    """The shipped catalogue plus the organisation's additions in aims.yml."""
    base = shipped()
    return base.with_additions(repository.manifest.get("scan")) if repository is not None else base


def scan(roots: list[tuple[Path, str]], repository: Repository | None, shown: Shown, given_identity: str | None = None,
         limits: Limits = Limits(), now: dt.datetime | None = None,
         baseline: frozenset[tuple[str, str, str]] | None = None) -> Outcome:
    """Scan each (folder, as shown) root; with ``repository``, check the uses against its inventory."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    scanner = RootScanner(catalogue_for(repository), limits)
    scans = []
    findings: list[Finding] = []
    for folder, display in roots:
        result = scanner.scan(folder, display, identity.identify(folder, given_identity))
        scans.append(result)
        findings += [problem._replace(path=joined(display, problem.path)) for problem in result.problems]
    systems = None
    subjects: dict[Finding, Use] = {}
    if repository is not None:
        systems = declared_systems(repository)
        for result in scans:
            findings += check_root(result, systems, shown, subjects)
        findings += check_declared(scans, systems, shown)
    return Outcome(scans, sort_findings(findings), stamp.isoformat().replace("+00:00", "Z"), systems, subjects, baseline)


def shown_from(aims_root: Path, cwd: Path | None = None) -> Shown:
    """Record paths as the user reaches them from the current folder (``../aims/systems/SYS-001.yaml``)."""
    base = os.path.relpath(aims_root, cwd or Path.cwd())

    def shown(path: str) -> str:
        return path if base == "." else f"{Path(base).as_posix()}/{path}"
    return shown
