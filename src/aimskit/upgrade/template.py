"""``aimskit upgrade``: the template's current output, with this repository's answers, merged in.

The repository's answers are in ``.cookiecutter.json``; the template is regenerated with them (and
with the day the repository was generated, so derived dates do not change) into a scratch folder,
committed on top of the template output the repository last took, and merged with git's
three-way merge. Nothing is committed: the merge is staged for review, conflicts are left in the
files. Records written for an older schema version are then migrated.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import logging
import os
import re
import shutil
import tempfile
import typing as t
from pathlib import Path

from aimskit import __version__, distribution
from aimskit.errors import AimskitError
from aimskit.git import template as git_template
from aimskit.lock import inputs, lockfile
from aimskit.upgrade import migrations

ANSWERS_FILE = ".cookiecutter.json"
_REPLACEABLE_REQUIREMENTS = ("aimskit==", f"./{distribution.WHEEL_FOLDER}/")


@dataclasses.dataclass
class Outcome:
    """What an upgrade did (or, in a dry run, would do)."""

    template_changes: list[tuple[str, str]]  # (A|M|D, path) between the last and the new template output
    conflicts: list[str]
    migrated: list[migrations.Change]
    source_version: str
    requirement: str | None = None
    lock: str | None = None  # what became of requirements.txt when it is pinned by digest
    lock_failed: bool = False

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.lock_failed


def read_answers(root: Path) -> dict[str, t.Any]:
    """The answers the repository was generated with."""
    try:
        answers = json.loads((root / ANSWERS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AimskitError(f"cannot read the answers the repository was generated with ({ANSWERS_FILE}: {exc}); "
                           "upgrade works on repositories made by 'aimskit new'") from None
    if not isinstance(answers, dict):
        raise AimskitError(f"{ANSWERS_FILE} does not hold the generation answers")
    return answers


def upgrade(root: Path, template: Path, dry_run: bool = False,
            known_migrations: t.Sequence[migrations.Migration] = migrations.MIGRATIONS) -> Outcome:
    """Merge the template's current output into ``root`` (staged, not committed) and migrate records."""
    repo = git_template.open_top_level(root)
    base = git_template.template_base(repo)
    version = migrations.repository_version(root)
    migrations.path_to(version, known_migrations)  # refuse early when no migration path exists
    answers = read_answers(root)
    choice = _requirement(answers)
    day = dt.datetime.fromtimestamp(base.authored_date, dt.timezone.utc).date().isoformat()
    with tempfile.TemporaryDirectory(prefix="aimskit-upgrade-") as scratch:
        output = regenerate(template, Path(scratch), answers, day, choice.wheel if choice else None)
        new = git_template.commit_output(repo, base, output, f"Template output of aimskit {__version__}")
    changes = git_template.changed_paths(repo, base, new)
    hashed = _chosen(answers.get("require_hashes", False))
    if dry_run:
        return Outcome(changes, [], migrations.plan(root, known_migrations, source=version), version,
                       choice.line if choice else None,
                       f"{lockfile.OUTPUT} would be locked again from {inputs.INPUT}" if hashed else None)
    conflicts = git_template.merge(repo, new) if changes else []
    planned = migrations.plan(root, known_migrations, source=version)
    ready = [change for change in planned if change.path not in conflicts]
    migrations.apply(root, ready)
    git_template.stage(repo, [change.path for change in ready])
    outcome = Outcome(changes, conflicts, planned, version, choice.line if choice else None)
    return relock(root, outcome, lambda paths: git_template.stage(repo, paths)) if hashed else outcome


def relock(root: Path, outcome: Outcome, stage: t.Callable[[list[str]], None]) -> Outcome:
    """Lock requirements.txt again from the merged requirements.in (the template's copy is not a lock)."""
    if inputs.INPUT in outcome.conflicts:
        return dataclasses.replace(outcome, lock=f"{inputs.INPUT} has conflicts: resolve them, then run "
                                                "'aimskit lock'", lock_failed=True)
    try:
        locked = lockfile.lock(root)
    except AimskitError as exc:
        return dataclasses.replace(outcome, lock=f"{lockfile.OUTPUT} was not locked again ({exc}); run "
                                                "'aimskit lock'", lock_failed=True)
    stage([lockfile.OUTPUT])
    return dataclasses.replace(outcome, conflicts=[path for path in outcome.conflicts if path != lockfile.OUTPUT],
                               lock=f"{lockfile.OUTPUT} locked again: {len(locked.pins)} distributions pinned "
                                    "by sha256 digest")


def _chosen(value: object) -> bool:
    """A yes/no answer of .cookiecutter.json as a bool (a hand edit may leave a string)."""
    return value.strip().lower() in {"1", "true", "yes", "y", "on"} if isinstance(value, str) else bool(value)


