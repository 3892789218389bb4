"""The default rubric's measures: ownership, US ties, SecNumCloud, data residency, exposure.

Rubrics pick, weight and map measures; they never carry code. Each measure says what it yields
so a rubric can be checked before anything is scored.
"""

from __future__ import annotations

import datetime as dt
import math

from ..model.countries import EEA, EU
from ..model.profile import Partnership, PartnershipKind, Provider
from .base import Finding, Subject, measure, unique
from .qualifications import STATUSES, scheme_statuses, unverified_text, validity_text


def _pct(value: float) -> str:
    return f"{value:g} %"


def _share(provider: Provider, countries: frozenset[str], label: str) -> Finding:
    ownership = provider.ownership
    if ownership is None or ownership.holders is None:
        return Finding(None, "shareholders not known")
    holders = ownership.holders
    sources = unique(ownership.sources, *(h.sources for h in holders))
    inside = [h for h in holders if h.country in countries]
    if any(h.capital is None and h.capital_min is None for h in inside):
        if ownership.complete and holders and len(inside) == len(holders):
            names = ", ".join(h.name for h in holders)
            return Finding(100.0, f"all holders are {label} ({names})", sources)
        return Finding(None, f"the share of {label} holders is not known", sources)
    if not inside and not (ownership.complete and all(h.country for h in holders)):
        return Finding(None, f"no {label} holder is named and the list is not complete", sources)
    total = min(
        100.0,
        math.fsum(h.capital if h.capital is not None else h.capital_min or 0.0 for h in inside),
    )
    named = ", ".join(f"{h.name} {h.share_text()}" for h in inside) or f"no {label} holder"
    exact = (
        ownership.complete
        and all(h.country for h in holders)
        and all(h.capital is not None for h in inside)
    )
    if exact:
        return Finding(total, f"{_pct(total)} held by {label} holders: {named}", sources)
    return Finding(
        total, f"at least {_pct(total)} held by {label} holders: {named}", sources, lower_bound=True
    )


@measure("number", reads=("ownership",))
def french_ownership_share(subject: Subject, as_of: dt.date) -> Finding:
    """Share of capital (%) held by French holders."""
    return _share(subject.provider, frozenset({"FR"}), "French")


@measure("number", reads=("ownership",))
def eu_ownership_share(subject: Subject, as_of: dt.date) -> Finding:
    """Share of capital (%) held by EU/EEA holders."""
    return _share(subject.provider, EEA, "EU/EEA")


