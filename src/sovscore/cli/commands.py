"""The command line: parse options, call the core, pick a renderer, map errors to exit codes."""

from __future__ import annotations

import datetime as dt
import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from .. import __version__
from ..errors import (
    EXIT_CHECK_FAILED,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    SovscoreError,
    UsageError,
)
from ..escape import is_plain_word, one_line, quote

if TYPE_CHECKING:
    from ..load.catalogue import Catalogue
    from ..render import Detail, Renderer, Style
    from ..score.scoring import Ranking

DEBUG_ENV = "SOVSCORE_DEBUG"
P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="sovscore",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    markdown = "markdown"


def _complete_providers(ctx: typer.Context, incomplete: str) -> list[str]:
    """Provider ids and aliases for the shell; completion must print candidates or nothing."""
    try:
        from ..load.catalogue import load_catalogue

        catalogue = load_catalogue(ctx.params.get("providers") or None)
    except Exception:  # a broken file must not break the user's shell
        return []
    wanted = incomplete.casefold()
    names = (n for p in catalogue.providers.values() for n in (p.id, *p.aliases))
    # A candidate must reach the shell as one word: an alias with a space or a control
    # character is left out (its provider's id is always offered).
    found = {n for n in names if is_plain_word(n) and n.casefold().startswith(wanted)}
    return sorted(found, key=str.casefold)


def _complete_rubrics(incomplete: str) -> list[str]:
    from ..load.catalogue import preset_names

    return [name for name in preset_names() if name.startswith(incomplete)]


