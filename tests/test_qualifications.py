"""How a dated history reads on a given day: never a status before a source shows it."""

import datetime as dt
from typing import Any

from sovscore.measures.qualifications import offer_status
from sovscore.model.profile import Qualification


def qualification(*events: dict[str, Any]) -> Qualification:
    return Qualification.model_validate({"scheme": "secnumcloud", "history": list(events)})


def status(q: Qualification, day: str, *checked: str) -> str:
    """The status on `day`, with the register read on the days `checked`."""
    reads = [dt.date.fromisoformat(d) for d in checked]
    return offer_status(q, dt.date.fromisoformat(day), reads).status


def test_exact_window_is_inclusive_of_both_ends() -> None:
    q = qualification(
        {"status": "qualified", "date": dt.date(2023, 11, 30)},
        {"status": "expires", "date": dt.date(2026, 11, 30)},
    )
    assert status(q, "2023-11-29") == "none"
    assert status(q, "2023-11-30") == "qualified"
    assert status(q, "2026-11-30") == "qualified"
    # The end passed after the last read of the register: a projection, not an observation.
    assert status(q, "2026-12-01") == "unverified"
    assert status(q, "2026-12-01", "2026-09-15") == "unverified"
    assert status(q, "2026-12-01", "2026-11-30") == "unverified"
    # A read after the end that found no renewal shows the lapse.
    assert status(q, "2026-12-01", "2026-12-01") == "expired"
    assert status(q, "2026-12-05", "2026-12-01") == "expired"
    # A read after the day asked for does not count on that day.
    assert status(q, "2026-12-01", "2026-12-02") == "unverified"


def test_a_status_seen_held_is_an_observation_of_the_register() -> None:
    q = qualification(
        {"status": "qualified", "date": dt.date(2026, 9, 15), "bound": "by"},
        {"status": "expires", "date": dt.date(2026, 11, 30)},
    )
    result = offer_status(q, dt.date(2026, 12, 1))
    assert result.status == "unverified"
    assert result.checked == dt.date(2026, 9, 15)


def test_an_imprecise_grant_counts_from_the_last_day_it_can_mean() -> None:
    q = qualification({"status": "qualified", "date": "2022-10", "bound": "by"})
    assert status(q, "2022-10-30") == "none"
    assert status(q, "2022-10-31") == "qualified"
    year = qualification({"status": "qualified", "date": 2022})
    assert status(year, "2022-12-30") == "none"
    assert status(year, "2022-12-31") == "qualified"


def test_an_imprecise_expiry_counts_from_the_first_day_it_can_mean() -> None:
    q = qualification(
        {"status": "qualified", "date": dt.date(2022, 3, 10)},
        {"status": "expires", "date": "2025-03"},
    )
    assert status(q, "2025-02-28") == "qualified"
    assert status(q, "2025-03-01", "2025-03-01") == "expired"


def test_a_grant_without_recorded_end_lapses_after_three_years() -> None:
    q = qualification({"status": "qualified", "date": "2020-06", "bound": "by"})
    result = offer_status(q, dt.date(2023, 6, 1))
    assert result.status == "qualified"
    assert result.valid_until == dt.date(2023, 6, 1)
    assert result.lapsed_by_limit
    # Counted from a day by which it was held: the last day it can run to, not its end.
    assert result.until_is_bound
    assert status(q, "2023-06-02") == "unverified"
    assert status(q, "2023-06-02", "2023-06-02") == "expired"


def test_renewal_restarts_the_window() -> None:
    q = qualification(
        {"status": "qualified", "date": dt.date(2020, 12, 1)},
        {"status": "renewed", "date": dt.date(2023, 11, 30), "version": "3.2"},
        {"status": "expires", "date": dt.date(2026, 11, 30)},
    )
    assert status(q, "2023-12-05") == "qualified"
    assert status(q, "2026-11-01") == "qualified"
    assert status(q, "2026-12-02", "2026-12-02") == "expired"


