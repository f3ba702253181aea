"""Helpers for the hostile-input tests (import hostile): sandboxes, listings with hashes, runs.

Each test copies the shared bake into its own sandbox folder, next to files that stand for
the rest of the machine ("outside"). A listing with hashes of the sandbox is taken before and
after the command: only the paths the command may write are allowed to differ.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import typing as t
from pathlib import Path

SECRET = "outside-secret-7f3a"  # a value that must never appear in any output
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", AIMSKIT_DEBUG="")


class Sandbox(t.NamedTuple):
    root: Path  # the sandbox folder: the repository and the "outside" world beside it
    repo: Path  # the AIMS repository under review
    outside: Path  # a folder beside the repository, with a secret file and a victim folder


def make_sandbox(baked: Path, folder: Path) -> Sandbox:
    """A private copy of the bake in ``folder/repo``, and ``folder/outside`` with a secret and a victim."""
    repo = folder / "repo"
    shutil.copytree(baked, repo, symlinks=True)
    outside = folder / "outside"
    (outside / "victim").mkdir(parents=True)
    (outside / "victim" / "keep.txt").write_text("the neighbour's file\n", encoding="utf-8")
    (outside / "secret.yaml").write_text(f"id: {SECRET}\ntitle: {SECRET}\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"---\nid: POL-999\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
    return Sandbox(folder, repo, outside)


def listing(folder: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``folder``: kind and a SHA-256 of the content (or the link target); links are not followed."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        relative = path.relative_to(folder).as_posix()
        if stat.S_ISLNK(info.st_mode):
            found[relative] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            found[relative] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
        elif stat.S_ISDIR(info.st_mode):
            found[relative] = ("folder", "")
        else:
            found[relative] = ("special", stat.filemode(info.st_mode))
    return found


def changes(before: dict, after: dict) -> set[str]:
    """Paths added, removed or changed between two listings."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def unchanged_except(before: dict, after: dict, *allowed_prefixes: str) -> set[str]:
    """The changes outside the allowed paths (an empty set is what a test wants)."""
    return {path for path in changes(before, after) if not path.startswith(allowed_prefixes)}


class Run(t.NamedTuple):
    code: int
    stdout: str
    stderr: str


def default_signals() -> None:
    """In a child before it runs: SIGINT and SIGTERM do what they do by default, whatever this test
    run inherited (a shell's background job starts with SIGINT ignored, and a child inherits that)."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


def aimskit(*args: str, cwd: Path | None = None, timeout: float = 180, umask: int | None = None,
            env: dict | None = None) -> Run:
    """Run the real CLI in a child process (so that a hang is a failure, not a stuck test)."""
    def child_setup() -> None:
        default_signals()
        if umask is not None:
            os.umask(umask)

    done = subprocess.run([sys.executable, "-m", "aimskit", *args], cwd=cwd, env=env or ENV, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=child_setup)
    return Run(done.returncode, done.stdout, done.stderr)


def start(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.Popen:
    """Start the real CLI in a child process, for signal tests."""
    return subprocess.Popen([sys.executable, "-m", "aimskit", *args], cwd=cwd, env=env or ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=default_signals)


def stop(process: subprocess.Popen, signum: int = signal.SIGTERM, timeout: float = 60) -> tuple[int, str, str]:
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=timeout)
    return process.returncode, stdout, stderr
