"""The commands: each one parses its options, loads, scores, renders and emits; nothing more.

What a command does lives below: loading in `load/`, results in `score/`, text in `render/`.
Each module is imported inside the command that needs it, so that `--help` and `--version`
stay fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import EXIT_CHECK_FAILED, EXIT_CODES, EXIT_INTERRUPTED, UsageError
from ..escape import quote
from ..i18n import _, from_environment, language, set_language
from ..model.profile import REGISTER_STATUSES, SCHEMES, SERVICE_MODELS
from ..render.style import CsvDialect
from .edge import (
    Color,
    emit,
    internal_error,
    page,
    reports_errors,
    say,
    silence_stdout,
    terminal_style,
    write_file,
)
from .options import (
    AsOfOption,
    ColorOption,
    CsvDialectOption,
    FailIfIneligibleOption,
    FieldsOption,
    FormatOption,
    JsonOption,
    LangOption,
    MinSealOption,
    NoColorOption,
    NoPagerOption,
    ProviderArgument,
    ProvidersArgument,
    ProvidersOption,
    RubricOption,
    SchemaArgument,
    ServiceOption,
    WeightOption,
    WidthOption,
    complete_providers,
    finite,
    json_fields_args,
    parse_as_of,
    parse_choices,
    parse_fields,
    parse_lang,
    parse_weights,
)

NewKind = Literal["provider", "offer", "rubric"]

if TYPE_CHECKING:
    from ..load.catalogue import Catalogue
    from ..render import Format, Renderer
    from ..score.explain import Explanation
    from ..score.scoring import ProviderResult, Ranking, Unit


class _Commands(TyperGroup):
    """The commands, with gh's `--json FIELDS` turned into `--json --fields FIELDS` before
    options are parsed."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        name = next((a for a in args if not a.startswith("-")), None)
        command = self.commands.get(name) if name else None
        if command is not None and any(p.name == "fields" for p in command.params):
            positional = any(p.param_type_name == "argument" for p in command.params)
            args = json_fields_args(args, positional)
        return super().parse_args(ctx, args)


