"""Write docs/reference/<kind>.md from the JSON Schemas (``make docs``).

Usage: python scripts/generate_reference.py [OUTDIR]   (default: docs/reference)
"""

from __future__ import annotations

import sys
from pathlib import Path

from aimskit import schemadoc
from aimskit.schemas import load_schema, schema_names

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    outdir = Path(argv[0]) if argv else ROOT / "docs" / "reference"
    outdir.mkdir(parents=True, exist_ok=True)
    pages = schemadoc.pages({name: load_schema(name) for name in schema_names()})
    for name, text in pages.items():
        (outdir / name).write_text(text, encoding="utf-8")
    stale = sorted(p.name for p in outdir.glob("*.md") if p.name not in pages)
    for name in stale:
        (outdir / name).unlink()
    print(f"wrote {len(pages)} pages to {outdir}" + (f", removed {', '.join(stale)}" if stale else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
