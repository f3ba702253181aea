"""``aimskit diff`` on real git repositories with governance commits."""

from __future__ import annotations

import json
import os

import pytest

from aimskit.cli import main
from aimskit.diff.compare import compare
from aimskit.diff.report import markdown, md
from aimskit.records.model import load_repository

SOA_A624 = '  - {control: A.6.2.4, applicable: true, justification: "needed", status: planned}'


def run_diff(gov, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--repo", str(gov.root), "diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


def changes_by_id(comparison):
    return {change.id: change for change in comparison.changes}


def fields(change):
    return {f.field: (f.old, f.new) for f in change.fields}


def test_reformatted_yaml_is_no_change(gov, capsys):
    manifest = load_repository(gov.root).manifest
    # the same data: keys reordered, JSON-style quoting and flow style, comments
    gov.write("aims.yml", "# The manifest, reformatted\n"
              + json.dumps(dict(reversed(manifest.items())), indent=4) + "  # trailing comment\n")
    gov.write("risks/RISK-002.yaml", "\n".join(sorted((gov.root / "risks/RISK-002.yaml").read_text().splitlines()))
              + "\n")
    gov.replace("policies/POL-001.md", 'version: "1.0"', "version: '1.0'  # quoted differently")
    gov.replace("policies/POL-001.md", "We use AI responsibly.", "We use AI responsibly.   ")
    gov.commit("Reformat the manifest, a risk and a policy's front matter")
    comparison = compare(gov.root, "HEAD~1", "HEAD")
    assert comparison.changes == [] and comparison.crossings == [] and comparison.new_findings == []
    code, out, _ = run_diff(gov, capsys, "HEAD~1", "HEAD")
    assert code == 0 and "No governance changes." in out


def test_risk_crossing_the_appetite_and_back(gov):
    gov.replace("risks/RISK-001.yaml", "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 4, impact: 3}")
    gov.commit("Residual risk goes up")
    up = compare(gov.root, "HEAD~1", "HEAD")
    risk = changes_by_id(up)["RISK-001"]
    assert fields(risk)["residual score"] == (6, 12)
    assert fields(risk)["residual level"] == ("medium", "high")
    assert fields(risk)["residual.likelihood"] == (2, 4)
    assert [(c.id, c.old_score, c.new_score, c.above) for c in up.crossings] == [("RISK-001", 6, 12, True)]
    assert "⚠️ **RISK-001** Wrong answers: residual 6 → 12, now above the appetite (8)" in markdown(up)
    assert "| residual score | 6 | 12 |" in markdown(up)

    gov.replace("risks/RISK-001.yaml", "residual: {likelihood: 4, impact: 3}", "residual: {likelihood: 1, impact: 4}")
    gov.commit("Treated")
    down = compare(gov.root, "HEAD~1", "HEAD")
    assert [(c.id, c.old_score, c.new_score, c.above) for c in down.crossings] == [("RISK-001", 12, 4, False)]
    assert fields(changes_by_id(down)["RISK-001"])["residual level"] == ("high", "low")
    assert "now within the appetite" in markdown(down)


def test_soa_decision_change(gov):
    gov.replace("soa.yaml", SOA_A624,
                '  - {control: A.6.2.4, applicable: false, justification: "No models trained", status: excluded}')
    gov.replace("risks/RISK-001.yaml", "controls: [A.6.2.4]", "controls: [A.6.2.3]")
    gov.replace("risks/RISK-002.yaml", "controls: [A.6.2.4]", "controls: [A.6.2.3]")
    gov.commit("Exclude A.6.2.4")
    comparison = compare(gov.root, "HEAD~1", "HEAD")
    soa = changes_by_id(comparison)["soa"]
    assert fields(soa)["controls[A.6.2.4].applicable"] == (True, False)
    text = markdown(comparison)
    assert "| A.6.2.4 | applicable | excluded |" in text
    assert "| A.6.2.4 status | planned | excluded |" in text
    assert fields(changes_by_id(comparison)["RISK-001"])["treatment.controls"] == (["A.6.2.4"], ["A.6.2.3"])


def test_policy_version_status_and_body(gov):
    gov.replace("policies/POL-001.md", '\nversion: "1.0"', '\nversion: "1.1"')
    gov.replace("policies/POL-001.md", "status: approved", "status: draft")
    gov.replace("policies/POL-001.md", "Every system has an owner.",
                "Every system has an `owner` | and a <b>deputy</b>.")
    gov.commit("Revise the AI policy")
    comparison = compare(gov.root, "HEAD~1", "HEAD")
    policy = changes_by_id(comparison)["POL-001"]
    assert fields(policy) == {"version": ("1.0", "1.1"), "status": ("approved", "draft")}
    assert "-Every system has an owner." in policy.body_diff
    assert policy.body_stats == (1, 1)
    text = markdown(comparison)
    assert "| version | 1.0 | 1.1 |" in text and "| status | approved | draft |" in text
    assert "Text changed (+1 −1 lines; hunks numbered by file line)" in text
    # the changed sentence is line 21 of the file (16 lines of front matter with the approval, then the text)
    assert policy.body_diff[0] == "@@ -20,2 +20,2 @@"
    assert "```diff\n" in text and "+Every system has an `owner` | and a <b>deputy</b>." in text


def test_long_body_diff_is_truncated(gov):
    gov.write("policies/POL-001.md", (gov.root / "policies/POL-001.md").read_text()
              + "".join(f"\nParagraph {n}.\n" for n in range(100)))
    gov.commit("Long policy")
    policy = changes_by_id(compare(gov.root, "HEAD~1", "HEAD"))["POL-001"]
    assert len(policy.body_diff) == 61 and policy.body_diff[-1].startswith("… ")
    assert policy.body_stats[0] == 200


def test_renamed_deleted_and_added_records(gov):
    os.rename(gov.root / "policies/POL-001.md", gov.root / "policies/POL-010.md")
    gov.replace("policies/POL-010.md", "id: POL-001", "id: POL-010")
    (gov.root / "risks/RISK-002.yaml").unlink()
    gov.write("systems/SYS-002.yaml", (gov.root / "systems/SYS-001.yaml").read_text().replace("SYS-001", "SYS-002"))
    gov.write("risks/RISK-004.yaml", (gov.root / "risks/RISK-001.yaml").read_text()
              .replace("RISK-001", "RISK-004").replace("SYS-001", "SYS-002"))
    gov.commit("Renumber the policy, drop a risk, add a system")
    comparison = compare(gov.root, "HEAD~1", "HEAD")
    by_id = changes_by_id(comparison)
    assert by_id["POL-010"].status == "renamed" and by_id["POL-010"].old_path == "policies/POL-001.md"
    assert fields(by_id["POL-010"]) == {"id": ("POL-001", "POL-010")}
    assert "POL-001" not in by_id
    # git sees the new risk file as the removed one renamed (over 50% similar): so does the diff, title and all
    assert "R" in gov.repo.git.diff("--name-status", "-M", "HEAD~1", "HEAD", "--", "risks").split()[0]
    assert by_id["RISK-004"].status == "renamed" and by_id["RISK-004"].old_path == "risks/RISK-002.yaml"
    assert fields(by_id["RISK-004"])["title"] == ("Data leak", "Wrong answers")
    assert "RISK-002" not in by_id and by_id["SYS-002"].status == "added"
    text = markdown(comparison)
    assert "Moved: policies/POL-001.md → policies/POL-010.md" in text
    assert "Moved: risks/RISK-002.yaml → risks/RISK-004.yaml" in text
    assert "| title | Data leak | Wrong answers |" in text


def test_a_git_mv_with_an_edited_title_is_a_rename_with_its_field_table(gov, capsys):
    gov.repo.git.mv("policies/POL-001.md", "policies/POL-002.md")
    gov.replace("policies/POL-002.md", "id: POL-001", "id: POL-002")
    gov.replace("policies/POL-002.md", 'title: "AI policy"', 'title: "Responsible AI policy"')
    gov.commit("Renumber and retitle the AI policy", author="Bob Builder")
    code, out, _ = run_diff(gov, capsys, "HEAD~1", "HEAD")
    assert code == 0 and "**1 renamed · 1 new finding**" in out and "### Added" not in out and "### Removed" not in out
    assert "#### POL-002 — Responsible AI policy" in out and "Moved: policies/POL-001.md → policies/POL-002.md" in out
    assert "| id | POL-001 | POL-002 |" in out and "| title | AI policy | Responsible AI policy |" in out


def test_same_id_moved_file_is_a_rename(gov):
    gov.write("risks/RISK-001.yaml", (gov.root / "risks/RISK-001.yaml").read_text().replace(
        "id: RISK-001", "id: RISK-001\n# moved"))
    os.rename(gov.root / "risks/RISK-001.yaml", gov.root / "risks/RISK-0001.yaml")
    gov.commit("Move a risk file")
    change = changes_by_id(compare(gov.root, "HEAD~1", "HEAD"))["RISK-001"]
    assert change.status == "renamed" and change.path == "risks/RISK-0001.yaml" and change.fields == []


def test_new_finding_is_reported(gov, capsys):
    gov.replace("risks/RISK-002.yaml", "owner: ai-governance-lead", "owner: ai-governance-leed")
    gov.commit("Typo in an owner")
    comparison = compare(gov.root, "HEAD~1", "HEAD")
    assert [(f.path, f.code) for f in comparison.new_findings] == [("risks/RISK-002.yaml", "AIMS203")]
    code, out, _ = run_diff(gov, capsys, "HEAD~1", "HEAD", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["new_findings"][0]["code"] == "AIMS203"
    assert data["changes"][0]["fields"] == [{"field": "owner", "old": "ai-governance-lead",
                                             "new": "ai-governance-leed"}]


def test_existing_finding_is_not_new(gov):
    gov.replace("risks/RISK-002.yaml", "owner: ai-governance-lead", "owner: nobody")
    gov.commit("Broken owner")
    gov.replace("risks/RISK-002.yaml", 'title: "Data leak"', 'title: "Data leakage"')
    gov.commit("Retitle")
    assert compare(gov.root, "HEAD~1", "HEAD").new_findings == []


def test_a_finding_a_rule_replaces_is_not_resolved_by_an_unrelated_change(gov):
    # the owner's pattern (AIMS304) and the unknown role (AIMS203) are one mistake, reported once
    gov.replace("risks/RISK-002.yaml", "owner: ai-governance-lead", "owner: Bad_Owner")
    gov.commit("Broken owner")
    gov.replace("risks/RISK-001.yaml", 'title: "Wrong answers"', 'title: "Wrong answers given"')
    gov.commit("Retitle another risk")
    comparison = compare(gov.root, "HEAD~1", "HEAD")
    assert comparison.new_findings == [] and comparison.resolved_findings == []


def test_diff_against_the_working_tree(gov, capsys):
    gov.replace("soa.yaml", SOA_A624, SOA_A624.replace("status: planned", "status: implemented"))
    code, out, _ = run_diff(gov, capsys, "HEAD")
    assert code == 0
    assert "## Governance changes: HEAD → working tree" in out
    assert "| A.6.2.4 status | planned | implemented |" in out


def test_merge_request_style_branch_comparison(gov):
    gov.repo.git.checkout("-b", "change/risk")
    gov.replace("risks/RISK-002.yaml", "status: treating", "status: closed")
    gov.commit("Close RISK-002", author="Bob Builder")
    assert fields(changes_by_id(compare(gov.root, "main", "change/risk"))["RISK-002"]) == {
        "status": ("treating", "closed")}


@pytest.mark.parametrize("args", [["no-such-branch"], ["HEAD", "deadbeef" * 5], ["HEAD~5"],
                                  ["HEAD@{1000 years ago}"], ["HEAD@{yesterday}...HEAD"], ["main", "@{1}"],
                                  ["--", "--output=diff.txt"], ["HEAD:aims.yml"], ["HEAD^{tree}"]])
def test_bad_revision_exits_2_without_traceback(gov, capsys, args):
    code, out, err = run_diff(gov, capsys, *args)
    assert code == 2 and out == ""
    assert "unknown revision" in err and "Traceback" not in err


def test_not_a_git_repository_exits_2(tmp_path, capsys):
    (tmp_path / "aims.yml").write_text('schema_version: "1"\n')
    code = main(["--repo", str(tmp_path), "diff", "main"])
    _, err = capsys.readouterr()
    assert code == 2 and "is not in a git repository" in err and "Traceback" not in err


def test_revision_whose_records_do_not_load(gov, capsys):
    gov.write("risks/RISK-002.yaml", "id: RISK-002\nid: RISK-002\n")
    gov.commit("Break a record")
    gov.replace("risks/RISK-001.yaml", "status: treating", "status: closed")
    gov.commit("Close RISK-001")
    code, out, err = run_diff(gov, capsys, "HEAD~2", "HEAD")
    assert code == 1  # what loads is still compared, and the load errors are listed
    assert "| status | treating | closed |" in out
    assert "### Records that do not load at HEAD (1)" in out
    assert "| risks/RISK-002.yaml | 2 | AIMS101 | duplicate key 'id'" in out
    assert "RISK-002" not in out.split("### Records that do not load")[0]  # not shown as removed
    assert "records at HEAD do not load" in err


def test_markdown_escapes_record_values(gov):
    gov.replace("risks/RISK-002.yaml", 'title: "Data leak"', 'title: "Leak | <script>x</script> `code` [a](b)\\nline"')
    gov.commit("Hostile title")
    text = markdown(compare(gov.root, "HEAD~1", "HEAD"))
    assert "<script>" not in text and "`code`" not in text
    assert r"| title | Data leak | Leak \| &lt;script&gt;x&lt;/script&gt; \`code\` \[a\](b) line |" in text


def test_md_escape_keeps_cells_on_one_line():
    assert md("a|b\nc`d<e>") == r"a\|b c\`d&lt;e&gt;"


def test_a_malformed_risk_method_is_reported_as_findings_not_a_crash(gov, capsys):
    gov.replace("aims.yml", "appetite: 8", "appetite: eight")
    gov.commit("Mistype the appetite")
    code, out, err = run_diff(gov, capsys, "HEAD~1", "HEAD")
    assert code == 0 and "internal error" not in err
    assert "AIMS303" in out and "appetite" in out


def test_an_action_added_to_a_list_without_keys_is_one_change_not_the_whole_list():
    from aimskit.diff.records import field_changes

    done = {"description": "Quote ticket text", "owner": "ml-lead", "status": "done"}
    planned = {"description": "Quarterly exercise", "owner": "security-lead", "status": "planned"}
    added = {"description": "Link allow-list", "owner": "ml-lead", "status": "in-progress"}
    old = {"treatment": {"actions": [done, planned]}}
    new = {"treatment": {"actions": [done, {**planned, "status": "in-progress"}, added]}}
    assert [(c.field, c.old, c.new) for c in field_changes(old, new)] == [
        ("treatment.actions[2].status", "planned", "in-progress"),
        ("treatment.actions[3]", None, added),
    ]
    removed = [(c.field, c.old, c.new) for c in field_changes(new, {"treatment": {"actions": [done, added]}})]
    assert removed == [("treatment.actions[2]", {**planned, "status": "in-progress"}, None)]


def test_a_holder_whose_name_is_template_text_is_named_by_handle_only():
    from aimskit.diff.report import _holder

    assert _holder({"name": "Executive team (replace with the accountable executive)", "handle": "@org/sponsors"}) \
        == "@org/sponsors (name not filled in yet)"
    assert _holder({"name": "Alex Morgan", "handle": "@alex-morgan"}) == "Alex Morgan (@alex-morgan)"


# --- nothing changed goes unmentioned ------------------------------------------------------------

def test_site_scripts_stylesheets_theme_and_gitattributes_are_process_files(gov, capsys):
    gov.repo.git.checkout("-q", "-b", "look")
    gov.write("docs/javascripts/staff.js", 'document.querySelectorAll("td").forEach(c => {\n'
              '  if (c.textContent === "not approved") c.textContent = "yes";\n});\n')
    gov.write("docs/stylesheets/extra.css", ".example-banner { display: none; }\n")
    gov.write(".gitattributes", "policies/*.md linguist-generated=true -diff\n")
    gov.write("overrides/main.html", "{% extends 'base.html' %}\n")
    gov.write("zensical.toml", "[project]\nsite_name = 'x'\n")
    gov.write(".cookiecutter.json", "{}\n")
    gov.write("docs/generated/policies/POL-001.md", "rendered\n")  # aimskit render's output: from the records
    gov.write("evidence/fairness-tests.md", "# Fairness tests\n")
    gov.write("notes/board-photo.png", "\x89PNG")
    gov.commit("Make the site friendlier", author="Bob Builder")
    code, out, _ = run_diff(gov, capsys, "main", "look")
    assert code == 0 and "**no record changes**" in out
    for kind, path in (("site script or stylesheet", "docs/javascripts/staff.js"),
                       ("site script or stylesheet", "docs/stylesheets/extra.css"),
                       ("git attributes", ".gitattributes"), ("site page or theme", "overrides/main.html"),
                       ("site configuration", "zensical.toml"), ("template answers", ".cookiecutter.json")):
        assert f"#### {kind}: {md(path)} — added" in out
        assert f"| ai-governance-lead | Gina Lead (@gina) |" in out and f"{kind} {md(path)} changed" in out
    assert '+  if (c.textContent === "not approved") c.textContent = "yes";' in out
    assert "### Other files changed (3)" in out
    for path in ("docs/generated/policies/POL-001.md", "evidence/fairness-tests.md", "notes/board-photo.png"):
        assert f"| {md(path)} | added |" in out
    comparison = compare(gov.root, "main", "look")
    changed = {p.path for p in comparison.process} | {o.path for o in comparison.others}
    assert changed == set(gov.repo.git.diff("--name-only", "main", "look").splitlines())  # nothing left out


@pytest.mark.parametrize("line, words", [
    ("run: aimskit validate || true", "'|| true'"),
    ("run: aimskit validate || exit 0", "'|| exit 0'"),
    ("run: aimskit validate || :", "'|| :'"),
    ("run: aimskit validate || echo failed", "'|| echo'"),
    ("run: |\n          set +e\n          aimskit validate", "'set +e'"),
    ("continue-on-error: true\n        run: aimskit validate", "'continue-on-error'"),
    ("if: false\n        run: aimskit validate", "'if: false'"),
    ("if: ${{ false }}\n        run: aimskit validate", "'if: false'"),
])
def test_ci_weakening_is_found_however_it_is_spelled(gov, capsys, line, words):
    workflow = "name: AIMS\non: [pull_request]\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - {}\n"
    gov.write(".github/workflows/aims.yml", workflow.format("run: aimskit validate"))
    gov.commit("CI")
    gov.write(".github/workflows/aims.yml", workflow.format(line))
    gov.commit("Weaken CI", author="Bob Builder")
    code, out, _ = run_diff(gov, capsys, "HEAD~1", "HEAD")
    assert code == 0 and f"- ⚠️ {md(words)}" in out.replace("⚠️ a command now ends in ", "⚠️ ")


def test_gitlab_allow_failure_is_ci_weakening(gov, capsys):
    gov.write(".gitlab-ci.yml", "validate:\n  script: [aimskit validate]\n")
    gov.commit("CI")
    gov.write(".gitlab-ci.yml", "validate:\n  allow_failure: true\n  script: [aimskit validate]\n")
    gov.commit("Weaken CI", author="Bob Builder")
    _, out, _ = run_diff(gov, capsys, "HEAD~1", "HEAD")
    assert "'allow\\_failure' now lets a failing GitLab job pass" in out


# --- governance changes name their approver -------------------------------------------------------

def needs_of(gov, base="HEAD~1", head="HEAD"):
    return {n.role: n.reasons for n in compare(gov.root, base, head).needs}


def test_moving_the_review_date_of_an_approved_policy_or_the_soa_needs_its_approver(gov, capsys):
    gov.replace("policies/POL-001.md", 'next_review: "2027-06-01"', 'next_review: "2031-01-01"')
    gov.replace("soa.yaml", 'next_review: "2027-06-01"', 'next_review: "2031-01-01"')
    gov.commit("Review later", author="Bob Builder")
    assert needs_of(gov) == {"top-management": ["next_review of approved POL-001 changed: 2027-06-01 → 2031-01-01",
                                                "next_review of approved the SoA changed: 2027-06-01 → 2031-01-01"]}
    _, out, _ = run_diff(gov, capsys, "HEAD~1", "HEAD")
    assert "None: no approved document" not in out
    assert "| top-management | Tom Boss (@example/board) | next\\_review of approved POL-001 changed" in out


def test_the_risk_appetite_needs_the_acceptance_authority_and_the_governance_lead(gov, capsys):
    gov.replace("roles/ai-governance-lead.yaml", "accept-risk, ", "")
    gov.commit("Only top management accepts risks")
    gov.replace("aims.yml", "appetite: 8", "appetite: 12")
    gov.commit("Raise the appetite", author="Bob Builder")
    assert needs_of(gov) == {"ai-governance-lead": ["aims.yml risk_method changed"],
                             "top-management": ["aims.yml risk_method changed"]}
    code, out, _ = run_diff(gov, capsys, "HEAD~1", "HEAD")
    assert "| ai-governance-lead | Gina Lead (@gina) | aims.yml risk\\_method changed |" in out
    assert "| top-management | Tom Boss (@example/board) | aims.yml risk\\_method changed |" in out


def test_a_residual_rising_above_the_appetite_needs_the_acceptance_authority(gov):
    gov.replace("risks/RISK-001.yaml", "residual: {likelihood: 2, impact: 3}", "residual: {likelihood: 3, impact: 3}")
    gov.commit("RISK-001 got worse", author="Bob Builder")
    assert needs_of(gov) == {"top-management": ["residual of RISK-001 6 → 9, above the appetite (8)"]}
    gov.replace("aims.yml", "appetite: 8", "appetite: 5")
    gov.commit("Lower the appetite", author="Bob Builder")
    assert needs_of(gov)["top-management"] == ["aims.yml risk_method changed",
                                               "residual of RISK-001 9, above the appetite (5)"]


def test_deleting_a_referenced_record_and_an_owner_change_need_the_governance_lead(gov):
    (gov.root / "systems/SYS-001.yaml").unlink()
    gov.commit("Retire the assistant", author="Bob Builder")
    assert needs_of(gov) == {"ai-governance-lead": ["removal of SYS-001, which RISK-001, RISK-002 referenced"]}
    gov.replace("risks/RISK-002.yaml", "owner: ai-governance-lead", "owner: top-management")
    gov.commit("Hand a risk over", author="Bob Builder")
    assert needs_of(gov) == {"ai-governance-lead": ["owner of RISK-002 changed: ai-governance-lead → top-management"]}


def test_none_only_when_nothing_governed_changed(gov, capsys):
    gov.replace("risks/RISK-002.yaml", 'description: "The assistant may give wrong answers"',
                'description: "The assistant may leak data"')
    gov.commit("Describe the risk better", author="Bob Builder")
    assert needs_of(gov) == {}
    _, out, _ = run_diff(gov, capsys, "HEAD~1", "HEAD")
    assert "None: no approved document, acceptance, role, SoA exclusion or process file changes." in out