def test_application_then_grant_then_withdrawal() -> None:
    q = qualification(
        {"status": "applied", "date": dt.date(2024, 7, 1)},
        {"status": "qualified", "date": dt.date(2025, 12, 17)},
        {"status": "withdrawn", "date": "2026-05"},
    )
    assert status(q, "2024-06-30") == "none"
    assert status(q, "2024-07-01") == "in_progress"
    assert status(q, "2025-12-17") == "qualified"
    assert status(q, "2026-04-30") == "qualified"
    assert status(q, "2026-05-01") == "withdrawn"


def test_reapplying_after_a_lapse_is_in_progress() -> None:
    q = qualification(
        {"status": "qualified", "date": dt.date(2019, 1, 10)},
        {"status": "expires", "date": dt.date(2022, 1, 10)},
        {"status": "applied", "date": dt.date(2022, 6, 1)},
    )
    assert status(q, "2022-03-01", "2022-02-01") == "expired"
    assert status(q, "2022-06-02", "2022-02-01") == "in_progress"


def test_evidence_is_only_what_counts_on_the_day() -> None:
    q = qualification(
        {"status": "qualified", "date": "2020-06", "bound": "by", "sources": ["old"]},
        {"status": "renewed", "date": dt.date(2023, 11, 30), "sources": ["new"]},
    )
    evidence = offer_status(q, dt.date(2022, 1, 1)).evidence
    assert [s for e in evidence for s in e.sources] == ["old"]


def test_a_source_showing_the_status_held_does_not_restart_the_window() -> None:
    q = qualification(
        {"status": "qualified", "date": 2022},
        {"status": "qualified", "date": dt.date(2024, 4, 3), "bound": "by"},
    )
    result = offer_status(q, dt.date(2024, 12, 1))
    assert result.status == "qualified"
    assert result.valid_until == dt.date(2025, 1, 1)
    assert not result.until_is_bound  # counted from the grant itself
    assert status(q, "2025-01-02", "2025-01-02") == "expired"


def test_held_again_after_a_lapse_counts_from_the_day_after_the_lapse() -> None:
    q = qualification(
        {"status": "qualified", "date": dt.date(2019, 1, 10)},
        {"status": "qualified", "date": dt.date(2023, 6, 1), "bound": "by"},
    )
    result = offer_status(q, dt.date(2023, 6, 1))
    assert result.status == "qualified"
    assert result.valid_until == dt.date(2025, 1, 11)


def test_renewal_applied_for_but_grant_ran_out_is_in_progress() -> None:
    q = qualification(
        {"status": "qualified", "date": dt.date(2020, 1, 1)},
        {"status": "applied", "date": dt.date(2022, 9, 1)},
        {"status": "expires", "date": dt.date(2023, 1, 1)},
    )
    assert status(q, "2022-12-01") == "qualified"
    assert status(q, "2023-01-02") == "in_progress"


def test_a_renewal_before_the_end_keeps_the_later_end() -> None:
    """Renewed before its window ran out: the previous window's end stays in the history (it
    was true when recorded) and the new end holds."""
    q = qualification(
        {"status": "qualified", "date": dt.date(2023, 12, 28)},
        {"status": "expires", "date": dt.date(2026, 12, 29)},
        {"status": "renewed", "date": dt.date(2026, 12, 18)},
        {"status": "expires", "date": dt.date(2029, 12, 18)},
    )
    assert status(q, "2026-12-20") == "qualified"
    assert status(q, "2027-06-01", "2027-01-10") == "qualified"
    assert offer_status(q, dt.date(2027, 6, 1)).valid_until == dt.date(2029, 12, 18)
    # An end beyond the scheme's three years of the grant in force is not taken.
    too_long = qualification(
        {"status": "qualified", "date": dt.date(2023, 12, 28)},
        {"status": "expires", "date": dt.date(2026, 12, 29)},
        {"status": "expires", "date": dt.date(2030, 1, 1)},
    )
    assert offer_status(too_long, dt.date(2026, 1, 1)).valid_until == dt.date(2026, 12, 29)
