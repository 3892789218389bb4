"""The documented JSON shape of results, shared by the JSON and CSV renderers."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from .. import __version__
from ..errors import UsageError
from ..escape import quote
from ..i18n import _
from .shapes import (
    CriterionEntry,
    DocumentHeader,
    GateEntry,
    OfferListing,
    OffersDocument,
    OfferSummary,
    ProviderEntry,
    RankingDocument,
    RubricSummary,
)

if TYPE_CHECKING:
    from ..measures.base import Measure
    from ..model.rubric import Rubric
    from ..score.compare import Comparison
    from ..score.coverage import Coverage, Due
    from ..score.diff import Diff
    from ..score.explain import Explanation
    from ..score.gates import GateResult
    from ..score.offers import OfferRow
    from ..score.scoring import CriterionResult, ProviderResult, Ranking
    from ..score.sensitivity import Sensitivity

SCHEMA_VERSION: Literal[2] = 2


def header(ranking: Ranking) -> DocumentHeader:
    """What every document about a ranking begins with: which sovscore, which day, from which
    point on the facts are projected, when the registers were last read, which rubric."""
    projected = ranking.projected_after
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "as_of": ranking.as_of.isoformat(),
        "projected_after": projected.isoformat() if projected else None,
        "register_reads": {k: v.isoformat() for k, v in ranking.register_reads.items()},
        "rubric": rubric_summary(ranking.rubric, ranking.weights),
    }


def rubric_summary(rubric: Rubric, weights: dict[str, float]) -> RubricSummary:
    return {
        "id": rubric.id,
        "version": rubric.version,
        "unknown": rubric.unknown,
        "seal": rubric.seal,
        "gates": [{"id": g.id, "label": g.label, "article": g.article} for g in rubric.gates],
        "criteria": [
            {"id": c.id, "label": c.label, "weight": round(weights[c.id], 6)}
            for c in rubric.criteria
        ],
    }


def criterion(result: CriterionResult, seal: bool) -> CriterionEntry:
    """One criterion's result; `seal` when the rubric reports SEAL levels."""
    entry: CriterionEntry = {
        "id": result.id,
        "value": round(result.value, 4) if isinstance(result.value, float) else result.value,
        "points": result.points,
        "weight": round(result.weight, 6),
        "contribution": round(result.contribution, 2),
        "status": result.status,
        "reason": result.reason,
        "sources": list(result.sources),
        "evidence": result.evidence,
        "basis": result.basis,
        "points_low": result.low,
        "points_high": result.high,
        "notes": list(result.notes),
    }
    if seal:
        entry["seal"] = result.seal
    return entry


def gate(result: GateResult) -> GateEntry:
    return {
        "id": result.id,
        "label": result.label,
        "article": result.article,
        "status": result.status,
        "reason": result.reason,
        "sources": list(result.sources),
    }


def provider(result: ProviderResult, rubric: Rubric, key: str | None = None) -> ProviderEntry:
    """One result; `key` names it as its ranking does (a provider id, or provider/offer)."""
    entry: ProviderEntry = {
        "rank": result.rank,
        "id": key or result.provider.id,
        "name": result.provider.name,
        "provider": result.provider.id,
        "offer": result.offer.id,
        "offer_name": result.offer.name,
        "service_models": list(result.offer.service_models),
        "score": round(result.score, 1),
        "grade": result.grade,
        "coverage": round(result.coverage, 4),
        "score_low": round(result.low, 1),
        "score_high": round(result.high, 1),
        "rank_best": result.places[0],
        "rank_worst": result.places[1],
        "primary_share": None if result.primary is None else round(result.primary, 4),
        "basis": list(result.bases),
        "reviewed": str(result.provider.reviewed),
        "projected": result.projected,
        "criteria": [criterion(c, rubric.seal) for c in result.criteria],
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
    }
    if rubric.seal:
        entry["seal"] = result.seal
        entry["seal_at_most"] = result.seal_at_most
    if result.eligibility is not None:  # the rubric has gates
        entry["eligible"] = result.eligibility == "eligible"
        entry["eligibility"] = result.eligibility
        entry["failed_gates"] = [g.id for g in result.gates if g.status == "fail"]
        entry["unshown_gates"] = [g.id for g in result.gates if g.status == "unknown"]
        entry["gates"] = [gate(g) for g in result.gates]
    if result.offers:
        entry["offers"] = [offer_summary(o) for o in result.offers]
    return entry


