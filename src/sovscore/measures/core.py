"""The default rubric's measures: ownership, US ties, SecNumCloud, data residency, exposure.

Rubrics pick, weight and map measures; they never carry code. Each measure says what it yields
so a rubric can be checked before anything is scored.
"""

from __future__ import annotations

import datetime as dt
import math

from ..i18n import _, compact, day
from ..model.countries import EEA, EU
from ..model.profile import Law, Partnership, PartnershipKind, Provider
from .base import Finding, Subject, measure, unique
from .qualifications import STATUSES, scheme_statuses, unverified_text, validity_text


def _pct(value: float) -> str:
    # Translators: a percentage, such as "51 %".
    return _("{value} %").format(value=compact(value))


def _holder_texts(french: bool) -> dict[str, str]:
    """What `_share` says of French holders, or of EU/EEA ones: whole sentences, one message
    each (the words for the region agree with the rest of the sentence)."""
    if french:
        return {
            "all": _("all holders are French ({names})"),
            "unknown": _("the share of French holders is not known"),
            "unnamed": _("no French holder is named and the list is not complete"),
            "none": _("no French holder"),
            # Translators: {share} is a percentage; {named}, the holders with their shares.
            "exact": _("{share} held by French holders: {named}"),
            "bound": _("at least {share} held by French holders: {named}"),
        }
    return {
        "all": _("all holders are EU/EEA ({names})"),
        "unknown": _("the share of EU/EEA holders is not known"),
        "unnamed": _("no EU/EEA holder is named and the list is not complete"),
        "none": _("no EU/EEA holder"),
        # Translators: {share} is a percentage; {named}, the holders with their shares.
        "exact": _("{share} held by EU/EEA holders: {named}"),
        "bound": _("at least {share} held by EU/EEA holders: {named}"),
    }


def _share(provider: Provider, countries: frozenset[str], texts: dict[str, str]) -> Finding:
    ownership = provider.ownership
    if ownership is None or ownership.holders is None:
        return Finding(None, _("shareholders not known"))
    holders = ownership.holders
    sources = unique(ownership.sources, *(h.sources for h in holders))
    inside = [h for h in holders if h.country in countries]
    if any(h.capital is None and h.capital_min is None for h in inside):
        if ownership.complete and holders and len(inside) == len(holders):
            names = ", ".join(h.name for h in holders)
            return Finding(100.0, texts["all"].format(names=names), sources)
        return Finding(None, texts["unknown"], sources)
    if not inside and not (ownership.complete and all(h.country for h in holders)):
        return Finding(None, texts["unnamed"], sources)
    total = min(
        100.0,
        math.fsum(h.capital if h.capital is not None else h.capital_min or 0.0 for h in inside),
    )
    named = ", ".join(f"{h.name} {h.share_text()}" for h in inside) or texts["none"]
    exact = (
        ownership.complete
        and all(h.country for h in holders)
        and all(h.capital is not None for h in inside)
    )
    if exact:
        return Finding(total, texts["exact"].format(share=_pct(total), named=named), sources)
    return Finding(
        total,
        texts["bound"].format(share=_pct(total), named=named),
        sources,
        lower_bound=True,
    )


@measure("number", reads=("ownership",))
def french_ownership_share(subject: Subject, as_of: dt.date) -> Finding:
    """Share of capital (%) held by French holders."""
    return _share(subject.provider, frozenset({"FR"}), _holder_texts(french=True))


@measure("number", reads=("ownership",))
def eu_ownership_share(subject: Subject, as_of: dt.date) -> Finding:
    """Share of capital (%) held by EU/EEA holders."""
    return _share(subject.provider, EEA, _holder_texts(french=False))


