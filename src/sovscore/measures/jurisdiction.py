"""Measures for the legal tests of SecNumCloud 3.2 (19.2, 19.6) and Gaia-X Label 3 (P5.1).

Each answers one requirement from the profile's facts, and says "unknown" whenever a fact the
requirement needs is missing: an eligibility test must never pass on silence. SecNumCloud speaks
of the EU; Gaia-X of the EU/EEA, so each region gets its own measure.
"""

from __future__ import annotations

import datetime as dt
import math

from ..model.countries import EEA, EU
from ..model.profile import Holder, Provider
from .base import Finding, measure, unique

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
def largest_non_eu_holding(provider: Provider, as_of: dt.date) -> Finding:
    """Largest share of capital or voting rights (%) held by one holder from outside the EU."""
    return _outside_stakes(provider, EU, "largest")


@measure("number", reads=("ownership",))
def non_eu_holdings_total(provider: Provider, as_of: dt.date) -> Finding:
    """Share of capital or voting rights (%) held by holders from outside the EU together."""
    return _outside_stakes(provider, EU, "total")


@measure("boolean", reads=("ownership",))
def non_eu_governance_rights(provider: Provider, as_of: dt.date) -> Finding:
    """Whether a non-EU entity holds a veto or may appoint the majority of the boards."""
    ownership = provider.ownership
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
def headquarters_in_eu(provider: Provider, as_of: dt.date) -> Finding:
    """Whether the headquarters are in an EU member state."""
    return _located(provider.headquarters, EU, "EU", provider.identity_sources)


@measure("boolean", reads=("identity_sources",))
def headquarters_in_eea(provider: Provider, as_of: dt.date) -> Finding:
    """Whether the headquarters are in the EU/EEA."""
    return _located(provider.headquarters, EEA, "EU/EEA", provider.identity_sources)


def _data_within(provider: Provider, region: Region, label: str) -> Finding:
    residency = provider.data_residency
    if residency is None or residency.storage is None:
        return Finding(None, "where data is stored is not known")
    sources = tuple(residency.sources)
    countries = residency.countries()
    outside = residency.outside(region)
    if outside:
        return Finding(False, f"data stored or processed in {', '.join(outside)}", sources)
    if residency.processing is None or residency.exclusive is not True:
        return Finding(
            None,
            f"data in {', '.join(sorted(countries))}, but not shown to stay only there",
            sources,
        )
    return Finding(True, f"stored and processed only in the {label}", sources)


@measure("boolean", reads=("data_residency",))
def data_in_eu(provider: Provider, as_of: dt.date) -> Finding:
    """Whether customer data is stored and processed only in the EU."""
    return _data_within(provider, EU, "EU")


@measure("boolean", reads=("data_residency",))
def data_in_eea(provider: Provider, as_of: dt.date) -> Finding:
    """Whether customer data is stored and processed only in the EU/EEA."""
    return _data_within(provider, EEA, "EU/EEA")


@measure("boolean", reads=("data_residency",))
def admin_from_eu(provider: Provider, as_of: dt.date) -> Finding:
    """Whether the service is administered from the EU only."""
    residency = provider.data_residency
    if residency is None or residency.non_eu_admin is None:
        return Finding(None, "where the service is administered from is not known")
    inside = not residency.non_eu_admin
    text = (
        "administered from the EU only"
        if inside
        else "administration or support from outside the EU"
    )
    return Finding(inside, text, tuple(residency.sources))


@measure("boolean", reads=("data_residency",))
def non_eu_technical_access(provider: Provider, as_of: dt.date) -> Finding:
    """Whether a third party from outside the EU can technically obtain customer data."""
    residency = provider.data_residency
    if residency is None or residency.non_eu_access is None:
        return Finding(None, "whether a non-EU third party can reach the data is not known")
    has = residency.non_eu_access
    text = (
        "a non-EU third party can technically obtain customer data"
        if has
        else "no non-EU third party can technically obtain customer data"
    )
    return Finding(has, text, tuple(residency.sources))
