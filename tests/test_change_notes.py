"""A document's version in plain words (aimskit.governance.changes): its change notes, whether a
note is asked for, and the facts of one version that the version history shows."""

from __future__ import annotations

import datetime as dt
import typing as t

import pytest

from aimskit.governance import approval, changes

BODY = "# AI policy  \r\n\r\nWe use AI responsibly.\r\n\r\n"
FRONT: dict[str, t.Any] = {
    "id": "POL-001", "title": "AI policy", "version": "1.1", "status": "approved", "effective": "2026-02-01",
    "approver": "top-management", "approved_on": "2026-01-20",
    "changes": [{"version": "1.1", "note": "  Exceptions need the sponsor.  "}, {"version": "1.0", "note": "First."}],
}


@pytest.mark.parametrize(("version", "first"), [
    ("1.0", True), ("1.00", True), ("0.1", True), ("0.12", True), ("1.1", False), ("2.0", False),
    ("1.0.1", False), ("10", False), ("", False), (1.0, False), (None, False),
])
def test_the_first_version_is_1_0_or_0_x(version: t.Any, first: bool) -> None:
    assert changes.is_first_version(version) is first


def test_notes_by_version_keep_the_first_note_and_leave_out_bad_entries() -> None:
    data = {"changes": [
        {"version": "1.2", "note": " Shorter. "}, {"version": "1.2", "note": "Later duplicate."},
        {"version": "1.1", "note": "   "}, {"version": 1.3, "note": "Number version."}, {"version": "1.4"},
        {"version": "1.5", "note": 5}, "1.6", {"version": "1.7", "note": "Kept."}]}
    assert changes.notes(data) == {"1.2": "Shorter.", "1.7": "Kept."}
    assert changes.notes({"changes": "1.1: all of it"}) == {}
    assert changes.notes([{"version": "1.1", "note": "x"}]) == {}


def test_note_for_a_version_by_default_the_documents_own() -> None:
    assert changes.note_for(FRONT) == "Exceptions need the sponsor."
    assert changes.note_for(FRONT, "1.0") == "First."
    assert changes.note_for(FRONT, "1.2") is None
    assert changes.note_for({"changes": [{"version": "2", "note": "Two."}]}, 2) == "Two."
    assert changes.note_for({"changes": [{"version": "1.1", "note": "x"}]}) is None
    assert changes.note_for(None) is None


@pytest.mark.parametrize(("data", "needed"), [
    ({"version": "1.1"}, True),
    ({"version": "1.1", "changes": [{"version": "1.0", "note": "First."}]}, True),
    ({"version": "1.1", "changes": [{"version": "1.1", "note": "Changed."}]}, False),
    ({"version": "1.0"}, False), ({"version": "0.3"}, False), ({"version": 2}, False), ({}, False), (None, False),
])
def test_a_note_is_needed_for_every_version_after_the_first(data: t.Any, needed: bool) -> None:
    assert changes.needs_note(data) is needed


def test_version_of_gives_every_fact_of_the_version() -> None:
    front = dict(FRONT, approval={"version": "1.1", "digest": approval.content_digest(FRONT, BODY)})
    when = dt.datetime(2026, 2, 1, 9, 30, tzinfo=dt.timezone.utc)
    assert changes.version_of(front, BODY, hexsha="0123abcd" * 5, date=when) == changes.Version(
        version="1.1", status="approved", effective="2026-02-01", approver="top-management",
        approved_on="2026-01-20", note="Exceptions need the sponsor.", approved=True,
        body="# AI policy\n\nWe use AI responsibly.", hexsha="0123abcd" * 5, date=when)


def test_version_of_writes_dates_and_numbers_as_text_and_leaves_missing_facts_out() -> None:
    front = {"version": 2, "status": "draft", "effective": dt.date(2026, 3, 1), "approved_on": dt.date(2026, 2, 1)}
    assert changes.version_of(front, None) == changes.Version(
        version="2", status="draft", effective="2026-03-01", approver=None, approved_on="2026-02-01", note=None,
        approved=False, body="", hexsha="", date=None)


def test_a_version_whose_text_changed_after_approval_is_not_approved() -> None:
    front = dict(FRONT, approval={"version": "1.1", "digest": approval.content_digest(FRONT, BODY)})
    assert changes.version_of(front, BODY + "A new sentence.").approved is False
    assert changes.version_of(dict(front, status="draft"), BODY).approved is False
