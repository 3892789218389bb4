"""The options and arguments commands share, their completions, and what turns option text into
values (a usage error otherwise). Choices come from the lists they name, never copied here."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, TypeVar

import typer

from ..errors import UsageError
from ..escape import is_plain_word, quote
from ..i18n import LANGS, Lang
from ..model.profile import SERVICE_MODELS
from ..model.rubric import Rubric
from ..render import DATA_FORMATS, FORMATS, Format
from ..render.schemas import SchemaKind
from ..render.style import CsvDialect
from .edge import MAX_WIDTH, MIN_WIDTH, Color

C = TypeVar("C", bound=str)


def complete_providers(ctx: typer.Context, incomplete: str) -> list[str]:
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
    refs = (f"{p.id}/{o.id}" for p in catalogue.providers.values() for o in p.offers)
    found = {n for n in (*names, *refs) if is_plain_word(n) and n.casefold().startswith(wanted)}
    return sorted(found, key=str.casefold)


COMMON_FIELDS = ("id", "name", "rank", "score", "grade", "eligible", "eligibility", "as_of")
"""Field names offered by completion (the full list depends on the rubric: see the error)."""


def complete_fields(incomplete: str) -> list[str]:
    """Fields complete one at a time after the commas already typed."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    return [prefix + f for f in COMMON_FIELDS if f.startswith(last)]


def json_fields_args(args: list[str], positional: bool) -> list[str]:
    """gh's `--json FIELDS`: `--json=a,b`, or `--json a,b`, become `--json --fields a,b`.
    For a command with arguments (show NAME) the word after a bare --json is taken as fields
    only if it has a comma (`show --json numspot` still shows numspot)."""
    out: list[str] = []
    words = iter(enumerate(args))
    for i, word in words:
        if word == "--":
            out.extend(args[i:])
            break
        if word.startswith("--json="):
            out += ["--json", "--fields", word.partition("=")[2]]
            continue
        following = args[i + 1] if i + 1 < len(args) else None
        if (
            word == "--json"
            and following is not None
            and not following.startswith("-")
            and (not positional or "," in following)
        ):
            out += ["--json", "--fields", following]
            next(words)
            continue
        out.append(word)
    return out


def complete_rubrics(incomplete: str) -> list[str]:
    from ..load.presets import preset_names

    return [name for name in preset_names() if name.startswith(incomplete)]


RubricOption = Annotated[
    str | None,
    typer.Option(
        "--rubric",
        metavar="NAME|FILE",
        autocompletion=complete_rubrics,
        help="A preset (see `sovscore rubrics`) or a rubric YAML file. Default: default.",
    ),
]
WeightOption = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        metavar="CRITERION=VALUE",
        help="Override one criterion's weight for this run; repeatable "
        "(e.g. --weight secnumcloud=40).",
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
        help="Providers YAML file; repeat to add files ('-' reads standard input; @bundled is "
        "the bundled data, so `--providers @bundled --providers mine.yaml` ranks yours beside "
        "it). A file's `overrides:` correct providers of the other files. An id, name or alias "
        "defined in two files is an error. Default: the files in SOVSCORE_PROVIDERS (separated "
        "by ':'), else the bundled data.",
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Score the facts as they stood on this day (default: today).",
    ),
]
FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        case_sensitive=False,
        help=f"Output format: {', '.join(FORMATS)}.",
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option(
        "--json",
        help="JSON (--format json). Where --fields exists, --json FIELD,... (or --json=FIELD) "
        "also picks fields, as gh does; after a command's NAME argument write --json=FIELD.",
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="FIELD,...",
        help=f"Only these fields of each record, in this order ({', '.join(DATA_FORMATS)}; "
        "JSON unless --format says; e.g. --fields id,score; an unknown name suggests one and "
        "lists the valid ones).",
        autocompletion=lambda incomplete: complete_fields(incomplete),
    ),
]
FailIfIneligibleOption = Annotated[
    bool,
    typer.Option(
        "--fail-if-ineligible",
        help="Exit 1 if a listed provider is ineligible under the rubric's gates (after --top).",
    ),
]
ProviderArgument = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="A provider or an offer: an id, name or alias (any case, accents optional), or "
        "provider/offer.",
        autocompletion=complete_providers,
    ),
]
ProvidersArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="NAME NAME [NAME]...",
        help="Two or more providers or offers: ids, names, aliases or provider/offer.",
        autocompletion=complete_providers,
    ),
]
ServiceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--service",
        metavar="MODEL",
        help=f"Only offers of this service model ({', '.join(SERVICE_MODELS)}); repeatable. A "
        "provider is scored as its best offer in scope.",
    ),
]
NoColorOption = Annotated[
    bool,
    typer.Option("--no-color", help="No colour: the same as --color never."),
]
ColorOption = Annotated[
    Color,
    typer.Option(
        "--color",
        metavar="WHEN",
        case_sensitive=False,
        help="Colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR or "
        "CLICOLOR_FORCE turn it on for a pipe, e.g. into less -R), always or never.",
    ),
]
CsvDialectOption = Annotated[
    CsvDialect,
    typer.Option(
        "--csv-dialect",
        metavar="DIALECT",
        case_sensitive=False,
        help="csv: excel (commas, as scripts read; the default) or excel-fr (what a French "
        "Excel opens in columns: semicolons, a UTF-8 byte-order mark, decimal commas).",
    ),
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Never page: on a terminal, long output goes through SOVSCORE_PAGER, else PAGER, "
        "else less (an empty SOVSCORE_PAGER turns the pager off too).",
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=MIN_WIDTH,
        max=MAX_WIDTH,
        metavar="N",
        help="Draw tables N columns wide (default: the terminal's width, else COLUMNS, else "
        "80 when piped).",
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language of tables, Markdown and the report: en or fr (default: the locale's, from "
        "LC_ALL, LC_MESSAGES or LANG; English otherwise). JSON, NDJSON and CSV keep English "
        "unless asked.",
    ),
]
SchemaArgument = Annotated[
    SchemaKind,
    typer.Argument(
        metavar="KIND",
        help="providers (provider files), rubric (rubric files), output (rank --json) or "
        "offers (offers --json).",
    ),
]


