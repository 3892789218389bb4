"""Measures for the legal tests of SecNumCloud 3.2 (19.2, 19.6) and Gaia-X Label 3 (P5.1).

Each answers one requirement from the profile's facts, and says "unknown" whenever a fact the
requirement needs is missing: an eligibility test must never pass on silence. SecNumCloud speaks
of the EU; Gaia-X of the EU/EEA, so each region gets its own measure.
"""

from __future__ import annotations

import datetime as dt
import math

from ..i18n import _, compact
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
        return Finding(None, _("shareholders not known"))
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
    # Translators: what is measured, in "non-EU {what}: 30 %": the largest share one holder from
    # outside the EU has, or the shares of all of them together.
    what = _("largest holding") if combine == "largest" else _("holdings together")
    shown = compact(value)
    if exact:
        # Translators: {named} lists the holders, each "name (country) share".
        reason = (
            _("non-EU {what}: {value} % ({named})")
            if named
            else _("non-EU {what}: {value} % (none)")
        )
        return Finding(value, reason.format(what=what, value=shown, named=named), sources)
    if not bounds or value == 0:
        gaps = [h.name for h in holders if h.country is None]
        why = (
            _("holders of unknown country: {names}").format(names=", ".join(gaps))
            if gaps
            else _("holders not all known")
        )
        return Finding(
            None, _("non-EU {what} cannot be shown ({why})").format(what=what, why=why), sources
        )
    reason = _("non-EU {what}: at least {value} % ({named})")
    return Finding(
        value, reason.format(what=what, value=shown, named=named), sources, lower_bound=True
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
        return Finding(None, _("governance not known"))
    sources = tuple(ownership.sources)
    if ownership.non_eu_veto_or_board is not None:
        has = ownership.non_eu_veto_or_board
        return Finding(
            has,
            _("a non-EU entity holds a veto or appoints the board majority")
            if has
            else _("no non-EU veto or power to appoint the board majority"),
            sources,
        )
    if ownership.controlled_by is not None and ownership.controlled_by not in EU:
        return Finding(
            True,
            _("controlled from {country}: its owners appoint the board").format(
                country=ownership.controlled_by
            ),
            sources,
        )
    return Finding(
        None, _("whether a non-EU entity holds a veto or appoints the board is not known")
    )


def _located(country: str | None, region: Region, label: str, sources: list[str]) -> Finding:
    if country is None:
        return Finding(None, _("headquarters not known"))
    inside = country in region
    reason = (
        # Translators: {country} is a country code; {region}, "EU" or "EU/EEA".
        _("headquarters in {country}, inside the {region}")
        if inside
        else _("headquarters in {country}, outside the {region}")
    )
    return Finding(inside, reason.format(country=country, region=label), tuple(sources))


@measure("boolean", reads=("identity_sources",))
def headquarters_in_eu(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the headquarters are in an EU member state."""
    provider = subject.provider
    # Translators: the European Union, as a region: "inside the EU", "an EU region".
    return _located(provider.headquarters, EU, _("EU"), provider.identity_sources)


@measure("boolean", reads=("identity_sources",))
def headquarters_in_eea(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the headquarters are in the EU/EEA."""
    provider = subject.provider
    # Translators: the European Union and the European Economic Area, as a region: "inside the
    # EU/EEA", "an EU/EEA region".
    return _located(provider.headquarters, EEA, _("EU/EEA"), provider.identity_sources)


def _data_within(offer: Offer, region: Region, label: str) -> Finding:
    location = offer.location
    if location is None or (location.storage is None and location.regions is None):
        return Finding(
            None, _("{offer}: where data is stored is not known").format(offer=offer.name)
        )
    sources = tuple(location.sources)
    countries = location.countries()
    outside = location.outside(region)
    if outside and location.chosen:
        # Translators: {region} is "EU" or "EU/EEA"; {countries}, those outside it.
        reason = _(
            "{offer}: its regions reach outside the {region} ({countries}); an {region} region "
            "is the customer's choice, not the offer's guarantee"
        )
        return Finding(
            False,
            reason.format(offer=offer.name, region=label, countries=", ".join(outside)),
            sources,
        )
    if outside:
        return Finding(
            False,
            _("{offer}: data stored or processed in {countries}").format(
                offer=offer.name, countries=", ".join(outside)
            ),
            sources,
        )
    if (location.processing is None and not location.chosen) or location.exclusive is not True:
        reason = _("{offer}: data in {countries}, but not shown to stay only there")
        return Finding(
            None, reason.format(offer=offer.name, countries=", ".join(sorted(countries))), sources
        )
    # Translators: {region} is "EU" or "EU/EEA".
    reason = _("{offer}: stored and processed only in the {region}")
    return Finding(True, reason.format(offer=offer.name, region=label), sources)


@measure("boolean", reads=("offer.location",))
def data_in_eu(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the offer stores and processes customer data only in the EU."""
    return _data_within(subject.offer, EU, _("EU"))


@measure("boolean", reads=("offer.location",))
def data_in_eea(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the offer stores and processes customer data only in the EU/EEA."""
    return _data_within(subject.offer, EEA, _("EU/EEA"))


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
                False,
                _("{offer}: administered from {countries}").format(
                    offer=offer.name, countries=", ".join(outside)
                ),
                tuple(admin.sources),
            )
    if admin is None or admin.non_eu is None:
        return Finding(
            None,
            _("{offer}: where the service is administered from is not known").format(
                offer=offer.name
            ),
        )
    inside = not admin.non_eu
    reason = (
        _("{offer}: administered from the EU only")
        if inside
        else _("{offer}: administration or support from outside the EU")
    )
    return Finding(inside, reason.format(offer=offer.name), tuple(admin.sources))


@measure("boolean", reads=("offer.non_eu_access",))
def non_eu_technical_access(subject: Subject, as_of: dt.date) -> Finding:
    """Whether a third party from outside the EU can technically obtain the offer's data."""
    offer = subject.offer
    access = offer.non_eu_access
    if access is None or access.possible is None:
        return Finding(
            None,
            _("{offer}: whether a non-EU third party can reach the data is not known").format(
                offer=offer.name
            ),
        )
    reason = (
        _("{offer}: a non-EU third party can technically obtain customer data")
        if access.possible
        else _("{offer}: no non-EU third party can technically obtain customer data")
    )
    return Finding(access.possible, reason.format(offer=offer.name), tuple(access.sources))
