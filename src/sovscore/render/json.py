"""JSON for scripts: one document, written with the json module, never through rich."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .documents import (
    GATE_FIELDS,
    check_fields,
    compare_document,
    coverage_document,
    detail_document,
    diff_document,
    due_document,
    measures_document,
    offers_document,
    pick,
    ranking_document,
    records_key,
    rubric_document,
    rubrics_document,
    select,
    selectable_fields,
    sensitivity_document,
    sources_document,
)
from .shapes import OfferListing

if TYPE_CHECKING:
    from ..measures.base import Measure
    from ..model.rubric import Rubric
    from ..score.compare import Comparison
    from ..score.coverage import Coverage, Due
    from ..score.diff import Diff
    from ..score.explain import Explanation
    from ..score.offers import OfferRow
    from ..score.scoring import Ranking
    from ..score.sensitivity import Sensitivity


def _dump(document: Mapping[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class JsonRenderer:
    data = True

    def __init__(self, fields: tuple[str, ...] | None = None) -> None:
        self.fields = fields

    def ranking(self, ranking: Ranking) -> str:
        document: dict[str, Any] = dict(ranking_document(ranking))
        if self.fields is not None:
            check_fields(self.fields, selectable_fields(ranking))
            key = records_key(ranking)
            document[key] = [pick(p, self.fields) for p in document[key]]
        return _dump(document)

    def _selected(self, document: dict[str, Any], key: str) -> str:
        """`--json FIELDS`: only these fields of each record under `key`."""
        document[key] = select(document[key], self.fields)
        return _dump(document)

    def detail(self, detail: Explanation) -> str:
        document = detail_document(detail)
        return _dump(select([document], self.fields, GATE_FIELDS)[0])

    def sources(self, detail: Explanation) -> str:
        return self._selected(sources_document(detail), "sources")

    def rubric(self, rubric: Rubric) -> str:
        return _dump(rubric_document(rubric))

    def rubrics(self, rubrics: list[Rubric]) -> str:
        return _dump(rubrics_document(rubrics))

    def compare(self, comparison: Comparison) -> str:
        return self._selected(compare_document(comparison), "criteria")

    def sensitivity(self, analysis: Sensitivity) -> str:
        return self._selected(sensitivity_document(analysis), "providers")

    def offers(self, ranking: Ranking, rows: list[OfferRow]) -> str:
        document: dict[str, Any] = dict(offers_document(ranking, rows))
        if self.fields is not None:
            check_fields(self.fields, list(OfferListing.__annotations__))
            document["offers"] = [pick(p, self.fields) for p in document["offers"]]
        return _dump(document)

    def measures(self, measures: list[Measure]) -> str:
        return _dump(measures_document(measures))

    def diff(self, changes: Diff) -> str:
        return self._selected(diff_document(changes), "changes")

    def coverage(self, report: Coverage) -> str:
        return _dump(coverage_document(report))

    def due(self, report: Due) -> str:
        return _dump(due_document(report))
