"""One provider's result explained: its place, and which facts each of its sources supports,
in words a reader can check against the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import Path
from ..model.profile import Offer, Provider, Source, source_references
from .scoring import ProviderResult, Ranking


@dataclass(frozen=True)
class Citation:
    source: Source
    supports: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """What `show` and `sources` explain: one result in its ranking (a provider, as its best
    offer in scope, or one offer), with the sources it cites and what each supports."""

    ranking: Ranking
    result: ProviderResult
    citations: list[Citation]

    @property
    def out_of(self) -> int:
        """How many providers (or offers) were ranked with it."""
        return len(self.ranking.results)

    @property
    def projected_after(self) -> dt.date | None:
        """The profile's review, when the day is after it (and the offers it runs on too)."""
        reviewed = [link.provider.reviewed.latest() for link in self.result.subject.chain()]
        earliest = min(reviewed)
        return earliest if self.ranking.as_of > earliest else None

    @property
    def of_offer(self) -> bool:
        """An offer was asked for, rather than a provider."""
        return self.ranking.unit == "offer"


def explain(
    ranking: Ranking, provider: Provider, offer: Offer | None, sources: Mapping[str, Source]
) -> Explanation:
    """A provider's (in a ranking of providers) or an offer's (in a ranking of offers) result;
    a provider with no offer in scope is a usage error the caller reports."""
    wanted = provider.id if offer is None else f"{provider.id}/{offer.id}"
    result = next((r for r in ranking.results if ranking.key(r) == wanted), None)
    if result is None:
        raise LookupError(wanted)
    cited = citations(provider, sources, offer)
    # The offers it runs on count in its score (the weakest link): their sources are cited too.
    for link in result.subject.chain()[1:]:
        cited = _merged(cited, citations(link.provider, sources, link.offer), link.provider.name)
    return Explanation(ranking, result, cited)


def _merged(cited: list[Citation], more: list[Citation], whose: str) -> list[Citation]:
    by_id = {c.source.id: c for c in cited}
    for citation in more:
        supports = tuple(f"{whose}: {fact}" for fact in citation.supports)
        known = by_id.get(citation.source.id)
        if known is None:
            by_id[citation.source.id] = Citation(citation.source, supports)
        else:
            extra = tuple(s for s in supports if s not in known.supports)
            by_id[citation.source.id] = Citation(known.source, known.supports + extra)
    return list(by_id.values())


def citations(
    provider: Provider, sources: Mapping[str, Source], offer: Offer | None = None
) -> list[Citation]:
    """The sources in order of first use, each with the facts it supports: the provider's and
    all its offers', or the provider's and one offer's."""
    uses: dict[str, list[str]] = {}
    for path, ref in source_references(provider):
        if offer is not None and path[0] == "offers" and provider.offers[int(path[1])] != offer:
            continue
        fact = describe(provider, path)
        facts = uses.setdefault(ref, [])
        if fact not in facts:
            facts.append(fact)
    return [Citation(sources[ref], tuple(facts)) for ref, facts in uses.items() if ref in sources]


def describe(provider: Provider, path: Path) -> str:
    """'ownership: holder Thales' for ('ownership', 'holders', 0, 'sources', 1)."""
    head = path[0]
    if head == "identity_sources":
        return "identity: name, headquarters, founding"
    if head == "ownership" and provider.ownership is not None:
        if path[1] == "holders" and provider.ownership.holders:
            return f"ownership: holder {provider.ownership.holders[int(path[2])].name}"
        return "ownership: control and completeness"
    if head == "partnerships" and provider.partnerships is not None:
        if path[1] == "items":
            return f"partnership: {provider.partnerships.items[int(path[2])].partner}"
        return "partnerships: no (other) partner"
    if head == "register_checks":
        check = provider.register_checks[int(path[1])]
        return f"{check.scheme}: no (other) offer listed on {check.date}"
    if head == "market_shares":
        share = provider.market_shares[int(path[1])]
        return f"market share: {share.market}, {share.period}"
    if head == "offers":
        return _describe_offer(provider.offers[int(path[1])], path[2:])
    return str(head).replace("_", " ")


def _describe_offer(offer: Offer, path: Path) -> str:
    head = path[0]
    if head == "qualifications":
        qualification = offer.qualifications[int(path[1])]
        event = qualification.history[int(path[3])]
        bound = "by " if event.bound else ""
        name = qualification.label or offer.name
        return f"{qualification.scheme} {name}: {event.status} {bound}{event.date}"
    if head == "technology" and offer.technology is not None:
        if path[1] == "items":
            return f"{offer.name}: built on {offer.technology.items[int(path[2])].partner}"
        return f"{offer.name}: no (other) technology supplier"
    if head == "csf_assessments":
        assessment = offer.csf_assessments[int(path[1])]
        return f"{offer.name}: EU CSF {assessment.objective} assessment {assessment.date}"
    what = {
        "location": "data location",
        "administration": "administration",
        "non_eu_access": "non-EU technical access",
    }
    return f"{offer.name}: {what.get(str(head), str(head).replace('_', ' '))}"
