"""Where the program meets the process: stdout, stderr, the terminal, and exit codes.

One catcher turns every error into a message and an exit code (`reports_errors`); one writer puts
a command's output on stdout (`emit`); one writer puts a message on stderr (`say`).
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
from collections.abc import Callable
from typing import Literal, ParamSpec, TypeVar, get_args

import typer

from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, SovscoreError, UsageError
from ..escape import one_line, quote
from ..i18n import _
from ..render import Style
from ..render.style import CsvDialect

DEBUG_ENV = "SOVSCORE_DEBUG"
MIN_WIDTH, MAX_WIDTH = 20, 1000
"""Widths a table is drawn at, whatever COLUMNS or the terminal say (COLUMNS=1 or 10**9)."""
BOX_CHARACTERS = "█·→≥…━─│"
"""What tables draw with beyond ASCII; a terminal that cannot encode them gets ASCII instead."""

P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn sovscore's errors, Ctrl-C, a closed pipe and any unexpected exception into a message
    and an exit code, in one place: a traceback is never what a user sees."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except SovscoreError as exc:
            for line in exc.lines():
                say(line)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            say("sovscore: interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(0) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as exc:
            raise typer.Exit(internal_error(exc)) from None

    return wrapper


def internal_error(exc: BaseException) -> int:
    """A bug in sovscore: one line and its own exit code; SOVSCORE_DEBUG=1 shows the traceback."""
    if os.environ.get(DEBUG_ENV):
        import traceback

        if sys.stderr is not None:
            traceback.print_exception(exc, file=sys.stderr)
    detail = one_line(f"{type(exc).__name__}: {exc}", 200)
    say(
        f"sovscore: internal error: {detail} (a bug in sovscore: please report it with the "
        f"command you ran; {DEBUG_ENV}=1 shows the traceback)"
    )
    return EXIT_INTERNAL


def say(line: str) -> None:
    """One message line on stderr. A closed or vanished stderr loses the message, never the
    exit code: a message must not become a traceback, nor land on stdout among the data."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass
    except UnicodeEncodeError:
        try:
            stream.write(line.encode("ascii", "backslashreplace").decode("ascii") + "\n")
            stream.flush()
        except (OSError, ValueError):
            pass


