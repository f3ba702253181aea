"""The benchmarks: a failing tool is an error, never a time; the site benchmark uses public entry points."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"benchmark_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_site_benchmark_refuses_to_time_a_failing_tool(tmp_path):
    site = load("site")
    failing = site.Tool("crashing engine", "nothing", [sys.executable, "-c", "import sys; sys.exit(3)"], tmp_path)
    with pytest.raises(site.ToolFailed, match="crashing engine exited 3"):
        site.run(failing)
    working = site.Tool("working engine", "nothing", [sys.executable, "-c", "pass"], tmp_path)
    assert site.run(working) > 0


def test_timing_refuses_to_time_a_failing_tool(tmp_path):
    timing = load("timing")
    failing = timing.Tool("check-jsonschema", [[sys.executable, "-c", "pass"],
                                               [sys.executable, "-c", "import sys; sys.exit(1)"]])
    with pytest.raises(timing.ToolFailed, match="check-jsonschema: .* exited 1, not 0"):
        timing.run_once(failing)
    findings = timing.Tool("validate", [[sys.executable, "-c", "import sys; sys.exit(1)"]], expect=(1,))
    seconds, memory = timing.run_once(findings)
    assert seconds > 0 and memory > 0


def test_timing_warms_every_tool_alike_and_reports_min_median_max(tmp_path):
    timing = load("timing")
    log = tmp_path / "runs"
    tools = [timing.Tool(name, [[sys.executable, "-c", f"open({str(log)!r}, 'a').write('{name} ')"]])
             for name in ("tool", "baseline")]
    samples = timing.measure(tools, rounds=3, warmups=1)
    assert log.read_text().split() == ["tool", "baseline"] * 4  # one warm-up each, then interleaved rounds
    assert all(len(sample.seconds) == 3 for sample in samples.values())
    table = timing.report(samples, baseline="baseline")
    assert "min" in table and "median" in table and "max" in table and "fresh process" in table


@pytest.mark.parametrize("name", ["validate", "adversarial", "diff"])
def test_benchmarks_time_through_timing_only(name):
    tree = ast.parse((BENCHMARKS / f"{name}.py").read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module == "timing"
                for alias in node.names}
    assert {"Tool", "measure", "report"} <= imported
    calls = {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert not {"time.perf_counter", "validate_and_render", "site_engine.build"} & calls  # no in-process timing


def test_site_benchmark_imports_no_private_cli_module():
    tree = ast.parse((BENCHMARKS / "site.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {name for name in imported if name and name.startswith("aimskit.commands")}


def test_scan_benchmark_plants_what_it_scores_and_refuses_a_failing_tool(tmp_path):
    scan = load("scan")
    truth, files = scan.generate(tmp_path / "tree", services=5)
    assert files >= 5 * 36 and len(truth) == 13  # 5 manifests, 4 Python and 2 TS imports, 2 model files
    assert scan.score({(path, line) for path, line in truth}, truth) == (len(truth), 0)
    assert scan.score({("services/svc0000/docs/page0.md", 1)}, truth) == (0, 1)
    with pytest.raises(scan.ToolFailed, match="exited 3"):
        scan.run([sys.executable, "-c", "import sys; sys.exit(3)"], tmp_path)
