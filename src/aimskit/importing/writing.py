"""The planned records as YAML files: checked together with the repository before anything is
written, then written all at once or not at all."""

from __future__ import annotations

import fnmatch
import os
import typing as t
from pathlib import Path

import yaml

from aimskit import rules
from aimskit.errors import AimskitError
from aimskit.importing.resolve import NewRecord
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import DirectorySource
from aimskit.rules.validation import validate

GAP_CODES = ("AIMS4",)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: t.Any) -> bool:  # the strict loader refuses anchors and aliases
        return True


def yaml_text(record: NewRecord) -> str:
    """The record as YAML: a schema comment first, then its fields in order; strings that YAML
    would read as something else (NO, 1.10, 2026-04-03) quoted."""
    lines = [f"# yaml-language-server: $schema=../schemas/{record.kind.schema}"]
    for key, value in record.data.items():
        lines.append(yaml.dump({key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                               default_flow_style=False).rstrip("\n"))
    return "\n".join(lines) + "\n"


class OverlaySource(DirectorySource):
    """The working tree with the planned files added, as validation sees the result."""

    def __init__(self, root: Path, files: dict[str, bytes]) -> None:
        super().__init__(root)
        self.files = files

    def list(self, pattern: str) -> list[str]:
        found = set(super().list(pattern))
        folder = pattern.rpartition("/")[0]
        found.update(path for path in self.files
                     if fnmatch.fnmatchcase(path, pattern) and path.rpartition("/")[0] == folder)
        return sorted(found)

    def read(self, path: str) -> bytes:
        return self.files[path] if path in self.files else super().read(path)


def files(records: t.Iterable[NewRecord]) -> dict[str, bytes]:
    """Relative path → content of every planned record."""
    return {record.path: yaml_text(record).encode("utf-8") for record in records}


def check(root: Path, planned: dict[str, bytes], options: rules.Options) -> tuple[list[Finding], list[Finding]]:
    """Findings the result would have that the repository does not have now (and any in the new
    files), split in two: problems, and ISO/IEC 42001 consistency gaps (AIMS4xx errors).

    A gap (an AI system without a risk yet, a high-risk system without an impact assessment) is
    the organisation's real state, which the imported register brings to light; the records
    themselves load, match their schemas and resolve every reference. Problems block the import;
    gaps are reported.
    """
    before = {_key(f) for f in validate(root, options).findings}
    after = validate(root, options, source=OverlaySource(root, planned)).findings
    new = [f for f in after if f.path in planned or _key(f) not in before]
    gaps = [f for f in new if f.severity is Severity.ERROR and f.code.startswith(GAP_CODES)]
    return [f for f in new if f not in gaps], gaps


def _key(finding: Finding) -> tuple[str, str, str, Severity]:
    return finding.path, finding.code, finding.message, finding.severity


def write(root: Path, planned: dict[str, bytes]) -> None:
    """Write every planned file, or none: each goes to a temporary file first, then all are renamed
    into place; any failure removes what was placed. Existing files are never overwritten."""
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for relative, content in planned.items():
            target = root / relative
            if target.exists() or target.is_symlink():
                raise AimskitError(f"{relative} already exists; nothing was written")
            folder = target.parent
            if folder.is_symlink() or not folder.resolve().is_relative_to(root.resolve()):
                raise AimskitError(f"{folder.relative_to(root)} leads outside the repository; nothing was written")
            folder.mkdir(parents=True, exist_ok=True)
            temporary = folder / f".{target.name}.importing"
            temporary.write_bytes(content)
            staged.append((temporary, target))
        for temporary, target in staged:
            os.link(temporary, target)  # fails if the target appeared meanwhile: never overwrites
            placed.append(target)
    except OSError as exc:
        for target in placed:
            target.unlink(missing_ok=True)
        raise AimskitError(f"cannot write the imported records ({exc.strerror}); nothing was written") from None
    except AimskitError:
        for target in placed:
            target.unlink(missing_ok=True)
        raise
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
