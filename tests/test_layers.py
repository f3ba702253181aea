"""The package's stages import only the stages the map allows: no arrow back up, no circle, no big module.

:data:`ALLOWED` is the one statement of which stage may import which; docs/architecture.md shows
it (generated between the ``stages`` markers, checked here). Every kind of import counts:
``import aimskit.x``, ``from aimskit.x import y``, relative imports (``from ..site import engine``),
lazy imports inside functions and ``TYPE_CHECKING`` blocks, and ``importlib.import_module`` /
``__import__`` with a literal (or f-string) module name. Within a stage, modules import each other
without a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "aimskit"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MARK_START, MARK_END = "<!-- stages:start -->", "<!-- stages:end -->"

#: The base modules, importable from anywhere; they import no other stage but each other as listed.
BASE = ("__init__", "_build", "errors", "resources", "safetext", "cache")

#: Each stage and the stages it may import (besides itself and :data:`BASE`), from the bottom up.
ALLOWED: dict[str, tuple[str, ...]] = {
    "fs": (),
    "reference": (),
    "records": ("fs",),
    "governance": ("fs", "records"),
    "rules": ("fs", "reference", "records", "governance"),
    "scan": ("fs", "records"),
    "readiness": ("reference", "records", "governance", "scan"),
    "reporting": ("records", "governance", "readiness", "scan"),
    "git": ("fs", "records", "governance"),
    "approvals": ("records", "governance"),
    "lock": ("fs",),
    "distribution": (),
    "importing": ("reference", "records", "governance", "rules"),
    "examples": ("records", "governance", "rules"),
    "diff": ("records", "governance", "rules", "reporting", "git", "approvals"),
    "export": ("fs", "reference", "records", "governance", "rules", "readiness", "reporting", "git", "approvals"),
    "gate": ("records", "reporting", "git", "approvals"),
    "site": ("fs", "reference", "records", "governance", "rules", "readiness", "reporting", "git", "approvals", "scan"),
    "upgrade": ("records", "git", "lock", "distribution"),
    "commands": ("fs", "records", "governance", "rules", "readiness", "reporting", "git", "approvals", "lock", "scan",
                 "distribution", "importing", "examples", "diff", "export", "gate", "site", "upgrade"),
    "cli": ("commands",),
    "__main__": ("cli",),
}
#: What the base modules may import among themselves.
BASE_ALLOWED = {"__init__": ("_build",), "_build": (), "errors": (), "safetext": (), "cache": (), "resources": ()}
MAX_LINES = 320


def _stage(module: str) -> str:
    """``aimskit.records.model`` → ``records``."""
    return module.split(".")[1] if module.count(".") else "__init__"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _literal_prefix(node: ast.expr) -> str | None:
    """A module name given as a string literal, or the literal start of an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return None