def offer_summary(result: ProviderResult) -> OfferSummary:
    summary: OfferSummary = {
        "id": result.ref,
        "name": result.offer.name,
        "service_models": list(result.offer.service_models),
        "score": round(result.score, 1),
        "grade": result.grade,
    }
    if result.eligibility is not None:
        summary["eligibility"] = result.eligibility
    return summary


def entries(ranking: Ranking) -> list[ProviderEntry]:
    return [provider(r, ranking.rubric, ranking.key(r)) for r in ranking.results]


def records_key(ranking: Ranking) -> Literal["providers", "offers"]:
    """Where a ranking's records go in its document."""
    return "providers" if ranking.unit == "provider" else "offers"


def check_fields(fields: tuple[str, ...] | None, valid: list[str]) -> None:
    """An unknown name lists the valid ones (`gh --json`): checked before any record is written,
    so it is an error even when no record is listed."""
    unknown = [f for f in fields or () if f not in valid]
    if unknown:
        close = difflib.get_close_matches(unknown[0], valid, n=1)
        guess = _("did you mean {field}? ").format(field=quote(close[0])) if close else ""
        raise UsageError(
            _("--json: unknown field {field}").format(field=quote(unknown[0])),
            hint=guess + _("valid fields: {fields}").format(fields=", ".join(valid)),
        )


def record_fields(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """The fields records have, in their order (records without a fixed list: detail, sources,
    compare, sensitivity, diff)."""
    return list(dict.fromkeys(k for r in records for k in r))


def select(
    records: Sequence[Mapping[str, Any]],
    fields: tuple[str, ...] | None,
    also: Sequence[str] = (),
) -> list[Any]:
    """`--json FIELDS` on records whose fields are those they have (and `also`, null where
    absent): checked, then picked."""
    if fields is None:
        return list(records)
    if records:
        valid = record_fields(records)
        check_fields(fields, valid + [f for f in also if f not in valid])
    return [pick(r, fields) for r in records]


def context(ranking: Ranking) -> dict[str, Any]:
    """What an NDJSON line carries so that an appended log keeps its context: the day and the
    rubric."""
    return {"as_of": ranking.as_of.isoformat(), "rubric": ranking.rubric.id}


def pick(entry: Mapping[str, Any], fields: tuple[str, ...] | None) -> dict[str, Any]:
    """Only the fields asked for (already checked), in their order."""
    if fields is None:
        return dict(entry)
    return {f: entry.get(f) for f in fields}


SEAL_FIELDS = ("seal", "seal_at_most")
GATE_FIELDS = ("eligible", "eligibility", "failed_gates", "unshown_gates", "gates")


def provider_fields(ranking: Ranking) -> list[str]:
    """The fields a provider entry has in this run: seal fields with an EU CSF rubric, gate
    fields when the rubric (or --min-seal) has gates; known before any provider is scored."""
    gated = ranking.gated
    return [
        f
        for f in ProviderEntry.__annotations__
        if (f not in SEAL_FIELDS or ranking.rubric.seal)
        and (f not in GATE_FIELDS or gated)
        and (f != "offers" or ranking.unit == "provider")
    ]


def selectable_fields(ranking: Ranking) -> list[str]:
    """What --json FIELDS may name in a ranking: its fields, and the gate fields even under a
    rubric without gates (null there), so that one script works under every rubric."""
    fields = provider_fields(ranking)
    return fields + [f for f in GATE_FIELDS if f not in fields]


def ranking_document(ranking: Ranking) -> RankingDocument:
    # mypy wants every NotRequired key accounted for in a ** item; they are set below.
    document: RankingDocument = {
        **header(ranking),  # type: ignore[typeddict-item]
        "unit": ranking.unit,
        "scope": sorted(ranking.scope) if ranking.scope is not None else None,
        "out_of_scope": list(ranking.out_of_scope),
    }
    if ranking.min_seal is not None:
        document["min_seal"] = ranking.min_seal
    document[records_key(ranking)] = entries(ranking)
    return document


def detail_document(detail: Explanation) -> dict[str, Any]:
    ranking = detail.ranking
    return {
        **header(ranking),
        "projected_after": detail.projected_after.isoformat() if detail.projected_after else None,
        **provider(detail.result, ranking.rubric, ranking.key(detail.result)),
        "unit": ranking.unit,
        "out_of": detail.out_of,
        "runs_on": [link.ref for link in detail.result.subject.chain()[1:]],
        "profile": detail.result.provider.model_dump(mode="json"),
        "overridden_by": list(detail.corrections),
        "sources": citation_list(detail),
    }


def citation_list(detail: Explanation) -> list[dict[str, Any]]:
    return [
        {**c.source.model_dump(mode="json"), "supports": list(c.supports)} for c in detail.citations
    ]


def sources_document(detail: Explanation) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "id": detail.ranking.key(detail.result),
        "name": detail.result.provider.name,
        "sources": citation_list(detail),
    }


