"""Read YAML into plain data while remembering where each value was written.

PyYAML's safe loader silently keeps the last of two duplicate keys, expands aliases without limit
and loses positions once data is built; this module refuses the first two and keeps the third.
The parsing itself lives in `yamlparse`, imported only when a YAML text is parsed: a command
whose files are all bundled ones (read from their build-time JSON, `bundled`) never imports
PyYAML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import Path, Problem, format_path


@dataclass
class Positions:
    """Where each value and key was written, and which booleans YAML read from words like NO."""

    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    yaml_booleans: dict[Path, str] = field(default_factory=dict)


@dataclass
class Document:
    """Plain data from one YAML file, with the line and column of every value and key.

    Positions are only needed to report a problem, and recording one per value costs more than
    the data itself: a valid file is read without them, and they are found, by reading the text
    again, the first time a problem asks where it is.
    """

    name: str
    data: Any
    refused: list[tuple[Path, Problem]] = field(default_factory=list)
    """Values that could not be read as plain data, with why; validation reports these first."""
    text: Callable[[], str] | None = field(default=None, repr=False)
    """How to get the text again to find positions."""
    located: Positions | None = field(default=None, repr=False)
    digest: str | None = None
    """SHA-256 of the file's bytes: which facts were scored, so two people can compare."""

    @property
    def positions(self) -> Positions:
        if self.located is None:
            self.located = Positions()
            if self.text is not None:
                self.located = parse(self.text(), self.name, positions=True).positions
        return self.located

    @property
    def yaml_booleans(self) -> dict[Path, str]:
        return self.positions.yaml_booleans

    def refuse(self, path: Path, message: str, *, key: bool = False) -> None:
        self.refused.append((path, self.problem(path, message, key=key)))

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int] | None:
        """Where `path` was written; the nearest enclosing value when it was not written at all."""
        positions = self.positions
        if key and path in positions.keys:
            return positions.keys[path]
        for end in range(len(path), -1, -1):
            found = positions.values.get(path[:end])
            if found is not None:
                return found
        return None

    def problem(self, path: Path, message: str, *, key: bool = False) -> Problem:
        where = self.position(path, key=key)
        return Problem(
            file=self.name,
            message=message,
            line=where[0] if where else None,
            column=where[1] if where else None,
            field=format_path(path) or None,
        )


def parse(
    text: str, name: str, *, positions: bool = False, reread: Callable[[], str] | None = None
) -> Document:
    """Parse one YAML document into plain data; refuse anything but plain data.

    Without `positions`, none are recorded: the document finds them when a problem needs them,
    by calling `reread` (or keeping `text`)."""
    from .yamlparse import NeedPositions

    if not positions:
        try:
            document = _parse(text, name, None)
        except NeedPositions:
            return parse(text, name, positions=True)
        document.text = reread or (lambda: text)
        return document
    return _parse(text, name, Positions())


def _parse(text: str, name: str, positions: Positions | None) -> Document:
    from .yamlparse import fill

    document = Document(name=name, data=None, located=positions)
    fill(document, text, positions)
    return document
