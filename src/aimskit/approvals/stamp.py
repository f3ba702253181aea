"""``aimskit approve``: write the bookkeeping of an approval into a record, keeping its layout.

Only the lines of the approval fields change (status, version, approved_on, approval, and a
risk acceptance's date and digest); comments, order and quoting elsewhere stay as they were.
The file is rewritten only when the result loads and its approval is current.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from aimskit.errors import AimskitError, UsageError
from aimskit.governance import approval as approvals
from aimskit.records import kinds
from aimskit.records.findings import Finding, has_errors
from aimskit.records.model import Record, Repository, load_repository

_KEY = re.compile(r"^(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*:")


class ApprovalRefused(AimskitError):
    """The record cannot be stamped: it does not load, or it is not one that takes an approval."""

    exit_code = 1

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message + "".join(f"\n  {f.format_text()}" for f in findings or []))
        self.findings = findings or []


@dataclasses.dataclass(frozen=True)
class Stamped:
    """What ``approve`` wrote into one file."""

    id: str
    path: str
    version: str | None
    digest: str
    date: str
    replaced: str | None = None  # the earlier date this approval's date took the place of


def find_record(repository: Repository, record_id: str) -> Record:
    """The record ``record_id`` names (``soa`` for the Statement of Applicability)."""
    if record_id.lower() in ("soa", "soa.yaml"):
        record = repository.single(kinds.SOA)
    else:
        record = repository.index.get(record_id)
    if record is None:
        raise UsageError(f"no record '{record_id}' to approve; give a policy, impact assessment or risk id, or 'soa'")
    return record


def approve(root: Path, record_id: str, today: dt.date, version: str | None = None,
            keep_date: bool = False, by: str | None = None) -> Stamped:
    """Record the approval of ``record_id`` as it now stands (``version`` sets a new version;
    ``by``, a handle, names the person who approved, who must hold the approver role)."""
    repository = load_repository(root)
    record = find_record(repository, record_id)
    return _stamp(root, record, repository, today, version, keep_date, _approver(repository, record, by))


def _approver(repository: Repository, record: Record, handle: str | None) -> dict[str, str] | None:
    if handle is None:
        return None
    role = record.data.get("approver") if record.kind in approvals.APPROVED_KINDS else None
    if not isinstance(role, str):
        raise UsageError("--by names the person who approved a policy, impact assessment or the SoA")
    wanted = "@" + handle.lstrip("@").lower()
    holder_record = repository.roles.get(role)
    holders = holder_record.data.get("holders") if holder_record is not None else None
    for holder in holders if isinstance(holders, list) else []:
        if isinstance(holder, dict) and str(holder.get("handle", "")).lower() == wanted:
            return {"name": str(holder.get("name")), "handle": str(holder["handle"]), "role": role}
    raise UsageError(f"{handle} does not hold the approver role '{role}' (roles/{role}.yaml holders); "
                     "name a person who holds it")


def approve_all(root: Path, today: dt.date, keep_date: bool = True) -> list[Stamped]:
    """Stamp every document marked approved that records no approval yet, and every risk
    acceptance without a digest (a new repository's example content). A recorded approval that
    is no longer current is left alone: it needs the approver, not bookkeeping."""
    repository = load_repository(root)
    done = []
    for kind in approvals.APPROVED_KINDS:
        for record in repository.of(kind):
            if record.data.get("status") == "approved" and approvals.recorded_approval(record.data) is None:
                done.append(_stamp(root, record, repository, today, None, keep_date))
    for risk in repository.of(kinds.RISK):
        acceptance = risk.data.get("acceptance")
        if isinstance(acceptance, dict) and not acceptance.get("digest"):
            done.append(_stamp(root, risk, repository, today, None, keep_date))
    return done


def _stamp(root: Path, record: Record, repository: Repository, today: dt.date, version: str | None,
           keep_date: bool, by: dict[str, str] | None = None) -> Stamped:
    problems = [f for f in repository.findings if f.path == record.path]
    if has_errors(problems):
        raise ApprovalRefused(f"{record.path} has errors; fix them before recording an approval", problems)
    path = root / record.path
    text = path.read_text(encoding="utf-8")
    if record.kind is kinds.RISK:
        new_text, stamped = _stamp_acceptance(record, text, today, keep_date)
    elif record.kind in approvals.APPROVED_KINDS:
        new_text, stamped = _stamp_document(record, text, today, version, keep_date, by)
    else:
        raise ApprovalRefused(f"{record.path} is a {record.kind.name} record, which takes no approval; "
                              "approve a policy, impact assessment, the SoA or a risk acceptance")
    _check_and_write(root, record, path, new_text)
    return stamped


def _stamp_document(record: Record, text: str, today: dt.date, version: str | None,
                    keep_date: bool, by: dict[str, str] | None) -> tuple[str, Stamped]:
    data = record.data
    version = version or str(data.get("version"))
    if not re.fullmatch(r"[0-9]+\.[0-9]+", version):
        raise UsageError(f"version '{version}' is not of the form MAJOR.MINOR, e.g. 1.2")
    date = str(data.get("approved_on")) if keep_date and data.get("approved_on") else today.isoformat()
    # a draft policy has no effective date: it takes effect on approval unless it says otherwise
    effective = [("effective", [f"effective: {_quote(date)}"])] \
        if record.kind is kinds.POLICY and not data.get("effective") else []
    digest = approvals.content_digest({**data, **({"effective": date} if effective else {})}, record.document.body)
    lines = text.split("\n")
    start, end = _region(record, lines)
    edits = [*effective, ("version", [f"version: {_quote(version)}"]), ("status", ["status: approved"]),
             ("approved_on", [f"approved_on: {_quote(date)}"]),
             ("approval", ["approval:", f"  version: {_quote(version)}", f"  digest: {digest}",
                           *(["  approved_by:", *(f"    {key}: {_quote(by[key])}" for key in ("name", "handle", "role"))]
                             if by else [])])]
    for key, replacement in edits:
        start, end = _set_top_level(lines, start, end, key, replacement)
    stamped = Stamped(record.id or "soa", record.path, version, digest, date, _replaced(data.get("approved_on"), date))
    return "\n".join(lines), stamped


def _stamp_acceptance(record: Record, text: str, today: dt.date, keep_date: bool) -> tuple[str, Stamped]:
    acceptance = record.data.get("acceptance")
    if not isinstance(acceptance, dict):
        raise ApprovalRefused(f"{record.path} has no acceptance to record; add acceptance: {{by, date, "
                              "rationale}} for the role that accepts the residual risk")
    date = str(acceptance.get("date")) if keep_date and acceptance.get("date") else today.isoformat()
    digest = approvals.acceptance_digest(record.data) or ""
    lines = text.split("\n")
    start, end = _region(record, lines)
    block = _block(lines, start, end, "acceptance")
    if block is None:
        raise ApprovalRefused(f"{record.path}: write acceptance as a block (one field per line) to record it")
    first, last = block
    children = [i for i in range(first + 1, last) if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    if not children:
        raise ApprovalRefused(f"{record.path}: write acceptance as a block (one field per line) to record it")
    indent = lines[children[0]][: len(lines[children[0]]) - len(lines[children[0]].lstrip())]
    for key, value in (("date", _quote(date)), ("digest", digest)):
        line = next((i for i in children if lines[i].startswith(f"{indent}{key}:")), None)
        if line is not None:
            lines[line] = f"{indent}{key}: {value}"
        else:
            children.append(children[-1] + 1)
            lines.insert(children[-1], f"{indent}{key}: {value}")
    return "\n".join(lines), Stamped(record.id or record.stem, record.path, None, digest, date,
                                     _replaced(acceptance.get("date"), date))


def _replaced(before: object, date: str) -> str | None:
    """The date recorded before, when the stamp writes another one over it."""
    return str(before) if before not in (None, "") and str(before) != date else None


def _region(record: Record, lines: list[str]) -> tuple[int, int]:
    """The lines holding the YAML (all of a YAML file, the front matter of a Markdown file)."""
    if not record.kind.markdown:
        return 0, len(lines)
    if not lines or lines[0].strip() != "---":
        raise ApprovalRefused(f"{record.path} has no front matter")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise ApprovalRefused(f"{record.path}: the front matter is not closed with ---")
    return 1, end


def _block(lines: list[str], start: int, end: int, key: str) -> tuple[int, int] | None:
    """(first, past-last) line of the top-level ``key`` and its indented continuation."""
    for index in range(start, end):
        match = _KEY.match(lines[index])
        if match and match["key"] == key:
            last = index + 1
            while last < end and (not lines[last].strip() or lines[last][0] in " \t-"
                                  or lines[last].lstrip().startswith("#") and lines[last][0] != "#"):
                last += 1
            while last - 1 > index and not lines[last - 1].strip():
                last -= 1
            return index, last
    return None


def _set_top_level(lines: list[str], start: int, end: int, key: str, replacement: list[str]) -> tuple[int, int]:
    block = _block(lines, start, end, key)
    if block is not None:
        first, last = block
        lines[first:last] = replacement
        return start, end + len(replacement) - (last - first)
    at = end  # a new field goes last: the lines above keep their numbers
    while at > start and not lines[at - 1].strip():
        at -= 1
    lines[at:at] = replacement
    return start, end + len(replacement)


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _check_and_write(root: Path, record: Record, path: Path, text: str) -> None:
    """Write ``text`` to ``path`` only when the record then loads with a current approval."""
    from aimskit.records.loading import load_markdown_file, load_yaml_file

    loader = load_markdown_file if record.kind.markdown else load_yaml_file
    document = loader(record.path, text.encode("utf-8"))
    after = Record(record.kind, document)
    current = (approvals.acceptance_digest(after.data) == after.data["acceptance"].get("digest")
               if record.kind is kinds.RISK else approvals.approval_is_current(after))
    if not current:
        raise ApprovalRefused(f"{record.path}: the approval could not be written without changing the "
                              "record's content; edit the approval fields by hand")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    shutil.copymode(path, temporary)
    os.replace(temporary, path)
