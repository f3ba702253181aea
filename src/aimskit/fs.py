"""Containment: every file aimskit reads or writes stays inside the folder it was given.

The repository under review is untrusted input. A file in it may be a symbolic link out of it,
a FIFO that blocks a reader forever, a device that never ends, or simply far too large. This
module is the one place where aimskit touches files of the repository and of its outputs:

* :func:`read_bytes` reads a file only if it resolves inside the root, is a regular file and
  is not over the size limit, which is checked with ``fstat`` *before* anything is read;
* :func:`copy_tree` copies a folder (``docs/`` into the build staging) under the same rules;
* :func:`write_file` replaces one file atomically, with the user's umask, never through a
  symbolic link that leaves the root;
* :func:`replace_folder` swaps a whole output folder in with renames, and refuses to replace a
  folder that aimskit did not write: such folders carry the one :data:`MARKER` file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import typing as t
from pathlib import Path

from aimskit.errors import AimskitError

MARKER = ".aimskit-output"
MARKER_TEXT = "This folder was written by aimskit and is replaced as a whole each time; do not edit it.\n"


class RefusedPath(AimskitError):
    """A path aimskit will not read or write; ``reason`` is one of the class constants."""

    OUTSIDE = "outside"
    SPECIAL = "special"
    TOO_LARGE = "too-large"
    UNREADABLE = "unreadable"
    MISSING = "missing"

    def __init__(self, path: str, reason: str, message: str, size: int | None = None) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.reason, self.detail, self.size = path, reason, message, size


def is_within(path: Path, root: Path) -> bool:
    """Whether the absolute ``path`` is ``root`` or below it (both already resolved)."""
    return path == root or root in path.parents


def resolve_inside(root: Path, relative: str | os.PathLike[str]) -> Path:
    """``root / relative`` with symbolic links followed; RefusedPath when it leaves ``root``."""
    base = Path(root).resolve()
    try:
        target = (base / relative).resolve()
    except (OSError, RuntimeError) as exc:  # a symbolic link loop
        raise RefusedPath(str(relative), RefusedPath.UNREADABLE, f"cannot be resolved ({_reason(exc)})") from None
    if not is_within(target, base):
        raise RefusedPath(str(relative), RefusedPath.OUTSIDE, "leaves the repository (through '..' or a symbolic link)")
    return target


def read_bytes(root: Path, relative: str, limit: int) -> bytes:
    """The bytes of ``root / relative``, refused when outside, not a regular file or over ``limit``.

    The file is opened without blocking (a FIFO cannot stall the reader) and its size is taken
    from the open descriptor before reading, so a huge file or a device is never read whole.
    """
    return read_resolved(resolve_inside(root, relative), relative, limit)


def read_resolved(target: Path, relative: str, limit: int) -> bytes:
    """As :func:`read_bytes`, for a ``target`` already known to resolve inside the root: its folder
    was resolved inside it and the file itself is no symbolic link (``O_NOFOLLOW`` refuses one that
    appeared since)."""
    try:
        descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise RefusedPath(relative, RefusedPath.MISSING, "does not exist") from None
    except OSError as exc:
        raise RefusedPath(relative, RefusedPath.UNREADABLE, f"cannot be read ({_reason(exc)})") from None
    with open(descriptor, "rb", closefd=True) as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedPath(relative, RefusedPath.SPECIAL, f"is {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise RefusedPath(relative, RefusedPath.TOO_LARGE, f"is {info.st_size} bytes, over the {limit} byte limit",
                              size=info.st_size)
        try:
            # Sized by fstat, not by the limit: a 1 MiB buffer for each small record was most of the read.
            data = stream.read(info.st_size + 1)
            if len(data) > info.st_size:  # it grows while being read: read on up to the limit
                data += stream.read(limit + 1 - len(data))
        except OSError as exc:
            raise RefusedPath(relative, RefusedPath.UNREADABLE, f"cannot be read ({_reason(exc)})") from None
    if len(data) > limit:  # it grew while being read
        raise RefusedPath(relative, RefusedPath.TOO_LARGE, f"is over the {limit} byte limit", size=len(data))
    return data


def entry_problem(root: Path, path: Path) -> str | None:
    """Why the entry ``path`` (below ``root``) may not be read, or None when it may."""
    try:
        info = path.lstat()
    except OSError as exc:
        return f"cannot be read ({_reason(exc)})"
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            return f"is a symbolic link that cannot be followed ({_reason(exc)})"
        if not is_within(target, Path(root).resolve()):
            return "is a symbolic link that leaves the repository"
        info = target.stat()
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        return f"is {_kind(info.st_mode)}, not a regular file"
    return None


def copy_tree(root: Path, source: Path, destination: Path, limit: int,
              skip: t.Callable[[Path], bool] = lambda path: False) -> list[str]:
    """Copy the folder ``source`` (inside ``root``) to ``destination`` as plain files.

    Symbolic links are followed only while they stay inside ``root`` and are copied as the
    files they point to; FIFOs, devices and files over ``limit`` are not copied. Returns one
    sentence per entry that was refused (``docs/x: is a FIFO, not a regular file``).
    """
    base = Path(root).resolve()
    refused: list[str] = []
    destination.mkdir(parents=True, exist_ok=True)
    seen: set[Path] = set()

    def walk(folder: Path, target: Path) -> None:
        real = folder.resolve()
        if real in seen:  # a symbolic link back to a parent folder
            refused.append(f"{_show(base, folder)}: is a symbolic link loop")
            return
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as exc:
            refused.append(f"{_show(base, folder)}: cannot be read ({_reason(exc)})")
            return
        for entry in entries:
            path = Path(entry.path)
            if skip(path):
                continue
            problem = entry_problem(base, path)
            if problem:
                refused.append(f"{_show(base, path)}: {problem}")
            elif path.is_dir():
                (target / entry.name).mkdir(exist_ok=True)
                walk(path, target / entry.name)
            else:
                try:
                    data = read_bytes(base, path.resolve().relative_to(base).as_posix(), limit)
                except RefusedPath as exc:
                    refused.append(f"{_show(base, path)}: {exc.detail}")
                    continue
                (target / entry.name).write_bytes(data)

    walk(source, destination)
    return refused


def write_file(root: Path, relative: str, data: bytes) -> Path:
    """Replace ``root / relative`` atomically, with the user's umask, never through a link out."""
    target = resolve_inside(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    resolve_inside(root, target.relative_to(Path(root).resolve()))  # the folders made are inside too
    import tempfile

    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target


def current_umask() -> int:
    """The process umask, read without changing it (setting it, even to put it back, would race
    any other thread that creates a file meanwhile): from ``/proc/self/status`` on Linux, else
    from the mode a new file gets."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _umask_from_a_new_file()


def _umask_from_a_new_file() -> int:
    """The umask, as the permission bits it takes from a file created with mode 0o777."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="aimskit-umask-") as folder:
        probe = os.path.join(folder, "probe")
        os.close(os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o777))
        return 0o777 & ~stat.S_IMODE(os.stat(probe).st_mode)