@measure("boolean", reads=("ownership",))
def non_eu_control(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the provider is controlled from outside the EU/EEA."""
    ownership = subject.provider.ownership
    if ownership is None or ownership.controlled_by is None:
        return Finding(None, _("who controls the provider is not known"))
    country = ownership.controlled_by
    outside = country not in EEA
    reason = (
        _("controlled from {country}, outside the EU/EEA")
        if outside
        else _("controlled from {country}, inside the EU/EEA")
    )
    return Finding(outside, reason.format(country=country), tuple(ownership.sources))


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


def partnership_word(kind: PartnershipKind | str) -> str:
    """A kind of partnership or of a technology used, as people read it."""
    return {
        # Translators: a kind of tie to a company, shown as "<partner>: <kind>".
        "joint_venture": _("joint venture"),
        "technology_licence": _("technology licence"),
        "infrastructure": _("infrastructure"),
        "software_supplier": _("software supplier"),
        "reseller": _("reseller"),
        "other": _("other"),
    }.get(kind, kind.replace("_", " "))


def _law_word(law: Law) -> str:
    """A law with extraterritorial reach, as people read it."""
    return {
        # Translators: the US CLOUD Act (a law's name, as the data writes it).
        "us_cloud_act": _("us cloud act"),
        # Translators: section 702 of the US FISA (a law's name, as the data writes it).
        "us_fisa_702": _("us fisa 702"),
        # Translators: another law with extraterritorial reach than those named.
        "other": _("other"),
    }.get(law, law.replace("_", " "))


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
            "us_controlled", _("the provider is controlled from the US"), tuple(ownership.sources)
        )
    ties: list[tuple[str, str, tuple[str, ...]]] = []
    for holder in (ownership.holders or []) if ownership else []:
        if holder.country == "US" and holder.capital != 0:
            holds = (
                _("{holder} ({share}) holds capital").format(
                    holder=holder.name, share=_pct(holder.capital)
                )
                if holder.capital is not None
                else _("{holder} holds capital").format(holder=holder.name)
            )
            ties.append(("minority_shareholder", holds, tuple(holder.sources)))
    partnerships, technology = provider.partnerships, offer.technology
    for item, of_offer in [
        *((i, False) for i in (partnerships.items if partnerships else [])),
        *((i, True) for i in (technology.items if technology else [])),
    ]:
        if item.country != "US" or not _in_force(item, as_of):
            continue
        kind: PartnershipKind = item.kind
        tie = (
            # Translators: {kind} is a kind of tie ("joint venture", "reseller"); {offer}, the
            # offer built on the partner's technology.
            _("{partner}: {kind} ({offer})")
            if of_offer
            # Translators: {kind} is a kind of tie ("joint venture", "reseller").
            else _("{partner}: {kind}")
        )
        text = tie.format(partner=item.partner, kind=partnership_word(kind), offer=offer.name)
        ties.append((kind, text, tuple(item.sources)))
    if ties:
        strongest = max(ties, key=lambda t: US_PARTNERSHIP_VALUES.index(t[0]))
        others = [t for t in ties if t is not strongest]
        reason = strongest[1]
        if others:
            # Translators: {strongest} is the strongest tie to a US company; {others}, the other
            # ties, separated by "; ".
            reason = _("{strongest}; also {others}").format(
                strongest=strongest[1], others="; ".join(t[1] for t in others)
            )
        return Finding(strongest[0], reason, unique(*(t[2] for t in ties)))
    if partnerships is None:
        return Finding(None, _("the company's partnerships are not known"))
    # Sources of the partners listed show those partners, not the absence of others. A sourced
    # "no other partner" of the company covers its offers, unless an offer's own technology is
    # listed without such a source.
    if not partnerships.sources:
        return Finding(None, _("no US partner listed, but no source says there is none"))
    if technology is not None and technology.items and not technology.sources:
        return Finding(
            None,
            _("{offer}: technology listed, but no source says it has no other supplier").format(
                offer=offer.name
            ),
        )
    sources = unique(partnerships.sources, technology.sources if technology else ())
    return Finding("none", _("no US partner or shareholder"), sources)


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
                _(
                    "{offer}: no SecNumCloud qualification listed, and no check of ANSSI's list"
                ).format(offer=offer.name),
            )
        last = max(checks, key=lambda c: c.date.latest(), default=None)
        if last is None:
            return Finding(
                "none",
                _("{offer}: no SecNumCloud qualification on {day}").format(
                    offer=offer.name, day=day(as_of)
                ),
                checked,
            )
        if last.covers == "qualified_and_applicants":
            reason = _(
                "{offer}: not on the lists of qualified offers and of applications read on {day}"
            )
            return Finding("none", reason.format(offer=offer.name, day=day(last.date)), checked)
        reason = _("{offer}: not on the qualified list read on {day}; application status unknown")
        return Finding("none", reason.format(offer=offer.name, day=day(last.date)), checked)
    event = best.event
    name = best.qualification.label or offer.name
    sources = unique(*(e.sources for e in best.evidence))
    when = ""
    if event is not None:
        if event.bound:
            # Translators: the status was held by this day (it may have begun earlier).
            when = _("by {day}").format(day=day(event.date))
        else:
            # Translators: the status began on this day.
            when = _("on {day}").format(day=day(event.date))
    if best.status == "qualified":
        renewed = event is not None and event.status == "renewed"
        if event and event.version:
            text = (
                # Translators: {when} is "on <date>" or "by <date>"; {validity}, ", valid to
                # <date>" (or nothing).
                _("{name}: renewed under v{version} {when}{validity}")
                if renewed
                else _("{name}: qualified under v{version} {when}{validity}")
            )
        else:
            text = (
                _("{name}: renewed {when}{validity}")
                if renewed
                else _("{name}: qualified {when}{validity}")
            )
        reason = text.format(
            name=name,
            version=event.version if event else "",
            when=when,
            validity=validity_text(best),
        )
    elif best.status == "unverified":
        # Translators: {name} is an offer's name; {reason}, why its status is not verified.
        reason = _("{name}: {reason}").format(name=name, reason=unverified_text(best))
        return Finding(None, reason, sources)
    elif best.status == "expired":
        ended = (
            # Translators: a qualification that "ran out" reached the scheme's three-year limit.
            _("{name}: ran out after {day}")
            if best.lapsed_by_limit
            else _("{name}: expired after {day}")
        )
        clauses = [ended.format(name=name, day=day(best.valid_until))]
        if best.checked:
            clauses.append(_("not on the list read on {day}").format(day=day(best.checked)))
        reason = "; ".join(clauses)
    elif best.status == "in_progress":
        reason = _("{name}: application accepted (J0) {when}, not yet qualified").format(
            name=name, when=when
        )
    else:
        reason = _("{name}: withdrawn {when}").format(name=name, when=when)
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
        return Finding(
            None, _("{offer}: where data is stored is not known").format(offer=offer.name)
        )
    sources = unique(location.sources, admin.sources if admin else ())
    if location.chosen:
        outside = location.outside(EEA)
        regions = ", ".join(sorted(set(location.regions or [])))
        if outside:
            reason = _(
                "{offer}: the customer picks a region among {regions}; the offer also runs "
                "outside the EU ({outside}), so an EU region is a choice, not a guarantee"
            )
            return Finding(
                "eu_region_choice",
                reason.format(offer=offer.name, regions=regions, outside=", ".join(outside)),
                sources,
            )
    outside = location.outside(EEA)
    if outside:
        return Finding(
            "outside_eu",
            _("{offer}: data stored or processed in {countries}").format(
                offer=offer.name, countries=", ".join(outside)
            ),
            sources,
        )
    countries = location.countries()
    admin_countries = set(admin.countries or []) if admin else set()
    admin_in_eu = admin is not None and (
        admin.non_eu is False or (bool(admin_countries) and not admin_countries - EU)
    )
    missing = [
        label
        for label, shown in (
            (_("processing location"), location.processing is not None or location.chosen),
            (_("exclusivity"), location.exclusive is True),
            (_("contractual guarantee"), location.contractual is True),
            (_("administration from the EU only"), admin_in_eu),
        )
        if not shown
    ]
    listed = ", ".join(sorted(countries))
    if missing:
        # Translators: {missing} lists what the facts do not show ("exclusivity, contractual
        # guarantee").
        reason = _("{offer}: data in {countries}; not shown: {missing}")
        return Finding(
            "eu_unguaranteed",
            reason.format(offer=offer.name, countries=listed, missing=", ".join(missing)),
            sources,
        )
    if countries == {"FR"} and admin_countries and admin_countries <= {"FR"}:
        return Finding(
            "france_only",
            _("{offer}: stored, processed and administered only in France, by contract").format(
                offer=offer.name
            ),
            sources,
        )
    reason = (
        _(
            "{offer}: stored and processed only in {countries}, administered from the EU, by contract"
        )
        if admin_countries != {"FR"}
        else _(
            "{offer}: stored and processed only in {countries}, administered from France, by "
            "contract"
        )
    )
    return Finding("eu_only", reason.format(offer=offer.name, countries=listed), sources)


@measure("boolean", reads=("extraterritorial_exposure",))
def extraterritorial_exposure(subject: Subject, as_of: dt.date) -> Finding:
    """Whether the provider is subject to non-EU law with extraterritorial reach."""
    exposure = subject.provider.extraterritorial_exposure
    if exposure is None or exposure.exposed is None:
        return Finding(None, _("exposure to non-EU law not known"))
    laws = ", ".join(_law_word(law) for law in exposure.laws)
    reason = exposure.reason or (_("exposed") if exposure.exposed else _("not exposed"))
    if laws:
        # Translators: {reason} says why the provider is exposed to non-EU law (or not); {laws}
        # names the laws.
        reason = _("{reason} ({laws})").format(reason=reason, laws=laws)
    return Finding(exposure.exposed, reason, tuple(exposure.sources))
