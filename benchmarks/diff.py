"""Time and memory of `aimskit diff` for a one-file change on a large synthetic AIMS, side by side
with one `aimskit validate` of the same repository.

The synthetic AIMS is grown as in ``synthetic.py`` (default 10,000 risks, 500 systems, 300
policies) and committed to a git repository, packed as a clone is (and as git's own housekeeping
would pack it, in the background, racing the first round); a branch changes one risk's residual
score. Each tool runs as a fresh process, in interleaved rounds; the best time and the peak
resident memory of each are kept. A tool that fails (validate exits 1 for the synthetic AIMS's
findings; anything above that, or a diff that does not exit 0) stops the benchmark: a failure is
never reported as a time. The target: the diff takes no longer, and no more memory, than one
validate.

    python benchmarks/diff.py [--risks N] [--systems N] [--policies N] [--rounds N]
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

from synthetic import bake, grow  # noqa: E402

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


class ToolFailed(Exception):
    """A tool exited with a code that means it failed, not that it found something."""


def run(command: list[str], cwd: Path, passing: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Seconds and peak resident memory (MB) of one fresh process; ToolFailed when its exit code
    is not one of ``passing``."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in passing:
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip()
            raise ToolFailed(f"{' '.join(command[-3:])} exited {code}: {said}")
    return seconds, usage.ru_maxrss // 1024


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
        tools = {  # validate exits 1 for the findings of the synthetic AIMS
            "aimskit validate": ([sys.executable, "-m", "aimskit", "--repo", str(root), "validate", "--format", "json"],
                                 (0, 1)),
            "aimskit diff main...change": ([sys.executable, "-m", "aimskit", "--repo", str(root), "diff",
                                            "main...change"], (0,)),
        }
        best = {name: (float("inf"), 0) for name in tools}
        for _ in range(args.rounds):
            for name, (command, passing) in tools.items():
                seconds, memory = run(command, root, passing)
                best[name] = (min(best[name][0], seconds), max(best[name][1], memory))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"synthetic AIMS: {args.risks} risks, {args.systems} systems, {args.policies} policies; "
          "one risk file changed on a branch")
    print(f"\n{'tool':30} {'best of ' + str(args.rounds):>12} {'peak memory':>12}")
    for name, (seconds, memory) in best.items():
        print(f"{name:30} {seconds:11.2f}s {memory:10d} MB")
    validate, diff = best["aimskit validate"], best["aimskit diff main...change"]
    print(f"\ndiff / validate: time {diff[0] / validate[0]:.2f}×, memory {diff[1] / validate[1]:.2f}× (target ≤ 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
