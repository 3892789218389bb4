"""The `sovscore` command's entry point: answer `--version` before importing anything heavy,
then hand over to the typer app (which imports what each command needs, when it needs it)."""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from .. import __version__

        print(f"sovscore {__version__}")
        return
    # pydantic looks for third-party plugins in every installed package's metadata (about 10 ms
    # at each start); a command-line run has no use for them.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # The cyclic garbage collector rescans the whole heap as it grows: a third of the time at
    # 10k providers, and more than linear beyond. A command's data holds no cycles to reclaim,
    # and the process ends when the command does.
    gc.disable()
    from .startup import defer_metadata

    defer_metadata()
    from .commands import main as run

    try:
        run()
    finally:
        # At exit the interpreter collects the whole heap once more, whatever gc.disable()
        # said: nothing there is worth the scan (about 10 % of a bundled command's time).
        # Frozen objects are out of the collector's reach.
        gc.freeze()