def _requirement(answers: dict[str, t.Any]) -> distribution.Choice | None:
    """This aimskit's requirement line, unless the repository chose its own kind of line."""
    current = str(answers.get("aimskit_requirement", ""))
    if current and not current.startswith(_REPLACEABLE_REQUIREMENTS):
        return None
    choice = distribution.choose()
    answers["aimskit_requirement"] = choice.line
    return choice


def literal(value: str) -> str:
    """``value`` written so that cookiecutter's Jinja rendering gives back exactly ``value``.

    Cookiecutter renders every answer given up front as a Jinja template (so that defaults can
    refer to other answers); an answer is text, so each ``{`` is written as the expression
    ``{{ '{' }}`` and nothing in it is evaluated.
    """
    return value.replace("{", "{{ '{' }}")


def literal_answers(value: t.Any) -> t.Any:
    """``value`` (an answer, or a list or mapping of them) with every string made :func:`literal`.

    Cookiecutter renders strings, the items of lists and the keys and values of mappings; other
    values (booleans, numbers, null) are not templates.
    """
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, list):
        return [literal_answers(item) for item in value]
    if isinstance(value, dict):
        return {literal_answers(key): literal_answers(item) for key, item in value.items()}
    return value


def regenerate(template: Path, scratch: Path, answers: dict[str, t.Any], day: str, wheel: Path | None) -> Path:
    """The template's output for ``answers`` in ``scratch``, generated as on ``day``.

    The answers are kept literal (as ``aimskit new`` keeps them): a value in the repository's
    ``.cookiecutter.json`` is text, never a template. Private keys (``_template``, ``_extensions``,
    ...) are dropped: the template, its hooks and its extensions are the ones given, never ones the
    repository names.
    """
    from cookiecutter import exceptions
    from cookiecutter.main import cookiecutter

    context = {key: literal_answers(value) for key, value in answers.items() if not key.startswith("_")}
    for key in sorted(path_answers(template)):
        value = answers.get(key)
        if isinstance(value, str) and not _one_folder_name(value):
            raise AimskitError(f"{ANSWERS_FILE}: the answer {key} = {value!r} names a file or folder of the template's "
                               "output, so it must be one folder name (no '/', '\\' or '..'); correct it and commit")
    variables = {"AIMSKIT_NO_GIT_COMMIT": "1", "AIMSKIT_TODAY": day, "AIMSKIT_NO_LOCK": "1",
                 "AIMSKIT_VENDOR_WHEEL": str(wheel) if wheel else None}
    with _environment(variables), cookiecutter_logs_muted(), own_temporary_files() as folder:
        # cookiecutter's own configuration, so that nothing is written to the home folder (a replay
        # file of the answers) and no user default changes what the answers say
        config = folder / "cookiecutter.yaml"
        config.write_text(f"cookiecutters_dir: {json.dumps(str(folder / 'templates'))}\n"
                          f"replay_dir: {json.dumps(str(folder / 'replay'))}\n", encoding="utf-8")
        try:
            return Path(cookiecutter(str(template), no_input=True, extra_context=context, output_dir=str(scratch),
                                     config_file=str(config)))
        except (exceptions.CookiecutterException, ValueError, OSError) as exc:
            raise AimskitError(f"the template could not be generated with the repository's answers: {exc}") from None


def path_answers(template: Path) -> set[str]:
    """The answers that name files or folders of the template's output (``{{cookiecutter.project_slug}}``).

    cookiecutter creates those folders before any hook can check the answer: an answer read from
    the repository must not make it create one outside the scratch folder.
    """
    names = (path.name for path in template.rglob("*"))
    return {key for name in names if "{" in name for key in re.findall(r"cookiecutter\.(\w+)", name)}


def _one_folder_name(value: str) -> bool:
    return value not in ("", ".", "..") and not any(char in value for char in "/\\:\0")


@contextlib.contextmanager
def _environment(values: dict[str, str | None]) -> t.Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    try:
        for key, value in values.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        yield
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)


@contextlib.contextmanager
def cookiecutter_logs_muted() -> t.Iterator[None]:
    """cookiecutter logs a traceback for a rejected answer; the hook has already said what is wrong."""
    logger, handler = logging.getLogger("cookiecutter"), logging.NullHandler()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)


@contextlib.contextmanager
def own_temporary_files() -> t.Iterator[Path]:
    """Python's temporary folder (and the hooks' ``TMPDIR``) pointed at a folder of ours, removed on the way out.

    cookiecutter writes each hook to a temporary file that it never removes; with this, nothing
    of a generation is left in the temporary folder, after success, an error or Ctrl+C / SIGTERM.
    """
    folder = Path(tempfile.mkdtemp(prefix="aimskit-generate-"))
    saved = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        with _environment({"TMPDIR": str(folder)}):
            yield folder
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(folder, ignore_errors=True)
