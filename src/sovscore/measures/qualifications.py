"""A qualification's status on a given day, read from its dated history.

Imprecise dates are read so that a status is never counted before a source shows it: an
application or a grant counts from the last day its date can stand for, an expiry or a withdrawal
from the first. A grant with no recorded end lapses after the scheme's longest validity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import get_args

from ..i18n import _, day
from ..model.dates import add_days, add_years
from ..model.profile import (
    EventStatus,
    Offer,
    Provider,
    Qualification,
    QualificationEvent,
    QualificationStatus,
    Scheme,
)
from .base import Finding, Level, Subject, unique

Status = QualificationStatus
STATUSES: tuple[Status, ...] = tuple(s for s in get_args(QualificationStatus) if s != "unverified")
"""What the SecNumCloud measure yields: an unverified status is an unknown value (no points)."""
STATUS_ORDER: tuple[Status, ...] = get_args(QualificationStatus)

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
    """True when the grant runs out by the scheme's limit rather than a recorded expiry: then
    `valid_until` is at most that day (it may have ended sooner), never a recorded date."""
    evidence: tuple[QualificationEvent, ...] = ()
    """The events the status rests on: those counted by the as-of date, and the expiry in force."""
    checked: dt.date | None = None
    """The last observation of the register by the as-of date (a check of it, or a status seen
    held by a day): what is observed ends there, what follows is projected."""

    @property
    def until_is_bound(self) -> bool:
        """`valid_until` is only the latest day the grant can run to: the scheme's limit counted
        from a day by which it was already held ("qualified by"), not a recorded end."""
        return self.lapsed_by_limit and self.event is not None and self.event.bound == "by"


def validity_text(status: OfferStatus) -> str:
    """ ", valid to D", said as exactly as the data knows it."""
    until = status.valid_until
    if until is None:
        return ""
    if status.until_is_bound:
        # Translators: appended to "<offer>: qualified on <date>"; it keeps its leading comma.
        return _(", valid to {day} at most (three-year limit from a date it was held by)").format(
            day=day(until)
        )
    if status.lapsed_by_limit:
        # Translators: appended to "<offer>: qualified on <date>"; it keeps its leading comma.
        return _(", valid to {day} (three-year limit; no end recorded)").format(day=day(until))
    # Translators: appended to "<offer>: qualified on <date>"; it keeps its leading comma.
    return _(", valid to {day}").format(day=day(until))


def unverified_text(status: OfferStatus) -> str:
    """What an `unverified` status means, and what to check."""
    until = day(status.valid_until)
    if status.until_is_bound:
        # Translators: the last day a validity could have lasted, counted from a date by which
        # the qualification was already held.
        end = _("at most {day} (three-year limit)").format(day=until)
    elif status.lapsed_by_limit:
        # Translators: the last day of a validity counted by the scheme's limit (none recorded).
        end = _("{day} (three-year limit)").format(day=until)
    else:
        end = until
    read = (
        _("according to the register as seen on {day}").format(day=day(status.checked))
        if status.checked is not None
        else _("according to the data (no read of the register recorded)")
    )
    # Translators: {end} is a date (perhaps with "at most" or the limit it comes from); {read}
    # says what it rests on ("according to the register as seen on <date>").
    return _(
        "validity ended {end} {read}; renewal not checked since: check ANSSI's list of "
        "qualified offers (cyber.gouv.fr)"
    ).format(end=end, read=read)


def event_word(status: EventStatus) -> str:
    """An event of a qualification's history, as people read it: 'applied', 'renewed'."""
    return {
        # Translators: what happened to an offer's qualification ("<offer>: applied <date>").
        "applied": _("applied"),
        "qualified": _("qualified"),
        "renewed": _("renewed"),
        "expires": _("expires"),
        "withdrawn": _("withdrawn"),
    }.get(status, status)


def event_text(name: str, event: QualificationEvent) -> str:
    """An event of a history as people read it: 'secnumcloud Cloud X: qualified by 2024-05'."""
    text = (
        # Translators: {name} is the scheme and the offer ("secnumcloud Cloud X"); {status},
        # what happened ("qualified"), already so by {date} (it may have happened earlier).
        _("{name}: {status} by {date}")
        if event.bound
        # Translators: {name} is the scheme and the offer ("secnumcloud Cloud X"); {status},
        # what happened ("qualified", "renewed") on {date}.
        else _("{name}: {status} {date}")
    )
    return text.format(name=name, status=event_word(event.status), date=day(event.date))


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


def offer_status(
    qualification: Qualification, as_of: dt.date, checks: Iterable[dt.date] = ()
) -> OfferStatus:
    """The status on `as_of`. A validity that ended is `expired` only when a check of the
    register (`checks`: days the scheme's list was read) came after its end and found no
    renewal; before such a check it is `unverified`: a projection, not an observation."""
    status: Status = "none"
    current: QualificationEvent | None = None
    valid_until: dt.date | None = None
    ceiling: dt.date | None = None
    by_limit = False
    reapplied = False
    evidence: list[QualificationEvent] = []
    limit = MAX_VALIDITY_YEARS.get(qualification.scheme)
    for event in sorted(qualification.history, key=lambda e: (e.date.earliest(), counts_from(e))):
        if event.status == "expires":
            # The grant in force ends on the day its register entry says, within the scheme's
            # limit. When several ends follow it, the latest holds: an offer renewed before
            # its previous window ran out keeps that window's end in its history.
            end = last_valid_day(event)
            if (
                status == "qualified"
                and (ceiling is None or end <= ceiling)
                and (by_limit or valid_until is None or end > valid_until)
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
            ceiling = add_days(valid_until, LIMIT_TOLERANCE_DAYS) if valid_until else None
            by_limit = limit is not None
    # What was last observed of the register: a check of it, or an event that shows the status
    # held by a day (a grant seen in a copy of the list of that day).
    seen = [read for read in checks if read <= as_of]
    seen += [e.date.latest() for e in evidence if e.bound == "by" and e.date.latest() <= as_of]
    checked = max(seen, default=None)
    if status == "qualified" and valid_until is not None and valid_until < as_of:
        if reapplied:
            status = "in_progress"
        else:
            status = "expired" if checked is not None and checked > valid_until else "unverified"
    return OfferStatus(
        qualification, status, current, valid_until, by_limit, tuple(evidence), checked
    )


def _confirms(event: QualificationEvent, status: Status, valid_until: dt.date | None) -> bool:
    """A source showing the status held while a known grant still ran: no new grant."""
    return (
        event.bound == "by"
        and status == "qualified"
        and (valid_until is None or event.date.earliest() <= valid_until)
    )


def register_checks(provider: Provider, scheme: Scheme) -> list[dt.date]:
    """The days the provider's register for `scheme` was read (each check's last possible day)."""
    return [c.date.latest() for c in provider.register_checks if c.scheme == scheme]


def scheme_statuses(subject: Subject, scheme: Scheme, as_of: dt.date) -> list[OfferStatus]:
    """Status of each of the offer's histories under `scheme` (usually one), best first."""
    checks = register_checks(subject.provider, scheme)
    found = [
        offer_status(q, as_of, checks) for q in subject.offer.qualifications if q.scheme == scheme
    ]
    return sorted(found, key=lambda s: STATUS_ORDER.index(s.status))


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
            # Translators: {offer} is the offer's name in quotes; {reason} says why the facts
            # alone do not show the requirement.
            reason = _("shown by the SecNumCloud 3.2 qualification of {offer} ({reason})").format(
                offer=repr(offer.name), reason=unknown.reason
            )
            return Finding(None, reason, sources, basis="qualification")
    return None
