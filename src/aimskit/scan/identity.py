"""Which repository a scanned checkout is: its name as ``host/owner/name``, from the command line,
the CI's variables, or the ``origin`` remote in its ``.git/config`` (read as text, never run)."""

from __future__ import annotations

import os
import re
import typing as t
from pathlib import Path

_SCP = re.compile(r"^[\w.-]+@([\w.-]+):(.+)$")  # git@github.com:acme/bot.git
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/]+@)?([^/:]+)(?::\d+)?/(.+)$")
_ORIGIN = re.compile(r"^\s*\[remote\s+\"origin\"\]\s*$(.*?)(?=^\s*\[|\Z)", re.MULTILINE | re.DOTALL)
_URL_LINE = re.compile(r"^\s*url\s*=\s*(\S+)\s*$", re.MULTILINE)
MAX_CONFIG_BYTES = 65_536


def normalise(name: str) -> str:
    """``https://github.com/Acme/Bot.git`` and ``git@github.com:acme/bot`` → ``github.com/acme/bot``."""
    text = name.strip().lower().rstrip("/")
    for pattern in (_URL, _SCP):
        found = pattern.match(text)
        if found:
            text = f"{found.group(1)}/{found.group(2)}"
            break
    text = text.rstrip("/")
    return text[:-4] if text.endswith(".git") else text


def same(declared: str, identity: str) -> bool:
    """Whether a repository named in a record (``acme/bot``, a URL) is the checkout ``identity``."""
    a, b = normalise(declared), normalise(identity)
    return bool(a) and bool(b) and (a == b or a.endswith("/" + b) or b.endswith("/" + a))


def from_git_config(root: Path) -> str | None:
    """The ``origin`` remote of the checkout at ``root``, or None (no .git folder, no origin)."""
    config = root / ".git" / "config"
    try:
        if config.is_symlink() or (root / ".git").is_symlink() or config.stat().st_size > MAX_CONFIG_BYTES:
            return None
        text = config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    section = _ORIGIN.search(text)
    url = _URL_LINE.search(section.group(1)) if section else None
    return normalise(url.group(1)) if url else None


def from_ci(root: Path, environ: t.Mapping[str, str] = os.environ) -> str | None:
    """The repository a CI job checked out, when ``root`` is that job's workspace."""
    here = root.resolve()
    workspaces = {
        "GITHUB_WORKSPACE": (environ.get("GITHUB_SERVER_URL", "https://github.com"), environ.get("GITHUB_REPOSITORY")),
        "CI_PROJECT_DIR": (f"https://{environ.get('CI_SERVER_HOST', 'gitlab.com')}", environ.get("CI_PROJECT_PATH")),
    }
    for variable, (server, name) in workspaces.items():
        workspace = environ.get(variable)
        if workspace and name and Path(workspace).resolve() == here:
            return normalise(f"{server.rstrip('/')}/{name}")
    return None


def identify(root: Path, given: str | None = None) -> str | None:
    """The repository at ``root``: ``given`` (``--repository``), else the CI's, else git's origin."""
    if given:
        return normalise(given)
    return from_ci(root) or from_git_config(root)
