"""Dates known to a year, a month or a day, as sources give them."""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
FIRST_YEAR, LAST_YEAR = 1900, 2199
"""Years a fact of a cloud provider can carry. Outside them a date is a typo (0000, 9999), and
dates near the calendar's ends would leave it under the arithmetic that reads them (+3 years)."""


def _calendar_pattern() -> str:
    """The dates `PartialDate.parse` accepts as text, as one regular expression for JSON Schema:
    years FIRST_YEAR-LAST_YEAR, months 01-12, and only days that exist (29 February in leap
    years). tests/test_schema_agrees.py checks it against `parse` over every day of the range."""
    assert (FIRST_YEAR, LAST_YEAR) == (1900, 2199), "rewrite the pattern for the new range"
    year = "(?:19|2[01])[0-9]{2}"
    month = "(?:0[1-9]|1[0-2])"
    day = (
        f"(?:{month}-(?:0[1-9]|1[0-9]|2[0-8])"  # every month has 28 days
        "|(?:0[13-9]|1[0-2])-(?:29|30)"  # all but February have 30
        "|(?:0[13578]|1[02])-31)"  # seven have 31
    )
    # Leap years: multiples of 4, but not 1900 or 2100 (2000 is one: divisible by 400).
    leap = "(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:0[048]|[2468][048]|[13579][26])|21(?:0[48]|[2468][048]|[13579][26]))"
    return f"^(?:{year}(?:-{month})?|{year}-{day}|{leap}-02-29)$"


CALENDAR_PATTERN = _calendar_pattern()
PARTIAL_DATE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": CALENDAR_PATTERN},
        {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    ],
    "description": "A date with the precision its source gives: 2024-05-17, '2024-05' or 2024.",
}
"""What `parse` accepts, as YAML 1.2 editors read it (text, or a year as a number); published
once, as a definition the fields refer to (render/schemas.py)."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date with the precision its source gives: never a day or month that was not written."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError("a date without a time of day")
        if isinstance(value, dt.date):  # YAML read it as a date: it exists, check the year
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise ValueError(f"a year from {FIRST_YEAR} to {LAST_YEAR}, not {value.year:04d}")
            return cls(value.year, value.month, value.day)
        if isinstance(value, bool):
            raise ValueError("a date like 2024-05-17, '2024-05' or 2024")
        if isinstance(value, int):
            text = str(value)
        elif isinstance(value, str):
            text = value
        else:
            raise ValueError("a date like 2024-05-17, '2024-05' or 2024")
        match = _PATTERN.fullmatch(text)
        if not match:
            raise ValueError("a date like 2024-05-17, '2024-05' or 2024")
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"a year from {FIRST_YEAR} to {LAST_YEAR}, not {year:04d}")
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"a month from 01 to 12, not {month:02d}")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"a day that exists ({year}-{month:02d} has {last} days)")
        return cls(year, month, day)

    @property
    def is_exact(self) -> bool:
        return self.day is not None

    def earliest(self) -> dt.date:
        """First day the date can stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """Last day the date can stand for."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_partial_date,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return copy.deepcopy(PARTIAL_DATE_SCHEMA)


def _validate_partial_date(value: object) -> PartialDate:
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise PydanticCustomError(
            "partial_date", "expected {expected}", {"expected": str(exc)}
        ) from None


# Date arithmetic saturates at the calendar's ends instead of raising: `--as-of 9999-12-31`
# is a day like any other, and "the day after the last day" is still the last day.


def add_days(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February falls back to the 28th)."""
    return add_months(day, 12 * years)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, or the month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))
