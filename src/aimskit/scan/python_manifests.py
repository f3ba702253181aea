"""Python dependency manifests and locks: requirements files, pyproject.toml (PEP 621, PEP 735,
Poetry), Pipfile, Pipfile.lock, poetry.lock and uv.lock. Each yields (name, line, column)."""

from __future__ import annotations

import json
import re
import sys
import typing as t

from aimskit.scan.locate import Text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

Named = t.Tuple[str, int, int]
_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_EGG = re.compile(r"#egg=([A-Za-z0-9][A-Za-z0-9._-]*)")
TOMLError = tomllib.TOMLDecodeError


class Malformed(Exception):
    """A manifest that cannot be read as its format: the message and where."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def requirement_name(spec: str) -> str | None:
    """The project name of a PEP 508 requirement string (``openai>=1; python_version>'3.8'``)."""
    found = _REQUIREMENT.match(spec)
    return found.group(1) if found else None


def requirements(text: str) -> t.Iterator[Named]:
    """A pip requirements file: one requirement a line; options, comments and URLs without an egg skipped."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.split(" #", 1)[0].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("-"):
            egg = _EGG.search(stripped)
            if egg:
                yield egg.group(1), number, line.index(egg.group(1)) + 1
            continue
        if "://" in stripped.split("@", 1)[0] or stripped.startswith((".", "/")):
            continue
        name = requirement_name(stripped)
        if name:
            yield name, number, line.index(name) + 1


def _toml(text: str) -> dict[str, t.Any]:
    try:
        return tomllib.loads(text)
    except TOMLError as exc:
        from aimskit.scan.locate import toml_error_position

        raise Malformed(f"is not valid TOML: {exc}", *toml_error_position(str(exc), text)) from None


def _strings(value: t.Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _mapping(value: t.Any) -> dict[str, t.Any]:
    return value if isinstance(value, dict) else {}


def pyproject(text: str) -> t.Iterator[Named]:
    """PEP 621 dependencies and optional dependencies, PEP 735 groups, Poetry's dependency tables."""
    data, located = _toml(text), Text(text)
    project = _mapping(data.get("project"))
    specs = _strings(project.get("dependencies"))
    for extra in _mapping(project.get("optional-dependencies")).values():
        specs += _strings(extra)
    for group in _mapping(data.get("dependency-groups")).values():
        specs += _strings(group)
    names = [name for name in map(requirement_name, specs) if name]
    poetry = _mapping(_mapping(data.get("tool")).get("poetry"))
    tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
    tables += [_mapping(group).get("dependencies") for group in _mapping(poetry.get("group")).values()]
    names += [name for table in tables for name in _mapping(table) if name.lower() != "python"]
    for name in dict.fromkeys(names):
        yield (name, *located.find(name, pypi=True, prefer=r"^\s*[\"']?({})\b"))


def pipfile(text: str) -> t.Iterator[Named]:
    data, located = _toml(text), Text(text)
    for table in ("packages", "dev-packages"):
        for name in _mapping(data.get(table)):
            yield (name, *located.find(name, pypi=True, prefer=r"^\s*[\"']?({})[\"']?\s*="))


def pipfile_lock(text: str) -> t.Iterator[Named]:
    data, located = load_json(text), Text(text)
    for section in ("default", "develop"):
        for name in _mapping(_mapping(data).get(section)):
            yield (name, *located.find(name, pypi=True, prefer=r"\"({})\"\s*:"))


def lock_packages(text: str) -> t.Iterator[Named]:
    """poetry.lock and uv.lock: each ``[[package]]`` name."""
    data, located = _toml(text), Text(text)
    packages = data.get("package")
    for package in packages if isinstance(packages, list) else []:
        name = _mapping(package).get("name")
        if isinstance(name, str):
            yield (name, *located.find(name, pypi=True, prefer=r"^name\s*=\s*\"({})\""))


def load_json(text: str) -> t.Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Malformed(f"is not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise Malformed("is nested too deeply to read") from None
