"""docs/security.md matches the generated workflows: pull-request jobs have read-only permissions
and no secrets, and the site deploys only from the protected branch."""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import typing as t
from pathlib import Path

import pytest
import yaml
from hostile import aimskit, listing, unchanged_except

from aimskit import cli

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def _runs_on_pull_requests(name: str, jobs: dict, events: set[str]) -> bool:
    if "pull_request" not in events:
        return False
    job = jobs[name]
    condition = str(job.get("if", ""))
    if "github.event_name == 'push'" in condition or "github.event_name != 'pull_request'" in condition:
        return False
    needs = job.get("needs", [])
    return all(_runs_on_pull_requests(need, jobs, events) for need in ([needs] if isinstance(needs, str) else needs))


def test_pull_request_jobs_are_read_only_and_the_site_deploys_from_main(baked_repo):
    folder = baked_repo / ".github" / "workflows"
    pull_request_jobs, writers = [], {}
    for path in sorted(folder.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        triggers = set(workflow[True]) if True in workflow else set(workflow["on"])
        # a secret only where no pull request runs: the weekly protection check's optional token
        assert "pull_request_target" not in text and ("secrets." not in text or not triggers & {
            "pull_request", "pull_request_review", "push"}), path.name
        assert workflow["permissions"] == {}, path.name
        events = set(workflow[True]) if True in workflow else set(workflow["on"])  # YAML 1.1 reads `on` as True
        for name, job in workflow["jobs"].items():
            grants = job.get("permissions", {})
            if _runs_on_pull_requests(name, workflow["jobs"], events):
                pull_request_jobs.append(name)
                assert set(grants.values()) <= {"read"}, (name, grants)
            if any(value == "write" for value in grants.values()):
                writers[name] = job
    assert pull_request_jobs == ["check", "gate"]  # aims.yml, then approvals.yml
    assert set(writers) == {"deploy", "sarif"}
    jobs = yaml.safe_load((folder / "aims.yml").read_text(encoding="utf-8"))["jobs"]
    assert jobs["deploy"]["needs"] == "site"
    assert jobs["site"]["if"] == "${{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}"
    assert [step.get("uses", "").split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_the_threat_model_states_what_the_workflows_do():
    text = " ".join(DOCS.read_text(encoding="utf-8").split())
    for claim in ("`contents: read` and nothing else", "`pull-requests: read`",
                  "No job that runs on a pull request or a push references a secret", "`pull_request_target`",
                  "`persist-credentials: false`", "only on a push to `main`", "The site deploys only from the protected branch",
                  "raw HTML is **disabled**", "every file of the repository under review"):
        assert claim in text, claim


# ---------------------------------------------------------------------------------------------
# The command table: every command of the CLI has a row, and each option a row names exists.

def _section(title: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else len(text)]


def _rows(section: str) -> list[list[str]]:
    """The body rows of the tables in ``section``, split into cells (``\\|`` stays inside a cell)."""
    rows = []
    for line in section.splitlines():
        if line.startswith("| ") and not line.startswith(("| command |", "| class |")):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of ``parser`` and of its sub-commands (``examples remove --dry-run``)."""
    found = set(parser._option_string_actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                found |= _options(child)
    return found


def test_the_command_table_has_every_command_and_only_options_it_takes():
    rows = _rows(_section("What each command reads and writes"))
    named = [re.match(r"`([a-z-]+)", row[0])[1] for row in rows]
    assert sorted(named) == sorted(cli.COMMANDS), "docs/security.md must have one row per command of the CLI"
    for row, command in zip(rows, named):
        assert len(row) == 4 and all(row), f"{command}: reads, writes and runs are all stated"
        parser = cli.build_parser(command)
        subparser = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-o\b)", " ".join(row)):
            assert option in _options(subparser), f"the row of {command} names {option}, which {command} does not take"


# ---------------------------------------------------------------------------------------------
# Each statement of the threat model, and the tests that hold it. Every row of its tables, every
# bullet of the CI section and every paragraph of those sections holds at least one of these
# phrases; every test named here exists.

S = "tests/security/"
CLAIMS: dict[str, tuple[str, ...]] = {
    # what aimskit promises
    "a link out is refused (`AIMS120`)": (S + "test_reading.py::test_records_linked_outside_fifos_loops_and_huge_files_are_findings",
                                          S + "test_containment.py::test_an_outward_evidence_link_is_a_finding"),
    "a FIFO, device or socket is refused (`AIMS121`)": (S + "test_reading.py::test_a_codeowners_fifo_does_not_hang_validate",
                                                        S + "test_reading.py::test_codeowners_linked_to_dev_zero_is_not_read"),
    "`mkdocs.yml` cannot point the engine elsewhere or load code": (
        S + "test_containment.py::test_mkdocs_folders_pointing_outside_are_refused_before_the_engine_runs",
        S + "test_containment.py::test_a_symbolic_link_in_place_of_docs_dir_is_refused"),
    "output folders are replaced only when aimskit wrote them": (
        S + "test_containment.py::test_render_onto_the_repository_root_is_refused_even_with_the_output_marker",
        S + "test_containment.py::test_render_onto_a_parent_of_the_repository_is_refused",
        S + "test_containment.py::test_render_onto_a_folder_aimskit_did_not_write_is_refused",
        "tests/export/test_export.py::test_a_foreign_folder_is_refused_and_a_previous_export_replaced"),
    "every explicit YAML tag is an error (`AIMS105`)": (S + "test_data.py::test_every_explicit_tag_is_an_error",),
    "nesting deeper than 64 levels is an error (`AIMS123`)": (S + "test_cleanup.py::test_nesting_beyond_the_limit_is_a_finding",),
    "an unquoted integer of more than 100 digits is an error (`AIMS124`)": (
        S + "test_data.py::test_a_huge_integer_is_a_finding_in_every_command_that_reads_records",),
    "every schema pattern is anchored": (S + "test_data.py::test_a_trailing_newline_never_passes_a_pattern",),
    "CRLF and a BOM read the same as LF": (S + "test_data.py::test_markdown_records_read_crlf_and_a_bom",),
    "never starts a line with `::`": (S + "test_outputs.py::test_values_and_file_names_cannot_forge_output_lines",
                                      "tests/test_reporting.py::test_github_plain_lines_cannot_start_a_command"),
    "writes no `##[`": (S + "test_outputs.py::test_values_and_file_names_cannot_forge_output_lines",
                        "tests/test_reporting.py::test_annotations_disarm_legacy_commands"),
    "text from the code host is stripped the same way": (
        "tests/git/test_gate_http.py::test_control_characters_and_workflow_commands_from_the_host_are_stripped",),
    "raw HTML is **disabled**": (S + "test_outputs.py::test_policy_bodies_add_no_html_script_or_unsafe_links_to_the_site",
                                 "tests/site/test_sanitise.py::test_body"),
    "a `javascript:`, `data:` or other scheme removes the link": ("tests/site/test_sanitise.py::test_safe_destination",),
    "`aimskit new` and `aimskit upgrade` answers are literal text": (
        S + "test_outputs.py::test_new_answers_are_literal_text",
        "tests/upgrade/test_literal_answers.py::test_a_jinja_payload_in_the_answers_runs_nothing_and_is_kept"),
    "file size cap (1 MiB) checked before reading": (
        S + "test_reading.py::test_records_linked_outside_fifos_loops_and_huge_files_are_findings",),
    "brackets that are unmatched on their line or nested deeper than 3": (
        "tests/site/test_sanitise.py::test_a_paragraph_of_punctuation_is_shown_literally_in_one_block",),
    "a workbook to `import` is measured while it is streamed": (
        "tests/importing/test_sheet_bounds.py::test_a_small_file_that_claims_a_huge_sheet_is_refused",
        "tests/importing/test_sheet_bounds.py::test_a_sheet_one_row_over_the_limit_is_refused_at_that_row",
        "tests/importing/test_sheet_bounds.py::test_the_refusal_of_a_long_sheet_takes_bounded_memory"),
    "`gate` has one deadline for all its requests": (
        "tests/git/test_gate_http.py::test_one_deadline_bounds_the_whole_run_even_when_every_read_is_quick",),
    "a fuzz test swaps every field of every record kind": (S + "test_fuzz.py::test_wrongly_typed_fields_never_cause_an_internal_error",
                                                           S + "test_fuzz.py::test_bad_arguments_are_usage_errors"),
    "an answer of the code host of another shape or depth fails the gate": (
        "tests/git/test_gate_http.py::test_an_answer_of_another_shape_or_depth_fails_the_gate",),
    "a revision means what git says it means": (
        "tests/git/test_diff.py::test_bad_revision_exits_2_without_traceback",
        "tests/export/test_export.py::test_unknown_revision_is_a_usage_error",
        "tests/git/test_gate_http.py::test_a_revision_git_cannot_resolve_is_an_unknown_revision"),
    "the token goes only to the code host": (
        "tests/git/test_gate.py::test_the_token_is_never_sent_over_plain_http_to_another_host",
        "tests/git/test_gate_http.py::test_a_redirect_is_not_followed_and_the_token_goes_nowhere_else"),
    "staging folders are removed after success, failure, Ctrl+C and SIGTERM": (
        S + "test_cleanup.py::test_a_stopped_build_leaves_no_staging_folder",
        S + "test_cleanup.py::test_a_stopped_serve_leaves_nothing_behind"),
    "`new` and `upgrade` leave nothing in the temporary folder": (
        S + "test_cleanup.py::test_new_from_a_checkout_leaves_nothing_in_the_temporary_folder",
        S + "test_cleanup.py::test_a_stopped_new_leaves_nothing_in_the_temporary_folder",
        "tests/upgrade/test_literal_answers.py::test_a_jinja_payload_in_the_answers_runs_nothing_and_is_kept"),
    "a refused `new` removes the folders it created": (S + "test_cleanup.py::test_a_refused_new_leaves_no_folder",),
    "files are written with the user's umask": (S + "test_containment.py::test_codeowners_writes_with_the_users_umask",),
    "Why raw HTML is disabled rather than sanitised": ("tests/site/test_sanitise.py::test_body",),
    # what each command reads and writes
    "### What a GitLab merge-request pipeline can read": (
        "tests/workflows/test_gitlab.py::test_the_gitlab_token_is_documented_as_a_protected_variable",),
    "A merge-request pipeline runs the merge request's own `.gitlab-ci.yml`": (
        "tests/workflows/test_gitlab.py::test_the_gitlab_token_is_documented_as_a_protected_variable",),
    "`AIMSKIT_GITLAB_TOKEN` (read_api, Reporter) is therefore a **protected**": (
        "tests/workflows/test_gitlab.py::test_the_gitlab_token_is_documented_as_a_protected_variable",
        "tests/workflows/test_gitlab.py::test_scheduled_pipeline_checks_the_branch_protection"),
    "Every command of the CLI has a row": (S + "test_threat_model.py::test_the_command_table_has_every_command_and_only_options_it_takes",),
    "| `validate` |": (S + "test_threat_model.py::test_commands_that_run_nothing_start_no_process_and_write_what_the_table_says",
                       S + "test_outputs.py::test_values_and_file_names_cannot_forge_output_lines"),
    "| `report` |": (S + "test_threat_model.py::test_commands_that_run_nothing_start_no_process_and_write_what_the_table_says",),
    "| `render OUTDIR` |": (S + "test_containment.py::test_render_onto_a_folder_aimskit_did_not_write_is_refused",
                            "tests/site/test_build_failures.py::test_render_writes_pages_and_refuses_foreign_folders"),
    "| `build` |": (S + "test_cleanup.py::test_a_stopped_build_leaves_no_staging_folder",
                    "tests/site/test_build_failures.py::test_invalid_records_print_findings_and_keep_the_previous_site"),
    "| `serve` |": (S + "test_cleanup.py::test_a_stopped_serve_leaves_nothing_behind",),
    "| `diff BASE [HEAD]` |": (S + "test_threat_model.py::test_diff_writes_nothing_but_gits_stat_cache",
                               "tests/git/test_diff.py::test_bad_revision_exits_2_without_traceback"),
    "| `codeowners` |": (S + "test_containment.py::test_codeowners_does_not_write_through_a_symbolic_link_out_of_the_repository",
                         S + "test_threat_model.py::test_commands_that_run_nothing_start_no_process_and_write_what_the_table_says"),
    "| `export -o DIR` |": ("tests/export/test_export.py::test_a_foreign_folder_is_refused_and_a_previous_export_replaced",
                           "tests/export/test_export.py::test_csv_from_a_tag_shows_the_tagged_values"),
    "| `import risks\\|systems FILE` |": (
        S + "test_threat_model.py::test_commands_that_run_nothing_start_no_process_and_write_what_the_table_says",
        "tests/importing/test_writing.py::test_all_or_nothing"),
    "| `approve ID` |": (S + "test_threat_model.py::test_commands_that_run_nothing_start_no_process_and_write_what_the_table_says",),
    "| `examples list\\|remove` |": (
        S + "test_threat_model.py::test_commands_that_run_nothing_start_no_process_and_write_what_the_table_says",),
    "| `gate` |": ("tests/git/test_gate_http.py::test_a_redirect_is_not_followed_and_the_token_goes_nowhere_else",
                   "tests/git/test_gate.py::test_github_approval_by_a_holder_passes"),
    "| `upgrade` |": ("tests/upgrade/test_literal_answers.py::test_a_jinja_payload_in_the_answers_runs_nothing_and_is_kept",
                      "tests/upgrade/test_upgrade.py::test_dry_run_changes_nothing"),
    "| `lock` |": ("tests/lock/test_lockfile.py::test_pip_installs_the_lock_with_require_hashes_and_refuses_a_changed_digest",),
    "| `scan PATH...` |": ("tests/scan/test_scan_formats.py::test_nothing_from_the_scanned_code_is_run",
                          "tests/scan/test_scan_formats.py::test_symbolic_links_are_not_followed"),
    "| `protection` |": ("tests/git/test_protection.py::test_github_classic_protection_in_force_passes",),
    "| `new -o DIR` |": (S + "test_cleanup.py::test_new_from_a_checkout_leaves_nothing_in_the_temporary_folder",),
    "aimskit's compiled validators in its private cache": ("tests/test_cache.py",),
    "Temporary folders (the wheel built from a checkout": (
        S + "test_cleanup.py::test_a_stopped_new_leaves_nothing_in_the_temporary_folder",),
    "without that folder on Python's import path (`python -P`)": (
        S + "test_threat_model.py::test_a_module_in_the_repository_does_not_shadow_one_of_the_engine",),
    # how the generated CI keeps untrusted content away from secrets
    "Pull requests get a read-only token and no secrets.": (
        S + "test_threat_model.py::test_pull_request_jobs_are_read_only_and_the_site_deploys_from_main",),
    "Credentials are not left on disk.": ("tests/workflows/test_github.py::test_least_privilege_and_safe_triggers",),
    "Actions are pinned": ("tests/workflows/test_github.py::test_every_action_is_pinned_by_commit_sha",),
    "Dependencies can be pinned by digest.": ("tests/upgrade/test_upgrade_locked.py::test_the_upgrade_merges_requirements_in_and_locks_it_again",),
    "The site deploys only from the protected branch.": (
        S + "test_threat_model.py::test_pull_request_jobs_are_read_only_and_the_site_deploys_from_main",
        "tests/workflows/test_gitlab.py::test_pages_publish_from_the_default_branch"),
    "Code scanning uploads only from `main`.": ("tests/workflows/test_github.py::test_sarif_upload_is_off_by_default",),
    "The pull-request site is kept as an artifact": ("tests/workflows/test_github.py::test_checks_on_pull_requests",),
    "Protect `main`": ("tests/workflows/test_wiring.py::test_codeowners_is_generated_and_in_step",),
    "The GitHub workflow (`.github/workflows/aims.yml`) and GitLab pipeline are generated": (
        "tests/workflows/test_github.py::test_expected_files", "tests/workflows/test_gitlab.py::test_expected_files"),
}
CLAIM_SECTIONS = ("What aimskit promises about untrusted content", "What each command reads and writes",
                  "How the generated CI keeps untrusted content away from secrets")


def _statements() -> list[str]:
    """Every table row, bullet and paragraph of the threat model's claim sections (whitespace folded)."""
    found = []
    for title in CLAIM_SECTIONS:
        body = _section(title).split("\n", 1)[1]
        for block in re.split(r"\n\s*\n", body):
            lines = [line for line in block.splitlines() if line.strip() and not re.fullmatch(r"\|[-| ]+\|", line)]
            if not lines or lines[0].startswith(("| command |", "| class |")) and len(lines) == 1:
                continue
            if lines[0].startswith(("|", "- ")):
                items: list[str] = []
                for line in lines:
                    if line.startswith(("|", "- ")) or not items:
                        items.append(line)
                    else:
                        items[-1] += " " + line.strip()
                found += [" ".join(item.split()) for item in items if not item.startswith(("| command |", "| class |"))]
            else:
                found.append(" ".join(" ".join(lines).split()))
    return found


def _test_exists(node: str) -> bool:
    path, _, name = node.partition("::")
    file = DOCS.parents[1] / path
    if not file.is_file():
        return False
    return not name or any(isinstance(item, ast.FunctionDef) and item.name == name
                           for item in ast.parse(file.read_text(encoding="utf-8")).body)


def test_every_statement_of_the_threat_model_has_a_test():
    text = " ".join(DOCS.read_text(encoding="utf-8").split())
    for claim, tests in CLAIMS.items():
        assert claim in text, f"docs/security.md no longer says {claim!r}: update CLAIMS with what it says now"
        missing = [node for node in tests if not _test_exists(node)]
        assert tests and not missing, f"{claim!r}: no such test {missing}"
    uncovered = [statement for statement in _statements() if not any(claim in statement for claim in CLAIMS)]
    assert uncovered == [], "statements of docs/security.md without a test in CLAIMS:\n" + "\n".join(uncovered)


# ---------------------------------------------------------------------------------------------
# Commands the table says run nothing start no process, and write only what the table says.

class _ProcessStarted(AssertionError):
    pass


@pytest.fixture
def no_processes(monkeypatch):
    """Every way Python starts a program fails the test (subprocess's fork-exec and posix_spawn, os.system...)."""
    started: list[t.Any] = []

    def refuse(*args: t.Any, **kwargs: t.Any) -> t.NoReturn:
        started.append(args[:2])
        raise _ProcessStarted(f"a process was started: {args[:2]}")

    monkeypatch.setattr(subprocess, "_fork_exec", refuse, raising=False)
    monkeypatch.setattr(subprocess, "_USE_POSIX_SPAWN", False, raising=False)
    for name in ("system", "posix_spawn", "posix_spawnp", "fork", "execv", "execve", "popen"):
        if hasattr(os, name):
            monkeypatch.setattr(os, name, refuse)
    return started


@pytest.mark.slow
def test_commands_that_run_nothing_start_no_process_and_write_what_the_table_says(sandbox, capsys, no_processes):
    with pytest.raises(_ProcessStarted):  # the guard itself works
        subprocess.run(["true"], check=False)
    no_processes.clear()
    register = sandbox.root / "register.csv"
    register.write_text("Title,Owner\nModel drift,ml-engineering-lead\n", encoding="utf-8")
    repo = str(sandbox.repo)
    # (arguments, exit codes allowed, the paths it may change under the sandbox)
    runs: list[tuple[list[str], set[int], tuple[str, ...]]] = [
        (["validate"], {0}, ()), (["validate", "--format", "github"], {0}, ()), (["report"], {0}, ()),
        (["report", "--format", "json"], {0}, ()), (["codeowners", "--check"], {0}, ()),
        (["examples", "list"], {0}, ()), (["examples", "remove", "--dry-run"], {0}, ()),
        (["import", "risks", str(register)], {1}, ()),  # a dry run, with findings: writes nothing
        (["import", "systems", str(register), "--write"], {0, 1}, ("repo/systems/", "repo/roles/", "repo/suppliers/")),
        (["approve", "POL-001"], {0}, ("repo/policies/POL-001.md",)),
        (["codeowners"], {0}, ("repo/.github/CODEOWNERS",)),
    ]
    for arguments, codes, allowed in runs:
        before = listing(sandbox.root)
        code = cli.main(["--repo", repo, *arguments])
        captured = capsys.readouterr()
        assert code in codes and "internal error" not in captured.err, (arguments, code, captured)
        assert no_processes == [], arguments
        assert unchanged_except(before, listing(sandbox.root), *allowed) == set(), arguments


@pytest.mark.slow
def test_diff_writes_nothing_but_gits_stat_cache(sandbox, capsys):
    (sandbox.repo / "aims.yml").touch()
    before = listing(sandbox.root)
    assert cli.main(["--repo", str(sandbox.repo), "diff", "HEAD"]) == 0, capsys.readouterr()
    assert unchanged_except(before, listing(sandbox.root), "repo/.git/index") == set()


@pytest.mark.slow
def test_a_module_in_the_repository_does_not_shadow_one_of_the_engine(sandbox, tmp_path):
    """A package named like one the engine imports, in the folder the engine runs in, is never imported."""
    marker = tmp_path / "shadowed"
    payload = f"import pathlib\npathlib.Path({str(marker)!r}).write_text('imported')\n"
    for module in ("markdown", "yaml", "jinja2"):  # packages mkdocs imports
        (sandbox.repo / module).mkdir(exist_ok=True)
        (sandbox.repo / module / "__init__.py").write_text(payload, encoding="utf-8")
        (sandbox.repo / f"{module}.py").write_text(payload, encoding="utf-8")
    run = aimskit("--repo", str(sandbox.repo), "build")
    assert run.code in (0, 1) and "internal error" not in run.stderr, run
    assert not marker.exists(), "a module of the repository was imported by the engine"
