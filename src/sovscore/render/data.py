"""The documented JSON shape of results, shared by the JSON and CSV renderers."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..comparison import Comparison
from ..gates import GateResult
from ..rubric import Rubric
from ..scoring import CriterionResult, ProviderResult, Ranking
from ..sensitivity import PERCENTILES, Sensitivity
from . import Detail

SCHEMA_VERSION = 1


def rubric_summary(rubric: Rubric, weights: dict[str, float]) -> dict[str, Any]:
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


def criterion(result: CriterionResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "value": result.value,
        "points": result.points,
        "weight": round(result.weight, 6),
        "contribution": round(result.contribution, 2),
        "status": result.status,
        "reason": result.reason,
        "sources": list(result.sources),
        **({"seal": result.seal} if result.measure.startswith("csf_") else {}),
    }


def gate(result: GateResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "label": result.label,
        "article": result.article,
        "status": result.status,
        "reason": result.reason,
        "sources": list(result.sources),
    }


def eligibility(result: ProviderResult) -> dict[str, Any]:
    """Present only when the rubric has gates: eligible is true only when every gate is shown met."""
    if result.eligibility is None:
        return {}
    return {
        "eligible": result.eligibility == "eligible",
        "eligibility": result.eligibility,
        "failed_gates": [g.id for g in result.gates if g.status == "fail"],
        "unshown_gates": [g.id for g in result.gates if g.status == "unknown"],
        "gates": [gate(g) for g in result.gates],
    }


def seal(result: ProviderResult, rubric: Rubric) -> dict[str, Any]:
    if not rubric.seal:
        return {}
    return {"seal": result.seal, "seal_at_most": result.seal_at_most}


def provider(result: ProviderResult, rubric: Rubric | None = None) -> dict[str, Any]:
    return {
        "rank": result.rank,
        "id": result.provider.id,
        "name": result.provider.name,
        "score": round(result.score, 1),
        "grade": result.grade,
        "coverage": round(result.coverage, 4),
        **(seal(result, rubric) if rubric is not None else {}),
        **eligibility(result),
        "criteria": [criterion(c) for c in result.criteria],
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
    }


def ranking_document(ranking: Ranking) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "as_of": ranking.as_of.isoformat(),
        "rubric": rubric_summary(ranking.rubric, ranking.weights),
        **({"min_seal": ranking.min_seal} if ranking.min_seal is not None else {}),
        "providers": [provider(r, ranking.rubric) for r in ranking.results],
    }


def detail_document(detail: Detail) -> dict[str, Any]:
    ranking = detail.ranking
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "as_of": ranking.as_of.isoformat(),
        "rubric": rubric_summary(ranking.rubric, ranking.weights),
        **provider(detail.result, ranking.rubric),
        "out_of": detail.total,
        "profile": detail.result.provider.model_dump(mode="json"),
        "sources": citation_list(detail),
    }


def citation_list(detail: Detail) -> list[dict[str, Any]]:
    return [
        {**c.source.model_dump(mode="json"), "supports": list(c.supports)} for c in detail.citations
    ]


def sources_document(detail: Detail) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "id": detail.result.provider.id,
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
    ids = [r.provider.id for r in comparison.results]
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "as_of": ranking.as_of.isoformat(),
        "rubric": rubric_summary(ranking.rubric, ranking.weights),
        "providers": [
            {k: v for k, v in provider(r, ranking.rubric).items() if k not in ("criteria", "gates")}
            for r in comparison.results
        ],
        "criteria": [
            {
                "id": row.id,
                "label": row.label,
                "weight": round(row.weight, 6),
                "spread": round(row.spread, 2),
                "leaders": [ids[i] for i in row.leaders],
                "cells": [{"provider": ids[i], **criterion(c)} for i, c in enumerate(row.cells)],
            }
            for row in comparison.rows
        ],
        "decisive": [row.id for row in comparison.decisive()],
    }


def sensitivity_document(ranking: Ranking, analysis: Sensitivity) -> dict[str, Any]:
    scores = {r.provider.id: round(r.score, 1) for r in ranking.results}
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "as_of": ranking.as_of.isoformat(),
        "rubric": rubric_summary(ranking.rubric, ranking.weights),
        "samples": analysis.samples,
        "spread": analysis.spread,
        "seed": analysis.seed,
        "percentiles": list(PERCENTILES),
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
