"""What `validate` checks beyond validity: scored facts without a source, undated sources, stale
profiles (`validate --strict` fails on them), and scored facts resting only on compilations or
analyses (`validate --strict-sources` fails on those). Otherwise they are warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Path, Problem
from ..escape import quote
from ..measures import MEASURES
from ..model.profile import STALE_AFTER_MONTHS, Offer, Partnerships, Provider
from ..model.rubric import Rubric
from ..score.evidence import WEAK_KINDS
from .catalogue import Catalogue


@dataclass(frozen=True)
class Audit:
    gaps: list[Problem]
    """Scored facts without a source, undated sources, stale profiles (--strict fails)."""
    weak: list[Problem]
    """Scored facts whose every source is a compilation or an analysis: pointers to check
    against the document itself or the provider's own word (--strict-sources fails)."""


def audit(catalogue: Catalogue, rubric: Rubric, today: dt.date) -> Audit:
    scored = {field for c in rubric.criteria for field in MEASURES[c.measure].reads}
    gaps: list[Problem] = []
    weak: list[Problem] = []
    for provider_id, provider in catalogue.providers.items():
        document, index = catalogue.origin[provider_id]
        if provider.stale_on(today):
            gaps.append(
                document.problem(
                    ("providers", index, "reviewed"),
                    f"{provider.reviewed} is more than {STALE_AFTER_MONTHS} months ago "
                    "(expected a profile checked within the last year)",
                )
            )
        for path, fact, sources in _scored_facts(provider, scored):
            where = ("providers", index, *path, "sources")
            if not sources:
                gaps.append(document.problem(where, f"{fact} is scored but cites no source"))
                continue
            kinds = sorted({catalogue.sources[i].kind for i in sources if i in catalogue.sources})
            if kinds and set(kinds) <= WEAK_KINDS:
                weak.append(
                    document.problem(
                        where,
                        f"{fact} rests only on {' and '.join(kinds)} sources (expected the "
                        "document itself, the provider's own word, or press)",
                    )
                )
    for source_id, source in catalogue.sources.items():
        if source.date is None and source.accessed is None:
            document, index = catalogue.source_origin[source_id]
            gaps.append(
                document.problem(
                    ("sources", index, "date"),
                    "has no date (expected the publication date, or `accessed:` for an undated page)",
                )
            )
    return Audit(gaps, weak)


Fact = tuple[Path, str, list[str]]
"""Where a scored fact is written, what it is, and the sources it cites."""


def _scored_facts(provider: Provider, scored: set[str]) -> Iterator[Fact]:
    """Each fact in a scored field, with where it is written and what it cites."""
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
