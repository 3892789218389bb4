"""What changed between two days, and why: the same data and rubric ranked on each day, and for
each provider (or offer) whose standing moved, what moved (score, grade, rank, eligibility,
the offer that stands for it, each criterion, each qualification status) and the dated facts
between the two days that explain it. Pure: two rankings in, changes out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from ..i18n import _, day
from ..measures.base import Subject
from ..measures.qualifications import counts_from, event_text, offer_status, register_checks
from ..model.dates import add_days
from ..model.profile import Provider
from .scoring import ProviderResult, Ranking

ChangeKind = Literal[
    "listed", "unlisted", "score", "grade", "rank", "eligibility", "offer", "criterion", "status"
]


@dataclass(frozen=True)
class Change:
    kind: ChangeKind
    subject: str
    """What changed: the unit's id, a criterion's id, or scheme + offer for a status."""
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Event:
    """A dated fact between the two days (the first excluded, the second included)."""

    date: dt.date
    text: str
    offer: str | None = None
    """provider/offer, when the fact is an offer's."""


@dataclass(frozen=True)
class UnitDiff:
    key: str
    name: str
    before: ProviderResult | None
    after: ProviderResult | None
    changes: tuple[Change, ...]
    events: tuple[Event, ...]
    """The dated facts that explain the changes: in its offers (or the offers they run on),
    its register checks, its profile's staleness."""
    moved_by: tuple[str, ...] = ()
    """When only its rank changed: the others whose own standing changed, which moved it."""


@dataclass(frozen=True)
class Diff:
    before: Ranking
    after: Ranking
    units: tuple[UnitDiff, ...]
    """Only the providers (or offers) that changed, in the order of the second ranking."""

    @property
    def changed(self) -> bool:
        return bool(self.units)


def _shown(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _changes(key: str, before: ProviderResult | None, after: ProviderResult | None) -> list[Change]:
    if before is None or after is None:
        kind: ChangeKind = "listed" if before is None else "unlisted"
        return [Change(kind, key, None if before is None else key, None if after is None else key)]
    found: list[Change] = []

    def moved(kind: ChangeKind, subject: str, old: str | None, new: str | None) -> None:
        if old != new:
            found.append(Change(kind, subject, old, new))

    moved("score", key, f"{before.score:.1f}", f"{after.score:.1f}")
    moved("grade", key, before.grade, after.grade)
    moved("rank", key, str(before.rank), str(after.rank))
    moved("eligibility", key, before.eligibility, after.eligibility)
    moved("offer", key, before.ref, after.ref)
    old_criteria = {c.id: c for c in before.criteria}
    for criterion in after.criteria:
        old = old_criteria.get(criterion.id)
        if old is None:
            continue
        moved("criterion", criterion.id, _shown(old.value), _shown(criterion.value))
        if old.value == criterion.value:
            moved("criterion", criterion.id, _shown(old.points), _shown(criterion.points))
    return found


def _status_changes(
    before: ProviderResult | None, after: ProviderResult | None, days: tuple[dt.date, dt.date]
) -> list[Change]:
    """Each offer's status under each scheme it has a history for, on the two days."""
    result = after or before
    if result is None:
        return []
    found = []
    for offer_result in result.offers or (result,):
        provider, offer = offer_result.provider, offer_result.offer
        for qualification in offer.qualifications:
            checks = register_checks(provider, qualification.scheme)
            old, new = (offer_status(qualification, when, checks).status for when in days)
            if old != new:
                name = qualification.label or offer.name
                found.append(
                    Change("status", f"{qualification.scheme} {offer_result.ref} {name}", old, new)
                )
    return found


def events_between(subject: Subject, since: dt.date, until: dt.date) -> Iterator[Event]:
    """The dated facts of an offer, its provider and the offers it runs on, after `since` and
    up to `until`: qualification events as they count, validity ends passed, register reads,
    published assessments, the profile going stale."""
    seen: set[str] = set()
    for link in subject.chain():
        provider, offer = link.provider, link.offer
        for qualification in offer.qualifications:
            name = f"{qualification.scheme} {qualification.label or offer.name}"
            for event in qualification.history:
                if event.status == "expires":
                    continue
                counted = counts_from(event)
                if since < counted <= until:
                    yield Event(counted, event_text(name, event), link.ref)
            checks = register_checks(provider, qualification.scheme)
            held = offer_status(qualification, since, checks)
            end = held.valid_until
            # A validity that ran out in between, unless a renewal or a new grant followed.
            if end is not None and since <= end < until:
                after = offer_status(qualification, add_days(end, 1), checks)
                if after.status != "qualified":
                    passed = (
                        _("{name}: ran past {day}, the latest its validity could last")
                        if held.until_is_bound
                        else _("{name}: passed its {day} validity date")
                    )
                    yield Event(end, passed.format(name=name, day=day(end)), link.ref)
        for assessment in offer.csf_assessments:
            published = assessment.date.latest()
            if since < published <= until:
                # Translators: {objective} is SOV-1..SOV-8; {assessor}, who published it.
                text = _("{offer}: EU CSF {objective} assessed SEAL-{seal} by {assessor}").format(
                    offer=offer.name,
                    objective=assessment.objective,
                    seal=assessment.seal,
                    assessor=assessment.assessed_by,
                )
                yield Event(published, text, link.ref)
        if provider.id in seen:
            continue
        seen.add(provider.id)
        yield from _provider_events(provider, since, until)


def _provider_events(provider: Provider, since: dt.date, until: dt.date) -> Iterator[Event]:
    for check in provider.register_checks:
        read = check.date.latest()
        if since < read <= until:
            # Translators: {scheme} is the scheme's code (secnumcloud, hds).
            text = _("{provider}: {scheme} register read on {date}").format(
                provider=provider.name, scheme=check.scheme, date=day(check.date)
            )
            yield Event(read, text)
    if provider.stale_on(until) and not provider.stale_on(since):
        text = _("{provider}: profile last reviewed {date} is stale").format(
            provider=provider.name, date=day(provider.reviewed)
        )
        yield Event(until, text)


def diff(before: Ranking, after: Ranking) -> Diff:
    """The units whose standing changed from `before` to `after` (the same data and rubric
    ranked on two days), each with the dated facts between the days that explain it."""
    old = {before.key(r): r for r in before.results}
    new = {after.key(r): r for r in after.results}
    keys = [*new, *(k for k in old if k not in new)]
    days = (before.as_of, after.as_of)
    since, until = min(days), max(days)
    units = []
    for key in keys:
        was, now = old.get(key), new.get(key)
        changes = _changes(key, was, now) + _status_changes(was, now, days)
        if not changes:
            continue
        result = now or was
        assert result is not None
        name = result.subject.label if before.unit == "offer" else result.provider.name
        if all(c.kind == "rank" for c in changes):
            units.append(UnitDiff(key, name, was, now, tuple(changes), ()))
            continue
        subjects = [o.subject for o in result.offers or (result,)]
        events = sorted(
            dict.fromkeys(e for s in subjects for e in events_between(s, since, until)),
            key=lambda e: (e.date, e.text),
        )
        units.append(UnitDiff(key, name, was, now, tuple(changes), tuple(events)))
    movers = tuple(u.name for u in units if any(c.kind != "rank" for c in u.changes))
    return Diff(
        before,
        after,
        tuple(
            replace(u, moved_by=movers) if all(c.kind == "rank" for c in u.changes) else u
            for u in units
        ),
    )
