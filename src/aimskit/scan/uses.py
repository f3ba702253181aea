"""What a scan finds: AI uses, each at a file, line and column, and the scan of one code root."""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.records.findings import Finding

#: How a use was found.
VIA_MANIFEST, VIA_LOCK, VIA_SBOM, VIA_IMPORT, VIA_MODEL_REFERENCE, VIA_MODEL_FILE = (
    "manifest", "lock", "sbom", "import", "model-reference", "model-file")
#: What was found: a package, a model (named in code or an SBOM), or a model file.
PACKAGE, MODEL = "package", "model"


class Use(t.NamedTuple):
    """One AI use in code: where, what (a package or a model), whose, and how it was found."""

    path: str  # relative to the scanned root, with / separators
    line: int
    column: int
    what: str  # PACKAGE or MODEL
    name: str  # the package's registry name, or the model's name
    ecosystem: str | None  # pypi, npm, go, cargo, maven; None for a model
    provider: str | None  # the organisation behind it, when known
    category: str | None
    hosted: bool  # using it sends data to the provider's hosted service
    via: str  # one of the VIA_ constants

    def as_dict(self) -> dict[str, t.Any]:
        return self._asdict()

    @property
    def key(self) -> tuple[str, str, str]:
        """What the use is, wherever it is: the same package in two files is one component."""
        return (self.what, self.ecosystem or "", self.name.lower())


@dataclasses.dataclass
class RootScan:
    """The scan of one code root (a repository checkout or a folder)."""

    path: str  # as given on the command line
    repository: str | None  # its identity (host/owner/name) when known
    uses: list[Use] = dataclasses.field(default_factory=list)
    problems: list[Finding] = dataclasses.field(default_factory=list)  # paths relative to the root
    files: int = 0  # files looked at (outside skipped folders)
    read: int = 0  # files read
    skipped_folders: dict[str, int] = dataclasses.field(default_factory=dict)  # folder name → how many

    def components(self) -> dict[tuple[str, str, str], list[Use]]:
        """Uses grouped by what they are, in the order first found."""
        grouped: dict[tuple[str, str, str], list[Use]] = {}
        for use in self.uses:
            grouped.setdefault(use.key, []).append(use)
        return grouped
