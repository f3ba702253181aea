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
    page = f"a\n{finding_codes.MARK_START}\nstale-row\n{finding_codes.MARK_END}\nb\n"
    assert "stale-row" not in finding_codes.inject(page, [finding_codes.Code("AIMS100")])


def test_each_code_is_registered_once():
    from aimskit.reporting.codes import CODES

    listed = [entry.code for entry in CODES]
    assert len(listed) == len(set(listed)), [c for c in listed if listed.count(c) > 1]
    assert listed == sorted(listed)
    assert all(entry.title and entry.description
               and entry.severity in ("error", "warning", finding_codes.STRICT, finding_codes.STRICT_PLACEHOLDERS)
               for entry in CODES)


def test_the_registry_matches_the_source():
    """Every code raised is registered with the modules that raise it and the severity they give it:
    a code raised by a second, unrelated module (AIMS421 by the SoA and the treatment rules) fails."""
    from aimskit.reporting.codes import REGISTRY

    in_source = {code.code: code for code in finding_codes.collect(PACKAGE)}
    assert set(in_source) == set(REGISTRY)
    for code, found in in_source.items():
        assert {m.removeprefix("aimskit.") for m in found.modules} == REGISTRY[code].modules, code
        assert found.severity == REGISTRY[code].severity, code


def test_one_code_raised_by_two_rule_modules_is_caught(tmp_path: Path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "soa.py").write_text('def f():\n    yield at(r, p, "AIMS421", "excluded control implemented")\n')
    (package / "treatment.py").write_text('def g():\n    yield at(r, p, "AIMS421", "approver lacks authority")\n')
    [code] = finding_codes.collect(package)
    assert code.modules == {"pkg.soa", "pkg.treatment"}  # the registry names one source: the test above fails


def test_the_docs_table_has_an_anchor_per_code():
    from aimskit.reporting.codes import CODES

    page = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    for entry in CODES:
        assert f'<a id="{entry.code.lower()}"></a>{entry.code} |' in page
        assert entry.anchor == f"validation.md#{entry.code.lower()}"
