"""The package's stages import only the stages below them: no arrow back up, no circle, no big module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "aimskit"

#: Each stage with its rank: a module may import its own stage and stages of a lower rank only.
#: Hand-written from the architecture in docs/architecture.md.
RANKS = {
    "__init__": 0, "errors": 0, "resources": 0, "safetext": 0, "cache": 0,
    "reference": 1, "fs": 1,
    "records": 2,
    "governance": 3,
    "rules": 4, "scan": 4,
    "reporting": 5,
    "readiness": 6,
    "git": 7, "approvals": 7, "lock": 7,
    "site": 8, "diff": 8, "export": 8, "importing": 8, "upgrade": 8, "gate": 8, "examples": 8, "distribution": 7,
    "commands": 9,
    "cli": 10,
    "__main__": 11,
}
MAX_LINES = 320


def _stage(module: str) -> str:
    """``aimskit.records.model`` → ``records``."""
    return module.split(".")[1] if module.count(".") else "__init__"


def _modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return found


def _imports(module: str, path: Path) -> set[str]:
    """The aimskit modules ``path`` imports (at any depth, lazy imports included)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("aimskit"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("aimskit"):
            if node.module == "aimskit":
                names.update(f"aimskit.{alias.name}" for alias in node.names)
            else:
                names.add(node.module)
    return names


MODULES = _modules()


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[module for module, _ in MODULES])
def test_imports_go_down_the_stages_only(module: str, path: Path) -> None:
    stage = _stage(module)
    assert stage in RANKS, f"{module}: stage '{stage}' has no rank; add it to RANKS and docs/architecture.md"
    upward = sorted(name for name in _imports(module, path)
                    if _stage(name) != "__init__" and _stage(name) != stage and RANKS.get(_stage(name), 99) >= RANKS[stage])
    # __version__ in aimskit/__init__ is a leaf; importing it is allowed from anywhere.
    upward = [name for name in upward if name != "aimskit.__version__"]
    assert not upward, f"{module} imports from its own rank or above: {upward}"


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[module for module, _ in MODULES])
def test_modules_stay_small(module: str, path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by responsibility"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from aimskit.site import engine\nimport aimskit.commands.build\n", encoding="utf-8")
    assert _imports("aimskit.records.sample", sample) == {"aimskit.site", "aimskit.commands.build"}
