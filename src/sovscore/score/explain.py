"""One provider's result explained: its place, and which facts each of its sources supports,
in words a reader can check against the page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import Path
from ..model.profile import Provider, Source, source_references
from .scoring import ProviderResult, Ranking


@dataclass(frozen=True)
class Citation:
    source: Source
    supports: tuple[str, ...]


@dataclass(frozen=True)
class Explanation:
    """What `show` and `sources` explain: one provider's result in its ranking, with the sources
    it cites and what each supports."""

    ranking: Ranking
    result: ProviderResult
    citations: list[Citation]

    @property
    def out_of(self) -> int:
        """How many providers were ranked with it."""
        return len(self.ranking.results)


def explain(ranking: Ranking, provider: Provider, sources: Mapping[str, Source]) -> Explanation:
    result = next(r for r in ranking.results if r.provider.id == provider.id)
    return Explanation(ranking, result, citations(provider, sources))


def citations(provider: Provider, sources: Mapping[str, Source]) -> list[Citation]:
    """The provider's sources in order of first use, each with the facts it supports."""
    uses: dict[str, list[str]] = {}
    for path, ref in source_references(provider):
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
    if head == "qualifications":
        qualification = provider.qualifications[int(path[1])]
        event = qualification.history[int(path[3])]
        bound = "by " if event.bound else ""
        return f"{qualification.scheme} {qualification.offer}: {event.status} {bound}{event.date}"
    if head == "register_checks":
        check = provider.register_checks[int(path[1])]
        return f"{check.scheme}: no (other) offer listed on {check.date}"
    if head == "market_shares":
        share = provider.market_shares[int(path[1])]
        return f"market share: {share.market}, {share.period}"
    return str(head).replace("_", " ")
