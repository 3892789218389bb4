"""Text from files is data: never a control sequence, a forged line or a reversed direction.

Every echo of user text (terminal, markdown, messages, completion) goes through here, so one rule
decides what a reader sees: control characters (C0, C1, DEL), bidirectional overrides and
isolates, line and paragraph separators, zero-width format characters and byte-order marks are
shown as escapes (`\\x1b`, `\\u202e`), the way Python writes them. Stdlib only: the bottom layer.
"""

from __future__ import annotations

import re

_INVISIBLE = (
    "\x00-\x09\x0b-\x1f\x7f-\x9f"  # C0 (but newline), DEL, C1
    "\u061c\u200b-\u200f"  # Arabic letter mark, zero-width spaces and marks
    "\u2028\u2029"  # line and paragraph separators: a newline to some readers
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\ufeff"  # byte-order mark / zero-width no-break space
)
_MULTI_LINE = re.compile(f"[{_INVISIBLE}]")
_ONE_LINE = re.compile(f"[\n{_INVISIBLE}]")
LONG = 60
"""Longest piece of user text quoted in a message (a key, a name) before it is cut."""


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def clean(text: str) -> str:
    """Text as a reader may see it: invisible and control characters escaped, newlines kept."""
    return _MULTI_LINE.sub(_escape, text)


def one_line(text: str, limit: int | None = None) -> str:
    """Text that stays on one line (a message, a field path): newlines escaped too, and cut to
    `limit` characters with '...' so that a long key cannot flood a message."""
    if limit is not None and len(text) > limit:
        text = text[: limit - 3] + "..."
    return _ONE_LINE.sub(_escape, text)


SHELL_SPECIAL = frozenset("\"'\\$`!&|;<>()*?[]{}")
"""Characters a POSIX shell, zsh or fish reads as syntax rather than as part of a word."""


def is_plain_word(text: str) -> bool:
    """A word a shell takes as one argument with no quoting: what completion may offer (a
    candidate such as `AT&T` or `O'Neil` would run or open a quote instead; its provider's id is
    always offered). `#` or `~` in front would start a comment or a home directory."""
    return (
        bool(text)
        and not text.startswith(("#", "~"))
        and not any(c.isspace() or not c.isprintable() or c in SHELL_SPECIAL for c in text)
    )


def quote(value: object, limit: int = LONG) -> str:
    """`'text'` for a message, as Python writes it (controls escaped), cut to `limit`."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)
