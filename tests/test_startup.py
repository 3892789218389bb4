"""The start-up shortcuts of cli/startup.py and cli/entry.py: they must break loudly, not
silently, when pydantic changes, and never change what any code gets."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys

import pydantic.plugin._loader as pydantic_loader

SHIM = "sovscore/cli/startup.py"


def _imported(*args: str, env: dict[str, str] | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sovscore", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}


def _metadata(imported: set[str]) -> bool:
    """importlib.metadata or its submodules were imported (the stand-in imports the package
    through importlib.import_module, which -X importtime does not list; its submodules it does)."""
    return any(name.startswith("importlib.metadata") for name in imported)


def test_pydantic_still_imports_entry_points_by_name() -> None:
    """The stand-in for importlib.metadata counts on pydantic's plugin loader taking
    `entry_points` by name at import and calling it only with plugins enabled. If this fails,
    pydantic changed its loader: see whether the stand-in is still needed (drop it if pydantic
    now imports importlib.metadata lazily), and adapt it otherwise."""
    source = inspect.getsource(pydantic_loader)
    assert "from importlib.metadata import entry_points" in source, (
        f"pydantic's plugin loader changed how it imports importlib.metadata: revisit {SHIM}"
    )
    body = inspect.getsource(pydantic_loader.get_plugins)
    disabled = body.index("PYDANTIC_DISABLE_PLUGINS")
    assert disabled < body.index("entry_points("), (
        f"pydantic now reads entry points before checking PYDANTIC_DISABLE_PLUGINS: revisit {SHIM}"
    )


def test_bundled_commands_never_import_importlib_metadata() -> None:
    """Nothing at start-up uses importlib.metadata: if something starts to (pydantic, typer,
    rich or sovscore), this fails, and the start-up pays about 15 ms again."""
    for args in (["rank", "--json"], ["show", "numspot"], ["offers"]):
        assert not _metadata(_imported(*args)), (
            f"`sovscore {' '.join(args)}` imports importlib.metadata: the stand-in of {SHIM} "
            "no longer keeps it off the start-up"
        )


def test_plugins_enabled_read_the_real_entry_points() -> None:
    """With pydantic's plugins enabled, its loader calls entry_points: the real one runs."""
    imported = _imported("rank", "--json", env={"PYDANTIC_DISABLE_PLUGINS": ""})
    assert _metadata(imported)


def test_the_stand_in_gives_what_the_real_module_gives() -> None:
    code = """
import importlib, sys
from sovscore.cli.startup import defer_metadata, _Deferred
defer_metadata()
assert isinstance(sys.modules["importlib.metadata"], _Deferred)
import importlib.metadata as md
from importlib.metadata import entry_points
import pydantic
assert isinstance(sys.modules["importlib.metadata"], _Deferred), "pydantic used it at import"
assert md.version("pydantic") == pydantic.VERSION
real = sys.modules["importlib.metadata"]
assert not isinstance(real, _Deferred) and importlib.metadata is real
assert entry_points(group="console_scripts") == real.entry_points(group="console_scripts")
import importlib.metadata._meta
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_a_submodule_imports_under_the_stand_in() -> None:
    code = """
from sovscore.cli.startup import defer_metadata
defer_metadata()
import importlib.metadata._text
from importlib.metadata import version
print(version("pydantic"))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip(), done.stderr
