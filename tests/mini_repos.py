"""Mini AIMS repositories for the rule, agreement and site-table tests: a clean base plus each case's overlay."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from aimskit import reference

EXAMPLES = Path(__file__).parent / "examples" / "rules"
BASE = EXAMPLES / "_base"
_MARKER = re.compile(r"^(?P<indent>[ \t]*)# base controls(?: except (?P<except>[A-Z0-9., ]+))?[ \t]*$", re.MULTILINE)
_LISTED = re.compile(r"control:\s*\"?(A(?:\.[0-9]+)+)")


def base_control(control: str, indent: str) -> str:
    """One clean SoA entry for ``control``: applicable, implemented by the AI policy."""
    lines = [f"- control: {control}", "  applicable: true", "  justification: Applies to every AI system we run.",
             "  status: implemented", "  implemented_by: [POL-001]"]
    if control == "A.6.2.4":
        lines.append("  evidence: [evidence/fairness-tests.md]")
    return "".join(f"{indent}{line}\n" for line in lines)


def expand_soa(text: str) -> str:
    """Replace the '# base controls [except ...]' line by entries for the controls not yet listed."""
    match = _MARKER.search(text)
    if match is None:
        return text
    skip = set(_LISTED.findall(text)) | {c.strip() for c in (match["except"] or "").split(",") if c.strip()}
    entries = "".join(base_control(c, match["indent"]) for c in reference.controls() if c not in skip)
    return text[: match.start()] + entries.rstrip("\n") + text[match.end():]


def build_repository(target: Path, case: Path | None = None, remove: list[str] = ()) -> Path:
    """Copy the base to ``target``, overlay ``case`` (all but expect.yaml), remove paths, expand the SoA."""
    shutil.copytree(BASE, target)
    if case is not None:
        for source in case.rglob("*"):
            if source.is_file() and source.name != "expect.yaml":
                destination = target / source.relative_to(case)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, destination)
    for relative in remove:
        path = target / relative
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    soa = target / "soa.yaml"
    if soa.is_file():
        soa.write_text(expand_soa(soa.read_text(encoding="utf-8")), encoding="utf-8")
    return target
