"""What every measure returns, and how a measure describes itself to rubrics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..model.profile import Provider

Value = str | float | bool


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


@dataclass(frozen=True)
class Measure:
    name: str
    kind: Literal["category", "number", "boolean"]
    description: str
    function: Callable[[Provider, dt.date], Finding]
    values: tuple[str, ...] = ()
    """The values a category measure yields, in order from most to least sovereign."""
    reads: tuple[str, ...] = ()
    """The profile fields its value rests on: the facts that must cite a source."""

    def table_keys(self) -> tuple[str, ...]:
        if self.kind == "boolean":
            return ("true", "false")
        return self.values


def unique(*groups: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for item in group:
            seen.setdefault(item, None)
    return tuple(seen)
