"""How the terminal we write to wants text drawn: its colour, width and encoding, and for data
formats the fields asked for. Known at the CLI's edge, handed to the renderer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

CsvDialect = Literal["excel", "excel-fr"]
CSV_DIALECTS: tuple[CsvDialect, ...] = get_args(CsvDialect)
"""excel: commas and points (RFC 4180, what scripts read); excel-fr: what a French Excel opens
in columns with its accents, semicolons, a UTF-8 byte-order mark and decimal commas."""


@dataclass(frozen=True)
class Style:
    color: bool = False
    width: int | None = None
    fields: tuple[str, ...] | None = None
    """For json, ndjson and csv rankings: only these fields of each provider, in this order."""
    ascii: bool = False
    """The terminal's encoding cannot show box lines and bars: draw them in ASCII."""
    csv_dialect: CsvDialect = "excel"
    """csv: commas (excel), or semicolons, a byte-order mark and decimal commas (excel-fr)."""
