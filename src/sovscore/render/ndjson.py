"""NDJSON for streams and `jq -c`: one JSON object per line, one line per record."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .documents import (
    check_fields,
    citation_list,
    compare_document,
    coverage_records,
    detail_document,
    diff_records,
    due_records,
    entries,
    measures_document,
    offers_document,
    pick,
    provider_fields,
    rubric_document,
    rubrics_document,
    sensitivity_document,
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


def _lines(records: Iterable[Mapping[str, Any]]) -> str:
    return "".join(
        json.dumps(r, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"
        for r in records
    )


class NdjsonRenderer:
    data = True

    def __init__(self, fields: tuple[str, ...] | None = None) -> None:
        self.fields = fields

    def ranking(self, ranking: Ranking) -> str:
        """One provider (or offer) per line: the records of --json."""
        check_fields(self.fields, provider_fields(ranking))
        return _lines(pick(e, self.fields) for e in entries(ranking))

    def offers(self, ranking: Ranking, rows: list[OfferRow]) -> str:
        check_fields(self.fields, list(OfferListing.__annotations__))
        return _lines(pick(e, self.fields) for e in offers_document(ranking, rows)["offers"])

    def detail(self, detail: Explanation) -> str:
        return _lines([detail_document(detail)])

    def sources(self, detail: Explanation) -> str:
        return _lines(citation_list(detail))

    def rubric(self, rubric: Rubric) -> str:
        document = rubric_document(rubric)
        weights = document["normalised_weights"]
        return _lines({**c, "normalised_weight": weights[c["id"]]} for c in document["criteria"])

    def rubrics(self, rubrics: list[Rubric]) -> str:
        return _lines(rubrics_document(rubrics)["rubrics"])

    def compare(self, comparison: Comparison) -> str:
        return _lines(compare_document(comparison)["criteria"])

    def sensitivity(self, analysis: Sensitivity) -> str:
        return _lines(sensitivity_document(analysis)["providers"])

    def measures(self, measures: list[Measure]) -> str:
        return _lines(measures_document(measures)["measures"])

    def diff(self, changes: Diff) -> str:
        """One changed provider (or offer) per line, with the two days and the rubric."""
        context = {
            "since": changes.before.as_of.isoformat(),
            "as_of": changes.after.as_of.isoformat(),
            "rubric": changes.after.rubric.id,
        }
        return _lines({**context, **r} for r in diff_records(changes))

    def coverage(self, report: Coverage) -> str:
        """One criterion per line, with the day and the rubric."""
        context = {"as_of": report.ranking.as_of.isoformat(), "rubric": report.ranking.rubric.id}
        return _lines({**context, **r} for r in coverage_records(report))

    def due(self, report: Due) -> str:
        """One item to re-check per line, with the day."""
        return _lines({"as_of": report.as_of.isoformat(), **r} for r in due_records(report))
