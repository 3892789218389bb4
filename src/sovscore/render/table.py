"""Tables for people, drawn with rich. Data strings are always Text, never markup."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, cast

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model.profile import Provider
from ..model.rubric import Rubric
from ..score.scoring import ProviderResult, Ranking
from . import Detail, Style
from .text import (
    ELIGIBILITY_MARK,
    citation_line,
    clean,
    gate_names,
    identity_facts,
    one_decimal,
    percent,
    seal_text,
    show_value,
)

if TYPE_CHECKING:
    from ..score.compare import Comparison
    from ..score.sensitivity import Sensitivity

MAX_CRITERIA_COLUMNS = 5
_ASCII_GLYPHS = str.maketrans({"█": "#", "·": ".", "→": ">", "≥": ">", "…": "~", "±": "~"})
"""What the tables draw beyond ASCII, for a terminal whose encoding cannot show it (Latin-1):
one character for one, so that columns stay aligned; rich draws the box lines itself."""
_ELIGIBILITY_STYLE = {"yes": "green", "no": "red", "not shown": "yellow"}
_GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "dark_orange", "E": "red"}


class _Buffer:
    """Where rich draws; its `encoding` tells rich whether box lines may leave ASCII."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def getvalue(self) -> str:
        return "".join(self.parts)


def _text(value: str, style: str = "") -> Text:
    return Text(clean(value), style=style)


def _bar(score: float, width: int = 10) -> Text:
    filled = round(score / 100 * width)
    return Text("█" * filled + "·" * (width - filled), style="cyan")


def _points(points: float | None) -> Text:
    return Text("?", style="dim") if points is None else Text(f"{points:g}")


