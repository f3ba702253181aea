"""Running the site engine (MkDocs Material or Zensical) on the rendered pages.

``mkdocs.yml`` is read and vetted once (:mod:`aimskit.site.config`): nothing runs when it points
outside the repository or would load code. The engine never reads the repository's file: aimskit
writes the engine's configuration from the vetted settings into the staging folder, with
aimskit's packaged theme overrides as the only templates besides the theme's own. A build never
touches the previous site until it has succeeded: the written configuration, the hand-written
pages (copied with :func:`aimskit.fs.copy_tree`, so no link out of the repository, FIFO or device
is followed), the static files of the repository's theme folder and the rendered pages are staged
in a temporary folder inside the repository, the engine builds there, and only then are
``site/`` and ``docs/generated/`` swapped into place (:func:`aimskit.fs.replace_folder`).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import typing as t
from pathlib import Path

from aimskit import fs
from aimskit.errors import AimskitError
from aimskit.records.findings import Finding, error
from aimskit.records.loading import MAX_FILE_BYTES
from aimskit.site import config as site_config
from aimskit.site.config import CONFIG_NAME, Layout, Vetted, vet

__all__ = ["ENGINES", "CONFIG_NAME", "GENERATED", "THEME_FOLDER", "Layout", "SiteRefused", "Vetted", "build",
           "check_engine", "publish_pages", "stage_config", "write_pages"]

ENGINES = ("mkdocs", "zensical")
GENERATED = "generated"
# Where aimskit's own theme overrides are staged, beside the written configuration.
THEME_FOLDER = ".aimskit-theme"
_REQUIREMENTS = {"mkdocs": (("mkdocs", "material"), "mkdocs-material"), "zensical": (("zensical",), "zensical")}


class SiteRefused(AimskitError):
    """The site was not built: ``findings`` say what in mkdocs.yml or docs/ was refused."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("the site was not built (the previous site is unchanged):\n"
                         + "\n".join(finding.format_text() for finding in findings))
        self.findings = findings


def check_engine(engine: str) -> None:
    """Raise a clear error naming the package to install when ``engine`` cannot run."""
    if engine not in _REQUIREMENTS:
        raise AimskitError(f"unknown site engine {engine!r}; choose one of {', '.join(ENGINES)}")
    modules, package = _REQUIREMENTS[engine]
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise AimskitError(f"the {engine} site engine is not installed (missing module {missing[0]!r}); "
                           f"install it with: {sys.executable} -m pip install {package}")


def build(root: Path, vetted: Vetted, pages: t.Mapping[str, str], engine: str = "mkdocs", strict: bool = False,
          destination: Path | None = None) -> Path:
    """Build the site from ``pages`` (the rendered ``docs/generated/``) with the settings aimskit
    ``vetted`` (never by reading mkdocs.yml again), and return where it is."""
    check_engine(engine)
    if not vetted.ok:
        raise SiteRefused(vetted.findings)
    layout = vetted.layout
    destination = destination or root / layout.site_dir
    staging = Path(tempfile.mkdtemp(prefix=".aimskit-build-", dir=root))
    try:
        _stage(root, vetted, staging, pages)
        _run_engine(engine, staging, strict)
        fs.replace_folder(staging / layout.site_dir, destination, protected=[root])
        fs.replace_folder(staging / layout.docs_dir / GENERATED, root / layout.docs_dir / GENERATED, protected=[root])
    finally:
        fs.remove_tree(staging)
    return destination


def stage_config(vetted: Vetted, folder: Path) -> Path:
    """Write the engine's configuration (from the vetted settings) and aimskit's theme overrides into
    ``folder``; return the configuration file. The repository's mkdocs.yml is not read."""
    shutil.copytree(site_config.THEME_DIR, folder / THEME_FOLDER, ignore=shutil.ignore_patterns("__pycache__"))
    written = folder / CONFIG_NAME
    written.write_text(site_config.dump(site_config.engine_settings(vetted, THEME_FOLDER)), encoding="utf-8")
    return written


def write_pages(pages: t.Mapping[str, str], folder: Path) -> None:
    """Write ``pages`` into ``folder`` (created as needed), marked as aimskit's output."""
    folder.mkdir(parents=True, exist_ok=True)
    fs.mark(folder)
    for relative, text in pages.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def publish_pages(pages: t.Mapping[str, str], folder: Path, protected: t.Iterable[Path] = ()) -> None:
    """Replace ``folder`` by the rendered pages, refusing a folder aimskit did not write or one
    that holds a ``protected`` folder (the repository itself)."""
    fs.check_output(folder, protected)
    fresh = fs.staging_folder(folder)
    try:
        write_pages(pages, fresh)
        fs.replace_folder(fresh, folder, protected)
    finally:
        fs.remove_tree(fresh)


def _stage(root: Path, vetted: Vetted, staging: Path, pages: t.Mapping[str, str]) -> None:
    layout = vetted.layout
    stage_config(vetted, staging)
    docs = root / layout.docs_dir
    refused: list[str] = []
    if docs.is_dir():
        generated = docs / GENERATED
        refused += fs.copy_tree(root, docs, staging / layout.docs_dir, MAX_FILE_BYTES,
                                skip=lambda path: path == generated)
    if layout.custom_dir and (root / layout.custom_dir).is_dir():
        # Only its stylesheets, scripts, images and fonts, published beside the pages: never on the
        # engine's template path (vetting refused any other file, aimskit's own old override aside).
        theme = root / layout.custom_dir
        refused += fs.copy_tree(root, theme, staging / layout.docs_dir, MAX_FILE_BYTES,
                                skip=lambda path: not path.is_dir() and
                                not site_config.theme_file_is_static(path.relative_to(theme).as_posix()))
    if refused:
        raise SiteRefused([error(entry.partition(": ")[0], 1, 1, "AIMS905", entry.partition(": ")[2] + "; it is not published",
                                 "keep only regular files of the repository in the site's folders") for entry in refused])
    write_pages(pages, staging / layout.docs_dir / GENERATED)


def _run_engine(engine: str, staging: Path, strict: bool) -> None:
    # -P: the staging folder (repository content) is not put on sys.path, so it cannot shadow a module.
    command = [sys.executable, *(["-P"] if sys.version_info >= (3, 11) else []), "-m", engine, "build", "-f", CONFIG_NAME]
    if engine == "mkdocs":
        # Not --quiet: MkDocs' strict mode counts only the warnings it logs, so --quiet would let them all pass.
        command.append("--clean")
    if strict:
        command.append("--strict")
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    completed = subprocess.run(command, cwd=staging, env=environment, capture_output=True, text=True)
    if completed.returncode != 0:
        output = "\n".join(_problems((completed.stderr + completed.stdout).splitlines())).strip()
        raise AimskitError(f"the {engine} build failed{' (strict)' if strict else ''}; the previous site is "
                           f"unchanged:\n{output[-4000:]}")


def _problems(lines: list[str]) -> t.Iterator[str]:
    """The engine's output without its INFO messages (and the page lists that continue them)."""
    informing = False
    for line in lines:
        if line.startswith(("INFO", "DEBUG")):
            informing = True
        elif not line.startswith("  ") or not informing:
            informing = False
            yield line
