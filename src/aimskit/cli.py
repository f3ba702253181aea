"""The command line: parse arguments, run one command, return its exit code."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import signal
import sys
import typing as t

from aimskit import __version__, safetext
from aimskit.errors import AimskitError

#: Exit codes: 0 clean (warnings allowed), 1 findings or a refused action, 2 usage, 3 internal error.
OK, FINDINGS, USAGE, INTERNAL_ERROR = 0, 1, 2, 3

COMMANDS = ("new", "validate", "report", "render", "build", "serve", "diff", "codeowners", "export", "import",
            "upgrade", "examples", "approve", "gate", "lock", "scan", "protection")
# Commands that do not work on an existing AIMS repository, so take no --repo.
WITHOUT_REPO = frozenset({"new"})
REPO_HELP = "the AIMS repository (default: the current folder or the nearest parent holding aims.yml)"


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, its width found without importing shutil: argparse makes a formatter
    for every argument added, and shutil (with its compression modules) would load on every run."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size finds it: $COLUMNS, the terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help (and its commands' help) uses :class:`_Formatter`."""

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, the parser of that one command (the others are neither imported nor
    built: start-up time is a budget, and the line names the command)."""
    parser = _Parser(prog="aimskit", description="ISO/IEC 42001 AI management systems as code.")
    parser.add_argument("--version", action="version", version=f"aimskit {__version__}")
    parser.add_argument("--repo", metavar="DIR", default=".", help=REPO_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        if only is None or name == only:
            importlib.import_module(f"aimskit.commands.{name.replace('-', '_')}{'_' * (name == 'import')}").register(subparsers)
    for name, subparser in subparsers.choices.items():
        if name not in WITHOUT_REPO and "--repo" not in subparser._option_string_actions:
            # SUPPRESS: given after the command it wins, left out it keeps the value given before it.
            subparser.add_argument("--repo", metavar="DIR", default=argparse.SUPPRESS, help=REPO_HELP)
    return parser


def _chosen_command(argv: t.Sequence[str]) -> str | None:
    """The command named on the line, so that only its module (and its imports) load."""
    words = iter(argv)
    for word in words:
        if word == "--repo":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


@contextlib.contextmanager
def _terminated_as_interrupt() -> t.Iterator[None]:
    """SIGTERM (CI cancelling a job) unwinds like Ctrl+C, so staging folders are removed on the way out."""
    def interrupt(signum: int, frame: t.Any) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (aimskit called from a library): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: t.Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_chosen_command(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and USAGE
    try:
        with _terminated_as_interrupt():
            return int(args.run(args))
    except AimskitError as exc:
        print(safetext.block(f"aimskit: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in aimskit: one line and exit 3; AIMSKIT_DEBUG=1 shows the traceback
        if os.environ.get("AIMSKIT_DEBUG"):
            raise
        print(safetext.one_line(f"aimskit: internal error: {type(exc).__name__}: {exc} "
                                "(set AIMSKIT_DEBUG=1 for the traceback)"), file=sys.stderr)
        return INTERNAL_ERROR