class TableRenderer:
    data = False

    def __init__(self, style: Style) -> None:
        self.style = style

    def _render(self, *items: RenderableType) -> str:
        buffer = _Buffer("ascii" if self.style.ascii else "utf-8")
        console = Console(
            file=cast(IO[str], buffer),
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
        text = buffer.getvalue()
        return text.translate(_ASCII_GLYPHS) if self.style.ascii else text

    def ranking(self, ranking: Ranking) -> str:
        rubric = ranking.rubric
        unknown = "unknown: 0 points" if rubric.unknown == "zero" else "unknown: left out"
        weights = ", ".join(f"{c.id} {percent(ranking.weights[c.id])}" for c in rubric.criteria)
        table = Table(
            box=box.SIMPLE_HEAVY,
            title=f"Sovereignty ranking as of {ranking.as_of}",
            caption=clean(f"rubric {rubric.id} {rubric.version}: {weights}; {unknown}"),
        )
        table.add_column("#", justify="right")
        table.add_column("Provider", no_wrap=True)
        table.add_column("Score", justify="right")
        table.add_column("", no_wrap=True)
        table.add_column("Grade", justify="center")
        gated = ranking.gated
        if rubric.seal:
            table.add_column("SEAL", no_wrap=True)
        if gated:
            table.add_column("Eligible")
        # Past five criteria the columns no longer fit: `show` and --json give each one.
        columns = rubric.criteria if len(rubric.criteria) <= MAX_CRITERIA_COLUMNS else []
        for c in columns:
            table.add_column(clean(c.label), justify="right")
        table.add_column("Coverage", justify="right")
        if gated:
            table.add_column("Failed gates", overflow="fold")
        for r in ranking.results:
            extra: list[RenderableType] = []
            if rubric.seal:
                extra.append(Text(seal_text(r.seal, r.seal_at_most)))
            if gated:
                mark = ELIGIBILITY_MARK.get(r.eligibility or "", "")
                extra.append(Text(mark, style=_ELIGIBILITY_STYLE.get(mark, "")))
            table.add_row(
                str(r.rank),
                _text(r.provider.name),
                Text(one_decimal(r.score), style="bold"),
                _bar(r.score),
                _text(r.grade, _GRADE_STYLE.get(r.grade, "")),
                *extra,
                *(_points(c.points) for c in r.criteria[: len(columns)]),
                Text(percent(r.coverage), style="" if r.coverage >= 1 else "yellow"),
                *([_text(gate_names(r, "fail"))] if gated else []),
            )
        return self._render(table)

    def detail(self, detail: Detail) -> str:
        result = detail.result
        provider = result.provider
        heading = Text()
        heading.append(clean(provider.name), style="bold")
        heading.append(f"  {one_decimal(result.score)}/100  grade ")
        heading.append(clean(result.grade), style=_GRADE_STYLE.get(result.grade, ""))
        heading.append(
            f"  rank {result.rank} of {detail.total}  coverage {percent(result.coverage)}"
            f"  as of {detail.ranking.as_of}  rubric {detail.ranking.rubric.id}"
        )
        if detail.ranking.rubric.seal:
            heading.append(f"  {seal_text(result.seal, result.seal_at_most)}")
        parts: list[RenderableType] = [heading, _identity(provider), _criteria(result, detail)]
        if result.gates:
            parts.append(_gates(result))
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

    def rubrics(self, rubrics: list[Rubric]) -> str:
        table = Table(
            box=box.SIMPLE_HEAVY, title="Rubric presets (--rubric NAME)", title_justify="left"
        )
        table.add_column("Name", no_wrap=True)
        table.add_column("Version")
        table.add_column("Title", ratio=1)
        table.add_column("Criteria", justify="right")
        table.add_column("Gates", justify="right")
        table.add_column("SEAL")
        for r in rubrics:
            table.add_row(
                Text(r.id, style="cyan"),
                _text(r.version),
                _text(r.title),
                str(len(r.criteria)),
                str(len(r.gates)),
                "yes" if r.seal else "",
            )
        return self._render(table)

    def compare(self, comparison: Comparison) -> str:
        ranking = comparison.ranking
        results = comparison.results
        head = Text(
            clean(
                f"Compared as of {ranking.as_of}, rubric {ranking.rubric.id} {ranking.rubric.version}\n"
            ),
            style="bold",
        )
        table = Table(box=box.SIMPLE_HEAVY, show_lines=True)
        table.add_column("Criterion (weight)")
        for r in results:
            table.add_column(clean(r.provider.name), ratio=1)
        table.add_column("Gap", justify="right")
        for row in comparison.rows:
            cells: list[RenderableType] = []
            for index, cell in enumerate(row.cells):
                text = Text(
                    clean(show_value(cell.value, cell.status)) + "\n",
                    style="" if cell.status != "unknown" else "yellow",
                )
                text.append(
                    f"{_points(cell.points)} pts, +{cell.contribution:.1f}",
                    style="bold green" if index in row.leaders and row.spread > 0 else "",
                )
                cells.append(text)
            table.add_row(
                _text(f"{row.label} ({percent(row.weight)})"), *cells, f"{row.spread:.1f}"
            )
        totals: list[RenderableType] = [
            _text(f"{one_decimal(r.score)} ({r.grade}, rank {r.rank})", "bold") for r in results
        ]
        table.add_row(
            Text("Score", style="bold"),
            *totals,
            f"{max(r.score for r in results) - min(r.score for r in results):.1f}",
        )
        why = Text("What explains the gaps (largest first)\n", style="bold")
        for row in comparison.decisive():
            why.append(f"  {clean(row.label)}: {row.spread:.1f} points apart\n", style="bold")
            for r, cell in zip(results, row.cells, strict=True):
                sources = ", ".join(cell.sources) or "no source"
                why.append(
                    f"    {clean(r.provider.name)}: {clean(cell.reason)} [{clean(sources)}]\n"
                )
        if not comparison.decisive():
            why.append("  no criterion separates them\n")
        return self._render(head, table, why)

    def sensitivity(self, ranking: Ranking, analysis: Sensitivity) -> str:
        names = {r.provider.id: r.provider.name for r in ranking.results}
        scores = {r.provider.id: r.score for r in ranking.results}
        table = Table(
            box=box.SIMPLE_HEAVY,
            title=f"How the ranking holds when weights move (±{analysis.spread * 100:g} %)",
            caption=f"{analysis.samples} samples, seed {analysis.seed}; rank range: 5th-95th percentile",
        )
        table.add_column("#", justify="right")
        table.add_column("Provider", no_wrap=True)
        table.add_column("Score", justify="right")
        table.add_column("Rank range", justify="right")
        table.add_column("Keeps rank", justify="right")
        table.add_column("First", justify="right")
        table.add_column("Gap to next", justify="right")
        table.add_column("Smallest swap with the next", ratio=1)
        below = {pair.upper: pair for pair in analysis.pairs}
        for p in analysis.providers:
            pair = below.get(p.id)
            if pair is None:
                gap, swap = "", ""
            else:
                gap = f"{round(scores[p.id], 1) - round(scores[pair.lower], 1):.1f}"
                swap = (
                    "tied"
                    if pair.tied
                    else (pair.swap.describe() if pair.swap else "no single weight")
                )
            style = "yellow" if p.fragile else ""
            table.add_row(
                str(p.base_rank),
                _text(names[p.id]),
                one_decimal(scores[p.id]),
                Text(
                    f"{p.rank_p5}-{p.rank_p95}" if p.rank_p5 != p.rank_p95 else str(p.rank_p5),
                    style=style,
                ),
                Text(percent(p.p_keeps_rank), style=style),
                percent(p.p_first),
                gap,
                Text(swap, style="yellow" if pair is not None and pair.fragile else ""),
            )
        fragile = [names[p.id] for p in analysis.fragile_providers]
        note = _text(
            "Fragile places (kept in fewer than half the samples): "
            + (", ".join(fragile) or "none"),
            "bold" if fragile else "",
        )
        return self._render(table, note)

    def rubric(self, rubric: Rubric) -> str:
        weights = rubric.normalised_weights()
        head = Text()
        head.append(f"{clean(rubric.title)} ", style="bold")
        head.append(clean(f"({rubric.id} {rubric.version})\n{rubric.description}\n"))
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
        )  # cleaned by _text below
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
            _text(show_value(c.value, c.status), "" if c.status != "unknown" else "yellow"),
            _points(c.points),
            percent(c.weight),
            f"{c.contribution:.1f}",
            _text(c.reason),
            _text("\n".join(c.sources) or "none", "" if c.sources else "red"),
        )
    return table


def _gates(result: ProviderResult) -> RenderableType:
    mark = ELIGIBILITY_MARK.get(result.eligibility or "", "")
    table = Table(box=box.SIMPLE_HEAVY, title=f"Eligibility: {mark}", title_justify="left")
    table.add_column("Gate")
    table.add_column("Article")
    table.add_column("Result")
    table.add_column("Why", ratio=1)
    table.add_column("Sources", overflow="fold")
    style = {"pass": "green", "fail": "red", "unknown": "yellow"}
    for g in result.gates:
        status = {"pass": "met", "fail": "failed", "unknown": "not shown"}[g.status]
        table.add_row(
            _text(g.label),
            _text(g.article or ""),
            Text(status, style=style[g.status]),
            _text(g.reason),
            _text("\n".join(g.sources) or "none"),
        )
    return table


def _sources(detail: Detail) -> RenderableType:
    text = Text("Sources\n", style="bold")
    for citation in detail.citations:
        text.append(f"  {clean(citation.source.id)}", style="cyan")
        text.append(f": {clean(citation_line(citation.source))}\n")
        text.append(f"      supports: {clean('; '.join(citation.supports))}\n", style="dim")
    return text
