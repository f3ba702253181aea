"""Timing that cannot flatter: every timed run is a fresh process whose exit code is checked, every
tool (the baselines too) is warmed the same way before the timed rounds, the rounds interleave the
tools, and results are the minimum, median and maximum of the rounds, never one lucky run.

    from timing import Tool, measure, report
    samples = measure([Tool("aimskit validate", [[...]]), Tool("bare parse", [[...]])], rounds=5)
    print(report(samples, baseline="bare parse"))
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


class ToolFailed(Exception):
    """A timed tool exited with a code that means it failed: its time would measure a failure."""


@dataclasses.dataclass(frozen=True)
class Tool:
    """A tool to time: one or more commands run one after the other, each a fresh process whose
    exit code must be one of ``expect``."""

    name: str
    commands: list[list[str]]
    expect: tuple[int, ...] = (0,)
    env: dict[str, str] | None = None
    cwd: Path | None = None


@dataclasses.dataclass
class Sample:
    """The seconds of each timed round of one tool, and its peak resident memory (MB)."""

    seconds: list[float] = dataclasses.field(default_factory=list)
    peak_mb: int = 0

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def max(self) -> float:
        return max(self.seconds)


def run_once(tool: Tool) -> tuple[float, int]:
    """Seconds and peak memory of running ``tool``'s commands, each a fresh process.

    Raises :class:`ToolFailed` when a command exits with a code not in ``tool.expect``."""
    elapsed, peak = 0.0, 0
    for command in tool.commands:
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=tool.cwd, env=tool.env, stdout=subprocess.DEVNULL, stderr=errors)
            _, status, usage = os.wait4(process.pid, 0)
            elapsed += time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            peak = max(peak, usage.ru_maxrss // 1024)
            if code not in tool.expect:
                errors.seek(0)
                said = errors.read().decode(errors="replace").strip()[-2000:]
                raise ToolFailed(f"{tool.name}: {' '.join(command[:5])} … exited {code}, not "
                                 f"{' or '.join(map(str, tool.expect))}:\n{said}")
    return elapsed, peak


def measure(tools: list[Tool], rounds: int, warmups: int = 1) -> dict[str, Sample]:
    """Warm every tool alike (``warmups`` untimed runs each, exit codes checked), then time
    ``rounds`` interleaved rounds of all of them."""
    for _ in range(warmups):
        for tool in tools:
            run_once(tool)
    samples = {tool.name: Sample() for tool in tools}
    for _ in range(rounds):
        for tool in tools:
            seconds, peak = run_once(tool)
            samples[tool.name].seconds.append(seconds)
            samples[tool.name].peak_mb = max(samples[tool.name].peak_mb, peak)
    return samples


def report(samples: dict[str, Sample], baseline: str, notes: dict[str, str] | None = None) -> str:
    """A table of min, median and max seconds, peak memory, and the median's ratio to ``baseline``'s."""
    base = samples[baseline].median
    width = max(len(name) for name in samples) + 2
    rounds = len(next(iter(samples.values())).seconds)
    lines = [f"{'tool':{width}} {'min':>8} {'median':>8} {'max':>8} {'peak MB':>8} {'median ÷ ' + baseline:>20}"
             f"   ({rounds} rounds, each a fresh process, after the same warm-up)"]
    for name, sample in samples.items():
        note = f"  {notes[name]}" if notes and name in notes else ""
        lines.append(f"{name:{width}} {sample.min:7.3f}s {sample.median:7.3f}s {sample.max:7.3f}s "
                     f"{sample.peak_mb:8d} {sample.median / base:19.2f}×{note}")
    return "\n".join(lines)
