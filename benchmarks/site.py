"""Time `aimskit build --strict` beside the engine alone on its pages and a plain Material site of as many pages.

For each size (default 1,000 risks) the script bakes the template, grows its example risks to
that many under new ids, and commits it with git history: each policy revised several times
(``--revisions``), half of the revisions merged from a branch like a pull request. Then every
tool runs as a fresh process, in rounds that interleave them, and the best time of each is kept:

- ``aimskit validate``: load and check the records;
- ``aimskit render``: validate, read the git history, assess readiness and write the pages;
- ``aimskit build --strict``: all of that, then the engine's strict build of the site;
- the engine's own strict build (``mkdocs build --strict``) of a plain project holding the same
  ``mkdocs.yml`` and the same ``docs/``: the hand-written pages and exactly the pages aimskit
  rendered. Build minus this is what aimskit adds on top of the engine for the same site;
- a plain MkDocs Material build of the same page count: a default Material project
  (``theme: material`` and nothing else, so the default search plugin and the default navigation,
  which lists every page on every page) holding the same Markdown pages. Issue #11's target is
  aimskit's build in no more time than this one (build ÷ plain Material ≤ 1.0). Its site grows
  with the square of the pages: about 1.5 GB at 2,000 risks and tens of GB at 10,000.

Every tool must exit 0; a failure stops the benchmark with its output instead of a time. The
report names what each figure measured, the pages both builds had and the HTML pages they wrote.

    python benchmarks/site.py [--risks 1000 10000] [--revisions N] [--engine mkdocs|zensical]
                              [--rounds N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import add_history, bake, grow  # noqa: E402  (the benchmarks' synthetic AIMS)

ENGINES = ("mkdocs", "zensical")
GENERATED = Path("docs") / "generated"


class ToolFailed(Exception):
    """A timed tool did not exit 0: its time would measure a failure, so there is no figure."""


@dataclasses.dataclass
class Tool:
    """One timed command, and the sentence that says what it measures."""

    name: str
    measures: str
    command: list[str]
    cwd: Path


def environment() -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")


def run(tool: Tool) -> float:
    """Seconds ``tool`` took as a fresh process; raises ToolFailed unless it exits 0."""
    start = time.perf_counter()
    done = subprocess.run(tool.command, cwd=tool.cwd, env=environment(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise ToolFailed(f"{tool.name} exited {done.returncode}:\n{(done.stdout + done.stderr).strip()[-3000:]}")
    return elapsed


def aimskit(root: Path, *arguments: str) -> list[str]:
    return [sys.executable, "-m", "aimskit", "--repo", str(root), *arguments]


def engine_build(engine: str) -> list[str]:
    """The engine's strict build, as aimskit's build runs it in its staging folder."""
    command = [sys.executable, "-m", engine, "build", "-f", "mkdocs.yml"]
    if engine == "mkdocs":
        command += ["--clean", "--quiet"]
    return [*command, "--strict"]


def plain_project(root: Path, rendered: Path, into: Path) -> Path:
    """The repository's mkdocs.yml, hand-written docs/ and theme overrides, plus the pages aimskit rendered."""
    into.mkdir(parents=True)
    shutil.copy2(root / "mkdocs.yml", into / "mkdocs.yml")
    shutil.copytree(root / "docs", into / "docs", ignore=lambda folder, names: {"generated"} & set(names)
                    if Path(folder) == root / "docs" else set())
    if (root / "overrides").is_dir():  # the theme's custom_dir
        shutil.copytree(root / "overrides", into / "overrides")
    shutil.copytree(rendered, into / GENERATED)
    return into


DEFAULT_MATERIAL = "site_name: Plain Material\ntheme:\n  name: material\n"


def default_material_project(plain: Path, into: Path) -> Path:
    """A default Material project (``theme: material`` only) holding the same Markdown pages as ``plain``."""
    into.mkdir(parents=True)
    (into / "mkdocs.yml").write_text(DEFAULT_MATERIAL, encoding="utf-8")
    shutil.copytree(plain / "docs", into / "docs")
    return into


