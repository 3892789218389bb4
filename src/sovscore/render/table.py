"""Tables for people, painted with rich from the views. Data strings are always Text, never
markup, and always cleaned of control characters."""

from __future__ import annotations

import re
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
LABEL_WIDTH = 16
"""The widest label of a record drawn as `label: value` lines (as the facts of `show`)."""


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


def _grid(grid: Grid, console: Console) -> Table | Text:
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
            # Still too wide: one record after the other, every column kept, nothing cut.
            return _stacked(grid, console.width)
    return _table(grid, keep, short, tight)


def _need(grid: Grid, i: int, short: bool) -> int:
    """The narrowest column `i` can be without cutting a word (see `_least_width`)."""
    column = grid.columns[i]
    header = column.short if short and column.short else column.header
    texts = [header, *(row[i].text for row in grid.rows)]
    if column.bar:
        return BAR_WIDTH
    if column.wrap and not (short and column.short):
        return max((cell_len(word) for text in texts for word in text.split()), default=0)
    return max((cell_len(line) for text in texts for line in text.splitlines()), default=0)


def _hanging(text: Text, width: int, first: int, rest: int) -> Text:
    """`text` wrapped at spaces to `width`, its first line indented by `first` spaces and the
    others by `rest` (a hanging indent). A word longer than a line (a URL, a source id) is
    never broken: it stands whole on a line of its own."""
    room = max(1, width - max(first, rest))
    out = Text()
    lines = [line for part in text.split("\n") for line in part.divide(_breaks(part.plain, room))]
    for n, line in enumerate(lines):
        line.rstrip()
        out.append(" " * (first if n == 0 else rest))
        out.append_text(line)
        out.append("\n")
    return out


def _breaks(plain: str, room: int) -> list[int]:
    """Where to break `plain` into lines of at most `room` cells, at spaces only."""
    breaks: list[int] = []
    start = 0
    for word in re.finditer(r"\S+\s*", plain):
        end = word.start() + len(word.group().rstrip())
        if word.start() > start and cell_len(plain[start:end]) > room:
            breaks.append(word.start())
            start = word.start()
    return breaks


def _stacked(grid: Grid, width: int) -> Text:
    """A grid too wide for the width as records: the first column's text as a heading, then
    each other column as `header: value` with a hanging indent."""
    text = Text()
    if grid.title:
        text.append(clean(grid.title) + "\n", style="bold")
    cap = max(4, min(LABEL_WIDTH, width // 3))
    # A header too long for the labels' column gives its short form, when it has one.
    headers = [
        clean(c.short if c.short and cell_len(c.header) > cap else c.header) for c in grid.columns
    ]
    label = min(max((cell_len(h) for h in headers[1:]), default=0), cap)
    for row in grid.rows:
        text.append("\n")
        text.append_text(_hanging(_text(row[0]), width, 0, 2))
        for column, header, cell in zip(grid.columns[1:], headers[1:], row[1:], strict=True):
            if column.bar or not cell.text.strip():
                continue
            value = Text(f"{header}: ".rjust(label + 4), style="dim")
            value.append_text(_text(cell))
            text.append_text(_hanging(value, width, 0, label + 4))
    if grid.caption:
        text.append("\n")
        text.append_text(_hanging(Text(clean(grid.caption), style="dim"), width, 0, 0))
    return text


def _least_width(grid: Grid, keep: list[int], short: bool, tight: bool) -> int:
    """The narrowest the table can be drawn without cutting a word: a column that does not
    wrap needs its longest line, one that wraps its longest word (rich's own measure takes
    every column as wrappable); each column is padded by a space a side (unless `tight`),
    and separated from the next by one."""
    return 1 + sum(_need(grid, i, short) + (1 if tight else 3) for i in keep)


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
            # The narrowest it can be without cutting a word: rich would otherwise shrink it
            # further and cut ("qualifica…").
            min_width=_need(grid, i, short),
        )
    for row in grid.rows:
        table.add_row(*(_text(row[i]) for i in keep))
    return table


def _notes(notes: Notes, width: int) -> Text:
    text = _hanging(Text(clean(notes.title), style=_TONES[notes.tone] or "bold"), width, 0, 2)
    for note in notes.notes:
        text.append_text(_hanging(_line(note.parts), width, 2, 6))
        for detail in note.details:
            shown = Text(clean(detail.text), style=_style(detail))
            text.append_text(_hanging(shown, width, 6, 8))
    if not notes.notes and notes.empty:
        text.append_text(_hanging(Text(clean(notes.empty)), width, 2, 4))
    return text


def _facts(facts: Facts, width: int) -> Text:
    text = Text()
    for label, value in facts.items:
        line = Text(f"{label:>16}: ", style="dim")
        line.append(clean(value))
        text.append_text(_hanging(line, width, 0, 18))
    return text


def _paint(block: Block, console: Console) -> RenderableType:
    if isinstance(block, Title):
        return Text(clean(block.text), style="bold")
    if isinstance(block, Line):
        return _line(block.parts)
    if isinstance(block, Facts):
        return _facts(block, console.width)
    if isinstance(block, Grid):
        return _grid(block, console)
    return _notes(block, console.width)


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
            painted = _paint(block, console)
            # Text is wrapped here already (hanging indents, whole words): rich must neither
            # wrap it again nor cut a URL longer than the width.
            console.print(painted, soft_wrap=isinstance(painted, Text) and "\n" in painted.plain)
        text = buffer.getvalue()
        return text.translate(_ASCII_GLYPHS) if self.style.ascii else text
