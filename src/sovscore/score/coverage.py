"""How much of a ranking rests on sourced facts, cell by cell, and what a maintainer must check
next. Pure: a ranking (and the providers' facts) in, counts and lists out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from ..i18n import _, day, n_
from ..measures import MEASURES
from ..measures.qualifications import offer_status, register_checks
from ..model.dates import add_days, add_months
from ..model.profile import STALE_AFTER_MONTHS, Provider, Source, SourceKind
from ..model.rubric import Rubric
from .evidence import WEAK_KINDS, scored_facts
from .scoring import CriterionResult, Ranking


def sourced(cell: CriterionResult) -> bool:
    """A cell rests on sourced facts: its value is known (or shown by a qualification) and it
    cites at least one source."""
    return cell.status != "unknown" and bool(cell.sources)


@dataclass(frozen=True)
class CriterionCoverage:
    id: str
    label: str
    sourced: int
    total: int
    unknown: tuple[str, ...]
    """The units (provider ids, or provider/offer) whose cell does not rest on sourced facts."""


@dataclass(frozen=True)
class Coverage:
    ranking: Ranking
    criteria: tuple[CriterionCoverage, ...]

    @property
    def sourced(self) -> int:
        return sum(c.sourced for c in self.criteria)

    @property
    def total(self) -> int:
        return sum(c.total for c in self.criteria)

    @property
    def share(self) -> float:
        return self.sourced / self.total if self.total else 1.0


def coverage(ranking: Ranking) -> Coverage:
    """Per criterion of the ranking's rubric, how many of its units' cells rest on sourced facts."""
    rows = []
    for index, criterion in enumerate(ranking.rubric.criteria):
        cells = [(ranking.key(r), r.criteria[index]) for r in ranking.results]
        rows.append(
            CriterionCoverage(
                criterion.id,
                criterion.label,
                sum(1 for _, cell in cells if sourced(cell)),
                len(cells),
                tuple(key for key, cell in cells if not sourced(cell)),
            )
        )
    return Coverage(ranking, tuple(rows))


DueKind = Literal["qualification_ending", "register_read", "profile_review", "weak_sources"]


@dataclass(frozen=True)
class DueItem:
    kind: DueKind
    provider: str
    subject: str
    """What to check: an offer's qualification, a register, the profile, a fact."""
    date: dt.date | None
    """When it falls due (an end of validity, the day a read or review gets too old)."""
    reason: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Due:
    as_of: dt.date
    within: int
    register_age: int
    items: tuple[DueItem, ...]


def due(
    providers: Iterable[Provider],
    rubric: Rubric,
    sources: Mapping[str, Source],
    as_of: dt.date,
    *,
    within: int = 90,
    register_age: int = 90,
) -> Due:
    """What a maintainer must re-check next, soonest first: qualifications ending within
    `within` days (or ended after the last read of the register), registers last read more than
    `register_age` days before the day, profiles whose review falls due within `within` days,
    and scored facts resting only on compilations or analyses."""
    listed = list(providers)
    scored = {field for c in rubric.criteria for field in MEASURES[c.measure].reads}
    items = [
        item
        for provider in listed
        for item in _provider_due(provider, scored, sources, as_of, within, register_age)
    ]
    items.sort(key=lambda i: (i.date or dt.date.max, i.kind, i.provider, i.subject))
    return Due(as_of, within, register_age, tuple(items))


