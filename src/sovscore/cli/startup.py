"""What a start of the command need not pay for.

pydantic's plugin loader imports `importlib.metadata` when pydantic is imported (`from
importlib.metadata import entry_points`, pydantic/plugin/_loader.py), about 15 ms, and calls
`entry_points` only when plugins are enabled; sovscore disables them (cli/entry.py). Until
something really uses it, `importlib.metadata` is a stand-in module here: `entry_points` is a
function that imports the real module when called, and any other attribute imports it at once,
so what any code gets is what the real module gives. tests/test_startup.py fails loudly when
pydantic (or anything else) starts using the module at start-up, or stops importing it this way.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

NAME = "importlib.metadata"


class _Deferred(types.ModuleType):
    """`importlib.metadata` until first use: then the real module, imported."""

    def __getattr__(self, name: str) -> Any:
        if name == "entry_points":
            return _entry_points
        return getattr(_real(), name)


def _real() -> types.ModuleType:
    if isinstance(sys.modules.get(NAME), _Deferred):
        del sys.modules[NAME]
    return importlib.import_module(NAME)


def _entry_points(**params: Any) -> Any:
    return _real().entry_points(**params)


def defer_metadata() -> None:
    """Put the stand-in in place, unless the real module is imported already."""
    if NAME in sys.modules:
        return
    stand_in = _Deferred(NAME, "importlib.metadata, imported on first use (sovscore.cli.startup)")
    # `from importlib.metadata import entry_points` asks for __path__ first (is it a package?):
    # the real package's, so that asking does not import it, and a submodule still imports.
    stand_in.__path__ = [os.path.join(importlib.__path__[0], "metadata")]
    sys.modules[NAME] = stand_in
    importlib.metadata = stand_in  # what `import importlib.metadata` binds