RubricOption = Annotated[
    str | None,
    typer.Option(
        "--rubric",
        metavar="NAME|FILE",
        autocompletion=_complete_rubrics,
        help="A preset (see `sovscore rubrics`) or a rubric YAML file. Default: default.",
    ),
]
WeightOption = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        metavar="CRITERION=VALUE",
        help="Override one criterion's weight for this run; repeatable.",
    ),
]
MinSealOption = Annotated[
    int | None,
    typer.Option(
        "--min-seal",
        min=0,
        max=4,
        metavar="N",
        help="EU CSF rubrics: a provider below SEAL-N on any objective is ineligible.",
    ),
]
ProvidersOption = Annotated[
    list[str] | None,
    typer.Option(
        "--providers",
        metavar="FILE",
        help="Providers YAML file; repeat to add files ('-' reads standard input). An id, name "
        "or alias defined in two files is an error. Default: the bundled providers.yaml.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Score the facts as they stood on this day."
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shortcut for --format json.")]
ProviderArgument = Annotated[
    str,
    typer.Argument(
        help="Provider id, name or alias (any case, accents optional).",
        autocompletion=_complete_providers,
    ),
]
NoColorOption = Annotated[
    bool,
    typer.Option(
        "--no-color", help="No colour (also when NO_COLOR is set or output is not a terminal)."
    ),
]


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
            _silence_stdout()
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


def _silence_stdout() -> None:
    """The reader went away: drop what is still buffered so Python exits without a message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _emit(text: str, *, data: bool) -> None:
    """Write a command's output to stdout. Data formats (JSON, NDJSON, CSV) are UTF-8 whatever
    the locale; text for people is written in the terminal's encoding, with what it cannot show
    replaced (the renderer already drew its lines and bars in ASCII)."""
    stream = sys.stdout
    if stream is None:
        raise SovscoreError("cannot write to standard output: it is closed")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
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
        _silence_stdout()
        reason = getattr(exc, "strerror", None) or exc
        raise SovscoreError(f"cannot write to standard output: {reason}") from None


def _version(value: bool) -> None:
    if value:
        print(f"sovscore {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Score cloud providers on sovereignty, explainably, from sourced public facts.

    Exit codes: 0 ok; 1 a check you asked for failed (--fail-under); 2 usage error, unknown
    provider, invalid or unreadable input, or output that cannot be written; 70 internal error
    (a bug: please report it; SOVSCORE_DEBUG=1 shows the traceback); 130 interrupted.
    """


def today() -> dt.date:
    """The default --as-of: the one place sovscore reads the clock (tests pin it)."""
    return dt.date.today()


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return today()
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of: {quote(value)} is not a date (expected YYYY-MM-DD)") from None


def _renderer(
    fmt: OutputFormat, as_json: bool, no_color: bool, fields: str | None = None
) -> Renderer:
    from ..render import FIELD_FORMATS, renderer_for

    chosen = "json" if as_json else fmt.value
    picked = None
    if fields is not None:
        picked = tuple(f.strip() for f in fields.split(",") if f.strip())
        if chosen not in FIELD_FORMATS or not picked:
            raise UsageError(
                "--fields: expected names separated by commas, with --format json, ndjson or csv"
            )
        twice = sorted({f for f in picked if picked.count(f) > 1})
        if twice:
            raise UsageError(f"--fields: {', '.join(map(quote, twice))} named twice")
    return renderer_for(chosen, _terminal_style(no_color, picked))  # type: ignore[arg-type]


MIN_WIDTH, MAX_WIDTH = 20, 1000
"""Widths a table is drawn at, whatever COLUMNS or the terminal say (COLUMNS=1 or 10**9)."""
BOX_CHARACTERS = "█·→≥…━─│"
"""What tables draw with beyond ASCII; a terminal that cannot encode them gets ASCII instead."""


def _terminal_style(no_color: bool, fields: tuple[str, ...] | None) -> Style:
    """How to draw for the stdout we have: a terminal or a pipe, its width and encoding, colour."""
    import shutil

    from ..render import Style

    stream = sys.stdout
    tty = stream is not None and stream.isatty()
    color = (
        tty
        and not no_color
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM", "") != "dumb"
    )
    width = shutil.get_terminal_size((120, 24)).columns if tty else 120
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        BOX_CHARACTERS.encode(encoding)
        ascii_only = False
    except (UnicodeEncodeError, LookupError):
        ascii_only = True
    return Style(
        color=color,
        width=min(MAX_WIDTH, max(MIN_WIDTH, width)),
        fields=fields,
        ascii=ascii_only,
    )


def _ranked(
    rubric: str | None,
    providers: list[str] | None,
    as_of: str | None,
    weights: list[str] | None = None,
    min_seal: int | None = None,
) -> tuple[Ranking, Catalogue]:
    """Everything `rank`, `show` and `compare` share: read, validate and score on the day."""
    from ..load.catalogue import load_catalogue, load_rubric
    from ..model.rubric import with_weights
    from ..score.scoring import rank

    day = _as_of(as_of)
    loaded_rubric = with_weights(load_rubric(rubric), weights or [])
    if min_seal is not None and not loaded_rubric.seal:
        raise UsageError(
            f"--min-seal: rubric {quote(loaded_rubric.id)} has no SEAL levels",
            hint="use an EU CSF preset such as eu-csf-1.2.1",
        )
    catalogue = load_catalogue(providers or None)
    return rank(catalogue.providers.values(), loaded_rubric, day, min_seal), catalogue


@app.command()
@reports_errors
def rank(
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    eligible_only: Annotated[
        bool,
        typer.Option("--eligible-only", help="Only providers shown to meet every gate."),
    ] = False,
    top: Annotated[
        int | None, typer.Option("--top", min=1, metavar="N", help="Show only the first N.")
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under", metavar="SCORE", help="Exit 1 if a listed provider scores below."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            metavar="a,b,c",
            help="json, ndjson, csv: only these fields of each provider (an unknown name lists "
            "the valid ones).",
        ),
    ] = None,
    no_color: NoColorOption = False,
) -> None:
    """Rank providers by sovereignty score, highest first."""
    import math
    from dataclasses import replace

    renderer = _renderer(fmt, as_json, no_color, fields)
    if fail_under is not None and not math.isfinite(fail_under):
        raise UsageError(f"--fail-under: expected a number (a score is 0-100), not {fail_under:g}")
    ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal)
    if eligible_only:
        if not ranking.rubric.gates and ranking.min_seal is None:
            raise UsageError(
                f"--eligible-only: rubric {quote(ranking.rubric.id)} has no gates",
                hint="use a preset with gates, e.g. secnumcloud-19.6, or --min-seal",
            )
        ranking = replace(
            ranking, results=tuple(r for r in ranking.results if r.eligibility == "eligible")
        )
        if not ranking.results:
            say(f"sovscore: no provider is shown eligible under rubric {ranking.rubric.id}")
    if top is not None:
        ranking = replace(ranking, results=ranking.results[:top])
    _emit(renderer.ranking(ranking), data=renderer.data)
    if fail_under is not None:
        below = [r for r in ranking.results if round(r.score, 1) < fail_under]
        if below:
            names = ", ".join(f"{r.provider.id} ({r.score:.1f})" for r in below)
            say(f"sovscore: below {fail_under:g}: {names}")
            raise typer.Exit(EXIT_CHECK_FAILED)