def _provider_due(
    provider: Provider,
    scored: set[str],
    sources: Mapping[str, Source],
    as_of: dt.date,
    within: int,
    register_age: int,
) -> Iterator[DueItem]:
    schemes = {q.scheme for o in provider.offers for q in o.qualifications}
    schemes |= {c.scheme for c in provider.register_checks}
    for offer in provider.offers:
        for qualification in offer.qualifications:
            checks = register_checks(provider, qualification.scheme)
            status = offer_status(qualification, as_of, checks)
            until = status.valid_until
            name = f"{provider.id}/{offer.id} {qualification.scheme}"
            if status.status == "unverified" and until is not None:
                # Translators: in "after the last read of the register (none recorded)".
                checked = day(status.checked) if status.checked else _("none recorded")
                # Translators: {checked} is the day of the last read, or "none recorded".
                reason = _(
                    "validity ended {day}, after the last read of the register ({checked}): "
                    "check for a renewal"
                ).format(day=day(until), checked=checked)
                yield DueItem("qualification_ending", provider.id, name, until, reason)
            elif status.status == "qualified" and until is not None:
                days = (until - as_of).days
                if days <= within:
                    text = (
                        # Translators: English says "days" whatever the count.
                        n_(
                            "validity ends at most {day}, in {days} days: check for a renewal",
                            "validity ends at most {day}, in {days} days: check for a renewal",
                            days,
                        )
                        if status.until_is_bound
                        # Translators: English says "days" whatever the count.
                        else n_(
                            "validity ends {day}, in {days} days: check for a renewal",
                            "validity ends {day}, in {days} days: check for a renewal",
                            days,
                        )
                    )
                    reason = text.format(day=day(until), days=days)
                    yield DueItem("qualification_ending", provider.id, name, until, reason)
    for scheme in sorted(schemes):
        reads = [d for d in register_checks(provider, scheme) if d <= as_of]
        for offer in provider.offers:
            for qualification in offer.qualifications:
                if qualification.scheme == scheme:
                    reads += [
                        e.date.latest()
                        for e in qualification.history
                        if e.bound == "by" and e.date.latest() <= as_of
                    ]
        last = max(reads, default=None)
        if last is None or (as_of - last).days > register_age:
            text = (
                # Translators: English says "days" whatever the count; {scheme} is the code of
                # the register (secnumcloud, hds).
                n_(
                    "{scheme} register last read {last}, more than {age} days before {day}: "
                    "read it again",
                    "{scheme} register last read {last}, more than {age} days before {day}: "
                    "read it again",
                    register_age,
                )
                if last
                # Translators: English says "days" whatever the count; {scheme} is the code of
                # the register (secnumcloud, hds).
                else n_(
                    "{scheme} register never read, more than {age} days before {day}: read it "
                    "again",
                    "{scheme} register never read, more than {age} days before {day}: read it "
                    "again",
                    register_age,
                )
            )
            yield DueItem(
                "register_read",
                provider.id,
                f"{provider.id} {scheme}",
                add_days(last, register_age) if last else None,
                text.format(scheme=scheme, last=day(last), age=register_age, day=day(as_of)),
            )
    review_due = add_months(provider.reviewed.latest(), STALE_AFTER_MONTHS)
    if (review_due - as_of).days <= within:
        yield DueItem(
            "profile_review",
            provider.id,
            provider.id,
            review_due,
            _("reviewed {reviewed}: the review falls due on {day}").format(
                reviewed=day(provider.reviewed), day=day(review_due)
            ),
        )
    for __, fact, cited in scored_facts(provider, scored):
        kinds = {sources[i].kind for i in cited if i in sources}
        if kinds and kinds <= WEAK_KINDS:
            # Translators: {kinds} names the kinds of sources ("analysis and compilation").
            reason = _(
                "rests only on {kinds} sources: find the document itself or the provider's own word"
            ).format(kinds=_both(_kind_word(kind) for kind in sorted(kinds)))
            yield DueItem("weak_sources", provider.id, fact, None, reason, tuple(cited))


def _kind_word(kind: SourceKind) -> str:
    """A kind of source, as people read it in "rests only on <kind> sources"."""
    return {
        # Translators: a source kind: a document a public authority issued.
        "official": _("official"),
        "provider": _("provider"),
        "press": _("press"),
        "compilation": _("compilation"),
        "analysis": _("analysis"),
    }.get(kind, kind)


def _both(words: Iterable[str]) -> str:
    """'a and b', 'a and b and c'."""
    joined = ""
    for word in words:
        # Translators: two items of a list ("analysis and compilation").
        joined = _("{first} and {second}").format(first=joined, second=word) if joined else word
    return joined
