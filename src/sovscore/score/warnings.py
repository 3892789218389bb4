"""Warnings a buyer should see beside a score: lapsing qualifications, stale profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from ..i18n import _, day, n_
from ..measures.base import Subject
from ..measures.qualifications import offer_status, register_checks, unverified_text
from ..model.profile import STALE_AFTER_MONTHS

EXPIRY_NOTICE_DAYS = 90


WarningCode = Literal[
    "qualification_expiring",
    "qualification_expired",
    "qualification_unverified",
    "profile_stale",
    "runs_on_missing",
]


@dataclass(frozen=True)
class ScoreWarning:
    code: WarningCode
    message: str


def warnings_for(subject: Subject, as_of: dt.date) -> Iterator[ScoreWarning]:
    """What a buyer of this offer should know on the day: its qualifications ending or ended,
    an infrastructure it runs on that is not loaded, a profile not reviewed for a year."""
    provider, offer = subject.provider, subject.offer
    for qualification in offer.qualifications:
        checks = register_checks(provider, qualification.scheme)
        status = offer_status(qualification, as_of, checks)
        label = f"{qualification.scheme} {qualification.label or offer.name}"
        until = status.valid_until
        if status.status == "qualified" and until is not None:
            days = (until - as_of).days
            if days <= EXPIRY_NOTICE_DAYS:
                if status.until_is_bound:
                    # Translators: English says "days" whatever the count; {label} is the scheme
                    # and the offer ("secnumcloud Cloud X").
                    text = n_(
                        "{label}: runs to {day} at most, in {days} days, and no renewal is recorded",
                        "{label}: runs to {day} at most, in {days} days, and no renewal is recorded",
                        days,
                    )
                elif status.lapsed_by_limit:
                    # Translators: English says "days" whatever the count; {label} is the scheme
                    # and the offer ("secnumcloud Cloud X").
                    text = n_(
                        "{label}: expires on {day} (three-year limit), in {days} days, and no "
                        "renewal is recorded",
                        "{label}: expires on {day} (three-year limit), in {days} days, and no "
                        "renewal is recorded",
                        days,
                    )
                else:
                    # Translators: English says "days" whatever the count; {label} is the scheme
                    # and the offer ("secnumcloud Cloud X").
                    text = n_(
                        "{label}: expires on {day}, in {days} days, and no renewal is recorded",
                        "{label}: expires on {day}, in {days} days, and no renewal is recorded",
                        days,
                    )
                yield ScoreWarning(
                    "qualification_expiring",
                    text.format(label=label, day=day(until), days=days),
                )
        elif status.status == "unverified":
            yield ScoreWarning(
                "qualification_unverified",
                # Translators: {label} is the scheme and the offer; {reason}, what to check.
                _("{label}: {reason}").format(label=label, reason=unverified_text(status)),
            )
        elif status.status == "expired" and until is not None:
            yield ScoreWarning(
                "qualification_expired",
                # Translators: {label} is the scheme and the offer ("secnumcloud Cloud X").
                _("{label}: expired after {day}; not on the list read on {checked}").format(
                    label=label, day=day(until), checked=day(status.checked)
                ),
            )
    for link in subject.chain():
        if link.missing is not None:
            yield ScoreWarning(
                "runs_on_missing",
                # Translators: {missing} is the reference (provider/offer) of an offer not loaded.
                _(
                    "{offer} runs on {missing}, which is not loaded: what it runs on is left out "
                    "of the score (load the file that defines it)"
                ).format(offer=link.offer.name, missing=link.missing),
            )
    if provider.stale_on(as_of):
        yield ScoreWarning(
            "profile_stale",
            # Translators: {reviewed} is the day the profile was last reviewed.
            n_(
                "profile last reviewed {reviewed}, more than {months} month before {day}",
                "profile last reviewed {reviewed}, more than {months} months before {day}",
                STALE_AFTER_MONTHS,
            ).format(reviewed=day(provider.reviewed), months=STALE_AFTER_MONTHS, day=day(as_of)),
        )
