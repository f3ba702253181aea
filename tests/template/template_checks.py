"""Checks every bake of the template must pass, shared by the template tests."""

from __future__ import annotations

import filecmp
from pathlib import Path

from aimskit import rules
from aimskit.rules.validation import validate

TEMPLATE_ROOT = Path(__file__).resolve().parents[2]
MARKERS = ("{{ cookiecutter.", "{{cookiecutter.", "{%", "%}", "{#")


def text_files(project: Path) -> list[Path]:
    """Every file of the bake outside .git that decodes as UTF-8."""
    files = []
    for path in sorted(project.rglob("*")):
        if path.is_file() and ".git" not in path.relative_to(project).parts:
            try:
                path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            files.append(path)
    return files


def unrendered_markers(project: Path) -> list[str]:
    """``path: marker`` for each template marker left in a generated file (a bake holds no engine
    templates: they come from the aimskit package)."""
    return [f"{path.relative_to(project)}: {marker}" for path in text_files(project)
            for marker in MARKERS if marker in path.read_text(encoding="utf-8")]


def schema_differences(project: Path) -> list[str]:
    """Files that differ between the template's schemas/ and the bake's (empty when identical)."""
    comparison = filecmp.dircmp(TEMPLATE_ROOT / "schemas", project / "schemas")
    different = [name for name in comparison.common_files
                 if (TEMPLATE_ROOT / "schemas" / name).read_bytes() != (project / "schemas" / name).read_bytes()]
    return sorted(comparison.left_only + comparison.right_only + different + comparison.common_dirs)


def findings(project: Path, severity: str = "error") -> list[str]:
    """Findings of ``severity`` from ``aimskit validate`` run in-process on the bake, as text."""
    result = validate(project, rules.Options())
    return [finding.format_text() for finding in result.findings if finding.severity == severity]


def assert_valid_bake(project: Path) -> None:
    markers, schemas, errors = unrendered_markers(project), schema_differences(project), findings(project)
    assert not markers, "template markers left: " + ", ".join(markers)
    assert not schemas, "schemas/ differs from the template's: " + ", ".join(schemas)
    assert not errors, "aimskit validate errors:\n" + "\n".join(errors)
