"""What every measure returns, and the one way to declare a measure."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..model.rubric import Value

if TYPE_CHECKING:
    from ..model.profile import Provider

__all__ = ["Finding", "Measure", "MeasureKind", "Value", "measure", "unique"]

MeasureKind = Literal["category", "number", "boolean"]


@dataclass(frozen=True)
class Finding:
    """What a measure found: a value (None when the facts are unknown), why, and on what sources."""

    value: Value | None
    reason: str
    sources: tuple[str, ...] = ()
    lower_bound: bool = False
    """The number is only a lower bound (e.g. 'at least 50 %'): the true value may be higher."""
    seal: int | None = None
    """For EU CSF objectives: the SEAL level (0-4) found, None when it cannot be shown."""

    def __post_init__(self) -> None:
        # One type per value: a number is a float wherever it comes from (`sum([])` is the int
        # 0, which mypy accepts for float), so renderers and JSON never meet an int. A bool
        # stays a bool (it is an int to Python, but a yes/no to people).
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            object.__setattr__(self, "value", float(self.value))


MeasureFunction = Callable[["Provider", dt.date], Finding]


@dataclass(frozen=True)
class Measure:
    """A function from a profile (on a day) to one value a rubric can map to points."""

    name: str
    kind: MeasureKind
    description: str
    function: MeasureFunction
    values: tuple[str, ...] = ()
    """The values a category measure yields, in order from most to least sovereign."""
    reads: tuple[str, ...] = ()
    """The profile fields its value rests on: the facts that must cite a source."""

    def __call__(self, provider: Provider, as_of: dt.date) -> Finding:
        return self.function(provider, as_of)

    def table_keys(self) -> tuple[str, ...]:
        if self.kind == "boolean":
            return ("true", "false")
        return self.values


def measure(
    kind: MeasureKind,
    *,
    values: tuple[str, ...] = (),
    reads: tuple[str, ...],
    name: str | None = None,
    description: str | None = None,
) -> Callable[[MeasureFunction], Measure]:
    """Declare a measure: its name is the function's, its description the docstring's first
    paragraph (what `sovscore measures`, rubrics and the README show)."""

    def declare(function: MeasureFunction) -> Measure:
        text = description or inspect.getdoc(function) or ""
        return Measure(
            name=name or function.__name__,
            kind=kind,
            description=" ".join(text.split("\n\n")[0].split()),
            function=function,
            values=values,
            reads=reads,
        )

    return declare


def declared(*namespaces: Iterable[object]) -> dict[str, Measure]:
    """Every measure among these objects (module globals, tuples of measures), by name."""
    found: dict[str, Measure] = {}
    for namespace in namespaces:
        for item in namespace:
            for candidate in item if isinstance(item, tuple) else (item,):
                if isinstance(candidate, Measure):
                    found.setdefault(candidate.name, candidate)
    return found


def unique(*groups: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The items of every group, once each, in first-seen order."""
    seen: dict[str, None] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item, None)
    return tuple(seen)