app = typer.Typer(
    name="sovscore",
    cls=_Commands,
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


def _renderer(
    fmt: Format,
    as_json: bool,
    no_color: bool,
    fields: str | None = None,
    lang: str | None = None,
    color: Color = "auto",
    width: int | None = None,
    csv_dialect: CsvDialect = "excel",
) -> Renderer:
    """The renderer asked for, with the language chosen before anything is scored (reasons are
    written while scoring): --lang, else the locale's for people, English for data formats."""
    from ..render import DATA_FORMATS, renderer_for

    # --fields (or --json FIELDS) implies JSON unless a format is named.
    chosen: Format = "json" if as_json or (fields is not None and fmt == "table") else fmt
    if lang is not None:
        set_language(parse_lang(lang))
    else:
        set_language(from_environment() if chosen not in DATA_FORMATS else "en")
    style = terminal_style(
        no_color, parse_fields(fields, chosen), color=color, width=width, csv_dialect=csv_dialect
    )
    return renderer_for(chosen, style)


def _ranked(
    rubric: str | None,
    providers: list[str] | None,
    as_of: str | None,
    weights: list[str] | None = None,
    min_seal: int | None = None,
    service: list[str] | None = None,
    unit: Unit = "provider",
) -> tuple[Ranking, Catalogue]:
    """Everything the scoring commands share: read, validate and score on the day."""
    from ..load.catalogue import load_catalogue, load_rubric
    from ..score.scoring import rank

    day = parse_as_of(as_of)
    loaded = load_rubric(rubric).localized(language())
    loaded = loaded.reweighted(parse_weights(loaded, weights or []))
    if min_seal is not None and not loaded.seal:
        raise UsageError(
            f"--min-seal: rubric {quote(loaded.id)} has no SEAL levels",
            hint="use an EU CSF preset such as eu-csf-1.2.1",
        )
    catalogue = load_catalogue(providers or None)
    models = parse_choices("--service", service, SERVICE_MODELS)
    scope = frozenset(models) if models else None
    ranking = rank(
        catalogue.providers.values(),
        loaded,
        day,
        min_seal,
        scope=scope,
        unit=unit,
        sources=catalogue.sources,
    )
    return ranking, catalogue


def _explained(ranking_for: Callable[[Unit], tuple[Ranking, Catalogue]], name: str) -> Explanation:
    """`show` and `sources`: a provider (as its best offer in scope) or an offer."""
    from ..score.explain import explain

    provider_ranking, catalogue = ranking_for("provider")
    provider, offer = catalogue.find(name)
    ranking = provider_ranking if offer is None else ranking_for("offer")[0]
    try:
        explained = explain(ranking, provider, offer, catalogue.sources)
    except LookupError:
        raise UsageError(
            f"{quote(name)} has no offer in the scope asked for (--service)",
            hint=f"its offers: {', '.join(f'{provider.id}/{o.id}' for o in provider.offers)}",
        ) from None
    changes = catalogue.changes.get(provider.id, [])
    return dataclasses.replace(explained, corrections=tuple(c.described() for c in changes))


def _fail_if_ineligible(results: Sequence[ProviderResult]) -> None:
    """--fail-if-ineligible: exit 1 when one listed is ineligible under the rubric's gates (one
    whose eligibility cannot be shown does not fail: the facts do not say it is ineligible)."""
    failed = [r for r in results if r.eligibility == "ineligible"]
    if failed:
        names = ", ".join(
            f"{r.provider.id} ({', '.join(g.id for g in r.gates if g.status == 'fail')})"
            for r in failed
        )
        say("sovscore: " + _("ineligible under the rubric's gates: {names}").format(names=names))
        raise typer.Exit(EXIT_CHECK_FAILED)


@app.command()
@reports_errors
def rank(
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    service: ServiceOption = None,
    by_offer: Annotated[
        bool,
        typer.Option(
            "--offers", help="Rank offers rather than providers (each offer is its own row)."
        ),
    ] = False,
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
    fail_if_ineligible: FailIfIneligibleOption = False,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """Rank providers by sovereignty score, highest first.

    Scores are 0-100 with one decimal; equal scores share a rank and are listed by id. Columns:
    rank, provider, score with a bar, its bounds (the lowest and highest score the unknown facts
    allow), the places those bounds allow (a range is a tie within unknowns), grade, points per
    criterion, coverage (the share of the weight resting on known facts), the share of the
    score resting on official or provider sources, and warnings, listed under the table. Under
    a rubric with gates the eligible come first, then those whose eligibility cannot be shown,
    then the ineligible with the gates they failed.

    \b
    Examples:
      sovscore rank --as-of 2022-11-01
      sovscore rank --rubric secnumcloud-19.6 --eligible-only
      sovscore rank --json --fields id,score,grade
    """
    renderer = _renderer(
        fmt, as_json, no_color, fields, lang, color=color, width=width, csv_dialect=csv_dialect
    )
    finite("--fail-under", fail_under, "a number (a score is 0-100)")
    unit: Unit = "offer" if by_offer else "provider"
    ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal, service, unit)
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
    if fail_if_ineligible:
        _fail_if_ineligible(ranking.results)
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
    service: ServiceOption = None,
    fail_if_ineligible: FailIfIneligibleOption = False,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    no_pager: NoPagerOption = False,
    lang: LangOption = None,
) -> None:
    """Explain a provider's or an offer's score, fact by fact, with the sources behind each.

    A provider: identity, owners with their shares, partners, its offers with their scores,
    then its best offer in scope explained: for each criterion the value found, points (with
    the range its unknown facts leave open), weight, contribution, the reason, the note that
    says why a fact is unknown or weakly sourced, the kind of its strongest source and the
    sources; gates, warnings, market context and every source with its kind and date. An offer (provider/offer, or its name or alias): the same for that offer,
    with what it runs on. NAME is matched in any case, accents optional; an unknown name
    suggests the closest ones.

    \b
    Examples:
      sovscore show numspot
      sovscore show outscale/iaas-cloudgouv --rubric secnumcloud-19.6 --json
    """
    renderer = _renderer(
        fmt, as_json, no_color, fields, lang, color=color, width=width, csv_dialect=csv_dialect
    )
    explanation = _explained(
        lambda unit: _ranked(rubric, providers, as_of, weight, min_seal, service, unit), name
    )
    shown = renderer.detail(explanation)
    if isinstance(shown, str):
        page(shown, data=renderer.data, pager=not no_pager)
    else:
        emit(shown, data=renderer.data)
    if fail_if_ineligible:
        _fail_if_ineligible([explanation.result])


