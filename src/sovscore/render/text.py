"""Plain-text pieces every human-facing renderer shares."""

from __future__ import annotations

import re

from ..measures import Value

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Data files are text, never terminal control: show control characters (but newlines) as escapes."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def show_value(value: Value | None) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g} %"
    return value.replace("_", " ")


def one_decimal(number: float) -> str:
    return f"{number:.1f}"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"
