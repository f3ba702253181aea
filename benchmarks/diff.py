"""Time and memory of `aimskit diff` for a one-file change on a large synthetic AIMS, side by side
with one `aimskit validate` of the same repository.

The synthetic AIMS is grown as in ``synthetic.py`` (default 10,000 risks, 500 systems, 300
policies) and committed to a git repository, packed as a clone is (and as git's own housekeeping
would pack it, in the background, racing the first round); a branch changes one risk's residual
score. Each tool runs as a fresh process, warmed alike (one untimed run each), in interleaved
rounds; the minimum, median and maximum time and the peak resident memory of each are printed.
Both must exit 0 (the synthetic AIMS is clean and the change adds no finding): anything else stops
the benchmark, so a failure is never reported as a time. The target: the diff takes no longer,
and no more memory, than one validate.

    python benchmarks/diff.py [--risks N] [--systems N] [--policies N] [--rounds N]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import bake, grow  # noqa: E402
from timing import Tool, ToolFailed, measure, report  # noqa: E402

IDENTITY = ["-c", "user.name=Benchmark", "-c", "user.email=bench@example.com", "-c", "gc.auto=0"]


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *IDENTITY, *args], cwd=root, check=True, capture_output=True)


def one_file_change(root: Path) -> None:
    """main with everything, and a branch 'change' that raises one risk's residual likelihood."""
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "The synthetic AIMS")
    git(root, "checkout", "-q", "-b", "change")
    risks = sorted((root / "risks").glob("*.yaml"))
    path = risks[len(risks) // 2]
    text = path.read_text(encoding="utf-8")
    marker = "residual:\n  likelihood: "
    at = text.index(marker) + len(marker)
    path.write_text(text[:at] + ("5" if text[at] != "5" else "4") + text[at + 1:], encoding="utf-8")
    git(root, "commit", "-q", "-am", "Raise one residual likelihood")
    git(root, "repack", "-a", "-d", "-q")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--risks", type=int, default=10_000)
    parser.add_argument("--systems", type=int, default=500)
    parser.add_argument("--policies", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="aimskit-bench-diff-"))
    try:
        root = bake(workdir)
        grow(root, args.risks, args.systems, args.policies)
        one_file_change(root)
        tools = [
            Tool("aimskit validate", [[sys.executable, "-m", "aimskit", "--repo", str(root), "validate", "--format", "json"]],
                 cwd=root),
            Tool("aimskit diff main...change", [[sys.executable, "-m", "aimskit", "--repo", str(root), "diff",
                                                 "main...change"]], cwd=root),
        ]
        samples = measure(tools, args.rounds)
    except ToolFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"synthetic AIMS: {args.risks} risks, {args.systems} systems, {args.policies} policies; "
          "one risk file changed on a branch\n")
    print(report(samples, baseline="aimskit validate"))
    validate, diff = samples["aimskit validate"], samples["aimskit diff main...change"]
    print(f"\ndiff / validate, medians: time {diff.median / validate.median:.2f}×, "
          f"memory {diff.peak_mb / validate.peak_mb:.2f}× (target ≤ 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
