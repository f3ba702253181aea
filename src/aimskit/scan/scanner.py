"""Scanning one code root: walk it, read only the files that can hold AI use, and record each use.

AIMS855: a manifest, lock file or SBOM can be read as its format; AIMS856: every file that may
hold AI use was scanned (not a symbolic link, not over the size limit, parsable).
"""

from __future__ import annotations

import typing as t
from pathlib import Path

from aimskit import fs
from aimskit.records.findings import Finding, error, warning
from aimskit.scan import modelfiles, other_manifests, python_manifests, sbom, source
from aimskit.scan.catalogue import Catalogue
from aimskit.scan.python_manifests import Malformed
from aimskit.scan.uses import (MODEL, PACKAGE, VIA_IMPORT, VIA_LOCK, VIA_MANIFEST, VIA_MODEL_FILE,
                               VIA_MODEL_REFERENCE, VIA_SBOM, RootScan, Use)
from aimskit.scan.walk import Entry, Limits, Walk, walk

Parser = t.Callable[[str], t.Iterable[t.Tuple[str, int, int]]]
#: File name (lower case) → (parser, ecosystem, how found).
MANIFESTS: dict[str, tuple[Parser, str, str]] = {
    "pyproject.toml": (python_manifests.pyproject, "pypi", VIA_MANIFEST),
    "pipfile": (python_manifests.pipfile, "pypi", VIA_MANIFEST),
    "pipfile.lock": (python_manifests.pipfile_lock, "pypi", VIA_LOCK),
    "poetry.lock": (python_manifests.lock_packages, "pypi", VIA_LOCK),
    "uv.lock": (python_manifests.lock_packages, "pypi", VIA_LOCK),
    "package.json": (other_manifests.package_json, "npm", VIA_MANIFEST),
    "package-lock.json": (other_manifests.package_lock, "npm", VIA_LOCK),
    "go.mod": (other_manifests.go_mod, "go", VIA_MANIFEST),
    "cargo.toml": (other_manifests.cargo_toml, "cargo", VIA_MANIFEST),
    "pom.xml": (other_manifests.pom_xml, "maven", VIA_MANIFEST),
    "build.gradle": (other_manifests.gradle, "maven", VIA_MANIFEST),
    "build.gradle.kts": (other_manifests.gradle, "maven", VIA_MANIFEST),
}
REQUIREMENTS = (python_manifests.requirements, "pypi", VIA_MANIFEST)
JS_SUFFIXES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")


def classify(name: str) -> str | None:
    """What kind of file ``name`` is for the scan: manifest, sbom, python, js, model, or None."""
    lower = name.lower()
    if lower in MANIFESTS or (lower.startswith("requirements") and lower.endswith((".txt", ".in"))):
        return "manifest"
    if lower.endswith(".py"):
        return "python"
    if lower.endswith(JS_SUFFIXES) and not lower.endswith(".min.js"):
        return "js"
    if sbom.is_sbom_name(lower):
        return "sbom"
    if modelfiles.extension(lower):
        return "model"
    return None


