"""Measures for the legal tests of SecNumCloud 3.2 (19.2, 19.6) and Gaia-X Label 3 (P5.1).

Each answers one requirement from the profile's facts, and says "unknown" whenever a fact the
requirement needs is missing: an eligibility test must never pass on silence. SecNumCloud speaks
of the EU; Gaia-X of the EU/EEA, so each region gets its own measure.
"""

from __future__ import annotations

import datetime as dt
import math

from ..model.countries import EEA, EU
from ..model.profile import Holder, Offer, Provider
from .base import Finding, Subject, measure, unique

Region = frozenset[str]


def _stake(holder: Holder) -> float | None:
    """The larger of a holder's capital and voting shares (19.6 b counts both); a lower bound
    when only `capital_min` is known."""
    shares = [s for s in (holder.capital, holder.voting) if s is not None]
    if shares:
        return max(shares)
    return holder.capital_min


def _outside_stakes(provider: Provider, region: Region, combine: str) -> Finding:
    ownership = provider.ownership
    if ownership is None or ownership.holders is None:
        return Finding(None, "shareholders not known")
    holders = ownership.holders
    sources = unique(ownership.sources, *(h.sources for h in holders))
    outside = [h for h in holders if h.country is not None and h.country not in region]
    known = [(h, _stake(h)) for h in outside]
    bounds = [s for _, s in known if s is not None]
    value = max(bounds, default=0.0) if combine == "largest" else min(100.0, math.fsum(bounds))
    exact = (
        ownership.complete is True
        and all(h.country is not None for h in holders)
        and all(h.capital is not None or h.voting is not None for h in outside)
    )
    named = "; ".join(f"{h.name} ({h.country}) {h.share_text()}" for h in outside)
    what = "largest holding" if combine == "largest" else "holdings together"
    if exact:
        reason = f"non-EU {what}: {value:g} %" + (f" ({named})" if named else " (none)")
        return Finding(value, reason, sources)
    if not bounds or value == 0:
        gaps = [h.name for h in holders if h.country is None]
        why = f"holders of unknown country: {', '.join(gaps)}" if gaps else "holders not all known"
        return Finding(None, f"non-EU {what} cannot be shown ({why})", sources)
    return Finding(
        value, f"non-EU {what}: at least {value:g} % ({named})", sources, lower_bound=True
    )


@measure("number", reads=("ownership",))
def largest_non_eu_holding(subject: Subject, as_of: dt.date) -> Finding:
    """Largest share of capital or voting rights (%) held by one holder from outside the EU."""
    return _outside_stakes(subject.provider, EU, "largest")


@measure("number", reads=("ownership",))
def non_eu_holdings_total(subject: Subject, as_of: dt.date) -> Finding:
    """Share of capital or voting rights (%) held by holders from outside the EU together."""
    return _outside_stakes(subject.provider, EU, "total")


@measure("boolean", reads=("ownership",))
def non_eu_governance_rights(subject: Subject, as_of: dt.date) -> Finding:
    """Whether a non-EU entity holds a veto or may appoint the majority of the boards."""
    ownership = subject.provider.ownership
    if ownership is None:
        return Finding(None, "governance not known")
    sources = tuple(ownership.sources)
    if ownership.non_eu_veto_or_board is not None:
        has = ownership.non_eu_veto_or_board
        return Finding(
            has,
            "a non-EU entity holds a veto or appoints the board majority"
            if has
            else "no non-EU veto or power to appoint the board majority",
            sources,
        )
    if ownership.controlled_by is not None and ownership.controlled_by not in EU:
        return Finding(
            True,
            f"controlled from {ownership.controlled_by}: its owners appoint the board",
            sources,
        )
    return Finding(None, "whether a non-EU entity holds a veto or appoints the board is not known")


def _located(country: str | None, region: Region, label: str, sources: list[str]) -> Finding:
    if country is None:
        return Finding(None, "headquarters not known")
    inside = country in region
    return Finding(
        inside,
        f"headquarters in {country}, {'inside' if inside else 'outside'} the {label}",
        tuple(sources),
    )


@measure("boolean", reads=("identity_sources",))
def headquarters_in_eu(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the headquarters are in an EU member state."""
    provider = subject.provider
    return _located(provider.headquarters, EU, "EU", provider.identity_sources)


@measure("boolean", reads=("identity_sources",))
def headquarters_in_eea(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the headquarters are in the EU/EEA."""
    provider = subject.provider
    return _located(provider.headquarters, EEA, "EU/EEA", provider.identity_sources)


def _data_within(offer: Offer, region: Region, label: str) -> Finding:
    location = offer.location
    if location is None or (location.storage is None and location.regions is None):
        return Finding(None, f"{offer.name}: where data is stored is not known")
    sources = tuple(location.sources)
    countries = location.countries()
    outside = location.outside(region)
    if outside and location.chosen:
        return Finding(
            False,
            f"{offer.name}: its regions reach outside the {label} ({', '.join(outside)}); an "
            f"{label} region is the customer's choice, not the offer's guarantee",
            sources,
        )
    if outside:
        return Finding(
            False, f"{offer.name}: data stored or processed in {', '.join(outside)}", sources
        )
    if (location.processing is None and not location.chosen) or location.exclusive is not True:
        return Finding(
            None,
            f"{offer.name}: data in {', '.join(sorted(countries))}, but not shown to stay only there",
            sources,
        )
    return Finding(True, f"{offer.name}: stored and processed only in the {label}", sources)


@measure("boolean", reads=("offer.location",))
def data_in_eu(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the offer stores and processes customer data only in the EU."""
    return _data_within(subject.offer, EU, "EU")


@measure("boolean", reads=("offer.location",))
def data_in_eea(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the offer stores and processes customer data only in the EU/EEA."""
    return _data_within(subject.offer, EEA, "EU/EEA")


@measure("boolean", reads=("offer.administration",))
def admin_from_eu(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the offer is administered and supported from the EU only."""
    offer = subject.offer
    admin = offer.administration
    countries = set(admin.countries or []) if admin else set()
    if admin is not None and admin.non_eu is None and countries:
        outside = sorted(countries - EU)
        if outside:
            return Finding(
                False, f"{offer.name}: administered from {', '.join(outside)}", tuple(admin.sources)
            )
    if admin is None or admin.non_eu is None:
        return Finding(None, f"{offer.name}: where the service is administered from is not known")
    inside = not admin.non_eu
    text = (
        "administered from the EU only"
        if inside
        else "administration or support from outside the EU"
    )
    return Finding(inside, f"{offer.name}: {text}", tuple(admin.sources))


@measure("boolean", reads=("offer.non_eu_access",))
def non_eu_technical_access(subject: Subject, as_of: dt.date) -> Finding:
    """Whether a third party from outside the EU can technically obtain the offer's data."""
    offer = subject.offer
    access = offer.non_eu_access
    if access is None or access.possible is None:
        return Finding(
            None, f"{offer.name}: whether a non-EU third party can reach the data is not known"
        )
    text = (
        "a non-EU third party can technically obtain customer data"
        if access.possible
        else "no non-EU third party can technically obtain customer data"
    )
    return Finding(access.possible, f"{offer.name}: {text}", tuple(access.sources))
