"""Whether the AI system inventory is complete against the code, as far as the last scan shows."""

from __future__ import annotations

import dataclasses

from aimskit.readiness.outcome import MET, MISSING, PARTIAL
from aimskit.records.model import DirectorySource, Repository
from aimskit.scan import identity
from aimskit.scan.inventory import repositories
from aimskit.scan.results import RESULT_PATH, LastScan, read_last

MET_WHEN = ("the last scan result (.aimskit/scan.json, written by `aimskit scan --result`) found no AI use that "
            "the inventory does not declare (AIMS850-AIMS853) and covered every repository the systems name in "
            "`code:`; the result is taken as recorded, with its date")


@dataclasses.dataclass(frozen=True)
class InventoryScan:
    """The inventory against the code: ``status`` (met, partial, missing), a ``note`` saying why,
    and the last scan's date, repositories and number of undeclared uses (empty, 0 with no scan)."""

    status: str
    note: str
    scanned_at: str = ""
    repositories: tuple[str, ...] = ()
    undeclared: int = 0
    met_when: str = MET_WHEN


def inventory_against_code(repository: Repository) -> InventoryScan:
    """Read the last scan of ``repository`` (a folder on disk) and judge the inventory by it."""
    if repository.source is not None and not isinstance(repository.source, DirectorySource):
        return InventoryScan(MISSING, "a git revision holds no scan result; run the report on a checkout")
    last = read_last(repository.root)
    if last is None:
        return InventoryScan(MISSING, f"no scan result ({RESULT_PATH}): run `aimskit scan --result {RESULT_PATH}` "
                                      "on the team repositories")
    if isinstance(last, str):
        return InventoryScan(MISSING, f"the scan result cannot be used: {last}")
    return judge(last, repositories(repository))


def judge(last: LastScan, declared: list[str]) -> InventoryScan:
    """Met only with no undeclared use and every declared repository scanned."""
    unscanned = [name for name in declared if not any(identity.same(name, seen) for seen in last.repositories)]
    if last.undeclared:
        status, note = PARTIAL, f"the scan of {last.scanned_at} found {last.undeclared} AI use(s) the inventory does not declare"
    elif unscanned:
        status, note = PARTIAL, f"the scan of {last.scanned_at} did not cover {', '.join(unscanned)}"
    else:
        status, note = MET, f"the scan of {last.scanned_at} found every AI use declared"
    return InventoryScan(status, note, last.scanned_at, last.repositories, last.undeclared)
