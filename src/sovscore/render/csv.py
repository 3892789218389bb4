"""CSV for spreadsheets: one row per provider (rank) or per criterion (show)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .documents import (
    check_fields,
    citation_list,
    compare_document,
    coverage_records,
    criterion,
    diff_records,
    due_records,
    entries,
    measures_document,
    offers_document,
    pick,
    rubrics_document,
    sensitivity_document,
)
from .style import CsvDialect

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

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is prefixed with ' (OWASP's rule)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        value = " ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _french(value: Any) -> Any:
    """A number as French Excel reads one: a decimal comma (text is left as it is)."""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return value


def _write(header: list[str], rows: Iterable[list[Any]], dialect: CsvDialect = "excel") -> str:
    buffer = io.StringIO()
    french = dialect == "excel-fr"
    writer = csv.writer(buffer, lineterminator="\n", delimiter=";" if french else ",")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_french(_cell(v)) if french else _cell(v) for v in row])
    text = buffer.getvalue()
    return "\ufeff" + text if french else text


class CsvRenderer:
    data = True

    def __init__(
        self, fields: tuple[str, ...] | None = None, dialect: CsvDialect = "excel"
    ) -> None:
        self.fields = fields
        self.dialect = dialect

    def _write(self, header: list[str], rows: Iterable[list[Any]]) -> str:
        """`--json FIELDS` / `--fields` with csv: only these columns, in this order."""
        if self.fields is None:
            return self._table(header, rows)
        check_fields(self.fields, header)
        where = [header.index(f) for f in self.fields]
        return self._table(list(self.fields), ([row[i] for i in where] for row in rows))

    def _table(self, header: list[str], rows: Iterable[list[Any]]) -> str:
        """One table of values as text (the xlsx renderer takes the values instead)."""
        return _write(header, rows, self.dialect)

    def ranking(self, ranking: Ranking) -> str:
        ids = [c.id for c in ranking.rubric.criteria]
        extra = ["seal", "seal_at_most"] if ranking.rubric.seal else []
        if ranking.gated:
            extra += ["eligibility", "failed_gates", "unshown_gates"]
        head = [
            "rank",
            "rank_best",
            "rank_worst",
            "id",
            "name",
            "offer",
            "offer_name",
            "score",
            "score_low",
            "score_high",
            "grade",
            "coverage",
            "primary_share",
            "projected",
            *extra,
        ]
        parts = ("value", "points", "evidence")
        header = head + [f"{i}_{part}" for i in ids for part in parts]
        header.append("warnings")
        rows = []
        for row in entries(ranking):
            cells = [row.get(k) for k in head]
            for c in row["criteria"]:
                cells += [c["value"], c["points"], c["evidence"]]
            cells.append(" | ".join(w["message"] for w in row["warnings"]))
            rows.append(cells)
        if self.fields is not None:
            # Gate fields may be named under a rubric without gates (blank there).
            gates = ["eligibility", "failed_gates", "unshown_gates"]
            check_fields(self.fields, header + [f for f in gates if f not in header])
            picked = [pick(dict(zip(header, r, strict=True)), self.fields) for r in rows]
            return self._write(list(self.fields), [list(p.values()) for p in picked])
        return self._write(header, rows)

    def detail(self, detail: Explanation) -> str:
        keys = [
            "id",
            "value",
            "points",
            "points_low",
            "points_high",
            "weight",
            "contribution",
            "status",
            "evidence",
            "basis",
            "reason",
            "notes",
            "sources",
        ]
        rows = [
            [" | ".join(c.notes) if k == "notes" else dict(criterion(c, False))[k] for k in keys]
            for c in detail.result.criteria
        ]
        return self._write(["criterion", *keys[1:]], rows)

    def sources(self, detail: Explanation) -> str:
        keys = ["id", "title", "publisher", "date", "accessed", "kind", "url"]
        rows = [[c[k] for k in keys] + [" | ".join(c["supports"])] for c in citation_list(detail)]
        return self._write([*keys, "supports"], rows)

    def rubric(self, rubric: Rubric) -> str:
        weights = rubric.normalised_weights()
        rows = []
        for c in rubric.criteria:
            for value, points in c.rule_rows():
                rows.append([c.id, c.label, round(weights[c.id], 6), c.measure, value, points])
        return self._write(["criterion", "label", "weight", "measure", "value", "points"], rows)

    def rubrics(self, rubrics: list[Rubric]) -> str:
        rows = rubrics_document(rubrics)["rubrics"]
        keys = ["id", "version", "title", "criteria", "gates", "seal", "source"]
        return self._write(keys, [[r[k] for k in keys] for r in rows])

    def compare(self, comparison: Comparison) -> str:
        keys = ["value", "points", "contribution", "status", "evidence", "reason", "sources"]
        rows = []
        for row in compare_document(comparison)["criteria"]:
            for cell in row["cells"]:
                rows.append(
                    [
                        row["id"],
                        cell["provider"],
                        row["weight"],
                        *(cell[k] for k in keys),
                        row["spread"],
                    ]
                )
        return self._write(["criterion", "provider", "weight", *keys, "spread"], rows)

    def offers(self, ranking: Ranking, rows: list[OfferRow]) -> str:
        """One row per offer and scheme status (an offer without any: one row, status blank)."""
        header = [
            "rank",
            "id",
            "provider",
            "name",
            "service_models",
            "score",
            "score_low",
            "score_high",
            "grade",
            "scheme",
            "status",
            "since",
            "valid_until",
            "valid_until_is_bound",
            "checked",
            "days_left",
            "version",
            "decision",
            "evidence",
            "storage",
            "regions",
            "runs_on",
        ]
        records: list[dict[str, Any]] = []
        for listing in offers_document(ranking, rows)["offers"]:
            location = listing["location"]
            base: dict[str, Any] = {
                **listing,
                "storage": location["storage"] if location else None,
                "regions": location["regions"] if location else None,
            }
            statuses: list[dict[str, Any]] = [dict(s) for s in listing["qualifications"]]
            for status in statuses or [{}]:
                records.append({**base, **status})
        if self.fields is not None:
            check_fields(self.fields, header)
            header = list(self.fields)
        return self._write(header, [[r.get(k) for k in header] for r in records])

    def measures(self, measures: list[Measure]) -> str:
        keys = ["name", "kind", "values", "reads", "description"]
        rows = measures_document(measures)["measures"]
        return self._write(keys, [[m[k] for k in keys] for m in rows])

    def sensitivity(self, analysis: Sensitivity) -> str:
        """One row per provider; its pair is the one with the provider ranked just below."""
        document = sensitivity_document(analysis)
        below = {pair["upper"]: pair for pair in document["pairs"]}
        header = [
            "rank",
            "id",
            "score",
            "rank_p5",
            "rank_p95",
            "p_keeps_rank",
            "p_first",
            "fragile",
        ]
        header += ["next_id", "gap_to_next", "swap_with_next", "pair_fragile"]
        rows = []
        for p in document["providers"]:
            pair = below.get(p["id"])
            swap = pair and pair["swap"]
            rows.append(
                [
                    p["rank"],
                    p["id"],
                    p["score"],
                    *p["rank_range"],
                    p["p_keeps_rank"],
                    p["p_first"],
                    p["fragile"],
                ]
                + (
                    [
                        pair["lower"],
                        pair["gap"],
                        swap and f"{swap['criterion']}={swap['new_weight']:g}",
                        pair["fragile"],
                    ]
                    if pair
                    else [None, None, None, None]
                )
            )
        return self._write(header, rows)

    def diff(self, changes: Diff) -> str:
        """One row per change, with the facts that explain its provider's (or offer's)."""
        header = ["since", "as_of", "id", "kind", "subject", "before", "after", "because"]
        rows = []
        for record in diff_records(changes):
            because = " | ".join(f"{e['date']}: {e['text']}" for e in record["events"])
            for change in record["changes"]:
                rows.append(
                    [
                        changes.before.as_of.isoformat(),
                        changes.after.as_of.isoformat(),
                        record["id"],
                        change["kind"],
                        change["subject"],
                        change["before"],
                        change["after"],
                        because,
                    ]
                )
        return self._write(header, rows)

    def coverage(self, report: Coverage) -> str:
        keys = ["id", "label", "sourced", "total", "share", "unknown"]
        return self._write(keys, [[r[k] for k in keys] for r in coverage_records(report)])

    def due(self, report: Due) -> str:
        keys = ["date", "overdue", "kind", "provider", "subject", "reason", "sources"]
        return self._write(keys, [[r[k] for k in keys] for r in due_records(report)])
