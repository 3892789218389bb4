"""One error family, turned into a message and an exit code at the CLI's edge."""

from __future__ import annotations

from dataclasses import dataclass

from .escape import LONG, one_line

Path = tuple[str | int, ...]
"""Where a value sits in a document: keys and list indexes, from the top."""


def format_path(path: Path) -> str:
    """`providers[3].ownership.holders[0]`; a key longer than a message can hold is cut."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            key = one_line(str(part), LONG)
            text += f".{key}" if text else key
    return text


EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 70
"""A bug in sovscore itself (EX_SOFTWARE in sysexits.h): never a user's mistake."""
EXIT_INTERRUPTED = 130

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "success",
    EXIT_CHECK_FAILED: "a check you asked for failed (--fail-under, --fail-if-due, "
    "--fail-if-ineligible), or `diff` "
    "found a change",
    EXIT_INPUT: "usage error, unknown provider, invalid or unreadable input, output that cannot "
    "be written",
    EXIT_INTERNAL: "internal error: a bug in sovscore (one line on stderr; please report it with "
    "the command you ran; SOVSCORE_DEBUG=1 shows the traceback)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}
"""What each exit code means: the help and the README are written from this table."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, where it is and what was expected."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        return self.describe()

    def describe(self, severity: str = "") -> str:
        """`file:line:column: [severity:] field: message`, the shape compilers and editors read.

        Always one line: a newline or a control character in a file name, a key or a value is
        shown escaped, so no data can forge a second `file:line:column` line."""
        where = one_line(self.file, 4 * LONG)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        label = f" {severity}:" if severity else ""
        field = f" {one_line(self.field)}:" if self.field else ""
        return f"{where}:{label}{field} {one_line(self.message)}"


class SovscoreError(Exception):
    """Base of every error sovscore reports to its user; never shown as a traceback."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def lines(self) -> list[str]:
        """The message as the user reads it on stderr."""
        text = self.message if not self.hint else f"{self.message} ({self.hint})"
        return [f"sovscore: {one_line(text)}"]


class InputError(SovscoreError):
    """An input file is unreadable or invalid; carries every problem found, with positions."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]) if problems else "invalid input")
        self.problems = problems

    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


class UsageError(SovscoreError):
    """A command-line option has a value that cannot be used."""


class UnknownProviderError(SovscoreError):
    """No loaded provider matches the name asked for."""
