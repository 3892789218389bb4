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

from . import __version__
from .errors import EXIT_CHECK_FAILED, EXIT_INTERRUPTED, SovscoreError, UsageError

if TYPE_CHECKING:
    from .loading import Catalogue
    from .render import Detail, Renderer
    from .scoring import Ranking

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
        from .loading import load_catalogue

        catalogue = load_catalogue(ctx.params.get("providers") or None)
    except Exception:  # a broken file must not break the user's shell
        return []
    wanted = incomplete.casefold()
    names = (n for p in catalogue.providers.values() for n in (p.id, *p.aliases))
    return sorted({n for n in names if n.casefold().startswith(wanted)}, key=str.casefold)


def _complete_rubrics(incomplete: str) -> list[str]:
    from .loading import preset_names

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
        help="Providers YAML file; repeat to add files (a later file replaces a provider by id). "
        "Default: the bundled providers.yaml.",
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
    """Turn sovscore's errors, Ctrl-C and a closed pipe into messages and exit codes, in one place."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except SovscoreError as exc:
            for line in exc.lines():
                print(line, file=sys.stderr)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            print("sovscore: interrupted", file=sys.stderr)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None

    return wrapper


def _silence_stdout() -> None:
    """The reader went away: drop what is still buffered so Python exits without a message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _emit(text: str) -> None:
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_stdout()
        raise SovscoreError(f"cannot write to standard output: {exc.strerror or exc}") from None


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
    provider, or invalid or unreadable input; 130 interrupted.
    """


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of: {value!r} is not a date (expected YYYY-MM-DD)") from None


def _renderer(
    fmt: OutputFormat, as_json: bool, no_color: bool, fields: str | None = None
) -> Renderer:
    import shutil

    from .render import FIELD_FORMATS, Style, renderer_for

    chosen = "json" if as_json else fmt.value
    picked = None
    if fields is not None:
        picked = tuple(f.strip() for f in fields.split(",") if f.strip())
        if chosen not in FIELD_FORMATS or not picked:
            raise UsageError(
                "--fields: expected names separated by commas, with --format json, ndjson or csv"
            )
    color = not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
    width = shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120
    style = Style(color=color, width=width, fields=picked)
    return renderer_for(chosen, style)  # type: ignore[arg-type]


def _ranked(
    rubric: str | None,
    providers: list[str] | None,
    as_of: str | None,
    weights: list[str] | None = None,
    min_seal: int | None = None,
) -> tuple[Ranking, Catalogue]:
    """Everything `rank`, `show` and `compare` share: read, validate and score on the day."""
    from .loading import load_catalogue, load_rubric
    from .rubric import with_weights
    from .scoring import rank

    day = _as_of(as_of)
    loaded_rubric = with_weights(load_rubric(rubric), weights or [])
    if min_seal is not None and not loaded_rubric.seal:
        raise UsageError(
            f"--min-seal: rubric {loaded_rubric.id!r} has no SEAL levels",
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
    from dataclasses import replace

    renderer = _renderer(fmt, as_json, no_color, fields)
    ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal)
    if eligible_only:
        if not any(r.eligibility for r in ranking.results):
            raise UsageError(
                f"--eligible-only: rubric {ranking.rubric.id!r} has no gates",
                hint="use a preset with gates, e.g. secnumcloud-19.6, or --min-seal",
            )
        ranking = replace(
            ranking, results=tuple(r for r in ranking.results if r.eligibility == "eligible")
        )
    if top is not None:
        ranking = replace(ranking, results=ranking.results[:top])
    _emit(renderer.ranking(ranking))
    if fail_under is not None:
        below = [r for r in ranking.results if round(r.score, 1) < fail_under]
        if below:
            names = ", ".join(f"{r.provider.id} ({r.score:.1f})" for r in below)
            print(f"sovscore: below {fail_under:g}: {names}", file=sys.stderr)
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
    _emit(renderer.detail(_detail(name, ranking, catalogue)))


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
    _emit(renderer.sources(_detail(name, *_ranked(None, providers, None))))


def _detail(name: str, ranking: Ranking, catalogue: Catalogue) -> Detail:
    from .citations import citations
    from .lookup import find_provider
    from .render import Detail

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
    from .validate_files import validate_files

    report = validate_files(files or None, _as_of(as_of), strict=strict)
    for warning in report.warnings:
        print(warning.describe("warning"), file=sys.stderr)
    files_text = f"{report.files} file{'s' if report.files != 1 else ''}"
    summary = f"{files_text}, {report.providers} providers, {report.sources} sources"
    if report.warnings:
        summary += f"; {len(report.warnings)} warnings (--strict fails on them)"
    print(f"sovscore: valid: {summary}", file=sys.stderr)


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
    from .comparison import compare as side_by_side
    from .lookup import find_provider

    if len(names) < 2:
        raise UsageError("compare: expected at least two providers")
    renderer = _renderer(fmt, as_json, no_color)
    ranking, catalogue = _ranked(rubric, providers, as_of, weight, min_seal)
    chosen = [find_provider(name, catalogue.providers.values()).id for name in names]
    if len(set(chosen)) != len(chosen):
        raise UsageError(f"compare: a provider is named twice ({', '.join(chosen)})")
    by_id = {r.provider.id: r for r in ranking.results}
    _emit(renderer.compare(side_by_side(ranking, [by_id[i] for i in chosen])))


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
    from .sensitivity import analyse

    renderer = _renderer(fmt, as_json, no_color)
    ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal)
    analysis = analyse(ranking, samples=samples, spread=spread / 100, seed=seed)
    _emit(renderer.sensitivity(ranking, analysis))


@app.command()
@reports_errors
def rubrics(
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List the rubric presets `--rubric NAME` accepts."""
    from .loading import load_rubric, preset_names

    renderer = _renderer(fmt, as_json, no_color)
    _emit(renderer.rubrics([load_rubric(name) for name in preset_names()]))


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
    from .schemas import schema_text

    _emit(schema_text(kind.value))


@app.command("rubric")
@reports_errors
def show_rubric(
    rubric: RubricOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Show the active rubric: criteria, weights, the points each value earns, and why."""
    from .loading import load_rubric

    renderer = _renderer(fmt, as_json, no_color)
    _emit(renderer.rubric(load_rubric(rubric)))


def main() -> None:
    try:
        app(prog_name="sovscore")
    except KeyboardInterrupt:
        print("sovscore: interrupted", file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
