"""Git for comparisons: the range a change covers, the files it touches, and both sides loaded.

The head (a revision, or the working tree) is loaded once; the base is the head with only the
files the change touches read again from the base revision, so a one-file change on a large
repository costs about one load. Nothing here writes to the working tree.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import git

from aimskit.git.repository import GitSource, open_repository, resolve
from aimskit.records import kinds
from aimskit.records.model import DirectorySource, Repository, load_repository, overlay
from aimskit.records.sources import FileSource, identity


@dataclasses.dataclass(frozen=True)
class Range:
    """The two sides of a comparison: ``base`` (a commit) and ``head`` (a commit, or None for the
    working tree), with how the user named them."""

    base: git.Commit
    head: git.Commit | None
    base_label: str
    head_label: str
    merge_base: bool


def comparison_range(root: Path, base: str, head: str | None = None) -> Range:
    """Resolve ``BASE [HEAD]``, ``A...B`` (from their merge base, as a pull request shows it) or
    ``A..B`` (tip to tip). Two revisions given apart are compared from their merge base too, so
    that changes made on the base branch since are not shown as reverted."""
    repo, _ = open_repository(root)
    tips = False
    if head is None and "..." in base:
        base, head = (part or "HEAD" for part in base.split("...", 1))
    elif head is None and ".." in base:
        base, head = (part or "HEAD" for part in base.split("..", 1))
        tips = True
    base_commit = resolve(repo, base)
    head_commit = resolve(repo, head) if head else None
    start = base_commit
    if not tips:
        other = head_commit or (repo.head.commit if repo.head.is_valid() else None)
        found = repo.merge_base(base_commit, other) if other is not None else []
        start = found[0] if found else base_commit
    return Range(start, head_commit, base, head or "working tree", start.hexsha != base_commit.hexsha)


@dataclasses.dataclass(frozen=True)
class ChangedPath:
    """A file the comparison changes: status A (added), M, D or R (renamed from ``old_path``).

    ``path`` is relative to the git repository's top; ``record_path`` to the AIMS root, or None
    when the file lies outside it."""

    status: str
    path: str
    old_path: str | None
    prefix: str

    def relative(self, path: str | None) -> str | None:
        return path[len(self.prefix):] if path is not None and path.startswith(self.prefix) else None

    @property
    def record_path(self) -> str | None:
        return self.relative(self.path)

    @property
    def old_record_path(self) -> str | None:
        return self.relative(self.old_path)


def changed_paths(root: Path, span: Range) -> list[ChangedPath]:
    """Files that differ between ``span.base`` and ``span.head`` (or the working tree, untracked
    files included), with renames at git's default similarity (50%)."""
    repo, prefix = open_repository(root)
    revisions = [span.base.hexsha] + ([span.head.hexsha] if span.head else [])
    output = repo.git(c="core.quotePath=false").diff("--name-status", "-M", "-z", "--no-ext-diff", *revisions)
    fields, found, index = output.split("\0"), [], 0
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":
            found.append(ChangedPath("R" if status == "R" else "A", fields[index + 2],
                                     fields[index + 1] if status == "R" else None, prefix))
            index += 3
        else:
            found.append(ChangedPath("M" if status == "T" else status, fields[index + 1], None, prefix))
            index += 2
    if span.head is None:
        untracked = repo.git(c="core.quotePath=false").ls_files("--others", "--exclude-standard", "-z")
        found += [ChangedPath("A", path, None, prefix) for path in untracked.split("\0") if path]
        # a record file git ignores is still read from the working tree: it is in the head, not the base
        ignored = repo.git(c="core.quotePath=false").ls_files("--others", "--ignored", "--exclude-standard", "-z",
                                                             "--", *(prefix + place for place in _RECORD_PLACES))
        found += [ChangedPath("A", path, None, prefix) for path in ignored.split("\0") if path]
    return found


#: Where records are read from (folders, and the files at the root), relative to the AIMS root.
_RECORD_PLACES = sorted({kind.glob.rpartition("/")[0] or kind.glob for kind in kinds.ALL})


MAX_TEXT_BYTES = 1_000_000


def text_at(root: Path, commit: git.Commit | None, path: str) -> str | None:
    """The text of ``path`` (relative to the git top) at ``commit``, or in the working tree when
    None; None when absent, a symlink, binary or over a megabyte."""
    repo, _ = open_repository(root)
    if commit is None:
        top = Path(repo.working_tree_dir or ".")
        file = top / path
        if file.is_symlink() or not file.is_file() or file.stat().st_size > MAX_TEXT_BYTES:
            return None
        raw = file.read_bytes()
    else:
        try:
            blob = commit.tree / path
        except KeyError:
            return None
        if blob.type != "blob" or blob.mode == 0o120000 or blob.size > MAX_TEXT_BYTES:
            return None
        raw = blob.data_stream.read()
    if b"\0" in raw:
        return None
    return raw.decode("utf-8", "replace")


@dataclasses.dataclass
class Sides:
    """Both sides of a change: the files it touches, and the records at its base and at its head.

    The head is loaded once, its records without their node trees (a position is composed again
    where a finding needs one); the base is the head with only the files the change touches read
    again, every other record shared."""

    span: Range
    changed: list[ChangedPath]
    base: Repository
    head: Repository

    @property
    def renames(self) -> dict[str, str]:
        """Record files git saw renamed: old path → new path (relative to the AIMS root)."""
        return {e.old_record_path: e.record_path for e in self.changed
                if e.status == "R" and e.old_record_path and e.record_path}


def load_sides(root: Path, span: Range) -> Sides:
    """Load the head of ``span`` and derive its base by re-reading only the changed files."""
    changed = changed_paths(root, span)
    head_source = GitSource(root, span.head.hexsha) if span.head else DirectorySource(root)
    head = load_repository(root, head_source, keep_nodes=False)
    base_source = GitSource(root, span.base.hexsha)
    touched = {p for entry in changed for p in (entry.record_path, entry.old_record_path) if p}
    # What git's diff lists is not enough: the index flags (assume-unchanged, skip-worktree) hide
    # edits from it, and a symbolic link reads as its target in the working tree but is refused at a
    # revision. A record is shared only when both sides read the same blob.
    touched |= not_the_same_blob(head_source, base_source)
    if not touched:  # no file of the AIMS changed: the base is the head
        return Sides(span, changed, head, head)
    return Sides(span, changed, overlay(head, base_source, touched), head)


def roles_at(root: Path, repository: Repository, revision: str) -> Repository:
    """``repository`` with its roles and manifest as they are at ``revision``: who holds a role is
    read at the base branch's tip, not at the merge base of a change."""
    source = GitSource(root, revision)
    at_source = set(source.list(kinds.ROLE.glob)) | set(source.list(kinds.MANIFEST.glob))
    here = {record.path for kind in (kinds.ROLE, kinds.MANIFEST) for record in repository.of(kind)}
    return overlay(repository, source, at_source | here)


def base_tip(root: Path, span: Range) -> str | None:
    """The commit the user named as the base of a comparison from a merge base (its tip), or None."""
    if not span.merge_base:
        return None
    repo, _ = open_repository(root)
    return resolve(repo, span.base_label).hexsha


def not_the_same_blob(head: FileSource, base: FileSource) -> set[str]:
    """The record files either side lists whose identity (the blob read there) is not the same on
    both, or not known on one: they are loaded on each side, never shared."""
    listed = {path for source in (head, base) for kind in kinds.ALL for path in source.list(kind.glob)}
    return {path for path in listed
            if (found := identity(head, path)) is None or found != identity(base, path)}
