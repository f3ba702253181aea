"""Which distributions the requirements need: pip's own resolver, asked for a dry-run report."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import tempfile
import typing as t
from pathlib import Path

from aimskit import safetext
from aimskit.errors import AimskitError
from aimskit.lock.inputs import Wanted

#: pip needs a few minutes at most for a cold resolution over a slow network.
TIMEOUT = 900


@dataclasses.dataclass(frozen=True)
class Resolved:
    """One distribution pip would install, as its installation report describes it."""

    name: str  # canonical (PEP 503) name
    version: str
    url: str  # where pip found it
    hashes: frozenset[str]  # sha256 digests pip knows for that file
    direct: bool  # named by path or URL rather than found on an index
    requested: bool  # a line of requirements.in, not a dependency
    extras: frozenset[str]
    requires_dist: tuple[str, ...]
    requires_python: str | None


@dataclasses.dataclass(frozen=True)
class Resolution:
    """The distributions, and the environment (PEP 508 marker values) pip resolved them for."""

    distributions: tuple[Resolved, ...]
    environment: dict[str, str]


def resolve(root: Path, wanted: list[Wanted], python: str | None = None) -> Resolution:
    """Resolve ``wanted`` with pip (``python``'s environment when given) from ``root``; nothing is installed."""
    with tempfile.TemporaryDirectory(prefix="aimskit-lock-") as scratch:
        requirements, report = Path(scratch) / "requirements.in", Path(scratch) / "report.json"
        requirements.write_text("".join(f"{item.text}\n" for item in wanted), encoding="utf-8")
        command = [sys.executable, "-m", "pip", *(["--python", python] if python else []), "install",
                   "--dry-run", "--ignore-installed", "--quiet", "--no-input", "--report", str(report),
                   "-r", str(requirements)]
        try:
            done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AimskitError(f"pip could not be run to resolve the requirements ({exc})") from None
        if done.returncode != 0 or not report.is_file():
            raise AimskitError(f"pip could not resolve the requirements: {failure(done.stderr or done.stdout)}")
        try:
            return parse(json.loads(report.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise AimskitError(f"pip's installation report has an unexpected shape ({exc!r}); "
                               "pip 22.2 or later writes the one aimskit reads") from None


def failure(output: str) -> str:
    """What pip said went wrong: its ERROR lines, else its last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line.removeprefix("ERROR:").strip() for line in lines if line.startswith("ERROR:")]
    if "No module named pip" in output:
        errors = ["pip is not installed for this Python"]
    chosen = errors or [line for line in lines if not line.startswith("WARNING:")][-1:] or ["no message"]
    if "No matching distribution" in output:
        chosen.append("(is the package index in pip's configuration reachable from here?)")
    return safetext.one_line(" ".join(chosen))


def parse(report: dict[str, t.Any]) -> Resolution:
    """The distributions of a pip installation report (format version 1)."""
    if str(report.get("version")) != "1":
        raise ValueError(f"report version {report.get('version')!r}")
    from packaging.utils import canonicalize_name

    found = []
    for item in report["install"]:
        metadata, download = item["metadata"], item["download_info"]
        hashes = (download.get("archive_info") or {}).get("hashes") or {}
        found.append(Resolved(
            name=canonicalize_name(metadata["name"]), version=str(metadata["version"]), url=str(download["url"]),
            hashes=frozenset(str(value) for key, value in hashes.items() if key == "sha256"),
            direct=bool(item.get("is_direct")), requested=bool(item.get("requested")),
            extras=frozenset(str(extra) for extra in item.get("requested_extras") or ()),
            requires_dist=tuple(str(line) for line in metadata.get("requires_dist") or ()),
            requires_python=metadata.get("requires_python")))
    environment = {str(key): str(value) for key, value in (report.get("environment") or {}).items()}
    return Resolution(tuple(sorted(found, key=lambda item: item.name)), environment)