def rubric_document(rubric: Rubric) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        **rubric.model_dump(mode="json"),
        "normalised_weights": {k: round(v, 6) for k, v in rubric.normalised_weights().items()},
    }


def compare_document(comparison: Comparison) -> dict[str, Any]:
    ranking = comparison.ranking
    ids = [ranking.key(r) for r in comparison.results]
    return {
        **header(ranking),
        "providers": [
            {
                k: v
                for k, v in provider(r, ranking.rubric, ranking.key(r)).items()
                if k not in ("criteria", "gates", "offers")
            }
            for r in comparison.results
        ],
        "criteria": [
            {
                "id": row.id,
                "label": row.label,
                "weight": round(row.weight, 6),
                "spread": round(row.spread, 2),
                "leaders": [ids[i] for i in row.leaders],
                "cells": [
                    {"provider": ids[i], **criterion(c, ranking.rubric.seal)}
                    for i, c in enumerate(row.cells)
                ],
            }
            for row in comparison.rows
        ],
        "decisive": [row.id for row in comparison.decisive()],
    }


def sensitivity_document(analysis: Sensitivity) -> dict[str, Any]:
    ranking = analysis.ranking
    scores = {ranking.key(r): round(r.score, 1) for r in ranking.results}
    return {
        **header(ranking),
        "samples": analysis.samples,
        "spread": analysis.spread,
        "seed": analysis.seed,
        "percentiles": list(analysis.percentiles),
        "providers": [
            {
                "id": p.id,
                "score": scores[p.id],
                "rank": p.base_rank,
                "rank_range": [p.rank_p5, p.rank_p95],
                "rank_min": p.rank_min,
                "rank_max": p.rank_max,
                "p_keeps_rank": round(p.p_keeps_rank, 4),
                "p_first": round(p.p_first, 4),
                "fragile": p.fragile,
            }
            for p in analysis.providers
        ],
        "pairs": [
            {
                "upper": pair.upper,
                "lower": pair.lower,
                "gap": round(scores[pair.upper] - scores[pair.lower], 1),
                "tied": pair.tied,
                "swap": None
                if pair.swap is None
                else {
                    "criterion": pair.swap.criterion,
                    "weight": pair.swap.weight,
                    "new_weight": round(pair.swap.new_weight, 4),
                    "change": round(pair.swap.change, 4),
                },
                "fragile": pair.fragile,
            }
            for pair in analysis.pairs
        ],
    }


def rubrics_document(rubrics: list[Rubric]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "rubrics": [
            {
                "id": r.id,
                "version": r.version,
                "title": r.title,
                "source": r.source,
                "criteria": len(r.criteria),
                "gates": len(r.gates),
                "seal": r.seal,
            }
            for r in rubrics
        ],
    }


def measures_document(measures: Sequence[Measure]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "measures": [
            {
                "name": m.name,
                "kind": m.kind,
                "values": list(m.table_keys()),
                "reads": list(m.reads),
                "description": m.description,
            }
            for m in measures
        ],
    }


