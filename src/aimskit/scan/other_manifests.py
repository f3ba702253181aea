"""npm, Go, Cargo, Maven and Gradle manifests. Each yields (name, line, column). Maven and Gradle
files are read by pattern, never by running the build or expanding XML entities."""

from __future__ import annotations

import re
import typing as t

from aimskit.scan.locate import Text
from aimskit.scan.python_manifests import Malformed, Named, _mapping, _toml, load_json

NPM_SECTIONS = ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")
_GO_REQUIRE = re.compile(r"^[ \t]*(?:require[ \t]+)?([a-z0-9][\w.~-]*(?:\.[\w~-]+)+(?:/[\w.~-]+)*)[ \t]+v\S+", re.MULTILINE)
_POM_DEPENDENCY = re.compile(r"<(dependency|plugin)>(.*?)</\1>", re.DOTALL)
_POM_FIELD = r"<{0}>\s*([^<\s]+)\s*</{0}>"
_GRADLE_COORDINATE = re.compile(r"[\"']([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::[^\"'\s]*)?[\"']")
_GRADLE_NAMED = re.compile(r"group\s*[:=]\s*[\"']([\w.-]+)[\"']\s*,\s*name\s*[:=]\s*[\"']([\w.-]+)[\"']")


def package_json(text: str) -> t.Iterator[Named]:
    data, located = load_json(text), Text(text)
    if not isinstance(data, dict):
        raise Malformed("is not a JSON object")
    for section in NPM_SECTIONS:
        for name in _mapping(data.get(section)):
            yield (name, *located.find(name, prefer=r"\"({})\"\s*:"))


def package_lock(text: str) -> t.Iterator[Named]:
    """package-lock.json (v1, v2, v3): every installed package."""
    data, located = load_json(text), Text(text)
    if not isinstance(data, dict):
        raise Malformed("is not a JSON object")
    names = [key.rsplit("node_modules/", 1)[1] for key in _mapping(data.get("packages")) if "node_modules/" in key]
    names += list(_mapping(data.get("dependencies")))
    for name in dict.fromkeys(names):
        yield (name, *located.find(name, prefer=r"[\"/]({})\"\s*:"))


def go_mod(text: str) -> t.Iterator[Named]:
    """``require path version`` lines, alone or in a ``require ( ... )`` block."""
    located = Text(text)
    for found in _GO_REQUIRE.finditer(text):
        line_start = text.rfind("\n", 0, found.start()) + 1
        if text[line_start:found.start(1)].strip() not in ("", "require"):
            continue
        yield (found.group(1), *located.position(found.start(1)))


def cargo_toml(text: str) -> t.Iterator[Named]:
    """Dependencies, dev and build dependencies, the workspace's and per-target ones; a renamed
    dependency (``ai = { package = "async-openai" }``) counts by its package name."""
    data, located = _toml(text), Text(text)
    tables = [data, _mapping(data.get("workspace")), *[_mapping(v) for v in _mapping(data.get("target")).values()]]
    for table in tables:
        for section in ("dependencies", "dev-dependencies", "build-dependencies"):
            for key, value in _mapping(table.get(section)).items():
                name = _mapping(value).get("package", key)
                if isinstance(name, str):
                    yield (name, *located.find(key, prefer=r"^\s*({})\s*="))


def pom_xml(text: str) -> t.Iterator[Named]:
    """Maven ``<dependency>`` (and ``<plugin>``) coordinates as ``group:artifact``."""
    if "<!ENTITY" in text:
        raise Malformed("declares XML entities; aimskit does not expand them")
    located = Text(text)
    for found in _POM_DEPENDENCY.finditer(text):
        body = found.group(2)
        group = re.search(_POM_FIELD.format("groupId"), body)
        artifact = re.search(_POM_FIELD.format("artifactId"), body)
        if group and artifact:
            yield (f"{group.group(1)}:{artifact.group(1)}", *located.position(found.start(2) + artifact.start(1)))


def gradle(text: str) -> t.Iterator[Named]:
    """Gradle (Groovy or Kotlin) ``"group:artifact:version"`` and ``group: ..., name: ...`` coordinates."""
    located = Text(text)
    for pattern in (_GRADLE_COORDINATE, _GRADLE_NAMED):
        for found in pattern.finditer(text):
            yield (f"{found.group(1)}:{found.group(2)}", *located.position(found.start(1)))