@app.command()
@reports_errors
def sources(
    name: ProviderArgument,
    providers: ProvidersOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """List the sources of a provider (and its offers) or of one offer, and the facts each
    one supports.

    Each source with its title, publisher, date, URL and kind (what was read: official,
    provider, press, compilation, analysis), and the facts it supports, as 'ownership: holder Thales' or 'secnumcloud
    PREMI3NS: qualified 2025-12-17'.

    \b
    Example:
      sovscore sources outscale --format markdown
    """
    renderer = _renderer(
        fmt, as_json, no_color, fields, lang, color=color, width=width, csv_dialect=csv_dialect
    )
    explanation = _explained(lambda unit: _ranked(None, providers, None, unit=unit), name)
    emit(renderer.sources(explanation), data=renderer.data)


@app.command()
@reports_errors
def validate(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FILE]...",
            help="Provider or rubric files (told apart by content); @bundled is the bundled "
            "data, for a file that cites its sources or corrects its providers. Default: the "
            "bundled data and rubric.",
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
    strict_sources: Annotated[
        bool,
        typer.Option(
            "--strict-sources",
            help="Also fail on a scored fact whose every source is a compilation or an "
            "analysis (otherwise warnings).",
        ),
    ] = False,
    as_of: AsOfOption = None,
) -> None:
    """Check provider and rubric files; print every problem with its file:line:column.

    Files are told apart by their content; with no FILE, the bundled data and rubric. Every
    problem of every file is reported in one run (field errors, cross-references, undefined
    sources, names defined twice across files, overrides). Each problem is one line, `file:line:column: field.path: what is wrong (expected ...)`. It also
    warns about a scored fact that cites no source, a source with no date and a profile
    reviewed more than 12 months ago; --strict makes those errors (exit 2). It warns too about a
    scored fact whose every source is a compilation (a copy or digest of other documents) or an
    analysis: --strict-sources makes those errors.

    \b
    Examples:
      sovscore validate my-providers.yaml
      sovscore validate --strict
    """
    from ..load.validate import validate_files

    report = validate_files(
        files or None, parse_as_of(as_of), strict=strict, strict_sources=strict_sources
    )
    for warning in report.warnings:
        say(warning.describe("warning"))
    files_text = f"{report.files} file{'s' if report.files != 1 else ''}"
    summary = f"{files_text}, {report.providers} providers, {report.sources} sources"
    if report.warnings:
        fails = "--strict-sources fails" if strict else "--strict and --strict-sources fail"
        summary += f"; {len(report.warnings)} warnings ({fails} on them)"
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
    service: ServiceOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """Compare providers or offers criterion by criterion: values, points, gaps, and the facts
    behind them.

    Per criterion the value, points and contribution of each and the gap; then, largest gap
    first, the reasons and sources that explain it; eligibility and SEAL where the rubric has
    them. A provider stands as its best offer in scope; once an offer is named, ranks are
    among offers.

    \b
    Examples:
      sovscore compare numspot s3ns bleu
      sovscore compare ovhcloud/hosted-private-cloud s3ns/premi3ns
    """
    from ..score.compare import compare as side_by_side

    if len(names) < 2:
        raise UsageError("compare: expected at least two providers or offers")
    renderer = _renderer(
        fmt, as_json, no_color, fields, lang, color=color, width=width, csv_dialect=csv_dialect
    )
    ranking, catalogue = _ranked(rubric, providers, as_of, weight, min_seal, service)
    found = [catalogue.find(name) for name in names]
    best = {r.provider.id: r.ref for r in ranking.results}
    if any(offer is not None for _, offer in found):
        ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal, service, "offer")
        chosen = [f"{p.id}/{o.id}" if o is not None else best.get(p.id, p.id) for p, o in found]
    else:
        chosen = [p.id for p, _ in found]
    if len(set(chosen)) != len(chosen):
        raise UsageError(f"compare: the same one is named twice ({', '.join(chosen)})")
    by_key = {ranking.key(r): r for r in ranking.results}
    missing = [c for c in chosen if c not in by_key]
    if missing:
        raise UsageError(
            f"compare: no offer in the scope asked for (--service): {', '.join(missing)}"
        )
    emit(renderer.compare(side_by_side(ranking, [by_key[c] for c in chosen])), data=renderer.data)


