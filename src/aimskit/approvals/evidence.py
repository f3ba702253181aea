"""What the code host confirms about each approval that reached the main line.

A record's ``approval.approved_by`` is a claim written into the file; the code host is the system
of record for who reviewed what. For each version that reached the main line as an approval, the
pull or merge request that brought it in is read from the host (through a ``Lookup`` the caller
builds from the CI token) and the approval row says one of:

- ``confirmed``: "confirmed on GitHub: @x approved abc1234 on 2026-12-05": the person the record
  names approved the request's final commit on the host, and wrote none of it;
- ``claimed``: "claimed in the file, not confirmed", with the reason;
- ``direct``: "reached main without a pull request";
- ``not-checked``: "not checked": no token, offline, or the host could not be read. Never
  "confirmed".
"""

from __future__ import annotations

import dataclasses
import re
import typing as t

CONFIRMED, CLAIMED, DIRECT, NOT_CHECKED = "confirmed", "claimed", "direct", "not-checked"
_HANDLE = re.compile(r"\(@([^)\s]+)\)")
_NOREPLY = re.compile(r"^(?:\d+[+-])?(?P<login>[^@+]+)@users\.noreply\.(?:github\.com|gitlab\.com)$", re.IGNORECASE)


class Unavailable(Exception):
    """The host could not be asked (no token, offline, an error): the approval is not checked."""


@dataclasses.dataclass(frozen=True)
class HostApproval:
    """One approval as the host reports it: the login, the commit it names (None where the host
    names none) and when."""

    login: str
    commit: str | None
    at: str | None


@dataclasses.dataclass(frozen=True)
class MergedRequest:
    """The pull or merge request that brought a commit into the main line, as the host reports it."""

    host: str  # "GitHub" or "GitLab"
    number: str
    url: str | None
    author: str
    head_sha: str
    approvals: tuple[HostApproval, ...]
    #: the logins, names and emails of everyone who authored or committed one of its commits
    contributors: tuple[tuple[str | None, str | None, str | None], ...] = ()


#: ``lookup(commit sha, request number or None)``: the request that brought the commit into the
#: main line, None when none did (a direct push); raises ``Unavailable``.
Lookup = t.Callable[[str, t.Optional[str]], t.Optional[MergedRequest]]


@dataclasses.dataclass(frozen=True)
class Confirmation:
    status: str
    text: str
    request: str | None = None


def claimed_handle(approved_by: t.Any) -> str | None:
    """The handle in an approval row's ``approved_by`` ("Name (@handle), role")."""
    found = _HANDLE.search(approved_by) if isinstance(approved_by, str) else None
    return found.group(1) if found else None


def confirm(row: t.Mapping[str, t.Any], lookup: Lookup | None) -> Confirmation:
    """What the host says about the approval in ``row`` (an approval row of ``git.approvals``)."""
    if lookup is None:
        return Confirmation(NOT_CHECKED, "not checked: no code host token")
    try:
        request = lookup(str(row.get("hexsha")), row.get("pull_request") or None)
    except Unavailable as exc:
        return Confirmation(NOT_CHECKED, f"not checked: {exc}")
    if request is None:
        return Confirmation(DIRECT, "reached main without a pull request")
    label = f"{'pull' if request.host == 'GitHub' else 'merge'} request {'#' if request.host == 'GitHub' else '!'}" \
            f"{request.number}"
    people = _claimed_people(row)
    if not people:
        return Confirmation(CLAIMED, f"claimed in the file, not confirmed: the record names nobody to confirm "
                                     f"({label})", request.number)
    reasons = []
    for name, handle in people:
        login = handle.lower()
        if login == request.author.lower() or _wrote(login, name, request):
            reasons.append(f"@{handle} opened or wrote {label}")
            continue
        mine = [a for a in request.approvals if a.login.lower() == login]
        for approval in mine:
            if request.host == "GitHub" and approval.commit == request.head_sha:
                return Confirmation(CONFIRMED, f"confirmed on GitHub: @{approval.login} approved "
                                               f"{approval.commit[:7]} on {(approval.at or '')[:10]}", request.number)
            if request.host == "GitLab" and approval.commit is None:
                return Confirmation(CONFIRMED, f"confirmed on GitLab: @{approval.login} approved {label}"
                                               + (f" on {approval.at[:10]}" if approval.at else "")
                                               + " (GitLab names no commit)", request.number)
        reasons.append(f"@{handle} approved an earlier commit of {label}" if mine
                       else f"@{handle} did not approve {label}")
    return Confirmation(CLAIMED, "claimed in the file, not confirmed: " + "; ".join(reasons), request.number)


def _claimed_people(row: t.Mapping[str, t.Any]) -> list[tuple[str, str]]:
    """Who the row says approved: the person a record names (``approved_by``), or for a risk
    acceptance the holders of the accepting role at that point (``approver_handles``)."""
    holders = row.get("approver_handles")
    if isinstance(holders, list):
        return [(str(name), str(handle).lstrip("@")) for name, handle in holders if "/" not in str(handle)]
    handle = claimed_handle(row.get("approved_by"))
    name = str(row.get("approved_by") or "").split(" (@")[0]
    return [(name, handle)] if handle else []


def _wrote(login: str, name: str, request: MergedRequest) -> bool:
    name = " ".join(name.split()).casefold()
    for account, written, email in request.contributors:
        noreply = _NOREPLY.match(email or "")
        if (account and account.lower() == login) or (noreply and noreply["login"].lower() == login) \
                or (written and name and " ".join(written.split()).casefold() == name):
            return True
    return False


def annotate(rows: list[dict[str, t.Any]], lookup: Lookup | None) -> list[dict[str, t.Any]]:
    """``rows`` with ``host_check`` (status) and ``host_evidence`` (words) on each approval row;
    a row that is no approval of its text gets neither."""
    for row in rows:
        if row.get("is_approval") or (row.get("status") == "approved" and row.get("as_approved")):
            found = confirm(row, lookup)
            row["host_check"], row["host_evidence"] = found.status, found.text
            if found.request and not row.get("pull_request"):
                row["pull_request"] = found.request
        else:
            row["host_check"] = row["host_evidence"] = None
    return rows


def cached(lookup: Lookup) -> Lookup:
    """``lookup`` asked once per commit; once the host cannot be reached, not asked again."""
    answers: dict[str, MergedRequest | None] = {}
    failed: list[str] = []

    def ask(sha: str, number: str | None) -> MergedRequest | None:
        if failed:
            raise Unavailable(failed[0])
        if sha not in answers:
            try:
                answers[sha] = lookup(sha, number)
            except Unavailable as exc:
                if "cannot reach" in str(exc):
                    failed.append(str(exc))
                raise
        return answers[sha]

    return ask
