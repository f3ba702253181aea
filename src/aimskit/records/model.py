"""The AIMS repository loaded: records by kind, an index by id, the manifest.

Loading never stops at the first bad file: each file that fails to load or to match its schema
adds findings, and the records that did load are still returned for the cross-file rules.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import gc
import os
import typing as t
from pathlib import Path

from aimskit import fs
from aimskit.errors import NotARepositoryError
from aimskit.records import kinds, placement, schemas
from aimskit.records.findings import Finding, error, without
from aimskit.records.kinds import Kind
from aimskit.records.loading import MAX_FILE_BYTES, Document, LoadError, load_markdown_file, load_yaml_file
from aimskit.records.sources import FileSource as FileSource  # re-exported: first defined here
from aimskit.records.sources import blob_id

MANIFEST_NAME = "aims.yml"


class Record:
    """One loaded record: its kind, its document, and whether it matched its schema."""

    __slots__ = ("kind", "document", "schema_valid")

    def __init__(self, kind: Kind, document: Document, schema_valid: bool = True) -> None:
        self.kind, self.document, self.schema_valid = kind, document, schema_valid

    def __repr__(self) -> str:
        return f"Record({self.kind.name}, {self.path!r})"

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def data(self) -> t.Any:
        return self.document.data

    @property
    def id(self) -> str | None:
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else None

    @property
    def stem(self) -> str:
        return Path(self.path).name.split(".")[0]


class Repository:
    """Everything loaded from one AIMS repository (a folder or a git revision).

    A snapshot: its indexes are computed once, on first use. After changing records, make a new
    snapshot (:meth:`snapshot`) rather than reusing this one.
    """

    def __init__(self, root: Path, records: dict[str, list[Record]] | None = None, findings: list[Finding] | None = None,
                 source: FileSource | None = None, unloaded: list[tuple[Kind, str]] | None = None) -> None:
        self.root = root
        self.records: dict[str, list[Record]] = {} if records is None else records
        self.findings: list[Finding] = [] if findings is None else findings
        self.source = source  # where the files came from (the working tree or a revision)
        self.unloaded: list[tuple[Kind, str]] = [] if unloaded is None else unloaded  # (kind, path) that failed to load

    def __repr__(self) -> str:
        return f"Repository({self.root!r})"

    def snapshot(self) -> Repository:
        """A new snapshot of the same records, findings and source, with its indexes not yet computed.

        Its lists are its own: adding a record or finding to one snapshot leaves the other as it was."""
        return Repository(self.root, {kind: list(records) for kind, records in self.records.items()},
                          list(self.findings), self.source, list(self.unloaded))

    def unloaded_ids(self, kind: Kind | None = None) -> set[str]:
        """File-name ids of records that failed to load: they exist, though their data is unknown."""
        return {Path(path).name.split(".")[0] for of_kind, path in self.unloaded if kind is None or of_kind is kind}

    def of(self, kind: Kind) -> list[Record]:
        return self.records.get(kind.name, [])

    def single(self, kind: Kind) -> Record | None:
        found = self.of(kind)
        return found[0] if found else None

    @property
    def manifest(self) -> dict[str, t.Any]:
        record = self.single(kinds.MANIFEST)
        return record.data if record is not None and isinstance(record.data, dict) else {}

    def all_records(self) -> t.Iterator[Record]:
        for kind in kinds.ALL:
            yield from self.of(kind)

    @functools.cached_property
    def index(self) -> dict[str, Record]:
        """Records by id (first one wins; duplicates are a rule finding)."""
        result: dict[str, Record] = {}
        for record in self.all_records():
            if record.kind is kinds.ROLE:
                continue
            if record.id is not None:
                result.setdefault(record.id, record)
        return result

    @functools.cached_property
    def roles(self) -> dict[str, Record]:
        result: dict[str, Record] = {}
        for record in self.of(kinds.ROLE):
            if record.id is not None:
                result.setdefault(record.id, record)
        return result


class DirectorySource:
    """Record files from a folder on disk, read only inside it (see :mod:`aimskit.fs`).

    Every entry that is not a folder is listed, symbolic links, FIFOs and devices included, so
    that reading it reports why it is refused instead of the record silently going missing.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        # Listed files that are no symbolic link, in a folder resolved inside the root: reading
        # them needs no second resolution (most of the time of reading a small record).
        self._plain: dict[str, Path] = {}
        self._read: dict[str, bytes | str] = {}  # path → the bytes read there, then their blob id once asked

    def identity(self, path: str) -> str | None:
        """The blob id of the bytes read at ``path`` (see :func:`aimskit.records.sources.identity`)."""
        read = self._read.get(path)
        if isinstance(read, bytes):  # worked out when a comparison asks, not on every read
            read = self._read[path] = blob_id(read)
        return read

    def list(self, pattern: str) -> list[str]:
        folder, _, name = pattern.rpartition("/")
        if "*" in folder or "[" in folder or "?" in folder:
            return sorted(p.relative_to(self.root).as_posix() for p in self.root.glob(pattern) if _listed(p))
        prefix = f"{folder}/" if folder else ""
        try:
            resolved = fs.resolve_inside(self.root, folder or ".")
            listed = []
            with os.scandir(self.root / folder) as entries:
                for entry in entries:
                    if fnmatch.fnmatchcase(entry.name, name) and _listed(entry):
                        listed.append(prefix + entry.name)
                        if not entry.is_symlink():
                            self._plain[prefix + entry.name] = resolved / entry.name
            return sorted(listed)
        except (OSError, fs.RefusedPath):
            return []

    def read(self, path: str) -> bytes:
        """The file's bytes; :class:`aimskit.fs.RefusedPath` when it leaves the folder, is special or too large."""
        target = self._plain.get(path)
        if target is not None:
            data = fs.read_resolved(target, path, MAX_FILE_BYTES)
        else:
            data = fs.read_bytes(self.root, path, MAX_FILE_BYTES)
        self._read[path] = data
        return data


