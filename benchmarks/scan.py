"""Time `aimskit scan` on a synthetic monorepo beside `ai-finder scan` on the same tree.

The monorepo (``--services`` services, about 40 files each: 20,000+ files by default) mixes
Python, TypeScript, Go and Rust services, each with its manifest naming one AI package among
ordinary ones, source files of which a few import an AI SDK (others mention one only in a
comment), Markdown docs, a vendored ``node_modules`` copy, and model files. Every planted use is
of a package both tools know, so recall compares like with like.

Each tool runs ``--rounds`` times, each in a fresh process: the median wall time, the peak
resident memory, and what it found (planted uses found, and findings that are no planted use),
then both tools on the labelled corpus of tests/scan. ai-finder runs offline (no telemetry,
no knowledge-base enrichment; without network when ``unshare -n`` is allowed).

    python benchmarks/scan.py [--services 560] [--rounds 3] [--ai-finder PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import typing as t
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "scan" / "corpus"
Found = set[tuple[str, "int | None"]]

PYTHON_SDKS = [("openai", "import openai"), ("anthropic", "from anthropic import Anthropic"),
               ("torch", "import torch"), ("transformers", "from transformers import AutoModel")]
NPM_SDKS = [("@anthropic-ai/sdk", 'import Anthropic from "@anthropic-ai/sdk";'), ("openai", 'import OpenAI from "openai";')]


class ToolFailed(Exception):
    """A tool exited with a code that means it failed, not that it found something."""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _modules(root: Path, folder: str, suffix: str, truth: set[tuple[str, int]], line: int,
             with_ai: t.Callable[[int], str], without_ai: t.Callable[[int], str]) -> None:
    """30 source modules in ``folder``: the first two use AI at ``line`` (planted), the rest do not."""
    for number in range(30):
        relative = f"{folder}/m{number:02d}{suffix}"
        _write(root / relative, with_ai(number) if number < 2 else without_ai(number))
        if number < 2:
            truth.add((relative, line))


def _service(root: Path, index: int, truth: set[tuple[str, int]]) -> None:
    kind = ("python", "typescript", "python", "go", "rust")[index % 5]
    folder = f"services/svc{index:04d}"
    base = root / folder
    if kind == "python":
        package, line = PYTHON_SDKS[index % len(PYTHON_SDKS)]
        _write(base / "requirements.txt", f"requests==2.32.3\nflask==3.0.3\n{package}==1.0.0\npydantic==2.8.0\n")
        truth.add((f"{folder}/requirements.txt", 3))
        _modules(root, f"{folder}/app", ".py", truth, 3,
                 lambda number: f'"""Module {number}."""\n\n{line}\n\nVALUE = {number}\n',
                 lambda number: f"# an openai-like helper, no AI here\nimport os\n\nVALUE = {number}\n")
    elif kind == "typescript":
        package, line = NPM_SDKS[index % len(NPM_SDKS)]
        _write(base / "package.json", json.dumps({"name": f"svc{index}", "dependencies": {
            "express": "^4.19.2", package: "^1.0.0", "zod": "^3.23.8"}}, indent=2) + "\n")
        truth.add((f"{folder}/package.json", 5))
        _write(base / "node_modules" / "openai" / "index.js", 'module.exports = require("openai/core");\n')
        _write(base / "node_modules" / "openai" / "package.json", '{"name": "openai"}\n')
        _modules(root, f"{folder}/src", ".ts", truth, 1,
                 lambda number: f"{line}\nexport const value = {number};\n",
                 lambda number: f'// import OpenAI from "openai"\nexport const value = {number};\n')
    elif kind == "go":
        _write(base / "go.mod", f"module example.com/svc{index}\n\ngo 1.22\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n"
                                "\tgithub.com/sashabaranov/go-openai v1.28.2\n)\n")
        truth.add((f"{folder}/go.mod", 7))
        for number in range(30):
            _write(base / f"m{number:02d}.go", f"package main\n\nconst value{number} = {number}\n")
    else:
        _write(base / "Cargo.toml", f'[package]\nname = "svc{index}"\nversion = "0.1.0"\n\n[dependencies]\n'
                                    'serde = "1"\ncandle-core = "0.6"\n')
        truth.add((f"{folder}/Cargo.toml", 7))
        for number in range(30):
            _write(base / "src" / f"m{number:02d}.rs", f"pub const VALUE: u32 = {number};\n")
    for number in range(5):
        _write(base / "docs" / f"page{number}.md", "We use openai and anthropic through their SDKs.\n")


def generate(root: Path, services: int) -> tuple[set[tuple[str, int]], int]:
    """Write the monorepo under ``root``; return the planted uses (path, line) and the file count."""
    truth: set[tuple[str, int]] = set()
    for index in range(services):
        _service(root, index, truth)
    header = b'{"w": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}'
    for number in range(max(1, services // 25)):
        (root / "models").mkdir(exist_ok=True)
        (root / "models" / f"m{number}.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 4)
        (root / "models" / f"m{number}.onnx").write_bytes(b"\x08\x07\x12\x07pytorch")
        truth |= {(f"models/m{number}.safetensors", 1), (f"models/m{number}.onnx", 1)}
    files = sum(len(names) for _, _, names in os.walk(root))
    return truth, files


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, passing: tuple[int, ...] = (0,)) -> tuple[float, int]:
    """Seconds and peak resident memory (MB) of one fresh process; ToolFailed on a failing exit code."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in passing:
            errors.seek(0)
            said = errors.read().decode(errors="replace").strip()[-500:]
            raise ToolFailed(f"{command[0]} exited {code}: {said}")
    return seconds, usage.ru_maxrss // 1024


