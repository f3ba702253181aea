"""Regenerate the documentation that is derived from code (``make docs``).

- ``docs/reference/<kind>.md`` from the JSON Schemas;
- the finding-code table in ``docs/validation.md`` from aimskit's source;
- the definitions of "met" in ``docs/readiness.md`` from aimskit.readiness.

Usage: python scripts/generate_reference.py [DOCS_DIR]   (default: docs)
"""

from __future__ import annotations

import sys
from pathlib import Path

import finding_codes
import readiness_definitions

from aimskit.records import schemadoc
from aimskit.records.schemas import load_schema, schema_names

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "aimskit"


def write_reference(outdir: Path) -> list[str]:
    outdir.mkdir(parents=True, exist_ok=True)
    pages = schemadoc.pages({name: load_schema(name) for name in schema_names()})
    for name, text in pages.items():
        (outdir / name).write_text(text, encoding="utf-8")
    for stale in outdir.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    return sorted(pages)


def write_codes(page: Path) -> int:
    codes = finding_codes.collect(PACKAGE)
    page.write_text(finding_codes.inject(page.read_text(encoding="utf-8"), codes), encoding="utf-8")
    return len(codes)


def main(argv: list[str]) -> int:
    docs = Path(argv[0]) if argv else ROOT / "docs"
    pages = write_reference(docs / "reference")
    count = write_codes(docs / "validation.md")
    readiness_page = docs / "readiness.md"
    readiness_page.write_text(readiness_definitions.inject(readiness_page.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {len(pages)} reference pages and {count} finding codes under {docs}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
