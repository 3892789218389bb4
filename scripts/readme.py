"""The README's generated tables (cog blocks): commands and options from the CLI itself, the
default rubric and the presets from their YAML, the measures from the registry. `cog -r -I .
README.md` rewrites them; `cog --check -I . README.md` (in .ci/run) fails when they drift."""

from __future__ import annotations

import typer.main

from sovscore.cli.commands import app
from sovscore.load.catalogue import load_rubric
from sovscore.load.presets import preset_names
from sovscore.measures import MEASURES

try:
    import cog
except ImportError:  # run by hand: print instead
    cog = None


def _out(text: str) -> None:
    if cog is not None:
        cog.outl(text)
    else:
        print(text)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _commands() -> dict[str, typer.core.TyperCommand]:
    return typer.main.get_command(app).commands  # type: ignore[attr-defined,no-any-return]


def _description(help_text: str) -> str:
    """The help's paragraphs before its examples (the `\\b` block)."""
    paragraphs = [p for p in help_text.split("\n\n") if p.strip()]
    kept = [p for p in paragraphs if not p.lstrip().startswith("\b")]
    return " ".join(_cell(p) for p in kept)


def _usage(name: str, command: typer.core.TyperCommand) -> str:
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    words = [p.metavar or p.name.upper() for p in arguments]
    return " ".join(["sovscore", name, *words])


def commands_table() -> None:
    _out("| command | what it does |")
    _out("|---|---|")
    for name, command in _commands().items():
        _out(f"| `{_usage(name, command)}` | {_description(command.help or '')} |")


def _flags(param: typer.core.TyperOption) -> str:
    flags = ", ".join(f"`{o}`" for o in sorted(param.opts, key=len, reverse=True))
    return _cell(f"{flags} `{param.metavar}`" if param.metavar else flags)


def options_table() -> None:
    """Every option, once, with the commands that take it."""
    seen: dict[str, tuple[str, str, list[str]]] = {}
    for name, command in _commands().items():
        for param in command.params:
            if param.param_type_name != "option" or "--help" in param.opts:
                continue
            key = param.opts[0]
            flags, help_text, where = seen.setdefault(
                key, (_flags(param), _cell(param.help or ""), [])
            )
            where.append(name)
    _out("| option | meaning | commands |")
    _out("|---|---|---|")
    names = list(_commands())
    for flags, help_text, where in seen.values():
        missing = [n for n in names if n not in where]
        commands = (
            ", ".join(where) if len(where) <= len(missing) else "all but " + ", ".join(missing)
        )
        _out(f"| {flags} | {help_text} | {commands} |")


def exit_codes_table() -> None:
    from sovscore.errors import EXIT_CODES

    _out("| code | meaning |")
    _out("|---|---|")
    for code, meaning in EXIT_CODES.items():
        _out(f"| {code} | {_cell(meaning)} |")


def rubric_table(name: str = "default") -> None:
    rubric = load_rubric(name)
    weights = rubric.normalised_weights()
    _out("| id | measure | weight | points |")
    _out("|---|---|---|---|")
    for c in rubric.criteria:
        rule = ", ".join(f"{value} {points:g}" for value, points in c.rule_rows())
        measure = f"`{c.measure}`: {_cell(c.description or '')}"
        _out(f"| `{c.id}` | {measure} | {weights[c.id] * 100:.0f} % | {_cell(rule)} |")


def presets_table() -> None:
    _out("| preset | what it applies | source |")
    _out("|---|---|---|")
    for name in preset_names():
        rubric = load_rubric(name)
        source = _cell(rubric.source or "sovscore's own")
        _out(
            f"| `{name}` | {_cell(rubric.title)}: {len(rubric.criteria)} criteria, "
            f"{len(rubric.gates)} gates{', SEAL levels' if rubric.seal else ''} | {source} |"
        )


def measures_table() -> None:
    _out("| measure | kind | values | description |")
    _out("|---|---|---|---|")
    for m in MEASURES.values():
        values = "0-100" if m.kind == "number" else ", ".join(f"`{v}`" for v in m.table_keys())
        _out(f"| `{m.name}` | {m.kind} | {values} | {_cell(m.description)} |")


if __name__ == "__main__":
    commands_table()
    options_table()
    rubric_table()
    presets_table()
    measures_table()


def minimal_profile() -> None:
    """The skeleton `sovscore new provider acme` writes, as the README's minimal profile."""
    import datetime as dt

    from sovscore.render.scaffold import provider_skeleton

    # `new` writes the installed schema's path, which differs per machine; and today's date.
    text = provider_skeleton("acme", "schemas/providers.schema.json", dt.date(2026, 12, 1))
    _out("```yaml\n" + text + "```")


def data_summary() -> None:
    """How many providers and offers the bundled data holds, and who they are."""
    from sovscore.load.catalogue import load_catalogue

    providers = sorted(load_catalogue().providers.values(), key=lambda p: p.name.lower())
    offers = sum(len(p.offers) for p in providers)
    names = ", ".join(_cell(p.name) for p in providers)
    _out(f"{len(providers)} providers and their {offers} offers: {names}.")


def legal_basis(name: str = "default") -> None:
    """The texts a rubric applies, with when each was issued and took effect."""
    _out("| text | issued | in force | read as |")
    _out("|---|---|---|---|")
    for ref in load_rubric(name).references:
        _out(
            f"| [{_cell(ref.title)}]({ref.url}) | {ref.date} | {ref.in_force_text()} | {ref.kind} |"
        )


def coverage_summary() -> None:
    """The share of the default rubric's cells resting on sourced facts, by provider and offer,
    on the day the bundled data was last reviewed (so the README changes only with the data)."""
    from sovscore.load.catalogue import load_catalogue
    from sovscore.score.coverage import coverage
    from sovscore.score.scoring import rank

    catalogue = load_catalogue()
    day = max(p.reviewed.latest() for p in catalogue.providers.values())
    parts = []
    for unit, words in (("provider", "provider"), ("offer", "offer")):
        ranked = rank(
            catalogue.providers.values(), load_rubric(), day, sources=catalogue.sources, unit=unit
        )
        report = coverage(ranked)
        parts.append(
            f"{report.sourced} of {report.total} {words} x criterion cells "
            f"({report.share * 100:.1f} %)"
        )
    _out(f"As of {day}: {parts[0]} and {parts[1]} rest on sourced facts.")