def _listed(path: Path | os.DirEntry[str]) -> bool:
    """Whether an entry is listed: anything but a folder (a folder entry answers from the listing)."""
    try:
        return path.is_symlink() or not path.is_dir()
    except OSError:
        return True


def find_root(start: Path) -> Path:
    """The AIMS repository containing ``start``: the nearest folder upwards with aims.yml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / MANIFEST_NAME).is_file():
            return folder
    raise NotARepositoryError(f"{start} is not inside an AIMS repository (no {MANIFEST_NAME} found); "
                              "run from the repository or pass --repo DIR")


def load_repository(root: Path, source: FileSource | None = None, keep_nodes: bool = True) -> Repository:
    """Load every record under ``root`` (or from ``source``), strictly, with schema findings.

    Without ``keep_nodes`` each record keeps its file's bytes instead of its node tree, which is
    composed again only where a position is asked for (a finding): a fraction of the memory, for a
    caller that reports on few of the records."""
    source = source or DirectorySource(root)
    repository = Repository(root=root, source=source)
    with collector_paused():
        for kind in kinds.ALL:
            loaded = repository.records.setdefault(kind.name, [])
            for path in source.list(kind.glob):
                record = _load_record(kind, path, source, repository.findings, keep_nodes)
                if isinstance(record, Record):
                    loaded.append(record)
                else:
                    repository.unloaded.append((record, path))
            repository.findings.extend(placement.stray_files(kind, source))
        repository.findings.extend(placement.misplaced_folders(source))
    return repository


def overlay(repository: Repository, source: FileSource, paths: t.Iterable[str]) -> Repository:
    """A copy of ``repository`` in which the files ``paths`` are as ``source`` has them (loaded
    from it, or absent); every other record is shared, not loaded again."""
    paths = set(paths)
    result = Repository(root=repository.root, source=source)
    # where files lie is a finding about their folders: found again, not kept from the other side
    placed = placement.everywhere(repository.source) if repository.source is not None else []
    result.findings = [*without([f for f in repository.findings if f.path not in paths], placed),
                       *placement.everywhere(source)]
    result.unloaded = [(kind, path) for kind, path in repository.unloaded if path not in paths]
    prefetch = getattr(source, "prefetch", None)
    if prefetch is not None:  # one round trip for the few files a change touches
        prefetch(sorted(paths))
    with collector_paused():
        for kind in kinds.ALL:
            kept = [r for r in repository.of(kind) if r.path not in paths]
            wanted = paths.intersection(source.list(kind.glob))
            for path in sorted(wanted):
                record = _load_record(kind, path, source, result.findings)
                if isinstance(record, Record):
                    kept.append(record)
                else:
                    result.unloaded.append((record, path))
            result.records[kind.name] = sorted(kept, key=lambda r: r.path)
    return result


@contextlib.contextmanager
def collector_paused() -> t.Iterator[None]:
    """Pause the cyclic garbage collector while many acyclic objects are built.

    Every kept node tree makes each collection rescan a larger heap, which made loading a large
    AIMS several times slower than parsing it; node trees hold no cycles, so reference counting
    still frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # Only the collector's switch is put back: freezing to age what was built here would
            # move every object of the whole process, the caller's too.
            gc.enable()


def _load_record(kind: Kind, path: str, source: FileSource, findings: list[Finding],
                 keep_node: bool = True) -> Record | Kind:
    """The record, or (when it does not load) the kind it counts as present for the rules."""
    loader = load_markdown_file if kind.markdown else load_yaml_file
    try:
        raw = source.read(path)
        document = loader(path, raw)
    except LoadError as exc:
        findings.append(exc.finding)
        return kind
    except fs.RefusedPath as exc:
        findings.append(refused_finding(exc))
        return kind
    if not isinstance(document.data, dict):
        findings.append(error(path, *document.position(), "AIMS107", "a record must be a mapping of fields",
                              "start with 'id: ...' and one field per line"))
        return kind
    misplaced = placement.wrong_kind(kind, path, document.data)
    if misplaced is not None:
        findings.append(misplaced[0])
        return misplaced[1]  # a risk in systems/ is a risk that exists, though it is not read
    problems = schemas.check_document(kind.schema, document)
    findings.extend(problems)
    if not keep_node:
        document.let_go_of_node(functools.partial(_node_of, loader, path, raw))
    return Record(kind, document, schema_valid=not problems)


def _node_of(loader: t.Callable[[str, bytes], Document], path: str, raw: bytes) -> t.Any:
    return loader(path, raw).node


def refused_finding(exc: fs.RefusedPath) -> Finding:
    """A file aimskit will not read, as a finding (AIMS120 outside, AIMS121 special, AIMS103 too large)."""
    if exc.reason == fs.RefusedPath.OUTSIDE:
        return error(exc.path, 1, 1, "AIMS120", f"file {exc.detail}; it is not read",
                     "keep the file itself in the repository, not a symbolic link to a file outside it")
    if exc.reason == fs.RefusedPath.SPECIAL:
        return error(exc.path, 1, 1, "AIMS121", f"file {exc.detail}; it is not read",
                     "records and the files aimskit reads are regular files")
    if exc.reason == fs.RefusedPath.TOO_LARGE:
        return error(exc.path, 1, 1, "AIMS103", f"file {exc.detail}", "split the record; registers keep one record per file")
    return error(exc.path, 1, 1, "AIMS122", f"file {exc.detail}", "check that the file exists and can be read")
