"""NDJSON for streams and `jq -c`: one JSON object per line, one line per record."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .documents import (
    GATE_FIELDS,
    check_fields,
    citation_list,
    compare_document,
    context,
    coverage_records,
    detail_document,
    diff_records,
    due_records,
    entries,
    measures_document,
    offers_document,
    pick,
    rubric_document,
    rubrics_document,
    select,
    selectable_fields,
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
        """One provider (or offer) per line: the records of --json, with the day and rubric."""
        check_fields(self.fields, [*context(ranking), *selectable_fields(ranking)])
        day = context(ranking)
        return _lines(pick({**day, **e}, self.fields) for e in entries(ranking))

    def offers(self, ranking: Ranking, rows: list[OfferRow]) -> str:
        check_fields(self.fields, [*context(ranking), *OfferListing.__annotations__])
        day = context(ranking)
        records = offers_document(ranking, rows)["offers"]
        return _lines(pick({**day, **e}, self.fields) for e in records)

    def detail(self, detail: Explanation) -> str:
        return _lines(select([detail_document(detail)], self.fields, GATE_FIELDS))

    def sources(self, detail: Explanation) -> str:
        day = context(detail.ranking)
        return _lines(select([{**day, **c} for c in citation_list(detail)], self.fields))

    def rubric(self, rubric: Rubric) -> str:
        document = rubric_document(rubric)
        weights = document["normalised_weights"]
        return _lines({**c, "normalised_weight": weights[c["id"]]} for c in document["criteria"])

    def rubrics(self, rubrics: list[Rubric]) -> str:
        return _lines(rubrics_document(rubrics)["rubrics"])

    def compare(self, comparison: Comparison) -> str:
        day = context(comparison.ranking)
        records = compare_document(comparison)["criteria"]
        return _lines(select([{**day, **r} for r in records], self.fields))

    def sensitivity(self, analysis: Sensitivity) -> str:
        day = context(analysis.ranking)
        records = sensitivity_document(analysis)["providers"]
        return _lines(select([{**day, **r} for r in records], self.fields))

    def measures(self, measures: list[Measure]) -> str:
        return _lines(measures_document(measures)["measures"])

    def diff(self, changes: Diff) -> str:
        """One changed provider (or offer) per line, with the two days and the rubric."""
        days = {
            "since": changes.before.as_of.isoformat(),
            "as_of": changes.after.as_of.isoformat(),
            "rubric": changes.after.rubric.id,
        }
        return _lines(select([{**days, **r} for r in diff_records(changes)], self.fields))

    def coverage(self, report: Coverage) -> str:
        """One criterion per line, with the day and the rubric."""
        days = {"as_of": report.ranking.as_of.isoformat(), "rubric": report.ranking.rubric.id}
        return _lines({**days, **r} for r in coverage_records(report))

    def due(self, report: Due) -> str:
        """One item to re-check per line, with the day."""
        return _lines({"as_of": report.as_of.isoformat(), **r} for r in due_records(report))
