"""The commands: each one parses its options, loads, scores, renders and emits; nothing more.

What a command does lives below: loading in `load/`, results in `score/`, text in `render/`.
Each module is imported inside the command that needs it, so that `--help` and `--version`
stay fast.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from .. import __version__
from ..errors import EXIT_CHECK_FAILED, EXIT_CODES, EXIT_INTERRUPTED, UsageError
from ..escape import quote
from .edge import emit, internal_error, reports_errors, say, silence_stdout, terminal_style
from .options import (
    AsOfOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    MinSealOption,
    NoColorOption,
    ProviderArgument,
    ProvidersArgument,
    ProvidersOption,
    RubricOption,
    SchemaArgument,
    WeightOption,
    finite,
    parse_as_of,
    parse_fields,
    parse_weights,
)

if TYPE_CHECKING:
    from ..load.catalogue import Catalogue
    from ..render import Format, Renderer
    from ..score.scoring import Ranking

app = typer.Typer(
    name="sovscore",
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        print(f"sovscore {__version__}")
        raise typer.Exit()


@app.callback(
    help="Score cloud providers on sovereignty, explainably, from sourced public facts.\n\n"
    + "Exit codes: "
    + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items())
    + "."
)
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """The app itself: its help is written from the table of exit codes (errors.EXIT_CODES)."""


def _renderer(fmt: Format, as_json: bool, no_color: bool, fields: str | None = None) -> Renderer:
    from ..render import renderer_for

    chosen: Format = "json" if as_json else fmt
    return renderer_for(chosen, terminal_style(no_color, parse_fields(fields, chosen)))


def _ranked(
    rubric: str | None,
    providers: list[str] | None,
    as_of: str | None,
    weights: list[str] | None = None,
    min_seal: int | None = None,
) -> tuple[Ranking, Catalogue]:
    """Everything `rank`, `show` and `compare` share: read, validate and score on the day."""
    from ..load.catalogue import load_catalogue, load_rubric
    from ..score.scoring import rank

    day = parse_as_of(as_of)
    loaded = load_rubric(rubric)
    loaded = loaded.reweighted(parse_weights(loaded, weights or []))
    if min_seal is not None and not loaded.seal:
        raise UsageError(
            f"--min-seal: rubric {quote(loaded.id)} has no SEAL levels",
            hint="use an EU CSF preset such as eu-csf-1.2.1",
        )
    catalogue = load_catalogue(providers or None)
    return rank(catalogue.providers.values(), loaded, day, min_seal), catalogue


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
            "--fail-under",
            metavar="SCORE",
            help="Exit 1 if a listed provider scores below SCORE (after --top).",
        ),
    ] = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Rank providers by sovereignty score, highest first.

    Scores are 0-100 with one decimal; equal scores share a rank and are listed by id. Columns:
    rank, provider, score with a bar, grade, points per criterion, coverage (the share of the
    weight resting on known facts). Under a rubric with gates the eligible come first, then
    those whose eligibility cannot be shown, then the ineligible with the gates they failed.

    \b
    Examples:
      sovscore rank --as-of 2022-11-01
      sovscore rank --rubric secnumcloud-19.6 --eligible-only
      sovscore rank --json --fields id,score,grade
    """
    renderer = _renderer(fmt, as_json, no_color, fields)
    finite("--fail-under", fail_under, "a number (a score is 0-100)")
    ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal)
    if eligible_only:
        if not ranking.gated:
            raise UsageError(
                f"--eligible-only: rubric {quote(ranking.rubric.id)} has no gates",
                hint="use a preset with gates, e.g. secnumcloud-19.6, or --min-seal",
            )
        ranking = ranking.eligible_only()
        if not ranking.results:
            say(f"sovscore: no provider is shown eligible under rubric {ranking.rubric.id}")
    if top is not None:
        ranking = ranking.top(top)
    emit(renderer.ranking(ranking), data=renderer.data)
    if fail_under is not None:
        below = ranking.below(fail_under)
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
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Explain one provider's score, fact by fact, with the sources behind each.

    Identity, owners with their shares, partners; for each criterion the value found, points,
    weight, contribution, the reason and its sources; gates, warnings, market context and every
    source. NAME is an id, name or alias in any case, accents optional; an unknown name
    suggests the closest ones.

    \b
    Examples:
      sovscore show numspot
      sovscore show "Cloud Temple" --rubric secnumcloud-19.6 --json
    """
    from ..score.explain import explain

    renderer = _renderer(fmt, as_json, no_color)
    ranking, catalogue = _ranked(rubric, providers, as_of, weight, min_seal)
    explanation = explain(ranking, catalogue.find(name), catalogue.sources)
    emit(renderer.detail(explanation), data=renderer.data)


@app.command()
@reports_errors
def sources(
    name: ProviderArgument,
    providers: ProvidersOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List a provider's sources and the facts each one supports.

    Each source with its title, publisher, date, URL and kind (official, provider, press,
    analysis), and the facts it supports, as 'ownership: holder Thales' or 'secnumcloud
    PREMI3NS: qualified 2025-12-17'.

    \b
    Example:
      sovscore sources outscale --format markdown
    """
    from ..score.explain import explain

    renderer = _renderer(fmt, as_json, no_color)
    ranking, catalogue = _ranked(None, providers, None)
    explanation = explain(ranking, catalogue.find(name), catalogue.sources)
    emit(renderer.sources(explanation), data=renderer.data)


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
    """Check provider and rubric files; print every problem with its file:line:column.

    Files are told apart by their content; with no FILE, the bundled data and rubric. Each
    problem is one line, `file:line:column: field.path: what is wrong (expected ...)`. It also
    warns about a scored fact that cites no source, a source with no date and a profile
    reviewed more than 12 months ago; --strict makes those errors (exit 2).

    \b
    Examples:
      sovscore validate my-providers.yaml
      sovscore validate --strict
    """
    from ..load.validate import validate_files

    report = validate_files(files or None, parse_as_of(as_of), strict=strict)
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
    names: ProvidersArgument,
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Compare providers criterion by criterion: values, points, gaps, and the facts behind them.

    Per criterion the value, points and contribution of each provider and the gap; then,
    largest gap first, the reasons and sources that explain it; eligibility and SEAL where the
    rubric has them.

    \b
    Example:
      sovscore compare numspot s3ns bleu
    """
    from ..score.compare import compare as side_by_side

    if len(names) < 2:
        raise UsageError("compare: expected at least two providers")
    renderer = _renderer(fmt, as_json, no_color)
    ranking, catalogue = _ranked(rubric, providers, as_of, weight, min_seal)
    chosen = [catalogue.find(name).id for name in names]
    if len(set(chosen)) != len(chosen):
        raise UsageError(f"compare: a provider is named twice ({', '.join(chosen)})")
    by_id = {r.provider.id: r for r in ranking.results}
    emit(renderer.compare(side_by_side(ranking, [by_id[i] for i in chosen])), data=renderer.data)


@app.command()
@reports_errors
def sensitivity(
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    samples: Annotated[
        int,
        typer.Option(
            "--samples", min=1, max=1_000_000, metavar="N", help="Random weight sets to try."
        ),
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
    seed: Annotated[int, typer.Option("--seed", metavar="N", help="Same seed, same result.")] = 0,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """How robust the ranking is to the weights: rank ranges, and the smallest swaps.

    Per provider its rank range (5th-95th percentile) over --samples random weight sets, each
    weight scaled by up to --spread %, reproducible with --seed; the share of samples in which
    it keeps its rank or is first; for each pair of neighbours the smallest change of one
    weight that swaps them. A place kept in fewer than half the samples is fragile.

    \b
    Example:
      sovscore sensitivity --spread 10 --seed 7
    """
    from ..score.sensitivity import analyse

    finite("--spread", spread, "a percentage from 0 to 99")
    renderer = _renderer(fmt, as_json, no_color)
    ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal)
    analysis = analyse(ranking, samples=samples, spread=spread / 100, seed=seed)
    emit(renderer.sensitivity(analysis), data=renderer.data)


@app.command()
@reports_errors
def rubrics(
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List the rubric presets `--rubric NAME` accepts: id, version, title, criteria, gates."""
    from ..load.catalogue import load_rubric
    from ..load.presets import preset_names

    renderer = _renderer(fmt, as_json, no_color)
    emit(renderer.rubrics([load_rubric(name) for name in preset_names()]), data=renderer.data)


