"""Tables for people, drawn with rich. Data strings are always Text, never markup."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..profile import Provider
from ..rubric import Rubric
from ..scoring import ProviderResult, Ranking
from . import Detail, Style
from .text import citation_line, clean, identity_facts, one_decimal, percent, show_value

_GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "dark_orange", "E": "red"}


def _text(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)


def _bar(score: float, width: int = 10) -> Text:
    filled = round(score / 100 * width)
    return Text("█" * filled + "·" * (width - filled), style="cyan")


def _points(points: float | None) -> Text:
    return Text("?", style="dim") if points is None else Text(f"{points:g}")


class TableRenderer:
    def __init__(self, style: Style) -> None:
        self.style = style

    def _render(self, *items: RenderableType) -> str:
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            force_terminal=self.style.color,
            no_color=not self.style.color,
            color_system="auto" if self.style.color else None,
            width=self.style.width or 120,
            highlight=False,
            emoji=False,
            markup=False,
        )
        for item in items:
            console.print(item)
        return buffer.getvalue()

    def ranking(self, ranking: Ranking) -> str:
        rubric = ranking.rubric
        unknown = "unknown: 0 points" if rubric.unknown == "zero" else "unknown: left out"
        weights = ", ".join(f"{c.id} {percent(ranking.weights[c.id])}" for c in rubric.criteria)
        table = Table(
            box=box.SIMPLE_HEAVY,
            title=f"Sovereignty ranking as of {ranking.as_of}",
            caption=f"rubric {rubric.id} {rubric.version}: {weights}; {unknown}",
        )
        table.add_column("#", justify="right")
        table.add_column("Provider", no_wrap=True)
        table.add_column("Score", justify="right")
        table.add_column("", no_wrap=True)
        table.add_column("Grade", justify="center")
        for c in rubric.criteria:
            table.add_column(c.label, justify="right")
        table.add_column("Coverage", justify="right")
        for r in ranking.results:
            table.add_row(
                str(r.rank),
                _text(r.provider.name),
                Text(one_decimal(r.score), style="bold"),
                _bar(r.score),
                Text(r.grade, style=_GRADE_STYLE.get(r.grade, "")),
                *(_points(c.points) for c in r.criteria),
                Text(percent(r.coverage), style="" if r.coverage >= 1 else "yellow"),
            )
        return self._render(table)

    def detail(self, detail: Detail) -> str:
        result = detail.result
        provider = result.provider
        heading = Text()
        heading.append(clean(provider.name), style="bold")
        heading.append(f"  {one_decimal(result.score)}/100  grade ")
        heading.append(result.grade, style=_GRADE_STYLE.get(result.grade, ""))
        heading.append(
            f"  rank {result.rank} of {detail.total}  coverage {percent(result.coverage)}"
            f"  as of {detail.ranking.as_of}  rubric {detail.ranking.rubric.id}"
        )
        parts: list[RenderableType] = [heading, _identity(provider), _criteria(result, detail)]
        if result.warnings:
            warnings = Text("Warnings\n", style="bold yellow")
            for w in result.warnings:
                warnings.append(f"  ! {clean(w.message)}\n", style="yellow")
            parts.append(warnings)
        if provider.market_shares:
            market = Text("Market context (not scored)\n", style="bold")
            for m in provider.market_shares:
                market.append(
                    clean(
                        f"  {m.market}, {m.period}: {m.share:g} % ({m.by}; {', '.join(m.sources)})\n"
                    )
                )
            parts.append(market)
        parts.append(_sources(detail))
        return self._render(Group(*parts))

    def sources(self, detail: Detail) -> str:
        provider = detail.result.provider
        table = Table(
            box=box.SIMPLE_HEAVY,
            title=f"Sources for {clean(provider.name)} ({provider.id})",
            title_justify="left",
        )
        table.add_column("Source", overflow="fold")
        table.add_column("Document", ratio=2, overflow="fold")
        table.add_column("Kind")
        table.add_column("Supports", ratio=1)
        for c in detail.citations:
            table.add_row(
                Text(clean(c.source.id), style="cyan"),
                _text(citation_line(c.source)),
                _text(c.source.kind),
                _text("\n".join(c.supports)),
            )
        return self._render(table)

    def rubric(self, rubric: Rubric) -> str:
        weights = rubric.normalised_weights()
        head = Text()
        head.append(f"{clean(rubric.title)} ", style="bold")
        head.append(f"({rubric.id} {rubric.version})\n{clean(rubric.description)}\n")
        unknown = (
            "Unknown facts score 0 and lower coverage."
            if rubric.unknown == "zero"
            else "Unknown facts are left out and the other weights scaled up."
        )
        head.append(unknown)
        table = Table(box=box.SIMPLE_HEAVY, show_lines=True)
        table.add_column("Criterion")
        table.add_column("Weight", justify="right")
        table.add_column("Measure")
        table.add_column("Value → points")
        table.add_column("Rationale", ratio=1)
        for c in rubric.criteria:
            rule = "\n".join(f"{value} → {points:g}" for value, points in c.rule_rows())
            table.add_row(
                _text(f"{c.label} ({c.id})\n{c.description}"),
                percent(weights[c.id]),
                _text(c.measure),
                _text(rule),
                _text(c.rationale),
            )
        grades = ", ".join(
            f"{b.grade} ≥ {b.min:g}" for b in sorted(rubric.grades, key=lambda b: -b.min)
        )
        return self._render(head, table, _text(f"Grades: {grades}"))


def _identity(provider: Provider) -> RenderableType:
    text = Text()
    for label, value in identity_facts(provider):
        text.append(f"{label:>16}: ", style="dim")
        text.append(clean(value) + "\n")
    return text


def _criteria(result: ProviderResult, detail: Detail) -> RenderableType:
    table = Table(box=box.SIMPLE_HEAVY, title="How the score is made", title_justify="left")
    table.add_column("Criterion")
    table.add_column("Value")
    table.add_column("Points", justify="right")
    table.add_column("Weight", justify="right")
    table.add_column("Adds", justify="right")
    table.add_column("Why", ratio=1)
    table.add_column("Sources", overflow="fold")
    for c in result.criteria:
        table.add_row(
            _text(c.label),
            _text(show_value(c.value), "" if c.status == "scored" else "yellow"),
            _points(c.points),
            percent(c.weight),
            f"{c.contribution:.1f}",
            _text(c.reason),
            _text("\n".join(c.sources) or "none", "" if c.sources else "red"),
        )
    return table


def _sources(detail: Detail) -> RenderableType:
    text = Text("Sources\n", style="bold")
    for citation in detail.citations:
        text.append(f"  {clean(citation.source.id)}", style="cyan")
        text.append(f": {clean(citation_line(citation.source))}\n")
        text.append(f"      supports: {clean('; '.join(citation.supports))}\n", style="dim")
    return text
