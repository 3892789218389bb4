"""What ships with sovscore: the bundled providers and the rubric presets."""

from __future__ import annotations

from pathlib import Path as FilePath

from ..errors import UsageError
from ..escape import quote
from .files import STDIN

DATA = FilePath(__file__).parents[1] / "data"
"""The package's data folder (what importlib.resources.files("sovscore") / "data" names for an
installed package, without importing its resource readers and zipfile at every start)."""


def bundled_providers() -> str:
    """The providers.yaml shipped in the wheel, or the checkout's in an editable install."""
    packaged = DATA / "providers.yaml"
    if packaged.is_file():
        return str(packaged)
    return str(FilePath(__file__).resolve().parents[3] / "providers.yaml")


def schema_file(kind: str) -> str:
    """Where the JSON Schema of a file kind is installed (in the wheel, or the checkout's)."""
    packaged = DATA / "schemas" / f"{kind}.schema.json"
    if packaged.is_file():
        return str(packaged)
    return str(FilePath(__file__).resolve().parents[3] / "schemas" / f"{kind}.schema.json")


def bundled_rubric(name: str = "default") -> str:
    return str(DATA / "rubrics" / f"{name}.yaml")


def preset_names() -> list[str]:
    """The rubric presets shipped with sovscore, usable as `--rubric NAME`."""
    folder = DATA / "rubrics"
    return sorted(
        f.name.removesuffix(".yaml") for f in folder.iterdir() if f.name.endswith(".yaml")
    )


def rubric_path(name_or_path: str) -> str:
    """A file path wins; otherwise a preset name; otherwise a clear error naming the presets."""
    if name_or_path == STDIN or FilePath(name_or_path).exists():
        return name_or_path
    if name_or_path in preset_names():
        return bundled_rubric(name_or_path)
    raise UsageError(
        f"--rubric: no file or preset named {quote(name_or_path)}",
        hint=f"presets: {', '.join(preset_names())}; see `sovscore rubrics`",
    )
