"""Excel workbooks (openpyxl): the CSV's tables as typed cells, one sheet per table.

Numbers stay numbers, days become dates, the header row is frozen and columns are sized.
Every text is written as a string, never as a formula: a name such as `=HYPERLINK(...)` is
shown, not run. A workbook is binary: the CLI writes it to a pipe or a file, not a terminal.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from .csv import CsvRenderer

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from ..measures.base import Measure
    from ..model.rubric import Rubric
    from ..score.compare import Comparison
    from ..score.coverage import Coverage, Due
    from ..score.diff import Diff
    from ..score.explain import Explanation
    from ..score.offers import OfferRow
    from ..score.scoring import Ranking
    from ..score.sensitivity import Sensitivity

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
LIST_SEPARATOR = " "
"""Lists inside a cell are joined as the CSV joins them."""
MAX_COLUMN_WIDTH = 60


class _Tables(CsvRenderer):
    """The CSV renderer's tables, kept as values rather than written as text."""

    def __init__(self, fields: tuple[str, ...] | None) -> None:
        super().__init__(fields)
        self.tables: list[tuple[list[str], list[list[Any]]]] = []

    def _table(self, header: list[str], rows: Iterable[list[Any]]) -> str:
        self.tables.append((header, [list(row) for row in rows]))
        return ""


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 10 and _DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Cell:
    cell = WriteOnlyCell(sheet, value=_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"  # text, never a formula (openpyxl reads "=..." as one)
    elif isinstance(cell.value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def workbook(tables: list[tuple[list[str], list[list[Any]]]], name: str) -> bytes:
    """One sheet per table, named after what its rows are."""
    book = Workbook(write_only=True)
    for n, (header, rows) in enumerate(tables):
        sheet = book.create_sheet(name if n == 0 else f"{name} {n + 1}")
        sheet.freeze_panes = "A2"
        for i, title in enumerate(header, start=1):
            longest = max((len(str(_value(r[i - 1]) or "")) for r in rows), default=0)
            width = min(MAX_COLUMN_WIDTH, max(len(title), longest) + 2)
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.append([_cell(sheet, h) for h in header])
        for row in rows:
            sheet.append([_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class XlsxRenderer:
    data = True

    def __init__(self, fields: tuple[str, ...] | None = None) -> None:
        self.fields = fields

    def _book(self, name: str, draw: Callable[[_Tables], object]) -> bytes:
        tables = _Tables(self.fields)
        draw(tables)
        return workbook(tables.tables, name)

    def ranking(self, ranking: Ranking) -> bytes:
        return self._book(ranking.unit + "s", lambda t: t.ranking(ranking))

    def detail(self, detail: Explanation) -> bytes:
        return self._book("criteria", lambda t: t.detail(detail))

    def sources(self, detail: Explanation) -> bytes:
        return self._book("sources", lambda t: t.sources(detail))

    def rubric(self, rubric: Rubric) -> bytes:
        return self._book("rubric", lambda t: t.rubric(rubric))

    def rubrics(self, rubrics: list[Rubric]) -> bytes:
        return self._book("rubrics", lambda t: t.rubrics(rubrics))

    def compare(self, comparison: Comparison) -> bytes:
        return self._book("comparison", lambda t: t.compare(comparison))

    def sensitivity(self, analysis: Sensitivity) -> bytes:
        return self._book("sensitivity", lambda t: t.sensitivity(analysis))

    def offers(self, ranking: Ranking, rows: list[OfferRow]) -> bytes:
        return self._book("offers", lambda t: t.offers(ranking, rows))

    def measures(self, measures: list[Measure]) -> bytes:
        return self._book("measures", lambda t: t.measures(measures))

    def diff(self, changes: Diff) -> bytes:
        return self._book("changes", lambda t: t.diff(changes))

    def coverage(self, report: Coverage) -> bytes:
        return self._book("coverage", lambda t: t.coverage(report))

    def due(self, report: Due) -> bytes:
        return self._book("due", lambda t: t.due(report))