def today() -> dt.date:
    """The default --as-of: the one place sovscore reads the clock (tests pin it)."""
    return dt.date.today()


def parse_as_of(value: str | None, option: str = "--as-of") -> dt.date:
    """A day given as YYYY-MM-DD (today when none is given); `option` names it in errors."""
    if value is None:
        return today()
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {quote(value)} is not a date (expected YYYY-MM-DD)") from None


def parse_lang(value: str) -> Lang:
    """--lang: one of the languages sovscore has catalogues for."""
    lang = value.strip().lower()
    if lang not in LANGS:
        raise UsageError(
            f"--lang: {quote(value)} is not a language sovscore speaks "
            f"(expected {' or '.join(LANGS)})"
        )
    return "fr" if lang == "fr" else "en"


def parse_weights(rubric: Rubric, overrides: list[str]) -> dict[str, float]:
    """`CRITERION=VALUE` texts as new weights for this run; a bad one is a usage error."""
    weights = {c.id: c.weight for c in rubric.criteria}
    changed: dict[str, float] = {}
    for override in overrides:
        name, sep, text = override.partition("=")
        name = name.strip()
        if not sep or name not in weights:
            known = ", ".join(weights)
            raise UsageError(
                f"--weight {quote(override)}: expected CRITERION=VALUE with a criterion of "
                f"{quote(rubric.id)} ({known})"
            )
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise UsageError(f"--weight {quote(override)}: expected a finite weight of 0 or more")
        changed[name] = weights[name] = value
    total = sum(weights.values())  # fsum raises on overflow; sum gives inf
    if changed and not total > 0:
        raise UsageError("--weight: expected at least one positive weight")
    if changed and math.isinf(total):
        raise UsageError(
            "--weight: the weights add up to more than the largest number "
            "(only their ratios matter: use smaller weights)"
        )
    return changed


def parse_fields(fields: str | None, fmt: Format) -> tuple[str, ...] | None:
    """`--fields a,b`: names for a data format, each once."""
    if fields is None:
        return None
    picked = tuple(f.strip() for f in fields.split(",") if f.strip())
    if fmt not in DATA_FORMATS or not picked:
        raise UsageError(
            f"--fields: expected names separated by commas, with --format {', '.join(DATA_FORMATS)}"
        )
    twice = sorted({f for f in picked if picked.count(f) > 1})
    if twice:
        raise UsageError(f"--fields: {', '.join(map(quote, twice))} named twice")
    return picked


def finite(option: str, value: float | None, expected: str) -> None:
    """Click's range checks let `nan` through (and `inf` where there is no bound)."""
    if value is not None and not math.isfinite(value):
        raise UsageError(f"{option}: expected {expected}, not {value:g}")


def parse_choices(option: str, values: list[str] | None, choices: tuple[C, ...]) -> list[C] | None:
    """Repeated choices (`--service iaas --service paas`), in any case; a value that is not a
    choice is a usage error naming them (typer cannot check lists of choices itself)."""
    if not values:
        return None
    by_text = {str(c).casefold(): c for c in choices}
    picked = []
    for value in values:
        if value.casefold() not in by_text:
            raise UsageError(
                f"{option}: {quote(value)} is not one of {', '.join(map(str, choices))}"
            )
        picked.append(by_text[value.casefold()])
    return picked
