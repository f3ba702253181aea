"""Text from the repository made safe to print on a terminal or in a CI log.

A record value or a file name is untrusted: a line break in it would start a line of output
that looks like aimskit's own (in GitHub Actions, a ``::error`` workflow command), and ESC or
OSC sequences would drive the reader's terminal. :func:`one_line` keeps a value on its line;
:func:`block` keeps the lines of a multi-line text (a diff, a report) but strips control
characters from each and disarms workflow commands.

GitHub's runner parses two forms of workflow command: ``::name ...::value`` at the start of a
line (after white space), and the legacy ``##[name ...]value`` anywhere in a line. Both are
disarmed: a space after the first ``:`` of a leading ``::``, and between the two ``#`` of every
``##[``.
"""

from __future__ import annotations

import re

# C0 and C1 control characters (ESC, BEL, CR, ...), DEL, and the bidirectional overrides that
# can make a line read differently from what it says.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_COMMAND = re.compile(r"^(\s*):(?=:)")
_LEGACY_COMMAND = "##["


def without_controls(text: str) -> str:
    """``text`` with control characters removed; line breaks (CR, LF) and tabs are kept."""
    return _CONTROL.sub("", str(text).replace("\x0b", "\n").replace("\x0c", "\n"))


def one_line(text: str) -> str:
    """``text`` on one line: line breaks shown as ``⏎``, tabs as spaces, control characters removed."""
    return _CONTROL.sub("", _BREAKS.sub("⏎", str(text)).replace("\t", " "))


def line(text: str) -> str:
    """One line of output: control characters removed, no workflow command (``::``) at its start and no
    legacy one (``##[``) anywhere."""
    return _COMMAND.sub(r"\1: ", without_legacy_commands(one_line(text)))


def without_legacy_commands(text: str) -> str:
    """``text`` with every legacy workflow command ``##[`` written ``# #[`` (which the runner does not parse)."""
    while _LEGACY_COMMAND in text:
        text = text.replace(_LEGACY_COMMAND, "# #[")
    return text


def block(text: str) -> str:
    """A multi-line text with each line made safe by :func:`line` (the final newline kept)."""
    lines = re.split("\r\n|\n", str(text))
    return "\n".join(line(part) for part in lines)
