"""Warnings a buyer should see beside a score: lapsing qualifications, stale profiles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

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
                end = "runs to" if status.until_is_bound else "expires on"
                how = ""
                if status.lapsed_by_limit:
                    how = " at most" if status.until_is_bound else " (three-year limit)"
                yield ScoreWarning(
                    "qualification_expiring",
                    f"{label}: {end} {until}{how}, in {days} days, and no renewal is recorded",
                )
        elif status.status == "unverified":
            yield ScoreWarning("qualification_unverified", f"{label}: {unverified_text(status)}")
        elif status.status == "expired" and until is not None:
            yield ScoreWarning(
                "qualification_expired",
                f"{label}: expired after {until}; not on the list read on {status.checked}",
            )
    for link in subject.chain():
        if link.missing is not None:
            yield ScoreWarning(
                "runs_on_missing",
                f"{link.offer.name} runs on {link.missing}, which is not loaded: what it runs "
                "on is left out of the score (load the file that defines it)",
            )
    if provider.stale_on(as_of):
        yield ScoreWarning(
            "profile_stale",
            f"profile last reviewed {provider.reviewed}, more than {STALE_AFTER_MONTHS} months "
            f"before {as_of}",
        )