def silence_stdout() -> None:
    """The reader went away: drop what is still buffered so Python exits without a message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def emit(text: str | bytes, *, data: bool) -> None:
    """Write a command's output to stdout. Data formats (JSON, NDJSON, CSV) are UTF-8 whatever
    the locale; text for people is written in the terminal's encoding, with what it cannot show
    replaced (the renderer already drew its lines and bars in ASCII). A binary document (xlsx)
    goes to a pipe or a file, never to a terminal it would garble."""
    stream = sys.stdout
    if stream is None:
        raise SovscoreError("cannot write to standard output: it is closed")
    if isinstance(text, bytes) and stdout_is_terminal():
        raise UsageError(
            _("--format xlsx: a workbook is binary and standard output is a terminal"),
            hint=_("redirect it to a file, e.g. > ranking.xlsx"),
        )
    try:
        buffer = getattr(stream, "buffer", None)
        if isinstance(text, bytes):
            if buffer is None:
                raise SovscoreError(_("cannot write a binary workbook to this standard output"))
            stream.flush()
            buffer.write(text)
            buffer.flush()
        elif buffer is None:
            stream.write(text)
        else:
            encoding = "utf-8" if data else (stream.encoding or "utf-8")
            stream.flush()
            buffer.write(text.encode(encoding, "replace"))
            buffer.flush()
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:
        silence_stdout()
        reason = getattr(exc, "strerror", None) or exc
        raise SovscoreError(f"cannot write to standard output: {reason}") from None


Color = Literal["auto", "always", "never"]
COLORS: tuple[Color, ...] = get_args(Color)
PIPED_WIDTH = 80
"""The width of text for people written to a pipe or a file, unless COLUMNS or --width says."""


def _env_flag(name: str) -> bool:
    """An environment variable set to something other than empty or 0 (FORCE_COLOR=0 is off)."""
    return os.environ.get(name, "") not in ("", "0")


def wants_color(tty: bool, no_color: bool = False, color: Color = "auto") -> bool:
    """--color always|never first (--no-color is never), then NO_COLOR, then FORCE_COLOR or
    CLICOLOR_FORCE (so that `| less -R` keeps colour), then a terminal that is not dumb."""
    if no_color or color == "never":
        return False
    if color == "always":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    if _env_flag("FORCE_COLOR") or _env_flag("CLICOLOR_FORCE"):
        return True
    return tty and os.environ.get("TERM", "") != "dumb"


def output_width(tty: bool, width: int | None = None) -> int:
    """--width, else the terminal's (COLUMNS first, as everywhere), else COLUMNS, else 80 for a
    pipe; kept within what a table can be drawn at."""
    if width is None:
        if tty:
            width = shutil.get_terminal_size((PIPED_WIDTH, 24)).columns
        else:
            try:
                width = int(os.environ.get("COLUMNS", ""))
            except ValueError:
                width = 0
            width = width if width > 0 else PIPED_WIDTH
    return min(MAX_WIDTH, max(MIN_WIDTH, width))


def stdout_is_terminal() -> bool:
    stream = sys.stdout
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def terminal_style(
    no_color: bool,
    fields: tuple[str, ...] | None,
    *,
    color: Color = "auto",
    width: int | None = None,
    csv_dialect: CsvDialect = "excel",
) -> Style:
    """How to draw for the stdout we have: a terminal or a pipe, its width and encoding, colour."""
    stream = sys.stdout
    tty = stdout_is_terminal()
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        BOX_CHARACTERS.encode(encoding)
        ascii_only = False
    except (UnicodeEncodeError, LookupError):
        ascii_only = True
    return Style(
        color=wants_color(tty, no_color, color),
        width=output_width(tty, width),
        fields=fields,
        ascii=ascii_only,
        csv_dialect=csv_dialect,
    )


PAGER_ENV = "SOVSCORE_PAGER"


def page(text: str, *, data: bool, pager: bool = True) -> None:
    """Long text for people on a terminal goes through a pager, as gh does: SOVSCORE_PAGER,
    else PAGER, else less (with LESS=FRX unless set: it quits when the text fits one screen
    and keeps colour). A pipe, data, --no-pager, an empty SOVSCORE_PAGER or `cat`, or a pager
    that cannot be started write to stdout instead."""
    command = os.environ.get(PAGER_ENV, os.environ.get("PAGER", "less"))
    if data or not pager or not stdout_is_terminal() or command.strip() in ("", "cat"):
        emit(text, data=data)
        return
    if text.count("\n") < shutil.get_terminal_size((80, 24)).lines:
        emit(text, data=data)
        return
    import shlex
    import subprocess

    try:
        argv = shlex.split(command)
        env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        emit(text, data=data)
        return
    assert process.stdin is not None
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        process.stdin.write(text.encode(encoding, "replace"))
        process.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early: that is fine
        pass
    try:
        process.wait()
    except KeyboardInterrupt:
        process.wait()


def write_file(path: str, text: str, *, force: bool, can_force: bool = True) -> None:
    """Write `text` to `path` atomically: into a temporary file beside it, then moved into place
    in one step, so a reader never sees half a file and a failed write leaves nothing behind.
    An existing file is replaced only with `force`; without it, the refusal changes nothing
    (the move is a link that fails if the name exists)."""
    import tempfile

    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    if os.path.isdir(target):
        raise UsageError(f"-o: {quote(path)} is a directory (expected a file name)")
    if not force and os.path.lexists(target):
        raise UsageError(
            f"-o: {quote(path)} exists; nothing was written",
            hint="use --force to replace it" if can_force else "choose another name with -o",
        )
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".sovscore-", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"-o: cannot write in {quote(folder)}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, 0o644)
        if force:
            os.replace(temporary, target)
        else:
            os.link(temporary, target)  # fails if the name appeared meanwhile
            os.unlink(temporary)
    except FileExistsError:
        os.unlink(temporary)
        raise UsageError(
            f"-o: {quote(path)} exists; nothing was written",
            hint="use --force to replace it" if can_force else "choose another name with -o",
        ) from None
    except OSError as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise UsageError(f"-o: cannot write {quote(path)}: {exc.strerror}") from None
