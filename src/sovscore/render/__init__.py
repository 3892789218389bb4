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

DataFormat = Literal["json", "ndjson", "csv", "xlsx"]
"""Formats for scripts: UTF-8 whatever the locale, and `--fields` picks their fields."""
Format = Literal["table", DataFormat, "markdown"]
Output = str | bytes
"""What a renderer returns: text, or a binary document (xlsx)."""
FORMATS: tuple[Format, ...] = get_args(Format)
DATA_FORMATS: tuple[DataFormat, ...] = get_args(DataFormat)

__all__ = [
    "DATA_FORMATS",
    "FORMATS",
    "DataFormat",
    "Format",
    "Output",
    "Renderer",
    "Style",
    "renderer_for",
]


class Renderer(Protocol):
    data: bool
    """A data format (UTF-8 whatever the locale), rather than text for people."""

    def ranking(self, ranking: Ranking) -> Output: ...

    def detail(self, detail: Explanation) -> Output: ...

    def sources(self, detail: Explanation) -> Output: ...

    def rubric(self, rubric: Rubric) -> Output: ...

    def rubrics(self, rubrics: list[Rubric]) -> Output: ...

    def compare(self, comparison: Comparison) -> Output: ...

    def sensitivity(self, analysis: Sensitivity) -> Output: ...

    def offers(self, ranking: Ranking, rows: list[OfferRow]) -> Output: ...

    def measures(self, measures: list[Measure]) -> Output: ...

    def diff(self, changes: Diff) -> Output: ...

    def coverage(self, report: Coverage) -> Output: ...

    def due(self, report: Due) -> Output: ...


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

        return CsvRenderer(style.fields, style.csv_dialect)
    if fmt == "xlsx":
        from .xlsx import XlsxRenderer

        return XlsxRenderer(style.fields)
    if fmt == "markdown":
        from .markdown import MarkdownRenderer

        return MarkdownRenderer()
    assert_never(fmt)
