"""The register view of offers: per scheme, each offer's status on the day, since when, until
when, how many days are left, under which version and decision. Read here, once, from the
dated histories, so nobody re-implements that reading in jq.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from ..i18n import _, day
from ..measures.base import unique
from ..measures.qualifications import offer_status, register_checks, unverified_text
from ..model.dates import PartialDate
from ..model.profile import RegisterStatus, Scheme, Source, SourceKind
from .evidence import strongest_kind
from .scoring import ProviderResult, Ranking


@dataclass(frozen=True)
class SchemeStatus:
    scheme: Scheme
    status: RegisterStatus
    label: str | None = None
    """The offer's name in the register, when it differs."""
    since: PartialDate | None = None
    """The date of the grant (or application) in force."""
    since_is_bound: bool = False
    """`since` only shows the status already held then ("by"), not when it began."""
    valid_until: dt.date | None = None
    valid_until_is_bound: bool = False
    """`valid_until` is the latest the grant can run to (counted from a "qualified by" date)."""
    days_left: int | None = None
    version: str | None = None
    decision: str | None = None
    reason: str = ""
    checked: dt.date | None = None
    """The last read of the scheme's register by the as-of date, when one is recorded."""
    sources: tuple[str, ...] = ()
    evidence: SourceKind | None = None
    """The kind of the strongest source of the status."""


@dataclass(frozen=True)
class OfferRow:
    result: ProviderResult
    """The offer's score under the rubric, in the ranking of offers."""
    statuses: tuple[SchemeStatus, ...]


def scheme_status(
    result: ProviderResult,
    scheme: Scheme,
    as_of: dt.date,
    sources: Mapping[str, Source] | None = None,
) -> list[SchemeStatus]:
    """The offer's status under one scheme: one per recorded history (usually one), or `none`
    or `unknown` when there is none; graded by the strongest of its `sources`."""
    cited = sources or {}
    return [
        replace(status, evidence=strongest_kind(status.sources, cited))
        for status in _statuses(result, scheme, as_of)
    ]


def _statuses(result: ProviderResult, scheme: Scheme, as_of: dt.date) -> list[SchemeStatus]:
    offer, provider = result.offer, result.provider
    found = []
    checks = register_checks(provider, scheme)
    for qualification in offer.qualifications:
        if qualification.scheme != scheme:
            continue
        state = offer_status(qualification, as_of, checks)
        event = state.event
        days = (state.valid_until - as_of).days if state.valid_until else None
        grant = next(
            (e for e in reversed(state.evidence) if e.status in ("qualified", "renewed")), event
        )
        found.append(
            SchemeStatus(
                scheme=scheme,
                status=state.status,
                label=qualification.label,
                since=event.date if event else None,
                since_is_bound=bool(event and event.bound),
                valid_until=state.valid_until,
                valid_until_is_bound=state.until_is_bound,
                days_left=days if state.status == "qualified" else None,
                version=grant.version if grant else None,
                decision=grant.decision if grant else None,
                reason=unverified_text(state) if state.status == "unverified" else "",
                checked=state.checked,
                sources=unique(*(e.sources for e in state.evidence)),
            )
        )
    if found:
        return found
    reads = [c for c in provider.register_checks if c.scheme == scheme and c.date.latest() <= as_of]
    if reads:
        last = max(reads, key=lambda c: c.date.latest())
        applicants = last.covers == "qualified_and_applicants"
        reason = (
            _("not on the lists of qualified offers and of applications read on {day}")
            if applicants
            else _("not on the qualified list read on {day}; application status unknown")
        ).format(day=day(last.date))
        return [
            SchemeStatus(
                scheme=scheme,
                status="none",
                reason=reason,
                checked=last.date.latest(),
                sources=unique(*(c.sources for c in reads)),
            )
        ]
    return [
        SchemeStatus(scheme=scheme, status="unknown", reason=_("no history and no register check"))
    ]


def offer_rows(
    ranking: Ranking,
    *,
    schemes: Iterable[Scheme] | None = None,
    statuses: Iterable[RegisterStatus] | None = None,
    expiring_within: int | None = None,
    providers: Iterable[str] | None = None,
) -> list[OfferRow]:
    """Rows of a ranking of offers, in its order, keeping the scheme statuses asked for. With
    no scheme named, every scheme an offer has a history for (or SecNumCloud, if none)."""
    wanted_schemes = list(schemes) if schemes else None
    wanted_status = set(statuses) if statuses else None
    wanted_providers = set(providers) if providers else None
    rows = []
    for result in ranking.results:
        if wanted_providers is not None and result.provider.id not in wanted_providers:
            continue
        own = list(dict.fromkeys(q.scheme for q in result.offer.qualifications))
        for_schemes = wanted_schemes or own or ["secnumcloud"]
        kept = [
            s
            for scheme in for_schemes
            for s in scheme_status(result, scheme, ranking.as_of, ranking.sources)
            if (wanted_status is None or s.status in wanted_status)
            and (
                expiring_within is None
                or (s.days_left is not None and 0 <= s.days_left <= expiring_within)
            )
        ]
        filtered = wanted_status is not None or expiring_within is not None
        if kept or not filtered:
            rows.append(OfferRow(result, tuple(kept)))
    return rows
