"""Cell values → record values: valid and invalid examples, each with the value expected."""

from __future__ import annotations

import datetime as dt

import pytest

from aimskit.importing import values as v

FIVE = (1, 2, 3, 4, 5)
LABELS = {"rare": 1, "unlikely": 2, "possible": 3, "likely": 4, "almost certain": 5}


@pytest.mark.parametrize(("cell", "expected"), [
    (dt.date(2026, 4, 3), "2026-04-03"),
    (dt.datetime(2026, 4, 3, 14, 30), "2026-04-03"),
    ("2026-04-03", "2026-04-03"),
    ("2026-4-3", "2026-04-03"),
    ("2026-04-03T00:00:00", "2026-04-03"),
    ("31/03/2027", "2027-03-31"),
    ("03/31/2027", "2027-03-31"),
    ("04.04.2026", "2026-04-04"),
    ("13-01-2026", "2026-01-13"),
    ("3 April 2026", "2026-04-03"),
    ("3rd Apr 2026", "2026-04-03"),
    ("April 3, 2026", "2026-04-03"),
    ("03-Apr-2026", "2026-04-03"),
])
def test_dates(cell, expected):
    assert v.date(cell) == expected


@pytest.mark.parametrize(("cell", "words"), [
    ("03/04/2026", "ambiguous"),
    ("1.2.2026", "ambiguous"),
    ("31/02/2026", "not a date in the calendar"),
    ("2026-13-01", "not a date in the calendar"),
    ("next spring", "is not a date"),
    ("3 Smarch 2026", "no month"),
    ("26/04/26", "is not a date"),
])
def test_dates_refused(cell, words):
    with pytest.raises(v.Refused) as refused:
        v.date(cell)
    assert words in refused.value.message and refused.value.hint


@pytest.mark.parametrize(("cell", "expected"), [
    ("Mitigate", "modify"), ("REDUCE", "modify"), ("modify", "modify"), ("Accept", "retain"),
    ("Transfer", "share"), ("Insure", "share"), ("Avoid", "avoid"), ("Tolerate", "retain"),
])
def test_treatments(cell, expected):
    assert v.choice(cell, v.TREATMENTS, "treatment") == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("Open", "identified"), ("In progress", "treating"), ("in-progress", "treating"), ("Closed", "closed"),
    ("Accepted", "accepted"), ("Analysed", "assessed"),
])
def test_statuses(cell, expected):
    assert v.choice(cell, v.RISK_STATUSES, "status") == expected


def test_a_value_that_maps_to_nothing():
    with pytest.raises(v.Refused) as refused:
        v.choice("Pray", v.TREATMENTS, "treatment")
    assert refused.value.message == "treatment 'Pray' maps to none of modify, avoid, share, retain"


@pytest.mark.parametrize(("cell", "expected"), [
    (3, 3), (3.0, 3), ("4", 4), ("Likely", 4), ("almost certain", 5), ("High", 4), ("H", 4), ("Medium", 3),
    ("very low", 1), ("Critical", 5),
])
def test_scores_on_a_five_point_scale(cell, expected):
    assert v.score(cell, FIVE, LABELS, "likelihood") == expected


@pytest.mark.parametrize(("cell", "expected"), [("Low", 1), ("Medium", 2), ("High", 3)])
def test_words_follow_the_size_of_the_scale(cell, expected):
    assert v.score(cell, (1, 2, 3), {}, "impact") == expected


@pytest.mark.parametrize(("cell", "rescale", "expected"), [(10, 10, 5), (1, 10, 1), (3, 10, 2), (7, 10, 4), (2, 3, 4)])
def test_rescaling_only_when_asked(cell, rescale, expected):
    assert v.score(cell, FIVE, {}, "impact", rescale) == expected


@pytest.mark.parametrize(("cell", "rescale", "words"), [
    (6, None, "not on the risk method's scale 1 to 5"), (2.5, None, "not on the risk method's scale"),
    ("often", None, "not a number or a level"), (11, 10, "outside the sheet's scale 1 to 10"), (True, None, "not a number"),
])
def test_scores_refused(cell, rescale, words):
    with pytest.raises(v.Refused) as refused:
        v.score(cell, FIVE, LABELS, "impact", rescale)
    assert words in refused.value.message


@pytest.mark.parametrize(("cell", "commas", "expected"), [
    ("SYS-001, SYS-002", True, ["SYS-001", "SYS-002"]),
    ("SYS-001; SYS-002", True, ["SYS-001", "SYS-002"]),
    ("SYS-001\nSYS-002", True, ["SYS-001", "SYS-002"]),
    ("Our customers, who run the software", False, ["Our customers, who run the software"]),
    ("A, with a comma; B", True, ["A, with a comma", "B"]),
    ("  ", True, []),
])
def test_lists(cell, commas, expected):
    assert v.items(cell, commas=commas) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("'=HYPERLINK(\"x\")", '=HYPERLINK("x")'), ("'-5 %", "-5 %"), ("'quoted", "'quoted"), (4.0, "4"), (True, "true"),
])
def test_text_undoes_the_exports_defusing_only(cell, expected):
    assert v.text(cell) == expected


@pytest.mark.parametrize(("cell", "expected"), [("A.6.2.4", "A.6.2.4"), ("a.6.2.4", "A.6.2.4"), ("6.2.4", "A.6.2.4")])
def test_controls(cell, expected):
    assert v.control(cell) == expected


def test_unknown_control():
    with pytest.raises(v.Refused):
        v.control("A.99.1")
