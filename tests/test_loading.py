"""The strict loader: YAML 1.1 surprises stay strings, risky YAML is rejected, positions are exact."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aimskit.records.loading import MAX_FILE_BYTES, MAX_INT_DIGITS, LoadError, load_markdown_file, load_yaml_file


def load(text: str | bytes, path: str = "x.yaml"):
    return load_yaml_file(path, text.encode("utf-8") if isinstance(text, str) else text)


def failure(text: str | bytes, loader=load) -> tuple[str, int, int, str]:
    with pytest.raises(LoadError) as caught:
        loader(text)
    finding = caught.value.finding
    return finding.code, finding.line, finding.column, finding.message


# Values kept as written


@pytest.mark.parametrize("written", ["NO", "no", "No", "yes", "Yes", "on", "off", "ON", "y", "n",
                                     "1.10", "1.0", "2025-01-31", "2025-01-31T10:00:00Z", "12:30:00", "017",
                                     "0o17", "0x1F", "1_000", "1e3", ".inf", "-.inf", ".nan", "=", "<<x"])
def test_yaml_1_1_surprises_stay_strings(written: str) -> None:
    assert load(f"value: {written}\n").data == {"value": written}


@pytest.mark.parametrize(("written", "value"), [("true", True), ("False", False), ("TRUE", True), ("0", 0),
                                                ("-12", -12), ("+7", 7), ("null", None), ("~", None), ("", None)])
def test_only_booleans_decimal_integers_and_null_are_typed(written: str, value: object) -> None:
    assert load(f"value: {written}\n").data == {"value": value}


def test_quoted_scalars_are_always_strings() -> None:
    assert load('a: "true"\nb: \'12\'\nc: "null"\n').data == {"a": "true", "b": "12", "c": "null"}


# Rejected YAML


def test_duplicate_keys_name_both_lines() -> None:
    code, line, column, message = failure("id: RISK-001\ntitle: a\nowner: x\ntitle: b\n")
    assert (code, line, column) == ("AIMS101", 4, 1)
    assert message == "duplicate key 'title' (first defined on line 2)"


def test_nested_duplicate_keys_are_found() -> None:
    assert failure("residual:\n  likelihood: 1\n  likelihood: 2\n")[:3] == ("AIMS101", 3, 3)


@pytest.mark.parametrize("text", ["base: &b {a: 1}\nother: *b\n", "list: &l [1]\ncopy: *l\n"])
def test_aliases_are_rejected_at_the_alias(text: str) -> None:
    code, line, column, _ = failure(text)
    assert (code, line) == ("AIMS102", 2) and column == text.splitlines()[1].index("*") + 1


def test_merge_keys_are_rejected() -> None:
    assert failure("a: {x: 1}\nb:\n  <<: {y: 2}\n")[:3] == ("AIMS102", 3, 3)


@pytest.mark.parametrize("text", ["when: !!timestamp 2025-01-01\n", "x: !custom 1\n", "n: !!float 1\n"])
def test_explicit_tags_are_rejected(text: str) -> None:
    assert failure(text)[:2] == ("AIMS105", 1)


def test_syntax_errors_have_a_position() -> None:
    code, line, _, message = failure("a: 1\nb: [unclosed\nc: 2\n")
    assert code == "AIMS100" and line >= 2 and message.startswith("YAML syntax error")


def test_non_string_keys_are_rejected() -> None:
    assert failure("? [a, b]\n: 1\n")[0] == "AIMS100"


# Bytes


def test_oversized_files_are_rejected_before_parsing() -> None:
    code, line, column, message = failure(b"a: 1\n" + b"#" * MAX_FILE_BYTES)
    assert (code, line, column) == ("AIMS103", 1, 1) and "byte limit" in message


def test_bad_utf8_is_reported_at_its_line_and_column() -> None:
    assert failure(b"id: RISK-001\ntitle: caf\xe9 menu\n")[:3] == ("AIMS104", 2, 11)


def test_a_byte_order_mark_is_accepted() -> None:
    assert load("\ufeffid: RISK-001\n").data == {"id": "RISK-001"}


def test_empty_file_loads_as_none() -> None:
    assert load("").data is None


# Positions


def test_positions_of_values_and_keys() -> None:
    document = load("id: RISK-001\ntreatment:\n  controls:\n    - A.6.2.4\n    - A.9.2\n")
    assert document.position(["treatment", "controls", 1]) == (5, 7)
    assert document.key_position(["treatment"], "controls") == (3, 3)
    assert document.position(["treatment", "missing", 3]) == (3, 3)  # nearest parent that exists
    assert document.position([]) == (1, 1)


# Markdown front matter


def md(text: str | bytes):
    return load_markdown_file("policies/POL-001.md", text.encode("utf-8") if isinstance(text, str) else text)


def test_front_matter_and_body() -> None:
    document = md("---\nid: POL-001\nversion: 1.10\n---\n\n# Policy\n\nText.\n")
    assert document.data == {"id": "POL-001", "version": "1.10"}
    assert document.body == "# Policy\n\nText.\n"


def test_front_matter_positions_count_the_opening_line() -> None:
    document = md("---\nid: POL-001\nowner: a\n---\nbody\n")
    assert document.position(["owner"]) == (3, 8)
    assert document.key_position([], "owner") == (3, 1)


def test_front_matter_errors_count_the_opening_line() -> None:
    assert failure("---\nid: POL-001\nid: POL-002\n---\n", md)[:3] == ("AIMS101", 3, 1)
    assert failure("---\na: &x 1\nb: *x\n---\n", md)[:3] == ("AIMS102", 3, 4)


def test_front_matter_may_end_with_dots_and_have_an_empty_body() -> None:
    document = md("---\nid: POL-001\n...\n")
    assert document.data == {"id": "POL-001"} and document.body == ""


@pytest.mark.parametrize("text", ["# Policy\n", "", "id: POL-001\n---\n"])
def test_missing_front_matter(text: str) -> None:
    code, _, _, message = failure(text, md)
    assert code == "AIMS106" and "no YAML front matter" in message


def test_unclosed_front_matter() -> None:
    code, _, _, message = failure("---\nid: POL-001\n# Policy\n", md)
    assert code == "AIMS106" and "not closed" in message


def test_front_matter_with_bom_and_bad_utf8() -> None:
    assert md("\ufeff---\nid: POL-001\n---\n").data == {"id": "POL-001"}
    assert failure(b"---\nid: POL-001\n---\n\xff\n", md)[:3] == ("AIMS104", 4, 1)


# Round trip


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_string_dumped_by_safe_dump_loads_back_equal(value: str) -> None:
    text = yaml.safe_dump({"value": value})
    assert load(text).data == {"value": value}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_unicode_dumps_load_as_pyyaml_loads_them(value: str) -> None:
    # With allow_unicode PyYAML writes U+0085, U+2028 and U+2029 raw, and reads them back as
    # line breaks; the strict loader must agree with PyYAML on every string it reads.
    text = yaml.safe_dump({"value": value}, allow_unicode=True)
    assert load(text).data == yaml.safe_load(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=20), max_size=5))
def test_lists_of_strings_round_trip_in_front_matter(values: list[str]) -> None:
    front = yaml.safe_dump({"tags": values})
    assert md(f"---\n{front}---\nbody\n").data == {"tags": values}


@pytest.mark.parametrize("sign", ["", "-", "+"])
def test_an_integer_longer_than_the_limit_is_a_finding_at_its_position(sign: str) -> None:
    assert load_yaml_file("a.yaml", f"n: {sign}{'9' * MAX_INT_DIGITS}\n".encode()).data == {"n": int(sign + "9" * 100)}
    for digits in (MAX_INT_DIGITS + 1, 4301, 100_000):  # Python itself refuses more than 4,300
        with pytest.raises(LoadError) as caught:
            load_yaml_file("a.yaml", f"id: x\nlist:\n  - {sign}{'7' * digits}\n".encode())
        finding = caught.value.finding
        assert (finding.code, finding.line, finding.column) == ("AIMS124", 3, 5)
        assert f"has {digits} digits" in finding.message
    assert load_yaml_file("a.yaml", f"n: '{'9' * 5000}'\n".encode()).data == {"n": "9" * 5000}  # text stays text
