"""The readiness report as Markdown: escaping and the rows it shows."""

from __future__ import annotations

from aims_builder import PAST, TODAY

from aimskit.readiness import assess
from aimskit.reporting.readiness import escape, render
from aimskit.records.model import load_repository


def _render(aims) -> str:
    return render(assess(load_repository(aims.root), TODAY))


def test_escape_keeps_a_value_in_one_cell():
    assert escape("a | b\nc") == r"a \| b c"
    assert escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape("*bold* [link](x) `code`") == r"\*bold\* \[link\](x) \`code\`"
    assert escape(None) == escape(()) == "—"
    assert escape(("a|b", "c")) == r"a\|b, c"


def test_report_shows_the_expected_rows(aims):
    aims.policy(status="draft")
    aims.risk(next_review=PAST, residual={"likelihood": 3, "impact": 4})
    text = _render(aims)
    assert text.startswith("# AIMS readiness report — Readiness Test Ltd\n")
    assert ("| 5.2 | AI policy | partial | policies/POL-001.md | no policy citing it has an approval that counts "
            "(POL-001: status draft) |") in text
    assert "| 4.3 | Scope of the AI management system | met | aims.yml | scope.statement |" in text
    assert "| risk | RISK-001 | Unfair outcomes | ml-lead | next\\_review 2026-01-31 |" in text
    assert "| RISK-001 | Unfair outcomes | ml-lead | 16 | 12 | high | 9 | risks/RISK-001.yaml |" in text
    assert "| A.10.4 | Customers | excluded | excluded | — | No customers. | — | — | — |" in text
    assert "| A.2.2 | AI policy | applicable | implemented | — | Needed. | POL-001 | — | RISK-001, RISK-002 |" in text
    assert "| high | 1 |" in text


def test_record_values_cannot_break_the_table(aims):
    aims.risk(title="Pipes | and\nnewlines <img src=x>", residual={"likelihood": 5, "impact": 5})
    line = next(line for line in _render(aims).splitlines() if line.startswith("| RISK-001 |"))
    assert line == ("| RISK-001 | Pipes \\| and newlines &lt;img src=x&gt; | ml-lead | 16 | 25 | critical | 9 "
                    "| risks/RISK-001.yaml |")


def test_empty_sections_say_none(aims):
    text = _render(aims)
    assert "## Overdue reviews\n\n_None._\n" in text
    assert "### High-risk systems without a current impact assessment\n\n_None._\n" in text


def test_validation_errors_are_noted_at_the_top(aims):
    from aimskit import rules
    from aimskit.rules.validation import validate

    aims.risk(owner="nobody-here")
    result = validate(aims.root, rules.Options(today=TODAY))
    text = render(assess(result.repository, TODAY, result.findings))
    assert "> **Validation found 1 error(s) and 0 warning(s).**" in text.split("## Summary")[0]


def test_long_evidence_lists_are_shortened(aims):
    for number in range(2, 8):
        aims.risk(f"RISK-00{number}")
    line = next(line for line in _render(aims).splitlines() if line.startswith("| 6.1.1 |"))
    assert "risks/RISK-001.yaml, risks/RISK-002.yaml, risks/RISK-003.yaml, risks/RISK-004.yaml and 3 more" in line
