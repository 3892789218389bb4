"""French and English: every message has its French translation, the compiled catalogue is the
one its .po gives, French follows French usage, and scripts keep their keys and codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sovscore import i18n

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "sovscore" / "locale"
KEYWORDS = {"_": None, "n_": (1, 2)}
METHODS = [("src/sovscore/**.py", "python"), ("src/sovscore/templates/**.html", "jinja2")]


def extracted() -> set[str | tuple[str, str]]:
    """Every message the code and the templates say, as Babel extracts them."""
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        found.add(message if isinstance(message, str) else tuple(message))  # type: ignore[arg-type]
    return found


def catalogue(lang: str) -> Any:
    with open(LOCALE / lang / "LC_MESSAGES" / "sovscore.po", encoding="utf-8") as handle:
        return read_po(handle, locale=lang)


def test_every_message_has_a_french_translation() -> None:
    french = catalogue("fr")
    missing = []
    for message in sorted(extracted(), key=str):
        entry = french.get(message if isinstance(message, str) else message[0])
        translated = entry is not None and (
            all(entry.string) if isinstance(entry.string, tuple | list) else bool(entry.string)
        )
        if not translated or (entry is not None and entry.fuzzy):
            missing.append(message)
    assert not missing, (
        f"{len(missing)} messages without French (python scripts/i18n.py update): {missing[:10]}"
    )


def _key(text: Any) -> Any:
    """Babel reads plural forms as a list from a .mo, a tuple from a .po."""
    return tuple(text) if isinstance(text, list | tuple) else text


def test_the_compiled_catalogue_is_the_one_its_po_gives() -> None:
    po = catalogue("fr")
    with open(LOCALE / "fr" / "LC_MESSAGES" / "sovscore.mo", "rb") as handle:
        mo = read_mo(handle)
    wanted = {_key(m.id): _key(m.string) for m in po if m.id and m.string and not m.fuzzy}
    compiled = {_key(m.id): _key(m.string) for m in mo if m.id}
    assert compiled == wanted, "stale .mo: run python scripts/i18n.py compile"


def test_placeholders_survive_translation() -> None:
    """A translation keeps every {name} of its message, or formatting would fail in French."""
    import re

    names = re.compile(r"\{(\w+)\}|%\((\w+)\)s")
    for entry in catalogue("fr"):
        if not entry.id or not entry.string:
            continue
        ids = entry.id if isinstance(entry.id, tuple | list) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple | list) else (entry.string,)
        wanted = {a or b for text in ids for a, b in names.findall(text)}
        for text in strings:
            assert {a or b for a, b in names.findall(text)} == wanted, (entry.id, text)


def test_french_numbers_and_dates() -> None:
    import datetime as dt

    from sovscore.model.dates import PartialDate

    i18n.set_language("fr")
    try:
        assert i18n.number(80.0) == "80,0"
        assert i18n.day(dt.date(2026, 12, 1)) == "1 déc. 2026"
        assert i18n.day(PartialDate(2026, 7)) == "juil. 2026"
        assert i18n.day(PartialDate(2026)) == "2026"
    finally:
        i18n.set_language("en")
    assert i18n.number(80.0) == "80.0" and i18n.day(dt.date(2026, 12, 1)) == "2026-12-01"


def test_the_locale_chooses_the_language_of_people_not_of_scripts(run: Any) -> None:
    french = run("rank", "--no-color", env={"LANG": "fr_FR.UTF-8"}).stdout
    english = run("rank", "--no-color").stdout
    assert french != english and "Prestataire" in french
    # A language sovscore does not speak falls back to English.
    assert run("rank", "--no-color", env={"LC_ALL": "de_DE.UTF-8"}).stdout == english
    document = json.loads(run("rank", "--json", env={"LANG": "fr_FR.UTF-8"}).stdout)
    first = document["providers"][0]
    assert {"score", "grade", "criteria"} <= set(first)
    assert "qualified" in json.dumps(document)  # codes stay codes
    asked = json.loads(run("rank", "--json", "--lang", "fr").stdout)
    assert asked["providers"][0]["criteria"][0]["id"] == first["criteria"][0]["id"]


def test_french_rubric_texts(run: Any) -> None:
    out = run("rubric", "--lang", "fr", "--format", "markdown").stdout
    assert "Actionnariat français" in out and "Localisation des données" in out
    assert run("rubric", "--lang", "xx").exit_code == 2


FRENCH_WORDS = {
    "rank": ("Prestataire", "Score"),
    "show": ("Actionnariat", "Sources"),
    "offers": ("Offre", "Prestataire"),
    "compare": ("Critère", "écart"),
    "diff": ("2026",),
    "coverage": ("Couverture", "critère"),
    "due": ("revérifier",),
}


def test_every_human_format_of_every_command_speaks_french(run: Any) -> None:
    """Each command, in tables and Markdown, says its words in French and writes French numbers
    (a decimal comma) and French dates."""
    for args in (
        ["rank"],
        ["show", "numspot"],
        ["offers"],
        ["compare", "numspot", "s3ns"],
        ["diff", "2026-11-28", "2026-12-01"],
        ["coverage"],
        ["due"],
    ):
        for fmt in ("table", "markdown"):
            extra = [] if args[0] == "diff" else ["--as-of", "2026-12-01"]
            result = run(*args, "--lang", "fr", "--format", fmt, "--no-color", *extra)
            assert result.exit_code in (0, 1), (args, result.stderr)
            english = run(*args, "--format", fmt, "--no-color", *extra).stdout
            text = " ".join(result.stdout.split())
            assert text and result.stdout != english, (args, fmt)
            for word in FRENCH_WORDS[args[0]]:
                assert word.casefold() in text.casefold(), (args, fmt, word)
