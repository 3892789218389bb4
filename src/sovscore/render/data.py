"""The documented JSON shape of results, shared by the JSON and CSV renderers."""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..rubric import Rubric
from ..scoring import CriterionResult, ProviderResult, Ranking
from . import Detail

SCHEMA_VERSION = 1


def rubric_summary(rubric: Rubric, weights: dict[str, float]) -> dict[str, Any]:
    return {
        "id": rubric.id,
        "version": rubric.version,
        "unknown": rubric.unknown,
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
    }


def provider(result: ProviderResult) -> dict[str, Any]:
    return {
        "rank": result.rank,
        "id": result.provider.id,
        "name": result.provider.name,
        "score": round(result.score, 1),
        "grade": result.grade,
        "coverage": round(result.coverage, 4),
        "criteria": [criterion(c) for c in result.criteria],
        "warnings": [{"code": w.code, "message": w.message} for w in result.warnings],
    }


def ranking_document(ranking: Ranking) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "as_of": ranking.as_of.isoformat(),
        "rubric": rubric_summary(ranking.rubric, ranking.weights),
        "providers": [provider(r) for r in ranking.results],
    }


def detail_document(detail: Detail) -> dict[str, Any]:
    ranking = detail.ranking
    return {
        "schema_version": SCHEMA_VERSION,
        "sovscore_version": __version__,
        "as_of": ranking.as_of.isoformat(),
        "rubric": rubric_summary(ranking.rubric, ranking.weights),
        **provider(detail.result),
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
