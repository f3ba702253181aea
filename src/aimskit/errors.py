"""Domain errors raised by the core and turned into exit codes by the CLI."""

from __future__ import annotations


class AimskitError(Exception):
    """A failure the user can act on; the message says what and how."""

    exit_code = 1


class UsageError(AimskitError):
    """Bad arguments or an environment the command cannot work in (exit 2)."""

    exit_code = 2


class NotARepositoryError(UsageError):
    """The folder is not an AIMS repository (no aims.yml)."""
