"""How much a score's evidence can bear: the grade of each criterion's sources, the range its
unknown facts leave open, the notes that say why a fact is unknown, and when the registers were
last read. Pure: read from the validated models and the sources they cite.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence

from ..errors import Path
from ..escape import quote
from ..measures import Measure
from ..measures.base import Finding, Subject
from ..model.profile import Offer, Partnerships, Provider, Scheme, Source, SourceKind
from ..model.rubric import Criterion

KIND_STRENGTH: tuple[SourceKind, ...] = ("official", "provider", "press", "analysis", "compilation")
"""Source kinds from the strongest to the weakest evidence of a fact: the document itself, its
author's own word, journalism, an independent assessment (an opinion, however careful), and a
copy or digest of other documents (a pointer to check, never the document)."""
PRIMARY_KINDS: frozenset[SourceKind] = frozenset({"official", "provider"})
"""What a fact's primary evidence is: the official document, or the provider's own statement."""
WEAK_KINDS: frozenset[SourceKind] = frozenset({"analysis", "compilation"})
"""A fact resting only on these should be checked against a primary source."""


def strongest_kind(ids: Iterable[str], sources: Mapping[str, Source]) -> SourceKind | None:
    """The grade of a fact: the kind of its strongest source (None: no known source)."""
    kinds = {sources[i].kind for i in ids if i in sources}
    return next((kind for kind in KIND_STRENGTH if kind in kinds), None)


def possible_values(measure: Measure, lowest: float | None = None) -> list[str | float | bool]:
    """Every value the measure can yield (a number: 0-100, or `lowest`-100 for a bound)."""
    if measure.kind == "boolean":
        return [True, False]
    if measure.kind == "category":
        return list(measure.values)
    return [lowest if lowest is not None else 0.0, 100.0]


def points_bounds(
    criterion: Criterion, measure: Measure, finding: Finding, points: float | None
) -> tuple[float, float]:
    """The fewest and most points the criterion can earn whatever the unknown facts are: its
    points when the value is known; over every value the measure can yield when it is not; from
    the bound up when the value is only a lower bound ("at least 50 %")."""
    if points is not None and not finding.lower_bound:
        return points, points
    lowest = float(finding.value) if finding.lower_bound and finding.value is not None else None
    candidates = possible_values(measure, lowest)
    if measure.kind == "number":
        # Points are a step or a line in the number: its ends and every step inside decide.
        low_end = float(candidates[0])
        steps = [t.min for t in criterion.thresholds or () if low_end <= t.min <= 100.0]
        candidates = [low_end, 100.0, *steps]
    earned = [_points_or_zero(criterion, value) for value in candidates]
    return min(earned), max(earned)


def _points_or_zero(criterion: Criterion, value: str | float | bool) -> float:
    try:
        return criterion.points(value)
    except KeyError:  # a table that leaves a value out gives it nothing
        return 0.0


def fact_notes(subject: Subject, reads: Sequence[str]) -> tuple[str, ...]:
    """The notes written beside the facts a measure reads (what was looked for, what was found),
    on the offer and its provider, once each."""
    found: dict[str, None] = {}
    for field in reads:
        owner: object = subject.offer if field.startswith("offer.") else subject.provider
        value = getattr(owner, field.removeprefix("offer."), None)
        for item in _items(value):
            note = getattr(item, "note", None)
            if isinstance(note, str) and note.strip():
                found.setdefault(" ".join(note.split()), None)
    return tuple(found)


def _items(value: object) -> Iterator[object]:
    """The value, its list items, and a qualification's events (each may carry a note)."""
    for item in value if isinstance(value, list) else [value]:
        if item is None:
            continue
        yield item
        yield from getattr(item, "history", ())


def primary_share(contributions: Sequence[tuple[float, SourceKind | None]]) -> float | None:
    """The share of a score resting on primary evidence (official or provider sources); None
    for a score of 0, which rests on nothing."""
    total = math.fsum(c for c, _ in contributions)
    if total <= 0:
        return None
    primary = math.fsum(c for c, kind in contributions if kind in PRIMARY_KINDS)
    return min(1.0, primary / total)


def register_reads(providers: Iterable[Provider], as_of: dt.date) -> dict[Scheme, dt.date]:
    """When each scheme's register was last read by the day, as far as the data says: a check
    of the list, or a status seen held on a day (`bound: by`)."""
    last: dict[Scheme, dt.date] = {}

    def saw(scheme: Scheme, day: dt.date) -> None:
        if day <= as_of and (scheme not in last or day > last[scheme]):
            last[scheme] = day

    for provider in providers:
        for check in provider.register_checks:
            saw(check.scheme, check.date.latest())
        for offer in provider.offers:
            for qualification in offer.qualifications:
                for event in qualification.history:
                    if event.bound == "by":
                        saw(qualification.scheme, event.date.latest())
    return dict(sorted(last.items()))


Fact = tuple[Path, str, list[str]]
"""Where a scored fact is written, what it is, and the sources it cites."""


def scored_facts(provider: Provider, scored: set[str]) -> Iterator[Fact]:
    """Each fact in a field a rubric scores (`scored`: the fields its measures read), with
    where it is written, what it is, and what it cites: what `validate` checks for sources and
    `due` for weak ones."""
    ownership = provider.ownership
    if "ownership" in scored and ownership is not None:
        if ownership.complete is not None or ownership.controlled_by is not None:
            yield ("ownership",), "who controls the provider", ownership.sources
        for i, holder in enumerate(ownership.holders or []):
            yield ("ownership", "holders", i), f"holder {quote(holder.name)}", holder.sources
    partnerships = provider.partnerships
    if "partnerships" in scored and partnerships is not None:
        yield from _ties(("partnerships",), partnerships, "partnership")
    exposure = provider.extraterritorial_exposure
    claimed = exposure is not None and exposure.exposed is not None
    if "extraterritorial_exposure" in scored and claimed and exposure:
        yield ("extraterritorial_exposure",), "extraterritorial exposure", exposure.sources
    for o, offer in enumerate(provider.offers):
        for path, fact, sources in _offer_facts(offer, scored):
            yield ("offers", o, *path), f"{quote(offer.name)}: {fact}", sources


def _ties(path: Path, ties: Partnerships, what: str) -> Iterator[Fact]:
    if not ties.items:
        yield path, f"'no {what}'", ties.sources
    for i, item in enumerate(ties.items):
        yield (*path, "items", i), f"{what} with {quote(item.partner)}", item.sources


def _offer_facts(offer: Offer, scored: set[str]) -> Iterator[Fact]:
    if "offer.qualifications" in scored:
        for q, qualification in enumerate(offer.qualifications):
            for e, event in enumerate(qualification.history):
                yield (
                    ("qualifications", q, "history", e),
                    f"{qualification.scheme} {event.status} {event.date}",
                    event.sources,
                )
    if "offer.technology" in scored and offer.technology is not None:
        yield from _ties(("technology",), offer.technology, "technology")
    for name, part in (
        ("location", offer.location),
        ("administration", offer.administration),
        ("non_eu_access", offer.non_eu_access),
    ):
        if f"offer.{name}" in scored and part is not None:
            yield (name,), name.replace("_", " "), part.sources
