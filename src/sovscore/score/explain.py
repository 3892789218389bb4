"""One provider's result explained: its place, and which facts each of its sources supports,
in words a reader can check against the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import Path
from ..i18n import _, day
from ..measures.qualifications import event_text
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
    corrections: tuple[str, ...] = ()
    """Overrides applied to the provider's facts, each as 'file:line: target fields'."""

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
        # Translators: {provider} is the provider of an offer it runs on; {fact}, what a source
        # supports.
        supports = tuple(
            _("{provider}: {fact}").format(provider=whose, fact=fact) for fact in citation.supports
        )
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
        return _("identity: name, headquarters, founding")
    if head == "ownership" and provider.ownership is not None:
        if path[1] == "holders" and provider.ownership.holders:
            holder = provider.ownership.holders[int(path[2])].name
            return _("ownership: holder {holder}").format(holder=holder)
        return _("ownership: control and completeness")
    if head == "partnerships" and provider.partnerships is not None:
        if path[1] == "items":
            partner = provider.partnerships.items[int(path[2])].partner
            return _("partnership: {partner}").format(partner=partner)
        return _("partnerships: no (other) partner")
    if head == "register_checks":
        check = provider.register_checks[int(path[1])]
        # Translators: {scheme} is the code of the register read (secnumcloud, hds).
        return _("{scheme}: no (other) offer listed on {date}").format(
            scheme=check.scheme, date=day(check.date)
        )
    if head == "market_shares":
        share = provider.market_shares[int(path[1])]
        return _("market share: {market}, {period}").format(
            market=share.market, period=day(share.period)
        )
    if head == "offers":
        return _describe_offer(provider.offers[int(path[1])], path[2:])
    return _field_words(str(head))


def _field_words(field: str) -> str:
    """A profile's field, as people read it."""
    return {
        "extraterritorial_exposure": _("extraterritorial exposure"),
        "location": _("data location"),
        "administration": _("administration"),
        "non_eu_access": _("non-EU technical access"),
    }.get(field, field.replace("_", " "))


def _describe_offer(offer: Offer, path: Path) -> str:
    head = path[0]
    if head == "qualifications":
        qualification = offer.qualifications[int(path[1])]
        event = qualification.history[int(path[3])]
        name = qualification.label or offer.name
        return event_text(f"{qualification.scheme} {name}", event)
    if head == "technology" and offer.technology is not None:
        if path[1] == "items":
            partner = offer.technology.items[int(path[2])].partner
            return _("{offer}: built on {partner}").format(offer=offer.name, partner=partner)
        return _("{offer}: no (other) technology supplier").format(offer=offer.name)
    if head == "csf_assessments":
        assessment = offer.csf_assessments[int(path[1])]
        # Translators: {objective} is SOV-1..SOV-8.
        return _("{offer}: EU CSF {objective} assessment {date}").format(
            offer=offer.name, objective=assessment.objective, date=day(assessment.date)
        )
    # Translators: {fact} names a fact of the offer ("data location").
    return _("{offer}: {fact}").format(offer=offer.name, fact=_field_words(str(head)))