@measure("boolean", reads=("ownership",))
def non_eu_control(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the provider is controlled from outside the EU/EEA."""
    ownership = subject.provider.ownership
    if ownership is None or ownership.controlled_by is None:
        return Finding(None, "who controls the provider is not known")
    country = ownership.controlled_by
    outside = country not in EEA
    where = "outside" if outside else "inside"
    return Finding(
        outside, f"controlled from {country}, {where} the EU/EEA", tuple(ownership.sources)
    )


US_PARTNERSHIP_VALUES: tuple[str, ...] = (
    "none",
    "other",
    "reseller",
    "software_supplier",
    "infrastructure",
    "minority_shareholder",
    "technology_licence",
    "joint_venture",
    "us_controlled",
)


def _in_force(item: Partnership, as_of: dt.date) -> bool:
    if item.since is not None and item.since.earliest() > as_of:
        return False
    return item.until is None or item.until.latest() >= as_of


@measure(
    "category",
    values=US_PARTNERSHIP_VALUES,
    reads=("ownership", "partnerships", "offer.technology"),
)
def us_partnership(subject: Subject, as_of: dt.date) -> Finding:
    """The strongest tie to a US company in force: control, joint venture, licence,
    shareholding, infrastructure, software supply, resale; the company's ties and the
    technology the offer is built on."""
    provider, offer = subject.provider, subject.offer
    ownership = provider.ownership
    if ownership is not None and ownership.controlled_by == "US":
        return Finding(
            "us_controlled", "the provider is controlled from the US", tuple(ownership.sources)
        )
    ties: list[tuple[str, str, tuple[str, ...]]] = []
    for holder in (ownership.holders or []) if ownership else []:
        if holder.country == "US" and holder.capital != 0:
            share = f" ({_pct(holder.capital)})" if holder.capital is not None else ""
            ties.append(
                (
                    "minority_shareholder",
                    f"{holder.name}{share} holds capital",
                    tuple(holder.sources),
                )
            )
    partnerships, technology = provider.partnerships, offer.technology
    for item, whose in [
        *((i, "") for i in (partnerships.items if partnerships else [])),
        *((i, f" ({offer.name})") for i in (technology.items if technology else [])),
    ]:
        if item.country != "US" or not _in_force(item, as_of):
            continue
        kind: PartnershipKind = item.kind
        ties.append((kind, f"{item.partner}: {kind.replace('_', ' ')}{whose}", tuple(item.sources)))
    if ties:
        strongest = max(ties, key=lambda t: US_PARTNERSHIP_VALUES.index(t[0]))
        others = [t for t in ties if t is not strongest]
        reason = strongest[1] + (f"; also {'; '.join(t[1] for t in others)}" if others else "")
        return Finding(strongest[0], reason, unique(*(t[2] for t in ties)))
    if partnerships is None:
        return Finding(None, "the company's partnerships are not known")
    # Sources of the partners listed show those partners, not the absence of others. A sourced
    # "no other partner" of the company covers its offers, unless an offer's own technology is
    # listed without such a source.
    if not partnerships.sources:
        return Finding(None, "no US partner listed, but no source says there is none")
    if technology is not None and technology.items and not technology.sources:
        return Finding(
            None, f"{offer.name}: technology listed, but no source says it has no other supplier"
        )
    sources = unique(partnerships.sources, technology.sources if technology else ())
    return Finding("none", "no US partner or shareholder", sources)


@measure("category", values=STATUSES, reads=("offer.qualifications", "register_checks"))
def secnumcloud_status(subject: Subject, as_of: dt.date) -> Finding:
    """The offer's ANSSI SecNumCloud status on the as-of date."""
    provider, offer = subject.provider, subject.offer
    statuses = scheme_statuses(subject, "secnumcloud", as_of)
    best = next((s for s in statuses if s.status != "none"), None)
    if best is None:
        checks = [
            c
            for c in provider.register_checks
            if c.scheme == "secnumcloud" and c.date.latest() <= as_of
        ]
        checked = unique(
            *(c.sources for c in checks),
            *(e.sources for s in statuses for e in s.qualification.history),
        )
        if not checked:
            return Finding(
                None,
                f"{offer.name}: no SecNumCloud qualification listed, and no check of ANSSI's list",
            )
        last = max(checks, key=lambda c: c.date.latest(), default=None)
        if last is None:
            return Finding(
                "none", f"{offer.name}: no SecNumCloud qualification on {as_of}", checked
            )
        if last.covers == "qualified_and_applicants":
            what = "not on the lists of qualified offers and of applications"
            return Finding("none", f"{offer.name}: {what} read on {last.date}", checked)
        return Finding(
            "none",
            f"{offer.name}: not on the qualified list read on {last.date}; "
            "application status unknown",
            checked,
        )
    event = best.event
    name = best.qualification.label or offer.name
    sources = unique(*(e.sources for e in best.evidence))
    when = ""
    if event is not None:
        when = f"{'by ' if event.bound else 'on '}{event.date}"
    version = f" under v{event.version}" if event and event.version else ""
    if best.status == "qualified":
        verb = "renewed" if event and event.status == "renewed" else "qualified"
        reason = f"{name}: {verb}{version} {when}{validity_text(best)}"
    elif best.status == "unverified":
        return Finding(None, f"{name}: {unverified_text(best)}", sources)
    elif best.status == "expired":
        end = "ran out" if best.lapsed_by_limit else "expired"
        seen = f"; not on the list read on {best.checked}" if best.checked else ""
        reason = f"{name}: {end} after {best.valid_until}{seen}"
    elif best.status == "in_progress":
        reason = f"{name}: application accepted (J0) {when}, not yet qualified"
    else:
        reason = f"{name}: withdrawn {when}"
    return Finding(best.status, reason, sources)


DATA_RESIDENCY_VALUES: tuple[str, ...] = (
    "france_only",
    "eu_only",
    "eu_unguaranteed",
    "eu_region_choice",
    "outside_eu",
)


@measure(
    "category",
    values=DATA_RESIDENCY_VALUES,
    reads=("offer.location", "offer.administration"),
)
def data_residency(subject: Subject, as_of: dt.date) -> Finding:
    """Where the offer stores and processes data and is administered from, and how firmly:
    France only or EU only, by contract; in the EU but not guaranteed; a region the customer
    picks from a set that reaches outside the EU; outside the EU."""
    offer = subject.offer
    location, admin = offer.location, offer.administration
    if location is None or (location.storage is None and location.regions is None):
        return Finding(None, f"{offer.name}: where data is stored is not known")
    sources = unique(location.sources, admin.sources if admin else ())
    if location.chosen:
        outside = location.outside(EEA)
        regions = ", ".join(sorted(set(location.regions or [])))
        if outside:
            return Finding(
                "eu_region_choice",
                f"{offer.name}: the customer picks a region among {regions}; the offer also "
                f"runs outside the EU ({', '.join(outside)}), so an EU region is a choice, "
                "not a guarantee",
                sources,
            )
    outside = location.outside(EEA)
    if outside:
        return Finding(
            "outside_eu", f"{offer.name}: data stored or processed in {', '.join(outside)}", sources
        )
    countries = location.countries()
    admin_countries = set(admin.countries or []) if admin else set()
    admin_in_eu = admin is not None and (
        admin.non_eu is False or (bool(admin_countries) and not admin_countries - EU)
    )
    missing = [
        label
        for label, shown in (
            ("processing location", location.processing is not None or location.chosen),
            ("exclusivity", location.exclusive is True),
            ("contractual guarantee", location.contractual is True),
            ("administration from the EU only", admin_in_eu),
        )
        if not shown
    ]
    listed = ", ".join(sorted(countries))
    if missing:
        return Finding(
            "eu_unguaranteed",
            f"{offer.name}: data in {listed}; not shown: {', '.join(missing)}",
            sources,
        )
    if countries == {"FR"} and admin_countries and admin_countries <= {"FR"}:
        return Finding(
            "france_only",
            f"{offer.name}: stored, processed and administered only in France, by contract",
            sources,
        )
    where = "administered from the EU" if admin_countries != {"FR"} else "administered from France"
    return Finding(
        "eu_only",
        f"{offer.name}: stored and processed only in {listed}, {where}, by contract",
        sources,
    )


@measure("boolean", reads=("extraterritorial_exposure",))
def extraterritorial_exposure(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the provider is subject to non-EU law with extraterritorial reach."""
    exposure = subject.provider.extraterritorial_exposure
    if exposure is None or exposure.exposed is None:
        return Finding(None, "exposure to non-EU law not known")
    laws = ", ".join(law.replace("_", " ") for law in exposure.laws)
    reason = exposure.reason or ("exposed" if exposure.exposed else "not exposed")
    if laws:
        reason += f" ({laws})"
    return Finding(exposure.exposed, reason, tuple(exposure.sources))
