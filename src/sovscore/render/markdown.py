"""Markdown for reports and tickets (GitHub-flavoured), painted from the same views as tables."""

from __future__ import annotations

from collections.abc import Sequence

from ..escape import clean
from .views import (
    Block,
    Cell,
    Facts,
    Grid,
    Line,
    Notes,
    PaintsViews,
    Title,
    View,
)

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
Markdown reads as emphasis, code, a link or a table cell is escaped with a backslash."""


def inline(text: str) -> str:
    """User text inside a line of Markdown (a cell, a heading, a list item): one line, inert."""
    return clean(text).translate(_MARKDOWN)


def _cell(cell: Cell) -> str:
    """A table cell: its lines joined by <br> (written by us, after escaping the text)."""
    text = "<br>".join(inline(line) for line in cell.text.split("\n"))
    return f"**{text}**" if cell.tone in ("strong", "bad", "warning") and text else text


def _parts(parts: Sequence[Cell]) -> str:
    return "".join(_cell(p) for p in parts).strip()


def _grid(grid: Grid) -> str:
    keep = [i for i, c in enumerate(grid.columns) if not c.bar]
    lines = []
    if grid.title:
        lines += [f"### {inline(grid.title)}", ""]
    lines.append("| " + " | ".join(inline(grid.columns[i].header) for i in keep) + " |")
    lines.append("|" + "|".join(_rule(grid.columns[i].align) for i in keep) + "|")
    lines += ["| " + " | ".join(_cell(row[i]) for i in keep) + " |" for row in grid.rows]
    if grid.caption:
        lines += ["", f"*{inline(grid.caption)}*"]
    return "\n".join(lines) + "\n"


def _rule(align: str) -> str:
    return {"left": "---", "right": "---:", "center": ":---:"}[align]


def _notes(notes: Notes) -> str:
    lines = [f"### {inline(notes.title)}", ""]
    for note in notes.notes:
        lines.append(f"- {_parts(note.parts)}")
        lines += [f"  - {_cell(detail)}" for detail in note.details]
    if not notes.notes and notes.empty:
        lines.append(f"- {inline(notes.empty)}")
    return "\n".join(lines) + "\n"


def _paint(block: Block, first: bool) -> str:
    if isinstance(block, Title):
        return f"## {inline(block.text)}\n"
    if isinstance(block, Line):
        text = _parts(block.parts)
        return f"## {text}\n" if first else f"{text}\n"
    if isinstance(block, Facts):
        return "".join(f"- **{inline(label)}**: {inline(value)}\n" for label, value in block.items)
    if isinstance(block, Grid):
        return _grid(block)
    return _notes(block)


class MarkdownRenderer(PaintsViews):
    def paint(self, view: View) -> str:
        return "\n".join(_paint(block, index == 0) for index, block in enumerate(view))
