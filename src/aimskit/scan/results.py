"""The scan result file: what the last scan found, written by ``aimskit scan --result FILE`` and
read by the site (a system page's "Found in its code") and the readiness report. By convention it
is ``.aimskit/scan.json`` in the AIMS repository; like every file of the repository it is a claim,
shown with the date and the repositories it covers."""

from __future__ import annotations

import dataclasses
import json
import typing as t
from pathlib import Path

from aimskit import __version__, fs
from aimskit.scan.check import covering
from aimskit.scan.run import UNDECLARED, Outcome

RESULT_PATH = ".aimskit/scan.json"
FORMAT = "aimskit-scan/1"
MAX_RESULT_BYTES = 20_000_000


def as_dict(outcome: Outcome) -> dict[str, t.Any]:
    """The result file's content: roots, every use, the findings, and per system what its code holds."""
    systems: dict[str, dict[str, t.Any]] = {}
    for scan in outcome.scans:
        for use in scan.uses:
            for system in covering(outcome.systems or [], scan, use):
                entry = systems.setdefault(system.id, {"repositories": [], "components": {}})
                if scan.repository and scan.repository not in entry["repositories"]:
                    entry["repositories"].append(scan.repository)
                found = entry["components"].setdefault("\0".join(use.key), {
                    "what": use.what, "name": use.name, "ecosystem": use.ecosystem, "provider": use.provider,
                    "category": use.category, "repository": scan.repository or scan.path,
                    "first": f"{use.path}:{use.line}", "places": 0})
                found["places"] += 1
    return {
        "format": FORMAT, "aimskit": __version__, "scanned_at": outcome.scanned_at,
        "roots": [{"path": s.path, "repository": s.repository, "files": s.files,
                   "skipped_folders": s.skipped_folders} for s in outcome.scans],
        "uses": [{"root": s.path, **use.as_dict()} for s in outcome.scans for use in s.uses],
        "findings": [f.as_dict() for f in outcome.findings],
        "undeclared": len(outcome.undeclared),
        "systems": {key: {"repositories": v["repositories"], "components": list(v["components"].values())}
                    for key, v in sorted(systems.items())},
    }


def to_json(outcome: Outcome) -> str:
    return json.dumps(as_dict(outcome), indent=2, ensure_ascii=False) + "\n"


@dataclasses.dataclass(frozen=True)
class LastScan:
    """The last scan as read from the result file: when, what, and how many undeclared uses."""

    scanned_at: str
    repositories: tuple[str, ...]
    undeclared: int
    systems: dict[str, list[dict[str, t.Any]]]  # system id → components found in its code


def read_last(root: Path, relative: str = RESULT_PATH) -> LastScan | None | str:
    """The last scan of the AIMS repository at ``root``: None when there is none, a string saying
    why when the file cannot be used (outside, too large, not a result file)."""
    try:
        raw = fs.read_bytes(root, relative, MAX_RESULT_BYTES)
    except fs.RefusedPath as exc:
        return None if exc.reason == fs.RefusedPath.MISSING else f"{relative}: {exc.detail}"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return f"{relative}: is not a scan result (not JSON)"
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        return f"{relative}: is not a scan result of format {FORMAT}"
    undeclared = sum(1 for f in data["findings"] if isinstance(f, dict) and f.get("code") in UNDECLARED)
    systems: dict[str, t.Any] = data["systems"] if isinstance(data.get("systems"), dict) else {}
    return LastScan(str(data.get("scanned_at") or "unknown"),
                    tuple(str(r.get("repository") or r.get("path")) for r in data.get("roots") or [] if isinstance(r, dict)),
                    undeclared,
                    {str(k): [c for c in (v or {}).get("components") or [] if isinstance(c, dict)]
                     for k, v in systems.items() if isinstance(v, dict)})


def baseline_components(path: Path) -> frozenset[tuple[str, str, str]]:
    """The components a result file (the scan of the change's base) found, for ``--baseline``;
    ValueError saying why when the file is not a scan result."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_RESULT_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_RESULT_BYTES:
        raise ValueError(f"is over the {MAX_RESULT_BYTES} byte limit")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValueError("is not a scan result (not JSON)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("uses"), list):
        raise ValueError(f"is not a scan result of format {FORMAT}")
    return frozenset((str(u.get("what")), str(u.get("ecosystem") or ""), str(u.get("name")).lower())
                     for u in data["uses"] if isinstance(u, dict))
