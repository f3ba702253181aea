"""Time `aimskit validate` on a large synthetic AIMS, side by side with a bare parse and check-jsonschema.

The synthetic AIMS is grown from the template's own example content: one real bake, whose
systems, risks and policies are copied under new ids until it holds the requested numbers
(default 10,000 risks, 500 systems, 300 policies). Every tool runs as a fresh process on the same
files, after one warm-up run of each, in rounds that interleave the tools; every run's exit code is
checked (the synthetic AIMS is clean: anything but 0 stops the benchmark) and the minimum, median
and maximum of the rounds are printed. The machines are shared and noisy, so the ratios of the
medians matter more than the seconds.

    python benchmarks/validate.py [--risks N] [--systems N] [--policies N] [--rounds N] [--keep DIR]

With ``--demo`` it measures the per-commit latency instead: ``aimskit validate`` on the demo
repository (one bake with the example content, as ``make demo``) side by side with
``python -c "import yaml"``, the floor of any Python tool that reads YAML (target: at most 3×, as
the median of the ratios of paired runs: the rounds interleave the tools, so a busy moment slows
both of a pair). One warm-up run of every tool comes first, as on a developer's machine after the
first commit: it fills the validator cache and Python's bytecode cache (PYTHONDONTWRITEBYTECODE is
unset for the runs); every run must exit 0.

    python benchmarks/validate.py --demo [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import bake, grow  # noqa: E402  (the benchmarks' synthetic AIMS)
from timing import Tool, ToolFailed, measure, report  # noqa: E402  (fresh processes, checked exits)

from aimskit.records import kinds  # noqa: E402

BARE_PARSE = r"""
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for path in sorted(root.rglob("*")):
    if path.suffix in (".yaml", ".yml") and "schemas" not in path.parts and ".github" not in path.parts:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    elif path.suffix == ".md" and path.parent.name in ("policies", "impact-assessments"):
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("\n---", 1)[0][4:], Loader=yaml.CSafeLoader)
"""


def check_jsonschema_commands(root: Path) -> list[list[str]]:
    """One check-jsonschema call per YAML record kind (it cannot read Markdown front matter)."""
    executable = str(Path(sys.executable).with_name("check-jsonschema"))
    commands = []
    for kind in kinds.ALL:
        if kind.markdown:
            continue
        files = sorted(str(p) for p in root.glob(kind.glob))
        if files:
            commands.append([executable, "--schemafile", str(root / "schemas" / kind.schema), *files])
    return commands


COVERS = {
    "aimskit validate": "every record (YAML and Markdown front matter): strict YAML, schemas, cross-file rules",
    "bare yaml.CSafeLoader parse": "parses the same records, checks nothing",
    "check-jsonschema (YAML kinds only)": "schemas of the YAML records, one process per kind; no Markdown, no rules",
}


def tools_for(root: Path) -> list[Tool]:
    return [
        Tool("aimskit validate", [[sys.executable, "-m", "aimskit", "--repo", str(root), "validate", "--format", "json"]]),
        Tool("bare yaml.CSafeLoader parse", [[sys.executable, "-c", BARE_PARSE, str(root)]]),
        Tool("check-jsonschema (YAML kinds only)", check_jsonschema_commands(root)),
    ]


def summary(root: Path) -> str:
    """aimskit's own verdict on the synthetic AIMS; anything but a clean exit 0 stops the benchmark."""
    result = subprocess.run([sys.executable, "-m", "aimskit", "--repo", str(root), "validate"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ToolFailed(f"aimskit validate exited {result.returncode} on the synthetic AIMS:\n"
                         f"{(result.stdout + result.stderr).strip()[-2000:]}")
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()


def demo_latency(rounds: int) -> int:
    """Validate on the demo against a bare ``import yaml``: each warmed alike, then interleaved rounds;
    the ratio is the median of each round's ratio (paired)."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    workdir = Path(tempfile.mkdtemp(prefix="aimskit-latency-"))
    try:
        root = bake(workdir)
        files = sum(1 for _ in root.rglob("*.yaml")) + sum(1 for _ in root.rglob("*.md"))
        script = Path(sys.executable).with_name("aimskit")  # the command pre-commit and CI run
        launcher = [str(script)] if script.is_file() else [sys.executable, "-m", "aimskit"]
        # The cache folder under a file cannot be created: every run compiles, as before the cache.
        (workdir / "not-a-folder").write_text("", encoding="utf-8")
        uncached = {**environment, "AIMSKIT_CACHE_DIR": str(workdir / "not-a-folder" / "cache")}
        tools = [
            Tool("aimskit validate", [[*launcher, "--repo", str(root), "validate"]], env=environment),
            Tool('python -c "import yaml"', [[sys.executable, "-c", "import yaml"]], env=environment),
            Tool("aimskit validate, no cache", [[*launcher, "--repo", str(root), "validate"]], env=uncached),
        ]
        samples = measure(tools, rounds)
        print(f"demo repository ({files} record and page files); aimskit says: {summary(root)}")
    except ToolFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(report(samples, baseline='python -c "import yaml"'))
    floor = samples['python -c "import yaml"'].seconds
    ratio = statistics.median(mine / yaml for mine, yaml in zip(samples["aimskit validate"].seconds, floor))
    print(f"\naimskit validate (demo) / python -c 'import yaml', median of {rounds} paired runs: {ratio:.2f} "
          "(target ≤ 3)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--risks", type=int, default=10_000)
    parser.add_argument("--systems", type=int, default=500)
    parser.add_argument("--policies", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the synthetic AIMS here and keep it")
    parser.add_argument("--demo", action="store_true",
                        help="measure validate's latency on the demo repository against 'import yaml' instead")
    args = parser.parse_args(argv)
    if args.demo:
        return demo_latency(max(args.rounds, 10))

    workdir = Path(tempfile.mkdtemp(prefix="aimskit-bench-"))
    try:
        root = bake(workdir)
        grow(root, args.risks, args.systems, args.policies)
        if args.keep:
            shutil.copytree(root, args.keep, dirs_exist_ok=True)
        records = sum(1 for _ in root.rglob("*.yaml")) + sum(1 for _ in root.rglob("*.md"))
        print(f"synthetic AIMS: {args.risks} risks, {args.systems} systems, {args.policies} policies "
              f"({records} files); aimskit says: {summary(root)}")
        samples = measure(tools_for(root), args.rounds)
    except ToolFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(report(samples, baseline="bare yaml.CSafeLoader parse", notes=COVERS))
    medians = {name: sample.median for name, sample in samples.items()}
    base, bare = medians["aimskit validate"], medians["bare yaml.CSafeLoader parse"]
    print(f"\naimskit validate / bare parse, medians: {base / bare:.2f} (target ≤ 1.5)")
    print(f"check-jsonschema / aimskit validate, medians: "
          f"{medians['check-jsonschema (YAML kinds only)'] / base:.2f} (target ≥ 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
