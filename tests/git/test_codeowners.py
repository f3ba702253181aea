"""``aimskit codeowners``: the generated section follows the roles; hand-written lines survive."""

from __future__ import annotations

import pytest

from aimskit import rules
from aimskit.cli import main
from aimskit.diff.compare import compare
from aimskit.governance import codeowners
from aimskit.records.model import load_repository
from aimskit.rules.validation import validate

PATH = ".github/CODEOWNERS"


def run(gov, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--repo", str(gov.root), "codeowners", *args])
    out, err = capsys.readouterr()
    return code, out, err


def aims601(root) -> list[str]:
    return [f.message for f in validate(root, rules.Options()).findings if f.code == "AIMS601"]


def test_generated_lines_follow_the_roles(gov, capsys):
    assert run(gov, capsys)[0] == 0
    lines = (gov.root / PATH).read_text().splitlines()
    assert lines[0] == codeowners.BEGIN and lines[-1] == codeowners.END
    body = [line for line in lines if not line.startswith("#")]
    assert body[0] == "* @gina"  # the catch-all first: later lines win
    assert "/policies/POL-001.md @gina @example/board" in body  # owner and approver roles
    assert "/risks/RISK-001.yaml @gina" in body and "/systems/SYS-001.yaml @gina" in body
    assert "/soa.yaml @gina @example/board" in body
    for governed in ("/aims.yml @gina", "/roles/ @gina", "/schemas/ @gina", "/.github/ @gina"):
        assert governed in body


def test_changed_role_holder_fails_check_until_regenerated(gov, capsys):
    run(gov, capsys)
    assert run(gov, capsys, "--check")[0] == 0
    assert aims601(gov.root) == []
    gov.replace("roles/top-management.yaml", 'handle: "@example/board"', 'handle: "@example/executives"')

    code, out, err = run(gov, capsys, "--check")
    assert code == 1
    assert "-/policies/POL-001.md @gina @example/board" in out
    assert "+/policies/POL-001.md @gina @example/executives" in out
    assert out.startswith(f"--- a/{PATH}\n+++ b/{PATH}\n")
    assert "out of step" in err
    assert aims601(gov.root) == ["CODEOWNERS is out of step with the roles"]

    assert run(gov, capsys)[0] == 0
    assert run(gov, capsys, "--check")[:2] == (0, f"{PATH} is up to date\n")
    assert aims601(gov.root) == []


def test_hand_edited_lines_outside_the_markers_survive(gov, capsys):
    run(gov, capsys)
    generated = (gov.root / PATH).read_text()
    gov.write(PATH, "# Our own rules\n/docs/ @docs-team\n" + generated)
    gov.replace("roles/ai-governance-lead.yaml", 'handle: "@gina"', 'handle: "@gwen"')
    assert run(gov, capsys)[0] == 0
    text = (gov.root / PATH).read_text()
    assert text.startswith("# Our own rules\n/docs/ @docs-team\n# BEGIN aimskit codeowners\n")
    assert text.endswith("# END aimskit codeowners\n")
    assert "* @gwen" in text and "@gina" not in text
    assert run(gov, capsys, "--check")[0] == 0


def test_a_line_after_the_generated_section_overrides_it_and_fails_the_check(gov, capsys):
    run(gov, capsys)
    generated = (gov.root / PATH).read_text()
    # the policy owner routes the AI policy to themselves alone, after the generated block
    gov.write(PATH, generated + "\n# ours\n/policies/POL-001.md @gina\n")
    code, out, err = run(gov, capsys, "--check")
    number = len(generated.splitlines()) + 3
    assert code == 1
    assert out == (f"{PATH}:{number}: '/policies/POL-001.md @gina' comes after the generated section and "
                   "overrides it (the last matching line wins); move it above the section or into the roles\n")
    assert "override the generated owners" in err
    assert aims601(gov.root) == ["this line comes after the generated section and overrides the owners it sets "
                                 "(the last matching line wins)"]
    # the lines survive a regeneration: the organisation moves them
    assert run(gov, capsys)[0] == 0
    assert (gov.root / PATH).read_text().endswith("/policies/POL-001.md @gina\n")


def test_existing_file_without_markers_gets_the_section_last(gov, capsys):
    gov.write(PATH, "/docs/ @docs-team\n")
    assert run(gov, capsys, "--check")[0] == 1
    run(gov, capsys)
    text = (gov.root / PATH).read_text()
    assert text.startswith("/docs/ @docs-team\n\n" + codeowners.BEGIN) and text.endswith(f"{codeowners.END}\n")
    assert run(gov, capsys, "--check")[0] == 0


def test_missing_file_is_a_warning_unless_ci_is_none(gov):
    assert aims601(gov.root) == ["CODEOWNERS is missing, so reviewers are not requested from the roles"]
    gov.replace("aims.yml", "ci: github", "ci: none")
    assert aims601(gov.root) == []


def test_gitlab_location_and_ci_paths(gov, capsys):
    gov.replace("aims.yml", "ci: github", "ci: gitlab")
    run(gov, capsys)
    text = (gov.root / ".gitlab/CODEOWNERS").read_text()
    assert "/.gitlab-ci.yml @gina" in text and "/.gitlab/ @gina" in text and "/.github/" not in text
    assert not (gov.root / PATH).exists()


def test_record_without_resolvable_roles_falls_back_to_the_lead(gov):
    gov.replace("risks/RISK-002.yaml", "owner: ai-governance-lead", "owner: nobody")
    assert "/risks/RISK-002.yaml @gina" in codeowners.section(load_repository(gov.root))


def test_an_unknown_owner_role_is_reported_once_not_as_codeowners_drift(gov, capsys):
    run(gov, capsys)
    assert aims601(gov.root) == []
    gov.replace("policies/POL-001.md", "approver: top-management", "approver: top-managment")
    assert "/policies/POL-001.md @gina" in codeowners.section(load_repository(gov.root))  # the line would change
    codes = [f.code for f in validate(gov.root, rules.Options()).findings]
    assert "AIMS203" in codes and "AIMS601" not in codes


def test_broken_roles_refuse_to_write(gov, capsys):
    gov.write("roles/top-management.yaml", "id: [unclosed\n")
    code, out, err = run(gov, capsys)
    assert code == 1 and "roles/top-management.yaml:" in err and "Traceback" not in err
    assert not (gov.root / PATH).exists()


def test_codeowners_at_a_revision_is_read_from_that_revision(gov, capsys):
    run(gov, capsys)
    gov.commit("Add CODEOWNERS")
    gov.replace("roles/ai-governance-lead.yaml", 'handle: "@gina"', 'handle: "@gwen"')
    gov.commit("New governance lead")
    comparison = compare(gov.root, "HEAD~1", "HEAD")
    assert [(f.path, f.code) for f in comparison.new_findings] == [(PATH, "AIMS601")]


@pytest.mark.parametrize("path, escaped", [("/a b.yaml", r"/a\ b.yaml"), ("/#x", r"/\#x")])
def test_paths_are_escaped(path, escaped):
    assert codeowners._line(path, ["@a"]) == f"{escaped} @a"
