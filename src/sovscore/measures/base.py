"""What every measure returns, and the one way to declare a measure."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..model.rubric import Value

if TYPE_CHECKING:
    from ..model.profile import Offer, Provider

__all__ = ["Basis", "Finding", "Measure", "MeasureKind", "Subject", "Value", "measure", "unique"]

MeasureKind = Literal["category", "number", "boolean"]
Basis = Literal["facts", "assessment", "derived", "qualification"]
"""How a value was reached: read from the profile's sourced facts; taken from a published
assessment (a third party's, such as a CSF card); derived from other facts by a documented rule
(a SEAL level worked out by sovscore); or shown by a SecNumCloud 3.2 qualification, which ANSSI
audited, where the facts themselves are unknown."""


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
    basis: Basis = "facts"

    def __post_init__(self) -> None:
        # One type per value: a number is a float wherever it comes from (`sum([])` is the int
        # 0, which mypy accepts for float), so renderers and JSON never meet an int. A bool
        # stays a bool (it is an int to Python, but a yes/no to people).
        if isinstance(self.value, int) and not isinstance(self.value, bool):
            object.__setattr__(self, "value", float(self.value))


@dataclass(frozen=True)
class Subject:
    """What a measure reads: an offer together with the provider that sells it, and the chain
    of offers it runs on (its infrastructure, and that one's, as far as they are loaded)."""

    provider: Provider
    offer: Offer
    runs_on: Subject | None = None
    missing: str | None = None
    """The `runs_on` reference that is not loaded (the chain stops there), if any."""

    @property
    def ref(self) -> str:
        return f"{self.provider.id}/{self.offer.id}"

    @property
    def label(self) -> str:
        return f"{self.provider.name}, {self.offer.name}"

    def chain(self) -> list[Subject]:
        """This offer, then the one it runs on, and so on down."""
        links: list[Subject] = []
        link: Subject | None = self
        while link is not None:
            links.append(link)
            link = link.runs_on
        return links


MeasureFunction = Callable[[Subject, dt.date], Finding]
Level = Literal["provider", "offer"]


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
    """The profile fields its value rests on: the facts that must cite a source. A field of the
    offer is written `offer.location`; the others are the provider's."""

    def __call__(self, subject: Subject, as_of: dt.date) -> Finding:
        return self.function(subject, as_of)

    @property
    def level(self) -> Level:
        """Whether its value is the company's (the same for every offer) or the offer's."""
        return "offer" if any(r.startswith("offer.") for r in self.reads) else "provider"

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
