"""The outcome of a readiness check (aimskit.readiness.outcome): graded, coverage, and worst, which
combines the checks a requirement needs, with the evidence and notes a reader sees."""

from __future__ import annotations

from aimskit.readiness.outcome import Outcome, coverage, graded, paths, worst
from aimskit.records import kinds
from aimskit.records.document import Document
from aimskit.records.model import Record


def _records(*names: str) -> list[Record]:
    return [Record(kinds.POLICY, Document(f"policies/{name}.md", {"id": name}, None)) for name in names]


def test_paths_are_sorted_and_each_given_once() -> None:
    assert paths(_records("POL-002", "POL-001", "POL-002")) == ("policies/POL-001.md", "policies/POL-002.md")
    assert paths([]) == ()


def test_graded_is_met_by_any_record_partial_by_any_close_one_else_missing() -> None:
    met, close = _records("POL-002", "POL-001"), _records("POL-003")
    assert graded(met, close, "none", "close", "done") == Outcome("met", ("policies/POL-001.md", "policies/POL-002.md"),
                                                                  "done")
    assert graded([], close, "none", "close", "done") == Outcome("partial", ("policies/POL-003.md",), "close")
    assert graded([], [], "none", "close", "done") == Outcome("missing", (), "none")
    assert graded(met, close, "none") == Outcome("met", ("policies/POL-001.md", "policies/POL-002.md"), "")


def test_coverage_counts_the_covered_of_the_required() -> None:
    required = _records("POL-001", "POL-002", "POL-003")
    assert coverage(required, required, "none", "covered") == Outcome(
        "met", ("policies/POL-001.md", "policies/POL-002.md", "policies/POL-003.md"), "covered: 3 of 3")
    assert coverage(required[2:], required, "none", "covered") == Outcome(
        "partial", ("policies/POL-003.md",), "covered: 1 of 3")
    assert coverage(required[1:], required, "none", "covered") == Outcome(
        "partial", ("policies/POL-002.md", "policies/POL-003.md"), "covered: 2 of 3")
    assert coverage([], required, "none", "covered") == Outcome("missing", (), "no covered yet (3 needed)")
    assert coverage([], [], "none", "covered") == Outcome("missing", (), "none")


MET = Outcome("met", ("a.md",), "met note")
PARTIAL = Outcome("partial", ("b.md", "a.md"), "partial note")
MISSING = Outcome("missing", (), "missing note")
NOT_APPLICABLE = Outcome("not-applicable", (), "not applicable note")


def test_worst_takes_the_weakest_status_every_file_and_the_notes_that_explain_it() -> None:
    assert worst(MET, PARTIAL) == Outcome("partial", ("a.md", "b.md"), "partial note")
    assert worst(MET, MISSING) == Outcome("partial", ("a.md",), "missing note")
    assert worst(MISSING, Outcome("missing", (), "other")) == Outcome("missing", (), "missing note; other")
    assert worst(MISSING, MISSING) == Outcome("missing", (), "missing note")
    assert worst(MET, Outcome("met", ("c.md",), "second")) == Outcome("met", ("a.md", "c.md"), "met note; second")
    assert worst(NOT_APPLICABLE) == NOT_APPLICABLE
    assert worst(PARTIAL, MISSING, MET) == Outcome("partial", ("a.md", "b.md"), "partial note; missing note")
    assert worst(MET, Outcome("partial", (), "")) == Outcome("partial", ("a.md",), "met note")
