"""The `sovscore` command's entry point: answer `--version` before importing anything heavy,
then hand over to the typer app (which imports what each command needs, when it needs it)."""

from __future__ import annotations

import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        print(f"sovscore {__version__}")
        return
    # pydantic looks for third-party plugins in every installed package's metadata (about 10 ms
    # at each start); a command-line run has no use for them.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .cli import main as run

    run()
