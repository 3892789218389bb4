"""Keep the translations in step with the code, with Babel's tooling.

    python scripts/i18n.py update    # extract the messages, merge them into each .po file
    python scripts/i18n.py compile   # compile each .po into the .mo sovscore reads

The catalogues live in src/sovscore/locale/<lang>/LC_MESSAGES/sovscore.po (translators edit
these) and .mo (compiled, shipped in the wheel). tests/test_i18n.py fails when a message has no
French translation or a .mo is older than its .po.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "sovscore" / "locale"
TEMPLATE = LOCALE / "sovscore.pot"
KEYWORDS = ["-k", "_", "-k", "n_:1,2"]


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    pybabel(
        "extract",
        "-F",
        str(ROOT / "babel.cfg"),
        *KEYWORDS,
        "--no-location",
        "--sort-output",
        "--omit-header",
        "--add-comments",
        "Translators:",
        "-o",
        str(TEMPLATE),
        str(ROOT),
    )


def update() -> None:
    extract()
    for po in LOCALE.glob("*/LC_MESSAGES/sovscore.po"):
        pybabel(
            "update", "-i", str(TEMPLATE), "-o", str(po), "-l", po.parent.parent.name,
            "--no-fuzzy-matching", "--ignore-obsolete",
        )  # fmt: skip


def compile_all() -> None:
    pybabel("compile", "-d", str(LOCALE), "-D", "sovscore", "--statistics")


if __name__ == "__main__":
    {"extract": extract, "update": update, "compile": compile_all}[sys.argv[1]]()
