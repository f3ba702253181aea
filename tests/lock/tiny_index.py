"""A package index on disk (PEP 503 HTML) holding tiny wheels written by hand: pip resolves offline.

``offline_pip`` points pip at such an index only: no configuration file, no find-links, no
other index, so a lock made in a test reads nothing but the files the test wrote.
"""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

STAMP = (2020, 2, 2, 0, 0, 0)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wheel(folder: Path, name: str, version: str, requires: tuple[str, ...] = ()) -> Path:
    """A pure-Python wheel of one module whose metadata requires ``requires``."""
    info = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f"VERSION = {version!r}\n",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
                            + "".join(f"Requires-Dist: {line}\n" for line in requires),
        f"{info}/WHEEL": "Wheel-Version: 1.0\nGenerator: aimskit-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{info}/RECORD"] = "".join(f"{path},,\n" for path in [*files, f"{info}/RECORD"])
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in files.items():
            archive.writestr(zipfile.ZipInfo(member, STAMP), text)
    return path


def sdist(folder: Path, name: str, version: str) -> Path:
    """A source distribution that only needs to exist (pip prefers the wheel)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}-{version}.tar.gz"
    data = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    with tarfile.open(path, "w:gz") as archive:
        member = tarfile.TarInfo(f"{name}-{version}/PKG-INFO")
        member.size, member.mtime = len(data), 0
        archive.addfile(member, io.BytesIO(data))
    return path


def index(root: Path, files: list[Path]) -> str:
    """A simple index under ``root`` listing ``files`` by project; its ``file:`` URL."""
    projects: dict[str, list[Path]] = {}
    for path in files:
        projects.setdefault(path.name.split("-")[0], []).append(path)
    for project, paths in projects.items():
        links = "".join(f'<a href="{path.as_uri()}#sha256={digest(path)}">{path.name}</a>\n' for path in paths)
        page = root / "simple" / project / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!DOCTYPE html><html><body>\n{links}</body></html>\n", encoding="utf-8")
    return (root / "simple").as_uri()


@pytest.fixture
def offline_pip(monkeypatch: pytest.MonkeyPatch):
    """``offline_pip(index_url)``: pip (and aimskit's reading of pip's configuration) sees that index only."""
    def use(index_url: str) -> None:
        monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
        monkeypatch.setenv("PIP_INDEX_URL", index_url)
        for variable in ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT", "PIP_NO_INDEX"):
            monkeypatch.delenv(variable, raising=False)

    return use