@app.command()
@reports_errors
def diff(
    days: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[FROM [TO]]",
            help="Two days (YYYY-MM-DD): what changed from the first to the second.",
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="What changed from this day to --as-of (default: today).",
        ),
    ] = None,
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    service: ServiceOption = None,
    by_offer: Annotated[
        bool, typer.Option("--offers", help="Compare offers rather than providers.")
    ] = False,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """What changed between two days, and why: scores, grades, ranks, eligibility, the offer
    that stands for a provider, each criterion and each qualification status, each with the
    dated facts between the days that explain it.

    The same data and rubric are ranked on both days. Exit 0 when nothing changed, 1 when
    something did, so that a scheduled job can alert on a change.

    \b
    Examples:
      sovscore diff 2026-11-28 2026-12-01
      sovscore diff --since 2026-11-01 --rubric secnumcloud-19.6 --json
    """
    from ..score.diff import diff as changes_between

    listed = days or []
    if since is not None and listed:
        raise UsageError("diff: give two days, or --since DAY, not both")
    if since is None and len(listed) != 2:
        raise UsageError(
            "diff: expected two days (FROM TO) or --since DAY",
            hint="e.g. sovscore diff 2026-11-28 2026-12-01",
        )
    if since is not None:
        first, second = since, as_of
    else:
        if as_of is not None:
            raise UsageError("diff: --as-of goes with --since, not with two days")
        first, second = listed
    start = parse_as_of(first, "diff FROM" if since is None else "--since")
    end = parse_as_of(second, "diff TO" if since is None else "--as-of")
    renderer = _renderer(
        fmt, as_json, no_color, fields, lang, color=color, width=width, csv_dialect=csv_dialect
    )
    unit: Unit = "offer" if by_offer else "provider"
    before, _ = _ranked(rubric, providers, start.isoformat(), weight, min_seal, service, unit)
    after, _ = _ranked(rubric, providers, end.isoformat(), weight, min_seal, service, unit)
    found = changes_between(before, after)
    emit(renderer.diff(found), data=renderer.data)
    if found.changed:
        raise typer.Exit(EXIT_CHECK_FAILED)


@app.command()
@reports_errors
def coverage(
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    service: ServiceOption = None,
    by_offer: Annotated[
        bool, typer.Option("--offers", help="Count every offer's cells, not each provider's.")
    ] = False,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            metavar="PERCENT",
            help="Exit 1 if less than PERCENT % of the cells rest on sourced facts.",
        ),
    ] = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """How much of the ranking rests on sourced facts: per criterion, the share of cells.

    A cell is one provider (as its best offer in scope) or, with --offers, one offer, under one
    criterion of the rubric. It rests on sourced facts when its value is known (or shown by a
    SecNumCloud 3.2 qualification) and cites a source. Lists the cells that do not.

    \b
    Examples:
      sovscore coverage
      sovscore coverage --offers --fail-under 85
    """
    from ..score.coverage import coverage as coverage_of

    renderer = _renderer(
        fmt, as_json, no_color, lang=lang, color=color, width=width, csv_dialect=csv_dialect
    )
    finite("--fail-under", fail_under, "a percentage (0-100)")
    unit: Unit = "offer" if by_offer else "provider"
    ranking, _ = _ranked(rubric, providers, as_of, None, None, service, unit)
    report = coverage_of(ranking)
    emit(renderer.coverage(report), data=renderer.data)
    if fail_under is not None and report.share * 100 < fail_under:
        say(f"sovscore: coverage {report.share * 100:.1f} % is below {fail_under:g} %")
        raise typer.Exit(EXIT_CHECK_FAILED)