Legacy = t.Callable[[Path], bool]


def is_ours(folder: Path, legacy: Legacy | None = None) -> bool:
    """Whether ``folder`` is missing, empty, or an output folder aimskit wrote (it has the marker).

    ``legacy`` recognises a folder written by an earlier aimskit, before the marker existed.
    """
    if not folder.exists() and not folder.is_symlink():
        return True
    if folder.is_symlink() or not folder.is_dir():
        return False
    marker = folder / MARKER
    if (marker.is_file() and not marker.is_symlink()) or not any(folder.iterdir()):
        return True
    return legacy is not None and legacy(folder)


def earlier_output(folder: Path) -> bool:
    """A folder written by an aimskit before the marker: rendered pages, or a MkDocs site."""
    if (folder / ".aimskit-generated").is_file():
        return True
    return (folder / "index.html").is_file() and (folder / "sitemap.xml").is_file() and not (folder / ".git").exists()


def check_output(folder: Path, protected: t.Iterable[Path] = (), legacy: Legacy | None = earlier_output) -> None:
    """Refuse an output folder that aimskit did not write, or that holds a ``protected`` folder."""
    real = folder.resolve() if folder.exists() else folder.absolute()
    for keep in protected:
        keep = Path(keep).resolve()
        if real == keep or real in keep.parents:
            raise AimskitError(f"{folder} holds {keep}; aimskit will not replace it, choose another output folder")
    if folder.is_symlink():
        raise AimskitError(f"{folder} is a symbolic link; choose a plain output folder")
    if not is_ours(folder, legacy):
        raise AimskitError(f"{folder} exists and was not written by aimskit; choose an empty or new folder")


def staging_folder(beside: Path) -> Path:
    """A new empty folder beside ``beside`` (same file system), to be swapped in by replace_folder."""
    beside.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=f".{beside.name}.aimskit-", dir=beside.parent))
    os.chmod(staging, 0o777 & ~current_umask())
    return staging


def mark(folder: Path) -> None:
    """Mark ``folder`` as an aimskit output folder."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def replace_folder(new: Path, old: Path, protected: t.Iterable[Path] = (), legacy: Legacy | None = earlier_output,
                   marked: bool = True) -> None:
    """Put the folder ``new`` in the place of ``old`` with renames, so readers never see half a folder.

    ``new`` is marked as aimskit's own first (unless ``marked`` is false: its files say so themselves); ``old`` is replaced only when it is missing, empty
    or marked (see :func:`check_output`), and never when it holds one of ``protected``.
    """
    check_output(old, protected, legacy)
    if marked:
        mark(new)
    old.parent.mkdir(parents=True, exist_ok=True)
    retired = old.with_name(f".{old.name}.old-{os.getpid()}")
    if old.exists():
        os.replace(old, retired)
    try:
        os.replace(new, old)
    except OSError:
        if retired.exists():
            os.replace(retired, old)
        raise
    remove_tree(retired)


def remove_tree(folder: Path) -> None:
    """Remove a staging folder aimskit made (never following links out of it)."""
    import shutil  # only when writing: validate imports little (its start-up time is a budget)

    shutil.rmtree(folder, ignore_errors=True)


def _show(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__
