"""The version a build of aimskit carries, and the file that tells the installed code its version.

A build from a git checkout that is not exactly a release tag carries a local version naming the
commit, ``0.1.0+g1a2b3c4d5e6f`` (and ``.d<digest>`` of uncommitted changes): two checkouts give
two versions, so ``pip install -r requirements.txt`` replaces an older build instead of saying
"already satisfied". A build of the tagged release commit, of an sdist, or without git carries the
plain version of ``src/aimskit/__init__.py`` (package indexes refuse local versions).

Hatchling reads ``__version__`` here (``[tool.hatch.version] source = "code"``) and runs
:class:`VersionFileHook`, which writes ``aimskit/_build.py`` into the wheel so that the installed
code reports the same version as its metadata.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def base_version(root: Path = ROOT) -> str:
    """The release version written in ``src/aimskit/__init__.py``."""
    text = (root / "src" / "aimskit" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^\s*__version__ = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise ValueError("src/aimskit/__init__.py has no __version__ = \"...\" line")
    return found[1]


def _git(root: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _uncommitted(root: Path) -> str | None:
    """A short digest of the changes not committed (tracked and untracked files), or None."""
    status = _git(root, "status", "--porcelain", "--untracked-files=all")
    if not status:
        return None
    digest = hashlib.sha256(_git(root, "diff", "HEAD", "--binary") or b"")
    for name in sorted((_git(root, "ls-files", "--others", "--exclude-standard", "-z") or b"").split(b"\0")):
        path = root / name.decode("utf-8", "surrogateescape")
        if name and path.is_file():
            digest.update(name + b"\0" + path.read_bytes())
    return digest.hexdigest()[:10]


def version(root: Path = ROOT) -> str:
    """The version of a build of ``root`` (see the module's docstring)."""
    base = base_version(root)
    pkg_info = root / "PKG-INFO"
    if not (root / ".git").exists():
        if pkg_info.is_file():  # an sdist: keep the version it was made with
            found = re.search(r"^Version: (\S+)$", pkg_info.read_text(encoding="utf-8"), re.MULTILINE)
            return found[1] if found else base
        return base
    commit = _git(root, "rev-parse", "--short=12", "HEAD")
    if commit is None:
        return base
    changes = _uncommitted(root)
    tags = (_git(root, "tag", "--points-at", "HEAD") or b"").decode().split()
    if changes is None and f"v{base}" in tags:
        return base
    return f"{base}+g{commit.decode().strip()}" + (f".d{changes}" if changes else "")


__version__ = version()

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # only hatchling imports the hook
    pass
else:

    class VersionFileHook(BuildHookInterface):
        """Writes ``aimskit/_build.py`` (``VERSION = "..."``) into a wheel (not an editable install,
        which runs the checkout's own files)."""

        PLUGIN_NAME = "custom"

        def initialize(self, version: str, build_data: dict) -> None:
            if version == "editable":
                return
            folder = Path(tempfile.mkdtemp(prefix="aimskit-build-"))
            target = folder / "_build.py"
            target.write_text(f'"""Written by the build: the version of this wheel."""\n\n'
                              f'VERSION = "{self.metadata.version}"\n', encoding="utf-8")
            build_data["force_include"][str(target)] = "aimskit/_build.py"
