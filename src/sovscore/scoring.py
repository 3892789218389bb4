"""Score validated providers against a rubric on a date. Pure: no I/O, no rendering."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from .checks import ScoreWarning, warnings_for
from .measures import MEASURES, Value
from .profile import Provider
from .rubric import Rubric, points_for


@dataclass(frozen=True)
class CriterionResult:
    id: str
    label: str
    measure: str
    value: Value | None
    points: float | None
    weight: float
    """Normalised rubric weight (all criteria sum to 1)."""
    contribution: float
    """Points times effective weight: what this criterion adds to the 0-100 score."""
    status: Literal["scored", "unknown"]
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ProviderResult:
    provider: Provider
    score: float
    grade: str
    coverage: float
    """Share of the rubric's weight resting on known facts (0-1)."""
    criteria: tuple[CriterionResult, ...]
    warnings: tuple[ScoreWarning, ...]
    rank: int = 0


@dataclass(frozen=True)
class Ranking:
    rubric: Rubric
    as_of: dt.date
    weights: dict[str, float]
    results: tuple[ProviderResult, ...]


def score_provider(provider: Provider, rubric: Rubric, as_of: dt.date) -> ProviderResult:
    weights = rubric.normalised_weights()
    criteria: list[CriterionResult] = []
    for criterion in rubric.criteria:
        finding = MEASURES[criterion.measure].function(provider, as_of)
        known = finding.value is not None
        criteria.append(
            CriterionResult(
                id=criterion.id,
                label=criterion.label,
                measure=criterion.measure,
                value=finding.value,
                points=points_for(criterion, finding.value) if finding.value is not None else None,
                weight=weights[criterion.id],
                contribution=0.0,
                status="scored" if known else "unknown",
                reason=finding.reason,
                sources=finding.sources,
            )
        )
    coverage = math.fsum(c.weight for c in criteria if c.status == "scored")
    # `unknown: zero` keeps every weight (an unknown fact earns nothing); `exclude` spreads the
    # weight of unknown facts over the known ones.
    divisor = coverage if rubric.unknown == "exclude" and coverage > 0 else 1.0
    criteria = [
        replace(c, contribution=c.weight / divisor * c.points if c.points is not None else 0.0)
        for c in criteria
    ]
    score = min(100.0, max(0.0, math.fsum(c.contribution for c in criteria)))
    return ProviderResult(
        provider=provider,
        score=score,
        grade=rubric.grade(round(score, 1)),
        coverage=coverage,
        criteria=tuple(criteria),
        warnings=tuple(warnings_for(provider, as_of)),
    )


def rank(providers: Iterable[Provider], rubric: Rubric, as_of: dt.date) -> Ranking:
    """Highest score first (as shown, to one decimal); equal scores share a rank, ordered by id."""
    scored = sorted(
        (score_provider(p, rubric, as_of) for p in providers),
        key=lambda r: (-round(r.score, 1), r.provider.id),
    )
    ranked: list[ProviderResult] = []
    for position, result in enumerate(scored, start=1):
        tied = ranked and round(ranked[-1].score, 1) == round(result.score, 1)
        place = ranked[-1].rank if tied else position
        ranked.append(replace(result, rank=place))
    return Ranking(rubric, as_of, rubric.normalised_weights(), tuple(ranked))
