"""One family of errors, each saying where the problem is and what to do.

The command line prints ``str(error)`` to stderr and exits with ``error.exit_code``; nothing
below the command line calls ``sys.exit`` or prints a traceback.
"""

from __future__ import annotations

from msgspec import Struct


class Finding(Struct, frozen=True):
    """One problem found in a file, at a place in it.

    Attributes:
        path: The file, as the user named it.
        line: 1-based line, or 0 when the place has no line (a whole-file problem).
        column: 1-based column, or 0.
        message: What is wrong and, where possible, what to do.
        where: The place in the document as a path, e.g. ``questions[3].scale``.
    """

    path: str
    line: int
    column: int
    message: str
    where: str = ""

    def __str__(self) -> str:
        place = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        where = f" (at {self.where})" if self.where else ""
        return f"{place}: {self.message}{where}"


class ReadinessError(Exception):
    """Base of every error the user should see as one clear message."""

    exit_code = 1

    def __init__(self, message: str, findings: tuple[Finding, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.findings = findings

    def __str__(self) -> str:
        if self.findings:
            return "\n".join(str(f) for f in self.findings)
        return self.message


class UsageError(ReadinessError):
    """The command was called wrongly: a bad option, or a file that is not there."""

    exit_code = 2


class InputError(ReadinessError):
    """A file was read but cannot be used: unsafe, malformed or invalid."""


class BankError(InputError):
    """A question bank is invalid."""


class AnswersError(InputError):
    """An answers file does not fit its bank."""


class ResultFileError(InputError):
    """A result, group or session file is invalid."""
