"""What counts as placeholder text, and what is an example record (aimskit.governance.starter)."""

from __future__ import annotations

import pytest

from aimskit.governance.starter import is_example, placeholder, placeholders_in


@pytest.mark.parametrize(("text", "marker"), [
    ("Security team (replace with the security lead)", "(replace with the security lead)"),
    ("Replace this sentence with a short description.", "Replace this sentence"),
    ("To be decided: does this control apply?", "To be decided"),
    ("Owner: TBD", "TBD"),
    ("TODO: name the supplier", "TODO"),
    ("Fix the FIXME later", "FIXME"),
    ("Lorem ipsum dolor", "Lorem ipsum"),
])
def test_placeholders_are_found(text, marker):
    assert placeholder(text) == marker


@pytest.mark.parametrize("text", [
    "Keep a todo list of open actions.",  # lower-case 'todo' is a word, not a note
    "TODOS and TBDS are not notes",
    "We replace models when they drift.",
    "Decided: the control applies to every system.",
    "",
])
def test_ordinary_text_is_not_a_placeholder(text):
    assert placeholder(text) is None


def test_placeholders_in_nested_data():
    assert placeholders_in({"holders": [{"name": "Team (replace with the lead)"}]})
    assert not placeholders_in({"holders": [{"name": "Sam Lee"}], "n": 3, "ok": True})


@pytest.mark.parametrize(("data", "expected"), [
    ({"example": True}, True), ({"example": False}, False), ({"example": "true"}, False), ({}, False), ([], False)])
def test_only_example_true_marks_an_example(data, expected):
    assert is_example(data) is expected
