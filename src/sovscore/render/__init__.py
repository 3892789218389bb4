"""One renderer per output format, behind one interface: results in, text out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from ..model.rubric import Rubric
from ..score.explain import Citation
from ..score.scoring import ProviderResult, Ranking

if TYPE_CHECKING:
    from ..score.compare import Comparison
    from ..score.sensitivity import Sensitivity

Format = Literal["table", "json", "ndjson", "csv", "markdown"]
FORMATS: tuple[Format, ...] = ("table", "json", "ndjson", "csv", "markdown")
FIELD_FORMATS: tuple[Format, ...] = ("json", "ndjson", "csv")
"""The formats `--fields` applies to."""


@dataclass(frozen=True)
class Detail:
    """One provider's result with everything `show` explains: rubric, date and cited sources."""

    ranking: Ranking
    result: ProviderResult
    citations: list[Citation]
    total: int


@dataclass(frozen=True)
class Style:
    color: bool = False
    width: int | None = None
    fields: tuple[str, ...] | None = None
    """For json, ndjson and csv rankings: only these fields of each provider, in this order."""
    ascii: bool = False
    """The terminal's encoding cannot show box lines and bars: draw them in ASCII."""


class Renderer(Protocol):
    data: bool
    """A data format (UTF-8 whatever the locale), rather than text for people."""

    def ranking(self, ranking: Ranking) -> str: ...

    def detail(self, detail: Detail) -> str: ...

    def sources(self, detail: Detail) -> str: ...

    def rubric(self, rubric: Rubric) -> str: ...

    def rubrics(self, rubrics: list[Rubric]) -> str: ...

    def compare(self, comparison: Comparison) -> str: ...

    def sensitivity(self, ranking: Ranking, analysis: Sensitivity) -> str: ...


def renderer_for(fmt: Format, style: Style) -> Renderer:
    return _FACTORIES[fmt](style)


def _table(style: Style) -> Renderer:
    from .table import TableRenderer

    return TableRenderer(style)


def _json(style: Style) -> Renderer:
    from .json import JsonRenderer

    return JsonRenderer(style.fields)


def _ndjson(style: Style) -> Renderer:
    from .ndjson import NdjsonRenderer

    return NdjsonRenderer(style.fields)


def _csv(style: Style) -> Renderer:
    from .csv import CsvRenderer

    return CsvRenderer(style.fields)


def _markdown(style: Style) -> Renderer:
    from .markdown import MarkdownRenderer

    return MarkdownRenderer()


_FACTORIES: dict[Format, Callable[[Style], Renderer]] = {
    "table": _table,
    "json": _json,
    "ndjson": _ndjson,
    "csv": _csv,
    "markdown": _markdown,
}
