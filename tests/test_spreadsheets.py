"""Spreadsheets: a CSV a French Excel opens in columns, and xlsx workbooks with typed cells."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest

from sovscore.errors import UsageError

from .conftest import provider, providers_document

openpyxl = pytest.importorskip("openpyxl")

AS_OF = "2026-12-01"


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_excel_fr_csv_has_semicolons_a_bom_and_decimal_commas(run: Any) -> None:
    out = run("rank", "--as-of", AS_OF, "-f", "csv", "--csv-dialect", "excel-fr").stdout
    assert out.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(out[1:]), delimiter=";"))
    header, first = rows[0], rows[1]
    assert header[:4] == ["rank", "rank_best", "rank_worst", "id"]
    assert first[header.index("score")] == "90,0"
    assert len({len(r) for r in rows}) == 1
    plain = run("rank", "--as-of", AS_OF, "-f", "csv").stdout
    assert not plain.startswith("\ufeff") and plain.startswith("rank,")


def test_xlsx_has_typed_cells_a_frozen_header_and_widths(run: Any) -> None:
    result = run("rank", "--as-of", AS_OF, "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    sheet = _book(result.stdout_bytes).active
    header = [c.value for c in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["E"].width > 8  # the name column is sized
    first = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert first["id"] == "numspot" and first["rank"] == 1
    assert isinstance(first["score"], int | float) and first["score"] == 90  # a number
    assert first["projected"] is False
    offers = _book(run("offers", "--as-of", AS_OF, "-f", "xlsx").stdout_bytes).active
    header = [c.value for c in offers[1]]
    dates = [row[header.index("since")].value for row in offers.iter_rows(min_row=2)]
    assert any(isinstance(d, dt.datetime) for d in dates)  # days are dates, not text


def test_xlsx_never_writes_a_formula(run: Any, write_yaml: Any) -> None:
    path = write_yaml(providers_document(provider(name='=HYPERLINK("http://x","y")')))
    data = run("rank", "--providers", path, "--format", "xlsx").stdout_bytes
    sheet = _book(data).active
    header = [c.value for c in sheet[1]]
    cell = sheet[2][header.index("name")]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")'  # text, shown


def test_xlsx_fields_and_every_command(run: Any) -> None:
    data = run("rank", "--as-of", AS_OF, "-f", "xlsx", "--fields", "id,score").stdout_bytes
    assert [c.value for c in _book(data).active[1]] == ["id", "score"]
    shown = _book(run("show", "numspot", "--as-of", AS_OF, "-f", "xlsx").stdout_bytes)
    assert shown.active.title == "criteria"


def test_a_workbook_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from sovscore.cli import edge

    class Terminal:
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Terminal())
    with pytest.raises(UsageError, match="binary"):
        edge.emit(b"PK", data=True)
