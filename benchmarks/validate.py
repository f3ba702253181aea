"""Time `aimskit validate` on a large synthetic AIMS, side by side with a bare parse and check-jsonschema.

The synthetic AIMS is grown from the template's own example content: one real bake, whose
systems, risks and policies are copied under new ids until it holds the requested numbers
(default 10,000 risks, 500 systems, 300 policies). Every tool runs as a fresh process on the same
files, in rounds that interleave the tools, and the best time of each is kept; the machines are
shared and noisy, so the ratios matter more than the seconds.

    python benchmarks/validate.py [--risks N] [--systems N] [--policies N] [--rounds N] [--keep DIR]
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

import yaml

from aimskit.records import kinds
from aimskit.records.loading import load_markdown_file, load_yaml_file
from aimskit.resources import template_dir

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


def bake(into: Path) -> Path:
    """One real bake of the template with example content, without a git commit."""
    from cookiecutter.main import cookiecutter

    os.environ["AIMSKIT_NO_GIT_COMMIT"] = "1"
    sys.path.insert(0, str(template_dir()))
    project = cookiecutter(str(template_dir()), no_input=True, output_dir=str(into),
                           extra_context={"project_slug": "bench", "ci_provider": "none"})
    return Path(project)


def _load(path: Path):
    loader = load_markdown_file if path.suffix == ".md" else load_yaml_file
    return loader(path.name, path.read_bytes())


def _write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def _write_markdown(path: Path, data: dict, body: str) -> None:
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def grow(root: Path, risks: int, systems: int, policies: int) -> None:
    """Replace the bake's systems, risks and policies with copies of its examples under new ids."""
    system_examples = [_load(p).data for p in sorted((root / "systems").glob("*.yaml"))]
    risk_examples = [_load(p).data for p in sorted((root / "risks").glob("*.yaml"))]
    policy_examples = [_load(p) for p in sorted((root / "policies").glob("*.md"))]
    for folder in ("systems", "risks"):
        shutil.rmtree(root / folder)
        (root / folder).mkdir()

    high_risk = []
    for n in range(1, systems + 1):
        data = dict(system_examples[(n - 1) % len(system_examples)], id=f"SYS-{n:03d}")
        if data["eu_ai_act"]["tier"] == "high":
            high_risk.append(data["id"])
        _write_yaml(root / "systems" / f"{data['id']}.yaml", data)

    for n in range(1, risks + 1):
        data = dict(risk_examples[(n - 1) % len(risk_examples)], id=f"RISK-{n:03d}")
        data["systems"] = [f"SYS-{(n - 1) % systems + 1:03d}"]
        _write_yaml(root / "risks" / f"{data['id']}.yaml", data)

    for n in range(len(policy_examples) + 1, policies + 1):
        example = policy_examples[(n - 1) % len(policy_examples)]
        data = dict(example.data, id=f"POL-{n:03d}")
        _write_markdown(root / "policies" / f"{data['id']}.md", data, example.body or "")

    # Every high-risk copy needs a current impact assessment: let the examples' assessments cover them.
    assessments = sorted((root / "impact-assessments").glob("*.md"))
    if assessments and high_risk:
        first = _load(assessments[0])
        _write_markdown(assessments[0], dict(first.data, systems=high_risk), first.body or "")


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


def time_commands(commands: list[list[str]]) -> float:
    start = time.perf_counter()
    for command in commands:
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(root: Path, rounds: int) -> dict[str, float]:
    tools = {
        "aimskit validate": [[sys.executable, "-m", "aimskit", "--repo", str(root), "validate", "--format", "json"]],
        "bare yaml.CSafeLoader parse": [[sys.executable, "-c", BARE_PARSE, str(root)]],
        "check-jsonschema (YAML kinds only)": check_jsonschema_commands(root),
    }
    best = {name: float("inf") for name in tools}
    for _ in range(rounds):
        for name, commands in tools.items():
            best[name] = min(best[name], time_commands(commands))
    return best


def summary(root: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "aimskit", "--repo", str(root), "validate"],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--risks", type=int, default=10_000)
    parser.add_argument("--systems", type=int, default=500)
    parser.add_argument("--policies", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the synthetic AIMS here and keep it")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="aimskit-bench-"))
    try:
        root = bake(workdir)
        grow(root, args.risks, args.systems, args.policies)
        if args.keep:
            shutil.copytree(root, args.keep, dirs_exist_ok=True)
        records = sum(1 for _ in root.rglob("*.yaml")) + sum(1 for _ in root.rglob("*.md"))
        print(f"synthetic AIMS: {args.risks} risks, {args.systems} systems, {args.policies} policies "
              f"({records} files); aimskit says: {summary(root)}")
        best = measure(root, args.rounds)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    base = best["aimskit validate"]
    bare = best["bare yaml.CSafeLoader parse"]
    print(f"\n{'tool':38} {'best of ' + str(args.rounds):>12} {'÷ bare parse':>14} {'÷ aimskit':>11}")
    for name, seconds in best.items():
        print(f"{name:38} {seconds:11.2f}s {seconds / bare:13.2f}× {seconds / base:10.2f}×")
    print(f"\naimskit validate / bare parse: {base / bare:.2f} (target ≤ 1.5)")
    print(f"check-jsonschema / aimskit validate: {best['check-jsonschema (YAML kinds only)'] / base:.2f} (target ≥ 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
