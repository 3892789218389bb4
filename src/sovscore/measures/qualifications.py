"""A qualification's status on a given day, read from its dated history.

Imprecise dates are read so that a status is never counted before a source shows it: an
application or a grant counts from the last day its date can stand for, an expiry or a withdrawal
from the first. A grant with no recorded end lapses after the scheme's longest validity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import get_args

from ..model.dates import add_days, add_years
from ..model.profile import Offer, Qualification, QualificationEvent, QualificationStatus, Scheme
from .base import Finding, Level, Subject, unique

Status = QualificationStatus
STATUSES: tuple[Status, ...] = get_args(QualificationStatus)

# Longest validity of one grant, in years (ANSSI: a SecNumCloud qualification lasts three years;
# HDS certification, three years).
MAX_VALIDITY_YEARS: dict[Scheme, int] = {"secnumcloud": 3, "hds": 3}
# A recorded expiry a little past the limit is the register's own date (ANSSI lists windows such
# as 28/12/2023 -> 29/12/2026): it wins. Much later, it belongs to a renewal the data lacks.
LIMIT_TOLERANCE_DAYS = 31


@dataclass(frozen=True)
class OfferStatus:
    qualification: Qualification
    status: Status
    event: QualificationEvent | None
    valid_until: dt.date | None
    """Last day of validity of the grant in force, when there is one."""
    lapsed_by_limit: bool = False
    """True when the grant ran out by the scheme's limit rather than a recorded expiry."""
    evidence: tuple[QualificationEvent, ...] = ()
    """The events the status rests on: those counted by the as-of date, and the expiry in force."""


def counts_from(event: QualificationEvent) -> dt.date:
    """First day on which `event` may be counted."""
    if event.status in ("applied", "qualified", "renewed"):
        return event.date.latest()
    if event.status == "expires":
        return add_days(last_valid_day(event), 1)
    return event.date.earliest()


def last_valid_day(expiry: QualificationEvent) -> dt.date:
    if expiry.date.is_exact:
        return expiry.date.latest()
    return add_days(expiry.date.earliest(), -1)


def offer_status(qualification: Qualification, as_of: dt.date) -> OfferStatus:
    status: Status = "none"
    current: QualificationEvent | None = None
    valid_until: dt.date | None = None
    by_limit = False
    reapplied = False
    evidence: list[QualificationEvent] = []
    limit = MAX_VALIDITY_YEARS.get(qualification.scheme)
    for event in sorted(qualification.history, key=lambda e: (e.date.earliest(), counts_from(e))):
        if event.status == "expires":
            end = last_valid_day(event)
            if status == "qualified" and (
                valid_until is None
                or end <= valid_until
                or (by_limit and end <= add_days(valid_until, LIMIT_TOLERANCE_DAYS))
            ):
                valid_until, by_limit = end, False
                evidence.append(event)
            continue
        if counts_from(event) > as_of:
            continue
        evidence.append(event)
        if event.status == "withdrawn":
            status, current, valid_until, reapplied = "withdrawn", event, None, False
        elif event.status == "applied":
            reapplied = True
            if status != "qualified":
                status, current = "in_progress", event
        elif _confirms(event, status, valid_until):
            continue
        else:
            start = event.date.earliest()
            if event.bound and status == "qualified" and valid_until is not None:
                # Held again after the last grant ran out: the new grant began at the earliest
                # the day after, so its three years are counted from then.
                start = min(start, add_days(valid_until, 1))
            status, current, reapplied = "qualified", event, False
            valid_until = add_years(start, limit) if limit else None
            by_limit = limit is not None
    if status == "qualified" and valid_until is not None and valid_until < as_of:
        status = "in_progress" if reapplied else "expired"
    return OfferStatus(qualification, status, current, valid_until, by_limit, tuple(evidence))


def _confirms(event: QualificationEvent, status: Status, valid_until: dt.date | None) -> bool:
    """A source showing the status held while a known grant still ran: no new grant."""
    return (
        event.bound == "by"
        and status == "qualified"
        and (valid_until is None or event.date.earliest() <= valid_until)
    )


def scheme_statuses(offer: Offer, scheme: Scheme, as_of: dt.date) -> list[OfferStatus]:
    """Status of each of the offer's histories under `scheme` (usually one), best first."""
    found = [offer_status(q, as_of) for q in offer.qualifications if q.scheme == scheme]
    return sorted(found, key=lambda s: STATUSES.index(s.status))


def qualified_under_3_2(offer: Offer, as_of: dt.date) -> OfferStatus | None:
    """The offer's SecNumCloud grant in force on the day, if recorded as under version 3.2."""
    for qualification in offer.qualifications:
        if qualification.scheme != "secnumcloud":
            continue
        status = offer_status(qualification, as_of)
        event = status.event
        if status.status == "qualified" and event is not None and event.version == "3.2":
            return status
    return None


def shown_by_secnumcloud_3_2(
    subject: Subject, level: Level, as_of: dt.date, unknown: Finding
) -> Finding | None:
    """What an offer qualified SecNumCloud 3.2 on the day shows where the profile's own facts
    cannot (`unknown`): ANSSI audited chapters 19.2 and 19.6 to qualify it. A requirement on
    the company (19.6 a, b: seat, capital) is shown by any offer of the provider so qualified;
    one on the offer (19.2, 19.6 c: location, access) only by that offer's own qualification.
    The one rule that criteria and gates with `shown_by: secnumcloud_3.2` apply."""
    offers = subject.provider.offers if level == "provider" else [subject.offer]
    for offer in offers:
        status = qualified_under_3_2(offer, as_of)
        if status is not None:
            sources = unique(*(e.sources for e in status.evidence), unknown.sources)
            reason = (
                f"shown by the SecNumCloud 3.2 qualification of {offer.name!r} ({unknown.reason})"
            )
            return Finding(None, reason, sources)
    return None
