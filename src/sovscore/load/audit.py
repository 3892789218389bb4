"""What `validate` checks beyond validity: scored facts without a source, undated sources, stale
profiles. Plain `validate` reports these as warnings; `validate --strict` fails on them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..errors import Path, Problem
from ..escape import quote
from ..measures import MEASURES
from ..model.profile import STALE_AFTER_MONTHS, Offer, Partnerships, Provider
from ..model.rubric import Rubric
from .catalogue import Catalogue


def audit(catalogue: Catalogue, rubric: Rubric, today: dt.date) -> list[Problem]:
    scored = {field for c in rubric.criteria for field in MEASURES[c.measure].reads}
    problems: list[Problem] = []
    for provider_id, provider in catalogue.providers.items():
        document, index = catalogue.origin[provider_id]
        for path, message in _provider_gaps(provider, scored, today):
            problems.append(document.problem(("providers", index, *path), message))
    for source_id, source in catalogue.sources.items():
        if source.date is None and source.accessed is None:
            document, index = catalogue.source_origin[source_id]
            problems.append(
                document.problem(
                    ("sources", index, "date"),
                    "has no date (expected the publication date, or `accessed:` for an undated page)",
                )
            )
    return problems


def _provider_gaps(
    provider: Provider, scored: set[str], today: dt.date
) -> Iterator[tuple[Path, str]]:
    if provider.stale_on(today):
        yield (
            ("reviewed",),
            f"{provider.reviewed} is more than {STALE_AFTER_MONTHS} months ago "
            "(expected a profile checked within the last year)",
        )
    for path, fact in _scored_facts(provider, scored):
        yield (*path, "sources"), f"{fact} is scored but cites no source"


def _scored_facts(provider: Provider, scored: set[str]) -> Iterator[tuple[Path, str]]:
    """Each fact in a scored field that has no source, with where it is written."""
    ownership = provider.ownership
    if "ownership" in scored and ownership is not None:
        claims = ownership.complete is not None or ownership.controlled_by is not None
        if claims and not ownership.sources:
            yield ("ownership",), "who controls the provider"
        for i, holder in enumerate(ownership.holders or []):
            if not holder.sources:
                yield ("ownership", "holders", i), f"holder {quote(holder.name)}"
    partnerships = provider.partnerships
    if "partnerships" in scored and partnerships is not None:
        yield from _ties(("partnerships",), partnerships, "partnership")
    exposure = provider.extraterritorial_exposure
    claimed = exposure is not None and exposure.exposed is not None
    if "extraterritorial_exposure" in scored and claimed and exposure and not exposure.sources:
        yield ("extraterritorial_exposure",), "extraterritorial exposure"
    for o, offer in enumerate(provider.offers):
        for path, fact in _offer_facts(offer, scored):
            yield ("offers", o, *path), f"{quote(offer.name)}: {fact}"


def _ties(path: Path, ties: Partnerships, what: str) -> Iterator[tuple[Path, str]]:
    if not ties.items and not ties.sources:
        yield path, f"'no {what}'"
    for i, item in enumerate(ties.items):
        if not item.sources:
            yield (*path, "items", i), f"{what} with {quote(item.partner)}"


def _offer_facts(offer: Offer, scored: set[str]) -> Iterator[tuple[Path, str]]:
    if "offer.qualifications" in scored:
        for q, qualification in enumerate(offer.qualifications):
            for e, event in enumerate(qualification.history):
                if not event.sources:
                    yield ("qualifications", q, "history", e), f"{event.status} {event.date}"
    if "offer.technology" in scored and offer.technology is not None:
        yield from _ties(("technology",), offer.technology, "technology")
    for name, part in (
        ("location", offer.location),
        ("administration", offer.administration),
        ("non_eu_access", offer.non_eu_access),
    ):
        if f"offer.{name}" in scored and part is not None and not part.sources:
            yield (name,), name.replace("_", " ")