def files_under(folder: Path, suffix: str = "") -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob(f"*{suffix}") if p.is_file()}


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(risks: int, revisions: int, engine: str, rounds: int, workdir: Path) -> dict:
    root = bake(workdir / f"aims-{risks}")
    grow(root, risks, systems=4, policies=len(list((root / "policies").glob("*.md"))))
    commits = add_history(root, revisions)
    rendered = workdir / f"rendered-{risks}"
    run(Tool("aimskit render", "", aimskit(root, "render", str(rendered)), root))
    plain = plain_project(root, rendered, workdir / f"plain-{risks}")
    material = default_material_project(plain, workdir / f"material-{risks}")
    tools = [
        Tool("aimskit validate", "load and check every record", aimskit(root, "validate", "--format", "json"), root),
        Tool("aimskit render", "validate + git history + readiness + render the pages",
             aimskit(root, "render", str(rendered)), root),
        Tool("aimskit build --strict", "all of render, then the engine's strict build",
             aimskit(root, "build", "--strict", "--engine", engine), root),
        Tool(f"plain {engine} build --strict", "the engine alone on the same mkdocs.yml and the same pages",
             engine_build(engine), plain),
        Tool("plain Material build --strict", "a default Material project (theme: material, its default "
             "navigation listing every page) of the same Markdown pages", engine_build("mkdocs"), material),
    ]
    best = {tool.name: float("inf") for tool in tools}
    for _ in range(rounds):
        for tool in tools:
            best[tool.name] = min(best[tool.name], run(tool))
    generated = files_under(root / GENERATED)
    if generated != files_under(plain / GENERATED):
        raise ToolFailed("aimskit build and the plain project did not have the same pages")
    markdown = files_under(root / "docs", ".md")
    if markdown != files_under(material / "docs", ".md"):
        raise ToolFailed("aimskit build and the default Material project did not have the same Markdown pages")
    sites = {"aimskit": root / "site", "engine": plain / "site", "material": material / "site"}
    return {"risks": risks, "revisions": revisions, "commits": commits, "tools": tools, "best": best,
            "markdown_pages": len(markdown), "generated_pages": sum(1 for name in generated if name.endswith(".md")),
            "html": {name: len(files_under(site, ".html")) for name, site in sites.items()},
            "size": {name: folder_size(site) for name, site in sites.items()}}


def report(results: list[dict], engine: str, rounds: int) -> str:
    first = results[0]
    lines = [f"aimskit build beside the {engine} engine alone on the same pages and beside a plain Material "
             f"site of the same page count (fresh processes, --strict on all, best of {rounds})", ""]
    lines += [f"- {tool.name}: {tool.measures}" for tool in first["tools"]]
    names = [tool.name for tool in first["tools"]]
    lines += ["", "| risks | policy revisions (commits) | Markdown pages (generated) | "
              + " | ".join(f"{name} s" for name in names)
              + " | build ÷ plain Material (target ≤ 1.0) | build ÷ engine alone | build − engine alone s |",
              "|" + "---:|" * (len(names) + 6)]
    for r in results:
        best = r["best"]
        build, engine_alone, material = best[names[2]], best[names[3]], best[names[4]]
        lines.append(f"| {r['risks']:,} | {r['revisions']} per policy ({r['commits']}) | "
                     f"{r['markdown_pages']} ({r['generated_pages']}) | "
                     + " | ".join(f"{best[name]:.1f}" for name in names)
                     + f" | {build / material:.2f} | {build / engine_alone:.2f} | {build - engine_alone:.1f} |")
    lines += ["", "| risks | HTML pages aimskit / engine alone / plain Material | site MB aimskit / engine alone / "
                  "plain Material |", "|---:|---:|---:|"]
    for r in results:
        html, size = r["html"], r["size"]
        lines.append(f"| {r['risks']:,} | {html['aimskit']} / {html['engine']} / {html['material']} | "
                     f"{size['aimskit'] / 1e6:.1f} / {size['engine'] / 1e6:.1f} / {size['material'] / 1e6:.1f} |")
    lines.append("")
    for r in results:
        ratio = r["best"][names[2]] / r["best"][names[4]]
        lines.append(f"target at {r['risks']:,} risks: aimskit build / plain Material (same page count) = "
                     f"{ratio:.2f} ({'met' if ratio <= 1.0 else 'not met'}: ≤ 1.0)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--risks", type=int, nargs="+", default=[1000])
    parser.add_argument("--revisions", type=int, default=3, help="revisions committed per policy (default 3)")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the generated repositories in this folder")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="aimskit-site-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = []
        for count in args.risks:
            results.append(measure(count, args.revisions, args.engine, args.rounds, workdir))
            print(f"measured {count:,} risks", file=sys.stderr, flush=True)
        print(report(results, args.engine, args.rounds))
    except ToolFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
