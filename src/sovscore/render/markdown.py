"""Markdown for reports and tickets: GitHub-flavoured tables."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model.rubric import Rubric
from ..score.scoring import Ranking
from . import Detail
from .text import citation_line, clean, identity_facts, one_decimal, percent, show_value

if TYPE_CHECKING:
    from ..score.compare import Comparison
    from ..score.sensitivity import Sensitivity


_MARKDOWN = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        **{c: "\\" + c for c in "\\`*_[]|~"},
        "\n": " ",
    }
)
"""Data is text, never markup: HTML is written as entities (no tag, no autolink), and what
Markdown reads as emphasis, code, a link, a heading or a table cell is escaped with a backslash."""


def _cell(text: str) -> str:
    """User text inside a line of Markdown (a cell, a heading, a list item): one line, inert."""
    return clean(text).translate(_MARKDOWN)


def _table(header: list[str], rows: Iterable[list[str]]) -> str:
    lines = [
        "| " + " | ".join(_cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _points(points: float | None) -> str:
    return "?" if points is None else f"{points:g}"


class MarkdownRenderer:
    data = False

    def ranking(self, ranking: Ranking) -> str:
        criteria = ranking.rubric.criteria
        header = ["#", "Provider", "Score", "Grade", *(c.label for c in criteria), "Coverage"]
        rows = [
            [
                str(r.rank),
                r.provider.name,
                one_decimal(r.score),
                r.grade,
                *(_points(c.points) for c in r.criteria),
                percent(r.coverage),
            ]
            for r in ranking.results
        ]
        title = f"Sovereignty ranking as of {ranking.as_of} (rubric {ranking.rubric.id} {ranking.rubric.version})"
        return f"## {_cell(title)}\n\n" + _table(header, rows)

    def detail(self, detail: Detail) -> str:
        result = detail.result
        p = result.provider
        out = [
            f"## {_cell(f'{p.name}: {one_decimal(result.score)}/100, grade {result.grade}')}\n",
            f"Rank {result.rank} of {detail.total} as of {detail.ranking.as_of}; "
            f"coverage {percent(result.coverage)}.\n\n",
            "".join(f"- **{label}**: {_cell(value)}\n" for label, value in identity_facts(p)),
            "\n",
        ]
        rows = [
            [
                c.label,
                show_value(c.value, c.status),
                _points(c.points),
                percent(c.weight),
                f"{c.contribution:.1f}",
                c.reason,
                ", ".join(c.sources),
            ]
            for c in result.criteria
        ]
        out.append(
            _table(
                ["Criterion", "Value", "Points", "Weight", "Contribution", "Reason", "Sources"],
                rows,
            )
        )
        if result.warnings:
            out.append(
                "\n### Warnings\n\n" + "".join(f"- {_cell(w.message)}\n" for w in result.warnings)
            )
        if detail.citations:
            out.append("\n### Sources\n\n" + self._citations(detail))
        return "".join(out)

    def sources(self, detail: Detail) -> str:
        heading = f"## Sources for {_cell(detail.result.provider.name)}\n\n"
        return heading + self._citations(detail)

    @staticmethod
    def _citations(detail: Detail) -> str:
        return "".join(
            f"- `{c.source.id}`: {_cell(citation_line(c.source))}\n"
            f"  supports: {_cell('; '.join(c.supports))}\n"
            for c in detail.citations
        )

    def rubrics(self, rubrics: list[Rubric]) -> str:
        rows = [
            [
                r.id,
                r.version,
                r.title,
                str(len(r.criteria)),
                str(len(r.gates)),
                "yes" if r.seal else "",
            ]
            for r in rubrics
        ]
        return "## Rubric presets\n\n" + _table(
            ["Name", "Version", "Title", "Criteria", "Gates", "SEAL"], rows
        )

    def compare(self, comparison: Comparison) -> str:
        results = comparison.results
        header = ["Criterion", *(r.provider.name for r in results), "Gap"]
        rows = [
            [
                f"{row.label} ({percent(row.weight)})",
                *(
                    f"{show_value(c.value, c.status)}: {_points(c.points)} pts, +{c.contribution:.1f}"
                    for c in row.cells
                ),
                f"{row.spread:.1f}",
            ]
            for row in comparison.rows
        ]
        rows.append(
            ["Score", *(f"{one_decimal(r.score)} ({r.grade}, rank {r.rank})" for r in results), ""]
        )
        out = [
            f"## Comparison as of {comparison.ranking.as_of} (rubric {_cell(comparison.ranking.rubric.id)})\n\n",
            _table(header, rows),
        ]
        out.append("\n### What explains the gaps\n\n")
        for row in comparison.decisive():
            out.append(f"- **{_cell(row.label)}** ({row.spread:.1f} points apart)\n")
            for r, cell in zip(results, row.cells, strict=True):
                out.append(
                    f"  - {_cell(r.provider.name)}: {_cell(cell.reason)} ({_cell(', '.join(cell.sources) or 'no source')})\n"
                )
        return "".join(out)

    def sensitivity(self, ranking: Ranking, analysis: Sensitivity) -> str:
        names = {r.provider.id: r.provider.name for r in ranking.results}
        rows = [
            [
                str(p.base_rank),
                names[p.id],
                f"{p.rank_p5}-{p.rank_p95}",
                percent(p.p_keeps_rank),
                percent(p.p_first),
                "fragile" if p.fragile else "",
            ]
            for p in analysis.providers
        ]
        pairs = [
            [
                f"{names[p.upper]} > {names[p.lower]}",
                "tied" if p.tied else (p.swap.describe() if p.swap else "no single weight"),
                "fragile" if p.fragile else "",
            ]
            for p in analysis.pairs
        ]
        return (
            f"## Ranking sensitivity ({analysis.samples} samples, weights ±{analysis.spread * 100:g} %, seed {analysis.seed})\n\n"
            + _table(["#", "Provider", "Rank range (5-95 %)", "Keeps rank", "First", ""], rows)
            + "\n### Neighbours: the smallest single-weight change that swaps them\n\n"
            + _table(["Pair", "Swap", ""], pairs)
        )

    def rubric(self, rubric: Rubric) -> str:
        weights = rubric.normalised_weights()
        out = [
            f"## {_cell(f'{rubric.title} ({rubric.id} {rubric.version})')}\n\n{_cell(rubric.description)}\n\n"
        ]
        for c in rubric.criteria:
            out.append(
                f"### {_cell(c.label)} ({percent(weights[c.id])})\n\n{_cell(c.rationale)}\n\n"
            )
            rows = [[value, f"{points:g}"] for value, points in c.rule_rows()]
            out.append(_table(["Value", "Points"], rows) + "\n")
        return "".join(out)