def _resolve(module: str, path: Path, level: int, name: str | None) -> str:
    """The absolute module of ``from <level dots><name> import ...`` in ``module``."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    parts = package.split(".")
    base = parts[:len(parts) - (level - 1)] if level > 1 else parts
    return ".".join(base + ([name] if name else []))


def imports(module: str, path: Path, source: str | None = None) -> set[str]:
    """The aimskit modules ``module`` imports, by any of the means the module docstring lists."""
    names: set[str] = set()
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, path, node.level, node.module) if node.level else (node.module or "")
            for alias in node.names:
                full = f"{base}.{alias.name}"
                names.add(full if full in MODULES or full.count(".") == 1 and base == "aimskit" else base)
        elif isinstance(node, ast.Call) and node.args:
            function = ast.unparse(node.func)
            if function.endswith("import_module") or function == "__import__":
                named = _literal_prefix(node.args[0])
                if named is not None and named.startswith("."):
                    package = next((_literal_prefix(k.value) for k in node.keywords if k.arg == "package"), None)
                    named = f"{package or module.rpartition('.')[0]}{named}"
                if named is not None:
                    names.add(named.rstrip("."))
    return {name for name in names if name == "aimskit" or name.startswith("aimskit.")}


def _allowed(stage: str) -> set[str]:
    if stage in BASE:
        return {stage, *BASE_ALLOWED[stage], "__init__"}
    return {stage, *BASE, *ALLOWED[stage]}


def _version_only(name: str) -> bool:
    return name in ("aimskit", "aimskit.__version__")  # the version is a leaf; anyone may read it


@pytest.mark.parametrize(("module", "path"), MODULES.items(), ids=list(MODULES))
def test_imports_follow_the_stage_map(module: str, path: Path) -> None:
    stage = _stage(module)
    assert stage in ALLOWED or stage in BASE, \
        f"{module}: stage '{stage}' is not in the map; add it to ALLOWED (docs/architecture.md is generated)"
    wrong = sorted(name for name in imports(module, path)
                   if not _version_only(name) and _stage(name) not in _allowed(stage))
    assert not wrong, f"{module} ({stage}) imports stages the map does not allow it: {wrong}"


def test_the_map_has_no_circle() -> None:
    order: list[str] = []
    for stage in ALLOWED:  # listed from the bottom up: each stage only names stages listed before it
        assert all(lower in order for lower in ALLOWED[stage]), f"{stage} imports a stage listed above it"
        order.append(stage)


def _stage_graph(stage: str) -> dict[str, set[str]]:
    members = {m: p for m, p in MODULES.items() if _stage(m) == stage}
    graph = {}
    for module, path in members.items():
        targets = set()
        for name in imports(module, path):
            while name and name not in members and "." in name:
                name = name.rpartition(".")[0]
            if name in members and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    found: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        trail.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                found.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail)
        trail.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    return found


@pytest.mark.parametrize("stage", sorted({_stage(m) for m in MODULES if m.count(".") >= 2}))
def test_no_import_circle_within_a_stage(stage: str) -> None:
    # a package's __init__ gathers its modules; a module importing its own package is the usual
    # 'from aimskit.rules import registry' and no circle of the modules themselves
    graph = _stage_graph(stage)
    package = f"aimskit.{stage}"
    graph = {m: {t for t in targets if t != package} for m, targets in graph.items()}
    assert not _circles(graph), _circles(graph)


@pytest.mark.parametrize(("module", "path"), MODULES.items(), ids=list(MODULES))
def test_modules_stay_small(module: str, path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by responsibility"


def stage_table() -> str:
    """The stage map as the Markdown table docs/architecture.md shows."""
    lines = ["| stage | may import (besides itself and the base modules) |", "|---|---|"]
    lines.append(f"| base: {', '.join(f'`{m}`' for m in BASE[1:])} | nothing else of aimskit |")
    for stage, allowed in ALLOWED.items():
        lines.append(f"| `{stage}` | {', '.join(f'`{a}`' for a in allowed) or '—'} |")
    return "\n".join(lines)


def test_architecture_page_shows_the_map() -> None:
    page = ARCHITECTURE.read_text(encoding="utf-8")
    head, start, rest = page.partition(MARK_START)
    current, end, _ = rest.partition(MARK_END)
    assert start and end, f"docs/architecture.md needs {MARK_START} and {MARK_END}"
    assert current.strip() == stage_table(), \
        "docs/architecture.md's stage map is stale: run `python tests/test_layers.py` and commit the result"


# --- the checker itself -------------------------------------------------------------------------


def test_the_checker_sees_absolute_relative_and_dynamic_imports(tmp_path: Path) -> None:
    source = "\n".join([
        "from aimskit.site import engine",
        "import aimskit.commands.build",
        "from ..site import engine as e2",
        "from . import loading",
        "from .. import diff",
        "import importlib",
        "importlib.import_module('aimskit.export.tables')",
        "importlib.import_module(f'aimskit.gate.{name}')",
        "__import__('aimskit.cli')",
        "def later():",
        "    from ...aimskit import nothing",
    ])
    path = PACKAGE / "records" / "sample.py"  # never written: the source is passed in
    found = imports("aimskit.records.sample", path, source)
    assert {"aimskit.site", "aimskit.site.engine", "aimskit.commands.build", "aimskit.records.loading",
            "aimskit.diff", "aimskit.export.tables", "aimskit.gate", "aimskit.cli"} <= found | {"aimskit.site"}
    assert "aimskit.site.engine" in found or "aimskit.site" in found
    wrong = sorted(n for n in found if _stage(n) not in _allowed("records") and not _version_only(n))
    assert {"aimskit.diff", "aimskit.export.tables", "aimskit.gate", "aimskit.cli"} <= set(wrong)


def test_the_checker_finds_a_circle() -> None:
    assert _circles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b", "a"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


if __name__ == "__main__":
    page = ARCHITECTURE.read_text(encoding="utf-8")
    head, start, rest = page.partition(MARK_START)
    _, end, tail = rest.partition(MARK_END)
    ARCHITECTURE.write_text(f"{head}{MARK_START}\n{stage_table()}\n{MARK_END}{tail}", encoding="utf-8")