@app.command()
@reports_errors
def show(
    name: ProviderArgument,
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Explain one provider's score, fact by fact, with the sources behind each."""
    renderer = _renderer(fmt, as_json, no_color)
    ranking, catalogue = _ranked(rubric, providers, as_of, weight, min_seal)
    _emit(renderer.detail(_detail(name, ranking, catalogue)), data=renderer.data)


@app.command()
@reports_errors
def sources(
    name: ProviderArgument,
    providers: ProvidersOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List a provider's sources and the facts each one supports."""
    renderer = _renderer(fmt, as_json, no_color)
    _emit(renderer.sources(_detail(name, *_ranked(None, providers, None))), data=renderer.data)


def _detail(name: str, ranking: Ranking, catalogue: Catalogue) -> Detail:
    from ..lookup import find_provider
    from ..render import Detail
    from ..score.explain import citations

    provider = find_provider(name, catalogue.providers.values())
    result = next(r for r in ranking.results if r.provider.id == provider.id)
    cited = citations(provider, catalogue.sources)
    return Detail(ranking, result, cited, len(ranking.results))


@app.command()
@reports_errors
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILE]...",
            help="Provider or rubric files (told apart by content). Default: the bundled data and rubric.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Also fail on a scored fact without a source, an undated source, or a profile "
            "reviewed more than 12 months ago (otherwise warnings).",
        ),
    ] = False,
    as_of: AsOfOption = None,
) -> None:
    """Check provider and rubric files; print every problem with its file:line:column."""
    from ..load.validate import validate_files

    report = validate_files(files or None, _as_of(as_of), strict=strict)
    for warning in report.warnings:
        say(warning.describe("warning"))
    files_text = f"{report.files} file{'s' if report.files != 1 else ''}"
    summary = f"{files_text}, {report.providers} providers, {report.sources} sources"
    if report.warnings:
        summary += f"; {len(report.warnings)} warnings (--strict fails on them)"
    say(f"sovscore: valid: {summary}")


@app.command()
@reports_errors
def compare(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME NAME [NAME]...",
            help="Two or more providers.",
            autocompletion=_complete_providers,
        ),
    ],
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Compare providers criterion by criterion: values, points, gaps, and the facts behind them."""
    from ..lookup import find_provider
    from ..score.compare import compare as side_by_side

    if len(names) < 2:
        raise UsageError("compare: expected at least two providers")
    renderer = _renderer(fmt, as_json, no_color)
    ranking, catalogue = _ranked(rubric, providers, as_of, weight, min_seal)
    chosen = [find_provider(name, catalogue.providers.values()).id for name in names]
    if len(set(chosen)) != len(chosen):
        raise UsageError(f"compare: a provider is named twice ({', '.join(chosen)})")
    by_id = {r.provider.id: r for r in ranking.results}
    _emit(renderer.compare(side_by_side(ranking, [by_id[i] for i in chosen])), data=renderer.data)


@app.command()
@reports_errors
def sensitivity(
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    samples: Annotated[
        int, typer.Option("--samples", min=1, max=1_000_000, help="Random weight sets to try.")
    ] = 2000,
    spread: Annotated[
        float,
        typer.Option(
            "--spread",
            min=0,
            max=99,
            metavar="PERCENT",
            help="Scale each weight by up to ±PERCENT.",
        ),
    ] = 25,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same result.")] = 0,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """How robust the ranking is to the weights: rank ranges, and the smallest swaps."""
    import math

    from ..score.sensitivity import analyse

    if not math.isfinite(spread):  # click's range check lets nan through
        raise UsageError(f"--spread: expected a percentage from 0 to 99, not {spread:g}")

    renderer = _renderer(fmt, as_json, no_color)
    ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal)
    analysis = analyse(ranking, samples=samples, spread=spread / 100, seed=seed)
    _emit(renderer.sensitivity(ranking, analysis), data=renderer.data)


@app.command()
@reports_errors
def rubrics(
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List the rubric presets `--rubric NAME` accepts."""
    from ..load.catalogue import load_rubric, preset_names

    renderer = _renderer(fmt, as_json, no_color)
    _emit(renderer.rubrics([load_rubric(name) for name in preset_names()]), data=renderer.data)


class SchemaChoice(StrEnum):
    providers = "providers"
    rubric = "rubric"
    output = "output"


@app.command()
@reports_errors
def schema(
    kind: Annotated[
        SchemaChoice,
        typer.Argument(help="providers (providers.yaml), rubric, or output (rank --json)."),
    ],
) -> None:
    """Print a JSON Schema (draft-07) for editors and other tools."""
    from ..render.schemas import schema_text

    _emit(schema_text(kind.value), data=True)


@app.command("rubric")
@reports_errors
def show_rubric(
    rubric: RubricOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Show the active rubric: criteria, weights, the points each value earns, and why."""
    from ..load.catalogue import load_rubric

    renderer = _renderer(fmt, as_json, no_color)
    _emit(renderer.rubric(load_rubric(rubric)), data=renderer.data)


def main() -> None:
    try:
        app(prog_name="sovscore")
    except KeyboardInterrupt:
        say("sovscore: interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except SystemExit:
        raise
    except Exception as exc:  # outside a command (option parsing, completion): still one line
        sys.exit(internal_error(exc))