def offers_document(ranking: Ranking, rows: Sequence[OfferRow]) -> OffersDocument:
    return {**header(ranking), "offers": [offer_listing(ranking, row) for row in rows]}


def offer_listing(ranking: Ranking, row: OfferRow) -> OfferListing:
    result = row.result
    offer = result.offer
    location, admin = offer.location, offer.administration
    listing: OfferListing = {
        "rank": result.rank,
        "id": result.ref,
        "provider": result.provider.id,
        "provider_name": result.provider.name,
        "offer": offer.id,
        "name": offer.name,
        "service_models": list(offer.service_models),
        "score": round(result.score, 1),
        "score_low": round(result.low, 1),
        "score_high": round(result.high, 1),
        "grade": result.grade,
        "location": None
        if location is None
        else {
            "storage": location.storage,
            "processing": location.processing,
            "regions": location.regions,
            "exclusive": location.exclusive,
            "contractual": location.contractual,
        },
        "administration": None
        if admin is None
        else {"countries": admin.countries, "non_eu": admin.non_eu},
        "runs_on": offer.runs_on,
        "qualifications": [
            {
                "scheme": s.scheme,
                "status": s.status,
                "label": s.label,
                "since": str(s.since) if s.since else None,
                "since_is_bound": s.since_is_bound,
                "valid_until": s.valid_until.isoformat() if s.valid_until else None,
                "valid_until_is_bound": s.valid_until_is_bound,
                "checked": s.checked.isoformat() if s.checked else None,
                "days_left": s.days_left,
                "version": s.version,
                "decision": s.decision,
                "reason": s.reason,
                "sources": list(s.sources),
                "evidence": s.evidence,
            }
            for s in row.statuses
        ],
    }
    if result.eligibility is not None:
        listing["eligibility"] = result.eligibility
    return listing


def _standing(result: ProviderResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "rank": result.rank,
        "offer": result.ref,
        "score": round(result.score, 1),
        "grade": result.grade,
        "eligibility": result.eligibility,
        "score_low": round(result.low, 1),
        "score_high": round(result.high, 1),
    }


def diff_records(changes: Diff) -> list[dict[str, Any]]:
    return [
        {
            "id": unit.key,
            "name": unit.name,
            "before": _standing(unit.before),
            "after": _standing(unit.after),
            "changes": [
                {"kind": c.kind, "subject": c.subject, "before": c.before, "after": c.after}
                for c in unit.changes
            ],
            "events": [
                {"date": e.date.isoformat(), "text": e.text, "offer": e.offer} for e in unit.events
            ],
            "moved_by": list(unit.moved_by),
        }
        for unit in changes.units
    ]


def diff_document(changes: Diff) -> dict[str, Any]:
    return {
        **header(changes.after),
        "since": changes.before.as_of.isoformat(),
        "unit": changes.after.unit,
        "changed": changes.changed,
        "changes": diff_records(changes),
    }


def coverage_records(report: Coverage) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "label": c.label,
            "sourced": c.sourced,
            "total": c.total,
            "share": round(c.sourced / c.total, 4) if c.total else 1.0,
            "unknown": list(c.unknown),
        }
        for c in report.criteria
    ]


def coverage_document(report: Coverage) -> dict[str, Any]:
    return {
        **header(report.ranking),
        "unit": report.ranking.unit,
        "sourced": report.sourced,
        "total": report.total,
        "share": round(report.share, 4),
        "criteria": coverage_records(report),
    }


def due_records(report: Due) -> list[dict[str, Any]]:
    return [
        {
            "kind": i.kind,
            "provider": i.provider,
            "subject": i.subject,
            "date": i.date.isoformat() if i.date else None,
            "overdue": i.date is not None and i.date <= report.as_of,
            "reason": i.reason,
            "sources": list(i.sources),
        }
        for i in report.items
    ]


def due_document(report: Due) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "as_of": report.as_of.isoformat(),
        "within": report.within,
        "register_age": report.register_age,
        "items": due_records(report),
    }