class RootScanner:
    """Scans one root with one catalogue within the limits."""

    def __init__(self, catalogue: Catalogue, limits: Limits) -> None:
        self.catalogue, self.limits = catalogue, limits

    def scan(self, root: Path, shown: str, repository: str | None) -> RootScan:
        result = RootScan(shown, repository)
        walked = Walk()
        for entry in walk(str(root), self.limits, walked, lambda name: classify(name) is not None):
            kind = classify(entry.relative.rsplit("/", 1)[-1])
            if kind == "model":
                self._model_file(entry, result)
            elif kind is not None:
                self._read(entry, kind, result)
        result.files = walked.files
        result.uses.sort(key=lambda use: (use.path, use.line, use.column, use.name))
        result.skipped_folders = walked.skipped_folders
        result.problems += [warning(link, 1, 1, "AIMS856", "is a symbolic link: not followed, not scanned",
                                    "scan the file it points to by its own path if it is part of this code")
                            for link in walked.links]
        result.problems += [warning(path, 1, 1, "AIMS856", f"cannot be read ({why})") for path, why in walked.unreadable]
        if walked.capped:
            result.problems.append(warning(".", 1, 1, "AIMS856", f"scan stopped early: {walked.capped}",
                                           "scan the repository's parts one by one"))
        return result

    def _read(self, entry: Entry, kind: str, result: RootScan) -> None:
        limit = self.limits.max_source_bytes if kind in ("python", "js") else self.limits.max_manifest_bytes
        if entry.size > limit:
            if kind not in ("python", "js"):  # generated or bundled source is left out quietly
                result.problems.append(warning(entry.relative, 1, 1, "AIMS856",
                                               f"is {entry.size} bytes, over the {limit} byte limit: not scanned"))
            return
        try:
            data = fs.read_resolved(Path(entry.absolute), entry.relative, limit)
        except fs.RefusedPath as exc:
            result.problems.append(warning(entry.relative, 1, 1, "AIMS856", f"not scanned: {exc.detail}"))
            return
        result.read += 1
        if kind == "python" or kind == "js":
            self._source(entry.relative, data, kind, result)
            return
        try:
            text = data.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            result.problems.append(error(entry.relative, 1, exc.start + 1, "AIMS855", "is not valid UTF-8",
                                         "save it as UTF-8"))
            return
        try:
            if kind == "sbom":
                self._sbom(entry.relative, text, result)
            else:
                self._manifest(entry.relative, text, result)
        except Malformed as exc:
            result.problems.append(error(entry.relative, exc.line, exc.column, "AIMS855", str(exc),
                                         "fix the file so its build tool can read it; its AI dependencies "
                                         "could not be checked"))
        except RecursionError:
            result.problems.append(error(entry.relative, 1, 1, "AIMS855", "is nested too deeply to read"))

    def _manifest(self, relative: str, text: str, result: RootScan) -> None:
        name = relative.rsplit("/", 1)[-1].lower()
        parse, ecosystem, via = MANIFESTS.get(name, REQUIREMENTS)
        for found, line, column in parse(text):
            package = self.catalogue.lookup(ecosystem, found)
            if package is not None:
                result.uses.append(Use(relative, line, column, PACKAGE, package.name, package.ecosystem,
                                       package.provider, package.category, package.hosted, via))

    def _sbom(self, relative: str, text: str, result: RootScan) -> None:
        for found in sbom.read(text, self.catalogue):
            what = MODEL if found.ecosystem is None else PACKAGE
            result.uses.append(Use(relative, found.line, found.column, what, found.name, found.ecosystem,
                                   found.provider, found.category, found.hosted, VIA_SBOM))

    def _source(self, relative: str, data: bytes, kind: str, result: RootScan) -> None:
        try:
            found = source.python(data, self.catalogue) if kind == "python" else source.javascript(data, self.catalogue)
        except source.Unparsable as exc:
            result.problems.append(warning(relative, exc.line, exc.column, "AIMS856", f"not scanned: {exc}"))
            return
        for item in found:
            if item.package is not None:
                p = item.package
                result.uses.append(Use(relative, item.line, item.column, PACKAGE, p.name, p.ecosystem, p.provider,
                                       p.category, p.hosted, VIA_IMPORT))
            elif item.model:
                provider = item.provider or "Hugging Face"  # a Hub id given to a Hub loader
                result.uses.append(Use(relative, item.line, item.column, MODEL, item.model, None, provider, "model",
                                       item.provider is not None, VIA_MODEL_REFERENCE))

    def _model_file(self, entry: Entry, result: RootScan) -> None:
        suffix = modelfiles.extension(entry.relative) or ""
        found = modelfiles.identify(entry.absolute, suffix)
        if found is not None:
            result.read += 1
            name = entry.relative.rsplit("/", 1)[-1]
            result.uses.append(Use(entry.relative, 1, 1, MODEL, name, None, None, f"model file: {found}", False,
                                   VIA_MODEL_FILE))
