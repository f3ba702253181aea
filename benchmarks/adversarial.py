"""Time `aimskit build` on adversarial text beside ordinary text of the same size.

A pull request controls every title and body. Markdown punctuation (``[``, ``*``, ``_``, ``(``,
backticks, ``<``) is what makes Markdown parsers slow: unmatched brackets make Python-Markdown's
link parser scan ahead from each one. This script bakes the template once, then for each kind
of text writes policies whose titles and bodies hold that text (``--mib`` MiB in total, split
over policies under the 1 MiB file limit), and times ``aimskit build`` (validate, render and the
engine build) on each: every run a fresh process that must exit 0, each kind warmed alike (one
untimed build), then interleaved rounds.

The bar: punctuation builds in at most 2x the time of letters (medians). It prints the minimum,
median and maximum seconds and the median's ratio to letters for each kind.

    python benchmarks/adversarial.py [--mib 1] [--engine mkdocs|zensical] [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import bake  # noqa: E402  (one real bake of the template)
from timing import Tool, ToolFailed, measure, report  # noqa: E402  (fresh processes, checked exits)

ENGINES = ("mkdocs", "zensical")

MIB = 1024 * 1024
POLICY_BYTES = 128 * 1024  # each policy file: a title of 1/8 and a body of 7/8 of this
KINDS = {
    "letters": "abcdefgh ",
    "brackets": "[",
    "links": "[a](",
    "unsafe links": "[a](javascript:",
    "emphasis": "*_",
    "mixed punctuation": "*_[]()!`<>{}|#~^=+-:\\",
    # just under the share of punctuation that makes a paragraph literal: each piece is disarmed
    "sparse brackets": "[abcdefghijk ",
}


def filled(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def write_policies(root: Path, unit: str, total: int) -> int:
    """Add ``total`` bytes of policies made of ``unit`` (beside the examples); return how many."""
    template = next((root / "policies").glob("POL-*.md"))
    text = template.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    count = max(1, total // POLICY_BYTES)
    for number in range(count):
        policy_id = f"POL-{900 + number:03d}"
        data = dict(front, id=policy_id, title=filled(unit, POLICY_BYTES // 8).strip() or "x")
        dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=float("inf"))
        body = "\n\n".join(filled(unit, 4096) for _ in range(POLICY_BYTES * 7 // 8 // 4096))
        (root / "policies" / f"{policy_id}.md").write_text(f"---\n{dumped}---\n\n{body}\n", encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mib", type=float, default=1.0, help="MiB of text per kind (default: 1)")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="aimskit-adversarial-") as work:
        base = bake(Path(work) / "bake")
        tools, counts = [], {}
        for kind in ["letters", *[k for k in args.kinds if k != "letters"]]:
            root = Path(work) / kind.replace(" ", "-")
            shutil.copytree(base, root)
            counts[kind] = write_policies(root, KINDS[kind], int(args.mib * MIB))
            tools.append(Tool(kind, [[sys.executable, "-m", "aimskit", "--repo", str(root), "build",
                                      "--engine", args.engine]]))
        try:
            samples = measure(tools, args.rounds)
        except ToolFailed as failure:
            print(f"error: {failure}", file=sys.stderr)
            return 1
    print(report(samples, baseline="letters", notes={kind: f"{count} policies" for kind, count in counts.items()}))
    worst = max(sample.median for sample in samples.values()) / samples["letters"].median
    print(f"worst ratio to letters, medians: {worst:.2f}x (bar: 2x)")
    return 0 if worst <= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
