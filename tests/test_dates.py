import datetime as dt

import pytest

from sovscore.model.dates import PartialDate, add_months, add_years


@pytest.mark.parametrize(
    ("raw", "text", "earliest", "latest"),
    [
        (2019, "2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        ("2024-02", "2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (dt.date(2025, 12, 17), "2025-12-17", dt.date(2025, 12, 17), dt.date(2025, 12, 17)),
    ],
)
def test_partial_date_keeps_its_precision(
    raw: object, text: str, earliest: dt.date, latest: dt.date
) -> None:
    date = PartialDate.parse(raw)
    assert str(date) == text
    assert date.earliest() == earliest
    assert date.latest() == latest


@pytest.mark.parametrize(
    "raw",
    ["2025-13", "2025-02-30", "25-01", "2025/01", True, 3.5, dt.datetime(2025, 1, 1, 12), "20251"],
)
def test_partial_date_refuses_what_is_not_a_date(raw: object) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(raw)


def test_adding_years_and_months_to_month_ends() -> None:
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 28), 12) == dt.date(2026, 11, 28)
