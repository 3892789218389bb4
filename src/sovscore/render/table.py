"""Tables for people, painted with rich from the views. Data strings are always Text, never
markup, and always cleaned of control characters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, cast

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from ..escape import clean
from .style import Style
from .views import (
    Block,
    Cell,
    Facts,
    Grid,
    Line,
    Notes,
    PaintsViews,
    Title,
    Tone,
    View,
)

_ASCII_GLYPHS = str.maketrans({"█": "#", "·": ".", "→": ">", "≥": ">", "…": "~", "±": "~"})
"""What the tables draw beyond ASCII, for a terminal whose encoding cannot show it (Latin-1):
one character for one, so that columns stay aligned; rich draws the box lines itself."""
_TONES: dict[Tone, str] = {
    "plain": "",
    "strong": "bold",
    "dim": "dim",
    "accent": "cyan",
    "good": "green",
    "bad": "red",
    "unknown": "yellow",
    "warning": "yellow",
}
_GRADES = {"A": "bold green", "B": "green", "C": "yellow", "D": "dark_orange", "E": "red"}
BAR_WIDTH = 10


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


def _style(cell: Cell) -> str:
    if cell.tone == "grade":
        return _GRADES.get(cell.text, "")
    return _TONES[cell.tone]


def _text(cell: Cell) -> Text:
    if cell.bar is not None:
        filled = round(cell.bar / 100 * BAR_WIDTH)
        return Text("█" * filled + "·" * (BAR_WIDTH - filled), style="cyan")
    return Text(clean(cell.text), style=_style(cell))


def _line(parts: Sequence[Cell]) -> Text:
    text = Text()
    for part in parts:
        text.append(clean(part.text), style=_style(part))
    return text


def _grid(grid: Grid, console: Console) -> Table:
    """The grid as a table that fits the console: when its columns cannot all fit, headers
    take their short form, then the score bars go, then the padding inside cells, then the
    optional columns, the most optional first, then right first. Rich alone would cut every column with an ellipsis."""
    keep = list(range(len(grid.columns)))
    short = tight = False
    bars = [i for i, c in enumerate(grid.columns) if c.bar]
    optional = sorted(
        (i for i, c in enumerate(grid.columns) if c.optional),
        key=lambda i: (-grid.columns[i].optional, -i),
    )
    while _least_width(grid, keep, short, tight) > console.width:
        if not short and any(c.short for c in grid.columns):
            short = True
        elif bars:
            keep.remove(bars.pop(0))
        elif not tight:
            tight = True
        elif optional:
            keep.remove(optional.pop(0))
        else:
            break
    return _table(grid, keep, short, tight)


def _least_width(grid: Grid, keep: list[int], short: bool, tight: bool) -> int:
    """The narrowest the table can be drawn without cutting a word: a column that does not
    wrap needs its longest line, one that wraps its longest word (rich's own measure takes
    every column as wrappable); each column is padded by a space a side (unless `tight`),
    and separated from the next by one."""
    total = 1
    for i in keep:
        column = grid.columns[i]
        header = column.short if short and column.short else column.header
        texts = [header, *(row[i].text for row in grid.rows)]
        if column.bar:
            need = BAR_WIDTH
        elif column.wrap and not (short and column.short):
            need = max((cell_len(word) for text in texts for word in text.split()), default=0)
        else:
            need = max((cell_len(line) for text in texts for line in text.splitlines()), default=0)
        total += need + (1 if tight else 3)
    return total


def _table(grid: Grid, keep: list[int], short: bool, tight: bool) -> Table:
    table = Table(
        box=box.SIMPLE_HEAVY,
        title=clean(grid.title) if grid.title else None,
        caption=clean(grid.caption) if grid.caption else None,
        title_justify="left" if grid.title and not grid.caption else "center",
        show_lines=grid.ruled,
        padding=(0, 0) if tight else (0, 1),
    )
    for i in keep:
        column = grid.columns[i]
        header = column.short if short and column.short else column.header
        table.add_column(
            clean(header),
            justify=column.align,
            # A short header is one word: its column is drawn whole, never cut.
            no_wrap=not column.wrap or (short and column.short is not None),
            ratio=column.ratio,
            overflow="fold" if column.fold else "ellipsis",
        )
    for row in grid.rows:
        table.add_row(*(_text(row[i]) for i in keep))
    return table


def _notes(notes: Notes) -> Text:
    text = Text(f"{clean(notes.title)}\n", style=_TONES[notes.tone] or "bold")
    for note in notes.notes:
        text.append("  ")
        for part in note.parts:
            text.append(clean(part.text), style=_style(part))
        text.append("\n")
        for detail in note.details:
            text.append(f"      {clean(detail.text)}\n", style=_style(detail))
    if not notes.notes and notes.empty:
        text.append(f"  {clean(notes.empty)}\n")
    return text


def _facts(facts: Facts) -> Text:
    text = Text()
    for label, value in facts.items:
        text.append(f"{label:>16}: ", style="dim")
        text.append(clean(value) + "\n")
    return text


def _paint(block: Block, console: Console) -> RenderableType:
    if isinstance(block, Title):
        return Text(clean(block.text), style="bold")
    if isinstance(block, Line):
        return _line(block.parts)
    if isinstance(block, Facts):
        return _facts(block)
    if isinstance(block, Grid):
        return _grid(block, console)
    return _notes(block)


class TableRenderer(PaintsViews):
    def __init__(self, style: Style) -> None:
        self.style = style

    def paint(self, view: View) -> str:
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
        for block in view:
            console.print(_paint(block, console))
        text = buffer.getvalue()
        return text.translate(_ASCII_GLYPHS) if self.style.ascii else text
