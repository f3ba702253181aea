"""``aimskit new``: scaffold a new AIMS repository from the bundled cookiecutter template."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from aimskit import distribution, resources
from aimskit.errors import AimskitError, UsageError
from aimskit.upgrade.template import cookiecutter_logs_muted, literal, own_temporary_files


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("new", help="scaffold a new AIMS repository (asks a few questions)")
    parser.add_argument("answers", nargs="*", metavar="KEY=VALUE",
                        help="answer a question up front, e.g. organisation_name='Acme Ltd' sector=healthcare")
    parser.add_argument("-o", "--output-dir", default=".", metavar="DIR",
                        help="folder to create the repository in (default: the current folder)")
    parser.add_argument("--no-input", action="store_true", help="do not ask; use the defaults and KEY=VALUE answers")
    parser.add_argument("--template", metavar="SOURCE",
                        help="another copy of the template: a path or git URL (default: the one bundled with aimskit)")
    parser.add_argument("--checkout", metavar="REF", help="branch, tag or commit of a git --template to use")
    parser.add_argument("--require-hashes", action="store_true",
                        help="pin every dependency by version and sha256 digest in requirements.txt (written by "
                             "'aimskit lock' from requirements.in); CI installs with pip --require-hashes "
                             "(the answer require_hashes=yes)")
    parser.set_defaults(run=run)


def template_questions(template: Path) -> dict:
    """The template's questions (cookiecutter.json), without its private keys."""
    context = json.loads((template / "cookiecutter.json").read_text(encoding="utf-8"))
    return {key: value for key, value in context.items() if not key.startswith("_")}


def parse_answers(pairs: list[str], known: dict | None) -> dict[str, str]:
    """``["key=value", ...]`` as a dict; unknown keys are a usage error when the questions are known."""
    answers = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"answers are written KEY=VALUE, not {pair!r}")
        if known is not None and key not in known:
            raise UsageError(f"there is no question {key!r}; the questions are: {', '.join(known)}")
        answers[key] = literal(value)
    return answers


def generate(template: str, output_dir: Path, answers: dict, no_input: bool, checkout: str | None,
             wheel: Path | None = None) -> Path:
    """Run cookiecutter and return the new repository's folder; cookiecutter's failures become AimskitError."""
    from cookiecutter import exceptions
    from cookiecutter.main import cookiecutter

    saved = os.environ.pop(WHEEL_VARIABLE, None)
    if wheel is not None:
        os.environ[WHEEL_VARIABLE] = str(wheel)  # the post-generation hook commits it into the repository
    try:
        with cookiecutter_logs_muted(), own_temporary_files():
            return Path(cookiecutter(template, checkout=checkout, no_input=no_input, extra_context=answers,
                                     output_dir=str(output_dir)))
    except exceptions.FailedHookException:  # the hook printed the reason; cookiecutter's words add nothing
        raise AimskitError("the repository was not created, for the reason given above") from None
    except exceptions.OutputDirExistsException as exc:
        named = re.search(r'"(.+)" directory already exists', str(exc))
        folder = Path(named[1]).resolve() if named else output_dir.resolve()
        raise AimskitError(f"{folder} already exists; nothing was written. Choose another project_slug, or "
                           "another output folder with -o") from None
    except exceptions.CookiecutterException as exc:
        raise AimskitError(f"the template could not be used: {exc}") from None
    except ValueError as exc:  # an answer that is not one of a question's choices
        raise AimskitError(f"the repository was not created: {exc}") from None
    except OSError as exc:
        raise AimskitError(f"the repository was not created: {exc}") from None
    finally:
        os.environ.pop(WHEEL_VARIABLE, None)
        if saved is not None:
            os.environ[WHEEL_VARIABLE] = saved


WHEEL_VARIABLE = "AIMSKIT_VENDOR_WHEEL"
REQUIREMENT = "aimskit_requirement"
HASHES = "require_hashes"
LOCK_INPUT = "requirements.in"  # the template writes it only when requirements.txt is pinned by digest


def ask_for_hashes(answers: dict[str, str], questions: dict | None) -> None:
    """``--require-hashes`` as the answer ``require_hashes=yes``; a contradicting answer is a usage error."""
    if questions is not None and HASHES not in questions:
        raise UsageError(f"--require-hashes: this template has no question {HASHES!r}")
    if answers.get(HASHES, "yes").strip().lower() not in {"1", "true", "yes", "y", "on"}:
        raise UsageError(f"--require-hashes contradicts the answer {HASHES}={answers[HASHES]}")
    answers[HASHES] = "yes"


def choose_requirement(answers: dict[str, str], questions: dict | None) -> distribution.Choice | None:
    """The requirement line to generate with, unless given as an answer or the template asks none."""
    if REQUIREMENT in answers or (questions is not None and REQUIREMENT not in questions):
        return None
    return distribution.choose()


def _local_questions(template: str) -> dict:
    """The questions of a template in a local folder; none known for a git URL."""
    return template_questions(Path(template)) if Path(template, "cookiecutter.json").is_file() else {}




def run(args: argparse.Namespace) -> int:
    if args.checkout and not args.template:
        raise UsageError("--checkout picks a revision of a git --template; the bundled template has none")
    bundled = resources.template_dir()
    template = args.template or str(bundled)
    questions = None if args.template else template_questions(bundled)
    answers = parse_answers(args.answers, questions)
    if args.require_hashes:
        ask_for_hashes(answers, questions)
    choice = choose_requirement(answers, questions if questions is not None else _local_questions(template))
    if choice is not None:
        answers[REQUIREMENT] = choice.line
    output_dir = Path(args.output_dir)
    created = _missing_folders(output_dir)
    try:
        project = generate(template, output_dir, answers, args.no_input, args.checkout,
                           choice.wheel if choice is not None else None)
    except (KeyboardInterrupt, EOFError):
        _remove_empty(created)
        print("\naimskit: cancelled; nothing was created.", file=sys.stderr)
        return 1
    except AimskitError:
        _remove_empty(created)
        raise
    print(f"Created {project}")
    if choice is not None:
        for line in distribution.requirement_lines(choice):
            print(line)
    hashed = (project / LOCK_INPUT).is_file()
    if hashed:
        print(f"requirements.txt pins every distribution by sha256 digest; after editing {LOCK_INPUT}, "
              "run 'aimskit lock'")
    print("Next steps:")
    print(f"  cd {project}")
    print("  python -m venv .venv && . .venv/bin/activate")
    print(f"  pip install{' --require-hashes' * hashed} -r requirements.txt")
    print("  aimskit validate && aimskit build")
    return 0


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    for candidate in (folder.absolute(), *folder.absolute().parents):
        if candidate.exists():
            break
        missing.append(candidate)
    return missing


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders a refused ``new`` created, when they are still empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return
