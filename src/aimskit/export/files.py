"""The export's files: where the records came from, the tables as CSV or JSON, a README with the
provenance, and placing them in the output folder all at once (or not at all)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import typing as t
from pathlib import Path

from aimskit import __version__, fs, git
from aimskit.approvals import evidence
from aimskit.approvals.evidence import Lookup
from aimskit.errors import AimskitError, UsageError
from aimskit.export import contents
from aimskit.export.tables import COLUMNS, Approvals, Row, records_by_kind
from aimskit.records.kinds import POLICY, RISK
from aimskit.records.model import FileSource, Repository
from aimskit.reporting import values

README = "README.txt"
JSON_NAME = "aims-export.json"
MARKER = "aimskit export"
# The xlsx and oscal modules name their files; listed here so that a previous export of any
# format can be replaced without loading openpyxl.
FILE_NAMES = frozenset({README, JSON_NAME, "aims-export.xlsx", "oscal-catalog.json",
                        "oscal-component-definition.json", *(f"{name}.csv" for name in COLUMNS)})
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def collect_approvals(root: Path, repository: Repository, rev: str, confirm: Lookup | None = None) -> Approvals:
    """Each policy's approval rows at ``rev`` (empty without git history), each approval with what
    the code host says of it (``confirm``; without it, "not checked")."""
    return {record.id or record.stem: evidence.annotate(git.approval_rows(root, record.path, rev=rev), confirm)
            for record in repository.of(POLICY)}


def collect_acceptances(root: Path, repository: Repository, rev: str, confirm: Lookup | None = None) -> Approvals:
    """Each accepted risk's acceptance rows at ``rev``, with what the code host says of each."""
    return {record.id or record.stem: evidence.annotate(git.acceptance_rows(root, record.path, rev=rev), confirm)
            for record in repository.of(RISK) if isinstance(record.data.get("acceptance"), dict)}


def provenance(root: Path, source: FileSource | None, format: str, now: dt.datetime) -> dict[str, t.Any]:
    """Where the records came from (revision, commit, tags), when, and with which aimskit."""
    info: dict[str, t.Any] = {"format": format, "exported_at": now.isoformat(timespec="seconds"),
                              "aimskit_version": __version__}
    if isinstance(source, git.GitSource):
        sha = source.commit.hexsha
        return {**info, "source": "git revision", "rev": source.rev, "commit": sha,
                "tags": list(git.tags_at(source.repo, sha)), "first_commits": list(git.root_commits(root, sha))}
    try:
        state = git.checkout_state(root)
    except UsageError:
        return {**info, "source": "working tree", "commit": None, "tags": [], "uncommitted_changes": None}
    return {**info, "source": "working tree", "commit": state.commit, "tags": list(state.tags),
            "uncommitted_changes": state.uncommitted_changes, "first_commits": list(git.root_commits(root))}


def cell(value: t.Any) -> str:
    """A value as CSV text: lists joined with "; ", booleans as yes/no, formulas defused."""
    text = _text(value)
    # A spreadsheet runs a cell starting with these as a formula (CSV injection).
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _text(value: t.Any) -> str:
    return values.as_text(value, "; ")


def csv_text(name: str, rows: list[Row]) -> str:
    """One table as CSV (header row first)."""
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS[name], extrasaction="raise")
    writer.writeheader()
    writer.writerows({key: cell(value) for key, value in row.items()} for row in rows)
    return stream.getvalue()


def csv_files(tables: dict[str, list[Row]]) -> dict[str, bytes]:
    """One UTF-8 CSV file with a byte-order mark per table, so spreadsheet programs read it right."""
    return {f"{name}.csv": csv_text(name, rows).encode("utf-8-sig") for name, rows in tables.items()}


def json_files(repository: Repository, tables: dict[str, list[Row]], approvals: Approvals,
               info: dict[str, t.Any]) -> dict[str, bytes]:
    """One JSON document: provenance, manifest, every record by kind, the tables and approvals."""
    document = {"export": info, "manifest": repository.manifest, "records": records_by_kind(repository),
                "tables": {name: rows for name, rows in tables.items() if name != "approvals"},
                "approvals": approvals}
    return {JSON_NAME: (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}


def readme(info: dict[str, t.Any], written: t.Mapping[str, bytes]) -> bytes:
    """The provenance, in words, and what each file written beside it holds, read from the files."""
    if info["source"] == "git revision":
        origin = f"git revision {info['rev']} (commit {info['commit']})"
    elif info.get("commit"):
        changes = ", with uncommitted changes" if info.get("uncommitted_changes") else ""
        origin = f"the working tree at commit {info['commit']}{changes}"
    else:
        origin = "the working tree (no git history)"
    lines = [MARKER, "", f"Taken from: {origin}", f"Tags: {', '.join(info['tags']) or '(none)'}",
             f"Exported at: {info['exported_at']}", f"aimskit version: {info['aimskit_version']}",
             f"Format: {info['format']}", "", "Files:", f"{README}: this file", *contents.describe(written), "",
             "Records marked example: true are examples shipped with the template (column 'example');",
             "they are not evidence. The readiness items give each item's status from the organisation's own",
             "records, what the examples alone would show (examples_alone), and the definition of 'met' applied."]
    if info["format"] == "csv":
        lines += ["", "CSV files are UTF-8 with a byte-order mark; lists in a cell are separated by '; '.",
                  "A cell that would start with =, +, -, @, a tab or a carriage return starts with ' so",
                  "that spreadsheet programs show it as text instead of running it as a formula."]
    if info["format"] == "xlsx":
        lines += ["", "Every cell holds a value, never a formula; text that a spreadsheet would run as a formula",
                  "(starting with =, +, -, @, a tab or a carriage return) starts with '. Dates are dates."]
    if info["format"] == "oscal":
        lines += ["", "OSCAL 1.1 JSON: a catalog of the Annex A control ids and short titles, and a component",
                  "definition of the AIMS (the SoA's decided controls with status, implementing records",
                  "as statements and links to evidence)."]
    return ("\n".join(lines) + "\n").encode("utf-8")


def earlier_export(target: Path) -> bool:
    """A folder written by an aimskit export before the output marker existed."""
    readme_file = target / README
    marked = readme_file.is_file() and not readme_file.is_symlink() and \
        readme_file.read_bytes()[:len(MARKER)] == MARKER.encode()
    return marked and all(entry.name in FILE_NAMES for entry in target.iterdir())


def check_target(target: Path) -> None:
    """Refuse a folder that holds anything but a previous export (AimskitError)."""
    if target.exists() and not target.is_dir():
        raise AimskitError(f"{target} exists and is not a folder; choose another output folder")
    try:
        fs.check_output(target, protected=[Path.cwd()], legacy=earlier_export)
    except AimskitError:
        strangers = sorted(entry.name for entry in target.iterdir()
                           if entry.name not in FILE_NAMES and entry.name != fs.MARKER)
        listed = f" ({', '.join(strangers[:5])})" if strangers else ""
        raise AimskitError(f"{target} is not empty and was not written by aimskit export{listed}; "
                           "choose an empty or new folder") from None


def place(target: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` into a new folder beside ``target``, then swap it in: all files or none."""
    check_target(target)
    try:
        staging = fs.staging_folder(target)
    except OSError as exc:
        raise AimskitError(f"cannot write {target}: {exc.strerror}") from None
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
        fs.replace_folder(staging, target, protected=[Path.cwd()], legacy=earlier_export, marked=False)
    except OSError as exc:
        raise AimskitError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        fs.remove_tree(staging)
