"""Time `aimskit build` (validate + render + MkDocs build) on large risk registers, beside plain MkDocs.

For each size (default 1,000 and 10,000 risks) the script bakes the template, grows its example
risks to that many under new ids (``benchmarks/validate.py``'s ``grow``), then times, each in a
fresh process and with the same strictness (``--strict``):

- ``aimskit build --strict``: validate, render (a page per risk) and the engine build;
- a plain MkDocs Material build of as many hand-written pages as the aimskit site has (one page
  per risk, listed on one index page and kept out of the navigation, as aimskit does, plus
  filler pages up to the same count).

It also times validate + render alone (in this process, for the split). It prints the seconds,
the ratios and the site sizes; sizes should grow linearly with the risks.

    python benchmarks/site.py [--risks 1000 10000] [--engine mkdocs|zensical] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import bake, grow  # noqa: E402  (the sibling benchmark's synthetic AIMS)

from aimskit.records.model import load_repository  # noqa: E402
from aimskit.site import engine as site_engine  # noqa: E402  (engine names)
from aimskit.site.pipeline import validate_and_render  # noqa: E402

PLAIN_CONFIG = """site_name: Plain risk register
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
not_in_nav: |
  /risks/*
  /more/*
"""


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def plain_project(root: Path, into: Path, pages: int) -> Path:
    """A hand-written MkDocs project of ``pages`` pages: one per risk of ``root``, an index linking them, fillers."""
    docs = into / "docs" / "risks"
    docs.mkdir(parents=True)
    (into / "docs" / "more").mkdir()
    (into / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    index = ["# Risks\n"]
    for record in load_repository(root).records["risk"]:
        data = record.data
        rows = "\n".join(f"| {key} | {str(value).replace('|', '/')} |" for key, value in data.items()
                         if isinstance(value, (str, int)))
        (docs / f"{record.id}.md").write_text(f"# {record.id} {data['title']}\n\n{data['description']}\n\n"
                                              f"| Field | Value |\n|---|---|\n{rows}\n", encoding="utf-8")
        index.append(f"- [{record.id} {data['title']}](risks/{record.id}.md)")
    for number in range(max(0, pages - len(index))):
        (into / "docs" / "more" / f"page-{number}.md").write_text(f"# Page {number}\n\nFiller.\n", encoding="utf-8")
        index.append(f"- [Page {number}](more/page-{number}.md)")
    (into / "docs" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    return into


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def measure(risks: int, engine: str, workdir: Path) -> dict[str, float]:
    root = bake(workdir / f"aims-{risks}")
    grow(root, risks, systems=4, policies=len(list((root / "policies").glob("*.md"))))
    render_seconds, rendered = timed(lambda: validate_and_render(root))
    assert rendered.ok, [f.format_text() for f in rendered.findings if f.severity.value == "error"][:5]
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    total_seconds, _ = timed(lambda: subprocess.run(
        [sys.executable, "-m", "aimskit", "--repo", str(root), "build", "--engine", engine, "--strict"],
        env=environment, check=True, stdout=subprocess.DEVNULL))
    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    plain = plain_project(root, workdir / f"plain-{risks}", pages)
    plain_seconds, _ = timed(lambda: subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"],
                                                    cwd=plain, env=environment, check=True))
    return {"risks": risks, "render": render_seconds, "build": total_seconds - render_seconds,
            "total": total_seconds, "plain": plain_seconds,
            "site_size": folder_size(root / "site"), "plain_size": folder_size(plain / "site"),
            "pages": pages, "plain_pages": sum(1 for _ in (plain / "site").rglob("index.html"))}


def report(results: list[dict[str, float]], engine: str) -> str:
    lines = [f"aimskit build --strict ({engine}) vs plain MkDocs Material --strict with the same page count "
             "(fresh processes; a page per risk)", "",
             "| risks | validate+render s | rest of build s | aimskit build s | plain MkDocs s | ratio | "
             "aimskit site | "
             "plain site | pages (aimskit / plain) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        total = r["total"]
        lines.append(f"| {r['risks']:,} | {r['render']:.1f} | {r['build']:.1f} | {total:.1f} | {r['plain']:.1f} | "
                     f"{total / r['plain']:.2f} | {megabytes(r['site_size'])} | {megabytes(r['plain_size'])} | "
                     f"{r['pages']:,} / {r['plain_pages']:,} |")
    if len(results) > 1:
        first, last = results[0], results[-1]
        lines += ["", f"Growth {first['risks']:,} → {last['risks']:,} risks "
                      f"(×{last['risks'] / first['risks']:.0f}): "
                      f"aimskit site ×{last['site_size'] / first['site_size']:.1f}, "
                      f"plain site ×{last['plain_size'] / first['plain_size']:.1f}, "
                      f"aimskit time ×{last['total'] / first['total']:.1f}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--risks", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--engine", choices=site_engine.ENGINES, default="mkdocs")
    parser.add_argument("--keep", type=Path, help="keep the generated repositories in this folder")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="aimskit-site-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = []
        for count in args.risks:
            results.append(measure(count, args.engine, workdir))
            print(f"measured {count:,} risks", file=sys.stderr, flush=True)
        print(report(results, args.engine))
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
