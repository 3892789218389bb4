"""Results to text: one module per format, behind one interface, chosen from one list.

`Format` is the one list of formats: the CLI's `--format` choices are its values, and
`renderer_for` maps each to its renderer (mypy checks the mapping is exhaustive).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol, assert_never, get_args

from .style import Style

if TYPE_CHECKING:
    from ..measures.base import Measure
    from ..model.rubric import Rubric
    from ..score.compare import Comparison
    from ..score.coverage import Coverage, Due
    from ..score.diff import Diff
    from ..score.explain import Explanation
    from ..score.offers import OfferRow
    from ..score.scoring import Ranking
    from ..score.sensitivity import Sensitivity

DataFormat = Literal["json", "ndjson", "csv"]
"""Formats for scripts: UTF-8 whatever the locale, and `--fields` picks their fields."""
Format = Literal["table", DataFormat, "markdown"]
FORMATS: tuple[Format, ...] = get_args(Format)
DATA_FORMATS: tuple[DataFormat, ...] = get_args(DataFormat)

__all__ = ["DATA_FORMATS", "FORMATS", "DataFormat", "Format", "Renderer", "Style", "renderer_for"]


class Renderer(Protocol):
    data: bool
    """A data format (UTF-8 whatever the locale), rather than text for people."""

    def ranking(self, ranking: Ranking) -> str: ...

    def detail(self, detail: Explanation) -> str: ...

    def sources(self, detail: Explanation) -> str: ...

    def rubric(self, rubric: Rubric) -> str: ...

    def rubrics(self, rubrics: list[Rubric]) -> str: ...

    def compare(self, comparison: Comparison) -> str: ...

    def sensitivity(self, analysis: Sensitivity) -> str: ...

    def offers(self, ranking: Ranking, rows: list[OfferRow]) -> str: ...

    def measures(self, measures: list[Measure]) -> str: ...

    def diff(self, changes: Diff) -> str: ...

    def coverage(self, report: Coverage) -> str: ...

    def due(self, report: Due) -> str: ...


def renderer_for(fmt: Format, style: Style) -> Renderer:
    """The renderer of a format; each module is imported only when its format is asked for."""
    if fmt == "table":
        from .table import TableRenderer

        return TableRenderer(style)
    if fmt == "json":
        from .json import JsonRenderer

        return JsonRenderer(style.fields)
    if fmt == "ndjson":
        from .ndjson import NdjsonRenderer

        return NdjsonRenderer(style.fields)
    if fmt == "csv":
        from .csv import CsvRenderer

        return CsvRenderer(style.fields)
    if fmt == "markdown":
        from .markdown import MarkdownRenderer

        return MarkdownRenderer()
    assert_never(fmt)
