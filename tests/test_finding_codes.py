"""The finding-code table in docs/validation.md is read from the source and kept current."""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import finding_codes  # noqa: E402

PACKAGE = ROOT / "src" / "aimskit"


def test_validation_page_lists_the_current_codes():
    page = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    assert finding_codes.inject(page, finding_codes.collect(PACKAGE)) == page, \
        "docs/validation.md's finding codes are stale: run `make docs` and commit the result"


def test_every_code_in_the_source_is_collected():
    in_source = {code for path in PACKAGE.rglob("*.py")
                 for code in re.findall(r"[\"'](AIMS[0-9]{3})[\"']", path.read_text(encoding="utf-8"))}
    assert in_source == {code.code for code in finding_codes.collect(PACKAGE)}


def test_codes_messages_and_severities_are_read_from_calls_and_docstrings(tmp_path: Path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "rules.py").write_text(textwrap.dedent('''
        @rule
        def owners(repository, options):
            """AIMS901: every owner is a role; AIMS902: owners differ."""
            yield at(record, path, "AIMS901", f"owner '{value}' is not a role", "check roles/")
            yield at(record, path, "AIMS902", "same owner", severity=Severity.WARNING)

        @record_rule(kinds.RISK, context=known_roles)
        def overdue(record, known, options):
            """AIMS903: not overdue."""
            yield at(record, path, "AIMS903", f"due {due}", severity=options.review_severity)

        def load():
            raise Problem("AIMS904", "bad " + "thing", mark)

        CODES = {"type": ("AIMS905", None)}
        code, hint = CODES.get(name, ("AIMS906", None))
    '''), encoding="utf-8")
    codes = {code.code: code for code in finding_codes.collect(package)}
    assert codes["AIMS901"].checks == "every owner is a role" and codes["AIMS901"].messages == ["owner '…' is not a role"]
    assert codes["AIMS902"].checks == "owners differ" and codes["AIMS902"].severity == "warning"
    assert codes["AIMS903"].severity == finding_codes.STRICT
    assert codes["AIMS904"].messages == ["bad thing"] and codes["AIMS904"].severity == "error"
    assert codes["AIMS905"].checks == "the schema keyword `type` fails"
    assert codes["AIMS906"].checks == "any other schema keyword"


def test_inject_needs_both_markers():
    with pytest.raises(ValueError, match="markers"):
        finding_codes.inject("# Validation\n", [])
    page = f"a\n{finding_codes.MARK_START}\nold\n{finding_codes.MARK_END}\nb\n"
    assert "old" not in finding_codes.inject(page, [finding_codes.Code("AIMS100")])
