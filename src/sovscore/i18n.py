"""The language people read sovscore in: English or French, from gettext catalogues.

Texts for people are written in English in the code, wrapped in `_()` (or `n_()` for plurals)
with named placeholders, and translated from `locale/<lang>/LC_MESSAGES/sovscore.mo`; Babel's
tooling extracts and compiles them (see the README's Development section). Numbers and dates go
through `number()` and `day()`, which follow the language (80.0 / 80,0; 2026-12-01 / 1 déc.
2026). JSON, NDJSON and CSV keys and codes never pass through here: they are the scripting
interface.

The language is chosen once, at the CLI's edge, before anything is scored (reasons are written
while scoring); everything below only reads it.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from importlib.resources import files
from typing import Literal, Protocol, get_args


class PartialDay(Protocol):
    """A date known to a year, a month or a day (the model's PartialDate)."""

    @property
    def year(self) -> int: ...

    @property
    def month(self) -> int | None: ...

    @property
    def day(self) -> int | None: ...


Lang = Literal["en", "fr"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DOMAIN = "sovscore"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_lang: Lang = "en"


def language() -> Lang:
    return _lang


def set_language(lang: Lang) -> None:
    """Read the catalogue of `lang` (English needs none: the texts are English)."""
    global _translations, _lang
    _lang = lang
    if lang == "en":
        _translations = gettext.NullTranslations()
        return
    catalogue = files("sovscore").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    with catalogue.open("rb") as handle:
        _translations = gettext.GNUTranslations(handle)


def from_environment(environ: dict[str, str] | None = None) -> Lang:
    """The language of the locale, as gettext reads it (LANGUAGE is not a locale: it is left
    to gettext's own users): LC_ALL, then LC_MESSAGES, then LANG; English otherwise."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return "fr" if code == "fr" else "en"
    return "en"


def _(message: str) -> str:
    """The message in the language chosen."""
    return _translations.gettext(message)


def n_(singular: str, plural: str, count: int) -> str:
    return _translations.ngettext(singular, plural, count)


def number(value: float, decimals: int = 1) -> str:
    """80.0 in English, 80,0 in French."""
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if _lang == "fr" else text


def compact(value: float) -> str:
    """A number as short as it can be written (`{value:g}`): 75, 12.5 / 12,5."""
    text = f"{value:g}"
    return text.replace(".", ",") if _lang == "fr" else text


def share(fraction: float) -> str:
    """A share as a percentage: 80% in English, 80 % in French (a thin no-break space)."""
    text = f"{fraction * 100:.0f}"
    return f"{text}\u202f%" if _lang == "fr" else f"{text}%"


def day(value: dt.date | PartialDay | None) -> str:
    """A day, a month or a year as the language writes it: ISO in English (what buyers copy into
    scripts and spreadsheets), "1 déc. 2026", "déc. 2026" or "2026" in French."""
    if value is None:
        return ""
    if _lang == "en":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    from babel.dates import format_date, format_skeleton

    if isinstance(value, dt.date):
        return format_date(value, format="medium", locale=_lang)
    if value.month is None:
        return f"{value.year:04d}"
    if value.day is None:
        return format_skeleton("yMMM", dt.date(value.year, value.month, 1), locale=_lang)
    return format_date(dt.date(value.year, value.month, value.day), format="medium", locale=_lang)