@app.command()
@reports_errors
def due(
    within: Annotated[
        int,
        typer.Option(
            "--within",
            min=0,
            max=36500,
            metavar="DAYS",
            help="Qualifications ending and reviews falling due within DAYS days.",
        ),
    ] = 90,
    register_age: Annotated[
        int,
        typer.Option(
            "--register-age",
            min=0,
            max=36500,
            metavar="DAYS",
            help="Registers last read more than DAYS days ago.",
        ),
    ] = 90,
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    fail_if_due: Annotated[
        bool,
        typer.Option("--fail-if-due", help="Exit 1 when anything is due (for scheduled jobs)."),
    ] = False,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """What a maintainer must re-check next, soonest first.

    Qualifications ending within --within days, or whose validity ended after the last read of
    the register; registers last read more than --register-age days before the day; profiles
    whose yearly review falls due within --within days; scored facts (under the rubric) whose
    every source is a compilation or an analysis. --json for a scheduled job that opens tickets.

    \b
    Examples:
      sovscore due
      sovscore due --within 30 --json --fail-if-due
    """
    from ..load.catalogue import load_catalogue, load_rubric
    from ..score.coverage import due as due_items

    renderer = _renderer(
        fmt, as_json, no_color, lang=lang, color=color, width=width, csv_dialect=csv_dialect
    )
    day = parse_as_of(as_of)
    loaded = load_rubric(rubric).localized(language())
    catalogue = load_catalogue(providers or None)
    report = due_items(
        catalogue.providers.values(),
        loaded,
        catalogue.sources,
        day,
        within=within,
        register_age=register_age,
    )
    emit(renderer.due(report), data=renderer.data)
    if fail_if_due and report.items:
        say(f"sovscore: {len(report.items)} items due")
        raise typer.Exit(EXIT_CHECK_FAILED)


@app.command()
@reports_errors
def report(
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[NAME]...",
            help="Only these providers or offers (default: every one ranked).",
            autocompletion=complete_providers,
        ),
    ] = None,
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    service: ServiceOption = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the annex to FILE (default: stdout)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    lang: LangOption = None,
) -> None:
    """Write the ranking and its reasons as a self-contained HTML annex for a tender file.

    One HTML document with no script and no external resource: a cover (rubric, day, scope,
    the data's review and register reads, sovscore's version, the SHA-256 of each data file),
    what the annex is and is not, the ranking with bounds, places, eligibility, failed gates,
    SEAL and warnings, one section per provider or offer, criterion by criterion with evidence
    and notes, the rubric's legal basis, and every source once, numbered. Prints to A4 from any
    browser. The file is written atomically; an existing one is replaced only with --force.

    \b
    Examples:
      sovscore report --lang fr -o annexe.html
      sovscore report numspot s3ns ovhcloud/hosted-private-cloud --rubric secnumcloud-19.6
    """
    from ..render.report import DataFile, report_html

    set_language(parse_lang(lang) if lang is not None else from_environment())
    by_offer = any("/" in name for name in names or [])
    unit: Unit = "offer" if by_offer else "provider"
    ranking, catalogue = _ranked(rubric, providers, as_of, weight, min_seal, service, unit)
    chosen = list(ranking.results)
    if names:
        by_key = {ranking.key(r): r for r in ranking.results}
        best = {r.provider.id: r for r in ranking.results}
        picked = []
        for name in names:
            provider, offer = catalogue.find(name)
            key = f"{provider.id}/{offer.id}" if offer is not None else provider.id
            result = by_key.get(key) if offer is not None or unit == "provider" else None
            if result is None and offer is None:
                result = next(
                    (r for r in ranking.results if r.provider.id == provider.id), None
                ) or best.get(provider.id)
            if result is None:
                raise UsageError(
                    f"report: {quote(name)} has no offer in the scope asked for (--service)"
                )
            if result not in picked:
                picked.append(result)
        chosen = sorted(picked, key=lambda r: (r.rank, ranking.key(r)))
    files = [DataFile(name, digest) for name, digest in catalogue.files]
    corrections = {
        provider_id: [c.described() for c in changes]
        for provider_id, changes in catalogue.changes.items()
    }
    html = report_html(ranking, chosen, catalogue.sources, files, corrections)
    if output is None:
        emit(html, data=True)
    else:
        write_file(output, html, force=force)
        say(f"sovscore: wrote {output}")