def aimskit_command(tree: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "aimskit", "scan", "--no-inventory", "--format", "text", "--result", str(output), str(tree)]


def aimskit_found(output: Path) -> Found:
    return {(use["path"], use["line"]) for use in json.loads(output.read_text(encoding="utf-8"))["uses"]}


def finder_command(finder: str, tree: Path, output: Path) -> list[str]:
    command = [finder, "--no-telemetry", "scan", "-f", "json", "-q", "--no-enrich", str(tree), "-o", str(output)]
    return (["unshare", "-n", *command] if shutil.which("unshare") and os.geteuid() == 0 else command)


def finder_found(output: Path) -> Found:
    return {(f["file_path"], f.get("line")) for f in json.loads(output.read_text(encoding="utf-8"))["findings"]}


def finder_env(home: Path) -> dict[str, str]:
    return {**os.environ, "DO_NOT_TRACK": "1", "AI_FINDER_TELEMETRY": "0", "HOME": str(home)}


def score(found: Found, truth: set[tuple[str, int]]) -> tuple[int, int]:
    """(planted uses found, findings that are no planted use); a finding without a line matches by path."""
    paths = {path for path, line in found if line is None}
    hits = sum(1 for path, line in truth if (path, line) in found or path in paths)
    extra = sum(1 for path, line in found if not any(path == t and (line is None or line == n) for t, n in truth))
    return hits, extra


def corpus_tree(target: Path) -> set[tuple[str, int]]:
    shutil.copytree(CORPUS, target)
    labels = yaml.safe_load((target / "labels.yaml").read_text(encoding="utf-8"))
    (target / "labels.yaml").unlink()
    (target / "models" / "intent.onnx").write_bytes(b"\x08\x07\x12\x07pytorch")
    (target / "models" / "llm.gguf").write_bytes(b"GGUF\x03\x00\x00\x00" + b"\0" * 16)
    return {(path, line) for path, line, _ in labels["uses"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=560)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ai-finder", default=shutil.which("ai-finder"), help="the ai-finder program (default: on PATH)")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="aimskit-bench-scan-"))
    try:
        tree = workdir / "monorepo"
        truth, files = generate(tree, args.services)
        corpus_truth = corpus_tree(workdir / "corpus")
        print(f"synthetic monorepo: {files} files, {args.services} services, {len(truth)} planted AI uses\n")
        tools = [("aimskit scan", lambda t, o: aimskit_command(t, o), aimskit_found, None)]
        if args.ai_finder:
            (workdir / "home").mkdir()
            tools.append(("ai-finder scan", lambda t, o: finder_command(args.ai_finder, t, o), finder_found,
                          finder_env(workdir / "home")))
        else:
            print("ai-finder not found: only aimskit is timed\n")
        rows, corpus_rows = [], []
        for name, command, found, env in tools:
            output = workdir / "out.json"
            timings = [run(command(tree, output), workdir, env) for _ in range(args.rounds)]
            hits, extra = score(found(output), truth)
            rows.append((name, statistics.median(t[0] for t in timings), max(t[1] for t in timings), len(found(output)),
                         hits, extra))
            run(command(workdir / "corpus", output), workdir, env)
            hits, extra = score(found(output), corpus_truth)
            corpus_rows.append((name, hits, len(corpus_truth), extra))
        print("| tool | median time (s) | peak memory (MB) | findings | planted uses found | not a planted use |")
        print("|---|---|---|---|---|---|")
        for name, seconds, memory, count, hits, extra in rows:
            print(f"| {name} | {seconds:.2f} | {memory} | {count} | {hits} of {len(truth)} | {extra} |")
        print("\nlabelled corpus (tests/scan/corpus):\n")
        print("| tool | recall | precision | true uses found | false positives |")
        print("|---|---|---|---|---|")
        for name, hits, total, extra in corpus_rows:
            precision = hits / (hits + extra) if hits + extra else 1.0
            print(f"| {name} | {hits / total:.2f} | {precision:.2f} | {hits} of {total} | {extra} |")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