@app.command("rubric")
@reports_errors
def show_rubric(
    rubric: RubricOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Show the active rubric: criteria, weights, the points each value earns, and why.

    Also its gates, grade bands, the rule for unknown facts and the text it follows.

    \b
    Example:
      sovscore rubric --rubric eu-csf-2026
    """
    from ..load.catalogue import load_rubric

    renderer = _renderer(fmt, as_json, no_color)
    emit(renderer.rubric(load_rubric(rubric)), data=renderer.data)


@app.command()
@reports_errors
def measures(
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """List the built-in measures a rubric's criteria and gates can use.

    Name, kind (category, number, boolean), the values it yields, the profile fields it reads
    and what it measures: the registry rubrics are checked against.

    \b
    Example:
      sovscore measures --json
    """
    from ..measures import MEASURES

    renderer = _renderer(fmt, as_json, no_color)
    emit(renderer.measures(list(MEASURES.values())), data=renderer.data)


@app.command()
@reports_errors
def schema(kind: SchemaArgument) -> None:
    """Print a JSON Schema (draft-07) for editors and other tools.

    KIND is providers (provider files), rubric (rubric files) or output (what rank --json
    prints); the same rules `validate` applies, where a schema can say them.

    \b
    Example:
      sovscore schema providers > providers.schema.json
    """
    from ..render.schemas import schema_text

    emit(schema_text(kind), data=True)


def main() -> None:
    try:
        app(prog_name="sovscore")
    except KeyboardInterrupt:
        say("sovscore: interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        silence_stdout()
        sys.exit(0)
    except SystemExit:
        raise
    except Exception as exc:  # outside a command (option parsing, completion): still one line
        sys.exit(internal_error(exc))