@app.command()
@reports_errors
def sensitivity(
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    service: ServiceOption = None,
    by_offer: Annotated[
        bool, typer.Option("--offers", help="Analyse the ranking of offers, not of providers.")
    ] = False,
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
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
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
    renderer = _renderer(
        fmt, as_json, no_color, fields, lang, color=color, width=width, csv_dialect=csv_dialect
    )
    unit: Unit = "offer" if by_offer else "provider"
    ranking, _ = _ranked(rubric, providers, as_of, weight, min_seal, service, unit)
    analysis = analyse(ranking, samples=samples, spread=spread / 100, seed=seed)
    emit(renderer.sensitivity(analysis), data=renderer.data)


@app.command("offers")
@reports_errors
def list_offers(
    scheme: Annotated[
        list[str] | None,
        typer.Option(
            "--scheme",
            metavar="SCHEME",
            help=f"Only these schemes' statuses ({', '.join(SCHEMES)}); repeatable.",
        ),
    ] = None,
    service: ServiceOption = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only offers with this status on the day (qualified, in_progress, expired, "
            "withdrawn, none, unknown); repeatable.",
        ),
    ] = None,
    expiring_within: Annotated[
        int | None,
        typer.Option(
            "--expiring-within",
            min=0,
            metavar="DAYS",
            help="Only qualifications in force that end within DAYS days.",
        ),
    ] = None,
    provider: Annotated[
        list[str] | None,
        typer.Option(
            "--provider",
            metavar="NAME",
            help="Only this provider's offers; repeatable.",
            autocompletion=complete_providers,
        ),
    ] = None,
    rubric: RubricOption = None,
    providers: ProvidersOption = None,
    as_of: AsOfOption = None,
    weight: WeightOption = None,
    min_seal: MinSealOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """List offers with their status under each scheme on the day, and their score.

    One row per offer and scheme: provider, offer, service models, status (qualified,
    in_progress, unverified, expired, withdrawn; none when a register was checked and did not
    list it; unknown otherwise), since when, valid until ("at most" when counted from a date it
    was already held by), days left, referential version, ANSSI decision, the kind of the
    status's strongest source, data location, what it runs on, and the offer's score and bounds
    under the rubric. The status is read from the dated histories, so scripts never have to.

    \b
    Examples:
      sovscore offers --scheme secnumcloud --service iaas --status qualified
      sovscore offers --expiring-within 90 --json
    """
    from ..score.offers import offer_rows

    renderer = _renderer(
        fmt, as_json, no_color, fields, lang, color=color, width=width, csv_dialect=csv_dialect
    )
    ranking, catalogue = _ranked(rubric, providers, as_of, weight, min_seal, service, "offer")
    wanted = [catalogue.find(name)[0].id for name in provider] if provider else None
    rows = offer_rows(
        ranking,
        schemes=parse_choices("--scheme", scheme, SCHEMES),
        statuses=parse_choices("--status", status, REGISTER_STATUSES),
        expiring_within=expiring_within,
        providers=wanted,
    )
    emit(renderer.offers(ranking, rows), data=renderer.data)


@app.command()
@reports_errors
def rubrics(
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """List the rubric presets `--rubric NAME` accepts: id, version, title, criteria, gates."""
    from ..load.catalogue import load_rubric
    from ..load.presets import preset_names

    renderer = _renderer(
        fmt, as_json, no_color, lang=lang, color=color, width=width, csv_dialect=csv_dialect
    )
    presets = [load_rubric(name).localized(language()) for name in preset_names()]
    emit(renderer.rubrics(presets), data=renderer.data)


@app.command("rubric")
@reports_errors
def show_rubric(
    rubric: RubricOption = None,
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """Show the active rubric: criteria, weights, the points each value earns, and why.

    Also its gates, grade bands, the rule for unknown facts and the text it follows.

    \b
    Example:
      sovscore rubric --rubric eu-csf-2026
    """
    from ..load.catalogue import load_rubric

    renderer = _renderer(
        fmt, as_json, no_color, lang=lang, color=color, width=width, csv_dialect=csv_dialect
    )
    emit(renderer.rubric(load_rubric(rubric).localized(language())), data=renderer.data)


@app.command()
@reports_errors
def measures(
    fmt: FormatOption = "table",
    as_json: JsonOption = False,
    no_color: NoColorOption = False,
    color: ColorOption = "auto",
    width: WidthOption = None,
    csv_dialect: CsvDialectOption = "excel",
    lang: LangOption = None,
) -> None:
    """List the built-in measures a rubric's criteria and gates can use.

    Name, kind (category, number, boolean), the values it yields, the profile fields it reads
    and what it measures: the registry rubrics are checked against.

    \b
    Example:
      sovscore measures --json
    """
    from ..measures import MEASURES

    renderer = _renderer(
        fmt, as_json, no_color, lang=lang, color=color, width=width, csv_dialect=csv_dialect
    )
    emit(renderer.measures(list(MEASURES.values())), data=renderer.data)


@app.command()
@reports_errors
def new(
    what: Annotated[
        NewKind,
        typer.Argument(metavar="KIND", help="provider, offer or rubric.", case_sensitive=False),
    ],
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The new id: a lower-case slug (acme); for an offer, PROVIDER/OFFER.",
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Where to write it ('-': standard output). "
            "Default: ID.yaml (PROVIDER-OFFER.yaml for an offer). An existing file is never "
            "replaced.",
        ),
    ] = None,
) -> None:
    """Write the skeleton of a provider profile, an offer or a rubric, that `validate` accepts.

    provider: every required key, null where a fact is unknown, one offer, a sources stub.
    offer: a file that adds an offer to a provider defined elsewhere (bundled, or yours), as an
    override. rubric: a rubric that extends the default preset and changes weights. Each
    starts with the comment that tells an editor where its JSON Schema is.

    \b
    Examples:
      sovscore new provider acme
      sovscore new offer ovhcloud/my-private-cloud -o ovh-extra.yaml
      sovscore new rubric my-weights
    """
    from ..load.presets import schema_file
    from ..model.profile import OfferRef, Slug
    from ..render import scaffold

    checked = _slug_or_ref(ident, OfferRef if what == "offer" else Slug)
    if what == "offer":
        provider_id, _, offer_id = checked.partition("/")
        text = scaffold.offer_skeleton(provider_id, offer_id, schema_file("providers"))
    elif what == "provider":
        text = scaffold.provider_skeleton(checked, schema_file("providers"), dt.date.today())
    else:
        text = scaffold.rubric_skeleton(checked, schema_file("rubric"))
    target = output or checked.replace("/", "-") + ".yaml"
    if target == "-":
        emit(text, data=True)
        return
    write_file(target, text, force=False, can_force=False)
    say(f"sovscore: wrote {target}; check it with `sovscore validate {target}`")


def _slug_or_ref(value: str, kind: Any) -> str:
    from pydantic import TypeAdapter, ValidationError

    try:
        return str(TypeAdapter(kind).validate_python(value))
    except ValidationError as exc:
        message = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise UsageError(f"ID: {message}") from None


@app.command()
@reports_errors
def schema(kind: SchemaArgument) -> None:
    """Print a JSON Schema (draft-07) for editors and other tools.

    KIND is providers (provider files), rubric (rubric files), output (what rank --json
    prints) or offers (what offers --json prints); for files, the same rules `validate`
    applies, where a schema can say them.

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
